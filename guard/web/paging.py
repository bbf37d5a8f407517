"""What list pages share: the page asked for, and dates typed into a filter form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import flash, redirect, request, url_for
from werkzeug.wrappers import Response

from guard.services.paging import Page
from guard.web.context import services


def page_number() -> int:
    """``?page=N`` (from 1); anything else is the first page."""
    value = request.args.get("page", "")
    return int(value) if value.isdigit() and int(value) > 0 else 1


def day_args(
    *names: str, until: str = "until"
) -> tuple[dict[str, str], dict[str, dt.datetime | None], dict[str, str]]:
    """Dates in the query string as typed, as instants, and errors naming the bad ones.

    A day is the council's day; ``until`` is inclusive, so it becomes the start of the next day.
    """
    zone = services().settings.council.zone
    typed = {name: request.args.get(name, "").strip() for name in names}
    instants: dict[str, dt.datetime | None] = {}
    errors: dict[str, str] = {}
    for name, value in typed.items():
        instants[name] = None
        if not value:
            continue
        try:
            day = dt.date.fromisoformat(value) + dt.timedelta(days=name == until)
        except ValueError:
            errors[name] = f"{value!r} is not a date (YYYY-MM-DD)."
            continue
        instants[name] = dt.datetime.combine(day, dt.time(), zone)
    return typed, instants, errors


def past_the_end(page: Page | None) -> Response | None:
    """A page asked for beyond the list's end (``?page=999``): back to the first page of the
    same list, saying so, instead of an empty page that reads as "nothing matches"."""
    if page is None or page.number == 1 or page.items:
        return None
    flash(f"There is no page {page.number}: the list ends before it. This is its first page.")
    args: dict[str, Any] = {k: v for k, v in request.args.items() if k != "page"}
    return redirect(url_for(str(request.endpoint), **(request.view_args or {}), **args))
