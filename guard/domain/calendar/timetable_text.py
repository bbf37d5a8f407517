"""A timetable in words, the same on the CLI, the web pages and the feed."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from guard.domain.calendar.elections import Timetable
from guard.domain.feed.wording import day_text, moment_text

ASSUMED_WHY = {
    "vacancy": "the by-election's notice can come any day after the vacancy",
    "cautious": "notices are often published before their latest date",
}


def assumed_reason(timetable: Timetable, vacancy_date: dt.date | None) -> str:
    return ASSUMED_WHY["vacancy" if vacancy_date is not None else "cautious"]


def start_status(
    timetable: Timetable, today: dt.date, *, vacancy_date: dt.date | None = None
) -> str:
    """How sure the start is: published, may already have started, or the latest date."""
    law = timetable.law
    latest = day_text(timetable.latest_start)
    if timetable.start_is_actual:
        return f"{law.actual_start_label} on {day_text(timetable.period_start.date())}"
    if timetable.assumed_start is not None:
        assumed = day_text(timetable.assumed_start)
        why = assumed_reason(timetable, vacancy_date)
        if timetable.may_have_started(today):
            return (
                f"May already have started: taken to run from {assumed} ({why}); "
                f"starts by {latest} at the latest"
            )
        if today < timetable.assumed_start:
            return f"Taken to start on {assumed} ({why}); by {latest} at the latest"
        return f"Taken to run from {assumed} ({why}); started by {latest} at the latest"
    return f"Starts on {latest} ({_lower_first(law.start_label)}, the latest statutory date)"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def notice_request(timetable: Timetable, title: str, today: dt.date) -> str | None:
    """What to ask the clerk, from 10 working days before the latest date until it is entered."""
    if not timetable.asks_for_notice(today):
        return None
    law = timetable.law
    if law.uk_wide_holidays:
        what = "the day Parliament was dissolved"
    else:
        what = f"the day the {law.start_noun.lower()} was published"
    return (
        f"{title}: enter {what}. Until you do, the period is taken to start "
        f"{day_text(timetable.period_start.date())}; the law's latest date is "
        f"{day_text(timetable.latest_start)}."
    )


def labelled_dates(timetable: Timetable, zone: ZoneInfo) -> list[tuple[str, str]]:
    """The timetable's dates, each labelled with what it is for this kind of poll."""
    law = timetable.law
    rows = [(law.start_label, day_text(timetable.latest_start))]
    if timetable.assumed_start is not None:
        rows.append(
            (
                "Period taken to start (before the real date is entered)",
                day_text(timetable.assumed_start),
            )
        )
    if timetable.close_of_nominations is not None:
        rows.append(("Close of nominations", moment_text(timetable.close_of_nominations, zone)))
    rows.append(("Poll", day_text(timetable.poll_date)))
    start = timetable.period_start.astimezone(zone)
    rows.append(("Restricted period starts", f"{day_text(start.date())}, from midnight"))
    end_label = (
        "Restricted period ends (uncontested: result declared)"
        if timetable.uncontested
        else "Restricted period ends"
    )
    rows.append((end_label, moment_text(timetable.period_end, zone)))
    return rows


def timetable_to_dict(timetable: Timetable, *, today: dt.date | None = None) -> dict[str, Any]:
    """JSON-ready: every kind has period_start and close_of_nominations (None: no candidates)."""
    law = timetable.law
    data: dict[str, Any] = {
        "kind": timetable.kind.value,
        "poll_date": timetable.poll_date,
        law.start_key: timetable.latest_start,
        "latest_start": {"date": timetable.latest_start, "label": law.start_label},
        "close_of_nominations": timetable.close_of_nominations,
        "period_start": timetable.period_start,
        "period_end": timetable.period_end,
        "start_is_actual": timetable.start_is_actual,
        "assumed_start": timetable.assumed_start,
        "ask_notice_from": timetable.ask_notice_from,
        "uncontested": timetable.uncontested,
        "provisional": timetable.provisional,
        "citation": law.citation,
        "dies_non_skipped": [
            {"date": s.day, "reason": s.reason, "parts": list(s.parts)}
            for s in reversed(timetable.skipped)
        ],
    }
    if today is not None:
        data["may_have_started"] = timetable.may_have_started(today)
    return data
