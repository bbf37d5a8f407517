"""The home page: is a restricted period on now, and which are coming."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Flask, render_template

from guard.domain.periods import current_and_upcoming
from guard.services.calendar import restricted_spans
from guard.web.context import services, session

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    settings = services().settings
    now = dt.datetime.now(dt.UTC)
    with session() as db:
        spans = current_and_upcoming(restricted_spans(db, settings), now)
    current = next((s for s in spans if s.contains(now)), None)
    return render_template("home.html", spans=spans, current=current, now=now)


def init_app(app: Flask) -> None:
    zone = app.extensions["guard"].settings.council.zone

    @app.template_filter("local")
    def local(value: dt.datetime, fmt: str = "%A %-d %B %Y, %H:%M") -> str:
        return value.astimezone(zone).strftime(fmt)

    @app.context_processor
    def council():
        return {"council": app.extensions["guard"].settings.council}
