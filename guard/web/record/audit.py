"""The audit trail: every change and decision in words, newest first, paged and filterable."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from werkzeug.wrappers import Response

from guard.services.record.audit import entries_page
from guard.web.context import services, session
from guard.web.paging import page_number, past_the_end
from guard.web.record import forms
from guard.web.record.audit_words import describe

bp = Blueprint("audit", __name__)


@bp.get("/audit")
def index() -> str | Response:
    args = forms.fields(request.args, forms.AUDIT_FIELDS)
    zone = services().settings.council.zone
    search = forms.audit_search(args, zone)
    with session() as db:
        page = entries_page(
            db,
            number=page_number(),
            since=search.since,
            actor=args["user"] or None,
            subject=search.subject,
        )
    if back := past_the_end(page):
        return back
    said = [
        (row, describe(row.action, row.summary or {}, row.subject_id, zone)) for row in page.items
    ]
    return render_template("audit.html", rows=said, page=page, args=args, errors=search.errors)
