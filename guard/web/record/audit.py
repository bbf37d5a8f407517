"""The audit trail: every change and decision in words, newest first, paged and filterable."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template, request

from guard.services.record.audit import entries_page
from guard.web.context import services, session
from guard.web.paging import page_number
from guard.web.record.audit_words import describe

bp = Blueprint("audit", __name__)


@bp.get("/audit")
def index() -> str:
    args = {k: request.args.get(k, "").strip() for k in ("post", "user", "since")}
    errors: dict[str, str] = {}
    zone = services().settings.council.zone
    since = None
    if args["since"]:
        try:
            day = dt.date.fromisoformat(args["since"])
            since = dt.datetime.combine(day, dt.time(), zone)
        except ValueError:
            errors["since"] = "Give a date as YYYY-MM-DD."
    if args["post"] and not args["post"].isdigit():
        errors["post"] = "Give a post's number."
    subject = ("post", args["post"]) if args["post"] and not errors.get("post") else None
    with session() as db:
        page = entries_page(
            db, number=page_number(), since=since, actor=args["user"] or None, subject=subject
        )
    said = [
        (row, describe(row.action, row.summary or {}, row.subject_id, zone)) for row in page.items
    ]
    return render_template("audit.html", rows=said, page=page, args=args, errors=errors)
