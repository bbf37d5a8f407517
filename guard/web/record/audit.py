"""The audit trail: every change and decision in words, newest first, paged and filterable."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template, request

from guard.services.record.audit import entries
from guard.web.context import services, session
from guard.web.record.audit_words import describe

bp = Blueprint("audit", __name__)
PER_PAGE = 50


@bp.get("/audit")
def index() -> str:
    args = {k: request.args.get(k, "").strip() for k in ("post", "user", "since")}
    page = max(1, int(request.args["page"])) if request.args.get("page", "").isdigit() else 1
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
        rows = entries(db, since=since, actor=args["user"] or None, subject=subject)
    rows.reverse()  # newest first
    shown = rows[(page - 1) * PER_PAGE : page * PER_PAGE]
    said = [(row, describe(row.action, row.summary or {}, row.subject_id, zone)) for row in shown]
    return render_template(
        "audit.html",
        rows=said,
        args=args,
        errors=errors,
        page=page,
        pages=max(1, -(-len(rows) // PER_PAGE)),
        total=len(rows),
    )
