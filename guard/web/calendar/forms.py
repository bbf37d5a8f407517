"""The calendar area's forms read from the request: an election, a candidate's removal, a
month in the address, and a post moved to another day. Each returns values or words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from flask import abort, request

from guard.domain.calendar.council_time import parse_datetime, wall_clock
from guard.domain.calendar.elections import Election, ElectionKind
from guard.settings import Settings

ELECTION_FIELDS = ("title", "kind", "poll_date", "notice_published", "vacancy_date", "declared_at")


def month_of(value: str | None, today: dt.date) -> dt.date:
    """``?month=YYYY-MM`` as its first day (this month without one); 404 if it is not a month."""
    if not value:
        return today.replace(day=1)
    try:
        return dt.date.fromisoformat(value + "-01")
    except ValueError:
        abort(404)


def posted_election() -> dict:
    return {
        **{k: request.form.get(k, "").strip() for k in ELECTION_FIELDS},
        "wards": request.form.getlist("wards"),
        "uncontested": request.form.get("uncontested") == "yes",
    }


def read_election(
    form: dict, election_id: int | None, settings: Settings
) -> tuple[Election | None, dict[str, str]]:
    """The election the form describes, or the errors beside each field."""
    errors: dict[str, str] = {}
    if not form["title"].strip():
        errors["title"] = "Give the election a title."
    if form["kind"] not in {k.value for k in ElectionKind}:
        errors["kind"] = "Choose the kind of election."
    dates: dict[str, dt.date | None] = {}
    for name in ("poll_date", "notice_published", "vacancy_date"):
        try:
            dates[name] = dt.date.fromisoformat(form[name]) if form[name] else None
        except ValueError:
            errors[name] = "Give a date as YYYY-MM-DD."
    if not form["poll_date"] and "poll_date" not in errors:
        errors["poll_date"] = "Give the day of poll."
    declared = _declared(form, errors, settings.council.zone)
    if errors or dates["poll_date"] is None:
        return None, errors
    wards = frozenset(w for w in form["wards"] if w in settings.council.wards)
    return Election(
        form["title"].strip(),
        ElectionKind(form["kind"]),
        dates["poll_date"],
        wards,
        dates["notice_published"],
        declared,
        id=election_id,
        vacancy_date=dates["vacancy_date"],
        uncontested=declared is not None,
    ), errors


def _declared(form: dict, errors: dict[str, str], zone: ZoneInfo) -> dt.datetime | None:
    """An uncontested election's declaration: a date and time in the council's zone."""
    if not form["uncontested"]:
        return None
    if not form["declared_at"]:
        errors["declared_at"] = "Give the date and time the uncontested result was declared."
        return None
    try:
        return parse_datetime(form["declared_at"], zone)
    except ValueError as exc:
        errors["declared_at"] = str(exc)
        return None


def candidate_removal() -> tuple[str, bool]:
    """The candidate to remove, and whether the entry was a mistake (not a withdrawal)."""
    return request.form.get("name", ""), request.form.get("mistake") == "yes"


def read_move(
    form: Mapping[str, str], current: dt.datetime, zone: ZoneInfo
) -> tuple[dt.datetime | None, str]:
    """The new time a post is moved to: the day given, at the time given or the post's own
    time of day. Returns the instant, or words saying what is wrong."""
    local = current.astimezone(zone)
    try:
        day = dt.date.fromisoformat(form.get("date", "").strip())
    except ValueError:
        return None, "give the new day as a date (YYYY-MM-DD)"
    typed = form.get("time", "").strip()
    try:
        time = dt.time.fromisoformat(typed) if typed else local.time().replace(tzinfo=None)
    except ValueError:
        return None, "give the time as hours and minutes (HH:MM)"
    which = form.get("which", "") or ("second" if local.fold else "first")
    try:
        return wall_clock(day, time.replace(second=0, microsecond=0), zone, which=which), ""
    except ValueError as exc:
        return None, str(exc)
