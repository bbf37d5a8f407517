"""The dashboard: is a restricted period on now, what is coming, and what needs the clerk."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Flask, render_template

from guard.domain.calendar.periods import RestrictedSpan, current_and_upcoming
from guard.domain.calendar.timetable_text import notice_request, start_status
from guard.services.accounts import status as account_status
from guard.services.calendar.elections import restricted_spans
from guard.services.posts.read import next_due, status_counts
from guard.services.sending import inbox
from guard.web.context import now, services, session

bp = Blueprint("home", __name__)
ATTENTION = ("held", "blocked", "failed", "unconfirmed", "missed")
STATE_WORDS = {
    "draft": "Draft",
    "scheduled": "Scheduled",
    "held": "Held for review",
    "blocked": "Blocked by the guard",
    "sending": "Sending",
    "sent": "Sent",
    "failed": "Failed",
    "unconfirmed": "Unconfirmed: check the platform",
    "missed": "Missed: not sent",
    "cancelled": "Cancelled",
}


@bp.get("/")
def index() -> str:
    moment = now()
    with session() as db:
        spans = current_and_upcoming(restricted_spans(db, services().settings), moment)
        counts = status_counts(db, ATTENTION)
        due = next_due(db, now=moment)
        notices = inbox.listed(db, unread_only=True, limit=20)
        warnings = account_status.warnings(db, services().settings, now=moment)
    current = next((s for s in spans if s.contains(moment)), None)
    upcoming = next((s for s in spans if s.start > moment), None)
    today = moment.astimezone(services().settings.council.zone).date()
    return render_template(
        "home.html",
        spans=spans,
        today=today,
        notices_wanted=notices_wanted(spans, today),
        current=current,
        upcoming=upcoming,
        now=moment,
        counts=[(s, counts.get(s, 0)) for s in ATTENTION],
        due=due,
        notices=notices,
        warnings=warnings,
    )


def notices_wanted(spans: list[RestrictedSpan], today: dt.date) -> list[tuple[int, str]]:
    """(election id, request) for each election whose real notice date the clerk should enter."""
    wanted = []
    for span in spans:
        for period in span.periods:
            if period.timetable is None or period.election.id is None:
                continue
            ask = notice_request(period.timetable, period.election.title, today)
            if ask is not None:
                wanted.append((period.election.id, ask))
    return wanted


def init_app(app: Flask) -> None:
    app.add_template_global(start_status)
    app.add_template_global(notice_request)

    @app.template_filter("local")
    def local(value: dt.datetime, fmt: str = "%A %-d %B %Y, %-H:%M") -> str:
        # Read each time: the setup page may change the council's zone while the app runs.
        return value.astimezone(app.extensions["guard"].settings.council.zone).strftime(fmt)

    @app.template_filter("local_iso")
    def local_iso(value: str) -> str:
        """A stored ISO 8601 instant (the archive's) as council time in words."""
        try:
            return local(dt.datetime.fromisoformat(value))
        except (TypeError, ValueError):
            return value

    @app.template_filter("state")
    def state(value: str) -> str:
        return STATE_WORDS.get(value, value)

    @app.template_filter("period")
    def period(days: int) -> str:
        """A retention period as a clerk reads it: "6 years" (2,190 days), "45 days"."""
        years, rest = divmod(days, 365)
        if years and not rest:
            return f"{years} year{'s' if years > 1 else ''}"
        return f"{days:,} day{'s' if days != 1 else ''}"

    @app.context_processor
    def council():
        return {"council": app.extensions["guard"].settings.council}
