"""The words of a feed event: what the period restricts, its key dates, and where the policy is."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from guard.domain.calendar.elections import CLOSE_OF_POLL, Election, Timetable

# Social Media Policy for Councillors (adopted 9 April 2026), quoted word for word.
PROMOTION_CLAUSE = (
    "The Council will not promote Councillors' social media accounts during the "
    "pre-election period."
)
COUNCILLOR_CLAUSES = (
    "In anything you publish online, you should make clear that the views are those of the "
    "Councillor in question and may not represent the views of the Council.",
    "Do not use the Council's logo, or any other Council-related material on a personal account "
    "or website.",
    "Social media must not be used for actions that would put Councillors in breach of the "
    "Council's Code of Conduct for members.",
    "It is recommended that Councillors wishing to keep their personal life and role as a "
    "Councillor separate create separate social-media profiles for each.",
)
POLL_OPENS = dt.time(7, 0)


def local_day(at: dt.datetime, zone: ZoneInfo) -> dt.date:
    return at.astimezone(zone).date()


def day_text(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def time_text(at: dt.time) -> str:
    hour = at.hour % 12 or 12
    minutes = f".{at.minute:02d}" if at.minute else ""
    return f"{hour}{minutes}{'am' if at.hour < 12 else 'pm'}"


def moment_text(at: dt.datetime, zone: ZoneInfo) -> str:
    local = at.astimezone(zone)
    return f"{time_text(local.time())} on {day_text(local.date())}"


def start_line(election: Election, timetable: Timetable) -> str:
    """The act that starts the period, named for this kind of poll, and how sure its date is."""
    law = timetable.law
    if election.notice_published is not None:
        if law.uk_wide_holidays:
            return f"{law.start_noun}: {day_text(election.notice_published)}."
        return f"{law.start_noun}: published on {day_text(election.notice_published)}."
    latest = day_text(timetable.latest_start)
    if law.uk_wide_holidays:
        line = f"{law.start_noun}: {latest} at the latest (25 working days before the poll)."
    else:
        line = f"{law.start_noun}: to be published by {latest} at the latest."
    if timetable.assumed_start is not None:
        why = (
            f"the seat fell vacant on {day_text(election.vacancy_date)}"
            if election.vacancy_date is not None
            else "notices are often published before their latest date"
        )
        return (
            f"{line} The period may already have started: until the clerk enters the real "
            f"date, it is shown from {day_text(timetable.assumed_start)}, because {why}."
        )
    return (
        f"{line} Until the clerk enters the real date (which may be earlier), this period is "
        "shown from that latest date."
    )


def key_dates(election: Election, timetable: Timetable, zone: ZoneInfo) -> list[str]:
    """The timetable in plain words, one line each."""
    lines = [start_line(election, timetable)]
    if timetable.close_of_nominations is not None:
        lines.append(f"Close of nominations: {moment_text(timetable.close_of_nominations, zone)}.")
    if timetable.uncontested:
        lines.append(
            f"Uncontested: the result was declared at {moment_text(timetable.period_end, zone)} "
            f"without a poll, and the period ended then."
        )
        return lines
    lines.append(
        f"Poll: {day_text(timetable.poll_date)}, polling stations open from "
        f"{time_text(POLL_OPENS)}."
    )
    close = dt.datetime.combine(timetable.poll_date, CLOSE_OF_POLL, zone)
    lines.append(f"Close of poll: {moment_text(close, zone)}.")
    lines.append(f"The period ends at {moment_text(timetable.period_end, zone)}.")
    return lines


def describe(
    election: Election,
    timetable: Timetable,
    *,
    zone: ZoneInfo,
    council_name: str,
    policy_url: str,
    removed_at: dt.datetime | None = None,
) -> str:
    """The DESCRIPTION: what must not be done in the period, the key dates, and the policy."""
    policy = f"{council_name} Social Media Policy for Councillors"
    where = policy_url or "ask the Town Clerk for a copy."
    if removed_at is not None:
        return (
            f"Cancelled: {election.title} was removed from the council's election calendar on "
            f"{day_text(local_day(removed_at, zone))}. This pre-election period no longer "
            f"applies.\n\nThe {policy}: {where}"
        )
    wards = ", ".join(sorted(election.wards))
    if election.whole_council:
        scope = "the whole council"
    else:
        scope = f"the ward{'s' if len(election.wards) > 1 else ''} {wards}"
    parts = [
        f"Pre-election period for {election.title}, covering {scope}.",
        f'What is restricted: "{PROMOTION_CLAUSE}" ({policy})',
        "So during this period the council's own posts will not mention, tag, link to or share "
        "any councillor's social media account, and council posts that name a councillor are "
        "held for the clerk to review first.",
        "Councillors, the policy also says:\n"
        + "\n".join(f'- "{clause}"' for clause in COUNCILLOR_CLAUSES),
        "Key dates:\n" + "\n".join(f"- {line}" for line in key_dates(election, timetable, zone)),
    ]
    if timetable.provisional:
        parts.append(
            "These dates are provisional: they rely on bank holidays not yet announced, "
            "and may move when they are."
        )
    parts.append(f"The {policy}: {where}")
    return "\n\n".join(parts)
