"""The audit trail: every change and decision, filterable by post, user and date."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template, request

from guard.services.record.audit import entries_page
from guard.web.context import services, session
from guard.web.paging import page_number

bp = Blueprint("audit", __name__)


@bp.get("/audit")
def index() -> str:
    args = {k: request.args.get(k, "").strip() for k in ("post", "user", "since")}
    errors: dict[str, str] = {}
    since = None
    if args["since"]:
        try:
            day = dt.date.fromisoformat(args["since"])
            since = dt.datetime.combine(day, dt.time(), services().settings.council.zone)
        except ValueError:
            errors["since"] = "Give a date as YYYY-MM-DD."
    if args["post"] and not args["post"].isdigit():
        errors["post"] = "Give a post's number."
    subject = ("post", args["post"]) if args["post"] and not errors.get("post") else None
    with session() as db:
        page = entries_page(
            db, number=page_number(), since=since, actor=args["user"] or None, subject=subject
        )
    return render_template("audit.html", rows=page.items, page=page, args=args, errors=errors)
