"""Evidence (the policy's "Capturing Social Media Posts"): cases, items with files, holds, export.

Clerks and admins only: evidence holds other people's posts and personal data. Every view, upload,
hold and export is audited by the service it calls.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import login_required
from werkzeug.wrappers import Response as Redirect

from guard.services import InputError
from guard.services.record import evidence as service
from guard.services.record.evidence_export import export_case
from guard.web.context import actor, now, services, transaction
from guard.web.record import forms
from guard.web.users.security import clerk_required

bp = Blueprint("evidence", __name__)


@bp.route("/evidence", methods=["GET", "POST"])
@login_required
@clerk_required
def index() -> Redirect | tuple[str, int]:
    form = forms.fields(request.form, forms.CASE_FIELDS)
    errors = forms.case_errors(form) if request.method == "POST" else {}
    if request.method == "POST" and not errors:
        with transaction() as db:
            opened = service.open_case(
                db, title=form["title"], case_type=form["case_type"], actor=actor(), now=now()
            )
        flash(f"Opened case {opened.id}: {opened.title}.")
        return redirect(url_for("evidence.show", case_id=opened.id))
    with transaction() as db:
        cases = service.list_cases(db)
    settings = services().settings
    for case in cases:
        case["keep_until"] = _keep_until(case["updated_at"], case["type"], case["on_hold"])
    page = render_template(
        "evidence.html",
        cases=cases,
        form=form,
        errors=errors,
        case_types=service.CASE_TYPES,
        days={t: settings.evidence.retention_days(t) for t in service.CASE_TYPES},
    )
    return page, 422 if errors else 200


@bp.get("/evidence/<int:case_id>")
@login_required
@clerk_required
def show(case_id: int) -> tuple[str, int]:
    return _case_page(case_id, form={}, errors={})


@bp.post("/evidence/<int:case_id>/items")
@login_required
@clerk_required
def add_item(case_id: int) -> Redirect | tuple[str, int]:
    form = forms.fields(request.form, forms.ITEM_FIELDS)
    zone = services().settings.council.zone
    errors = forms.item_errors(form, zone)
    uploads = forms.uploads(request.files.getlist("files"))
    if not errors:
        try:
            with transaction() as db:
                seen = forms.seen_post(form, zone)
                service.add_item(
                    db, services().settings, case_id, seen, files=uploads, actor=actor(), now=now()
                )
        except InputError as exc:
            errors = forms.service_error(str(exc))
    if errors:
        return _case_page(case_id, form=form, errors=errors)
    flash(f"Added the item with {len(uploads)} file(s) and their SHA-256 hashes.")
    return redirect(url_for("evidence.show", case_id=case_id))


@bp.post("/evidence/<int:case_id>/hold")
@login_required
@clerk_required
def hold(case_id: int) -> Redirect | tuple[str, int]:
    keep = request.form.get("action") == "hold"
    reason = request.form.get("reason", "").strip()
    if errors := forms.hold_reason_error(reason):
        return _case_page(case_id, form={}, errors=errors)
    with transaction() as db:
        _or_404(db, case_id)
        service.set_hold(db, case_id, hold=keep, reason=reason, actor=actor(), now=now())
    flash("The case is on hold: retention will not delete it." if keep else "The hold is released.")
    return redirect(url_for("evidence.show", case_id=case_id))


@bp.get("/evidence/<int:case_id>/export.zip")
@login_required
@clerk_required
def export(case_id: int) -> Response:
    with tempfile.TemporaryDirectory() as folder, transaction() as db:
        _or_404(db, case_id)
        out = Path(folder) / f"evidence-case-{case_id}.zip"
        export_case(db, services().settings, case_id, out, actor=actor(), now=now())
        data = out.read_bytes()
    return Response(
        data,
        mimetype="application/zip",
        headers={"Content-Disposition": f"attachment; filename=evidence-case-{case_id}.zip"},
    )


def _case_page(case_id: int, *, form: dict[str, str], errors: dict[str, str]) -> tuple[str, int]:
    with transaction() as db:
        _or_404(db, case_id)
        case = service.view_case(db, case_id, actor=actor(), now=now())
    row = case.row
    keep_until = _keep_until(row.updated_at.isoformat(), row.case_type, row.on_hold)
    page = render_template(
        "evidence_case.html",
        case=case,
        keep_until=keep_until,
        form=form,
        errors=errors,
        zone=services().settings.council.zone,
    )
    return page, 422 if errors else 200


def _or_404(db, case_id: int) -> None:
    try:
        service.get_case(db, case_id)
    except InputError:
        abort(404)


def _keep_until(updated_at: str, case_type: str, on_hold: bool) -> str:
    if on_hold:
        return "kept while on hold"
    days = services().settings.evidence.retention_days(case_type)
    until = dt.datetime.fromisoformat(updated_at) + dt.timedelta(days=days)
    return until.astimezone(services().settings.council.zone).strftime("%-d %B %Y")
