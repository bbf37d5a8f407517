"""The dashboard: is a restricted period on now, what is coming, and what needs the clerk."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Flask, render_template

from guard.domain.calendar.periods import current_and_upcoming
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
        counts = status_counts(db)
        due = next_due(db, now=moment)
        notices = inbox.listed(db, unread_only=True, limit=20)
    current = next((s for s in spans if s.contains(moment)), None)
    upcoming = next((s for s in spans if s.start > moment), None)
    return render_template(
        "home.html",
        spans=spans,
        current=current,
        upcoming=upcoming,
        now=moment,
        counts=[(s, counts.get(s, 0)) for s in ATTENTION],
        due=due,
        notices=notices,
    )


def init_app(app: Flask) -> None:
    zone = app.extensions["guard"].settings.council.zone

    @app.template_filter("local")
    def local(value: dt.datetime, fmt: str = "%A %-d %B %Y, %-H:%M") -> str:
        return value.astimezone(zone).strftime(fmt)

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

    @app.context_processor
    def council():
        return {"council": app.extensions["guard"].settings.council}
