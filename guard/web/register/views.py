"""The councillor register: list, add, edit, remove, import and export CSV."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WResponse

from guard.services import InputError, register_file
from guard.services import register as service
from guard.web import once
from guard.web.confirm import remove_after_asking
from guard.web.context import actor, now, services, session, transaction
from guard.web.register import forms
from guard.web.users.security import clerk_required

bp = Blueprint("councillors", __name__)


@bp.get("/councillors")
def index() -> str:
    with session() as db:
        rows = service.list_councillors(db)
    return render_template("councillors.html", rows=rows, errors=[])


@bp.get("/councillors/export.csv")
def export() -> Response:
    with session() as db:
        body = service.export_csv(db)
    headers = {"Content-Disposition": "attachment; filename=councillors.csv"}
    return Response(body, content_type="text/csv; charset=utf-8", headers=headers)


@bp.post("/councillors/import")
def import_csv() -> WResponse | tuple[str, int]:
    upload = request.files.get("file")
    data = upload.read() if upload else b""
    try:
        with transaction() as db:
            key = once.claim(db, "import")
            result = register_file.import_file(
                db, services().settings, data, now=now(), actor=actor()
            )
            url = once.done(db, key, url_for("councillors.index"))
    except service.ImportRejected as exc:
        with session() as db:
            rows = service.list_councillors(db)
        return render_template("councillors.html", rows=rows, errors=exc.errors), 422
    flash(
        f"Imported: {len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged."
    )
    return redirect(url)


@bp.route("/councillors/new", methods=["GET", "POST"], endpoint="new")
@bp.route("/councillors/<int:cid>/edit", methods=["GET", "POST"])
def edit(cid: int | None = None) -> str | WResponse | tuple[str, int]:
    form = _initial(cid) if request.method == "GET" else forms.posted(request.form)
    if request.method == "GET":
        return render_template("councillor_form.html", form=form, error=None, cid=cid)
    councillor = forms.councillor_of(form)
    try:
        with transaction() as db:
            key = once.claim(db, "councillor")
            service.save_councillor(
                db, services().settings, councillor, now=now(), councillor_id=cid, actor=actor()
            )
            url = once.done(db, key, url_for("councillors.index"))
    except InputError as exc:
        return render_template("councillor_form.html", form=form, error=str(exc), cid=cid), 422
    flash(f"Saved {councillor.name}.")
    return redirect(url)


@bp.route("/councillors/<int:cid>/remove", methods=["GET", "POST"])
@clerk_required
def remove(cid: int) -> str | WResponse:
    name = _initial(cid)["name"]
    return remove_after_asking(
        name=name,
        question=f"The guard stops protecting {name}'s name and accounts: every future "
        "post is checked again without them.",
        form="remove-councillor",
        back=url_for("councillors.index"),
        remove=lambda db: service.remove_councillor(db, cid, now=now(), actor=actor()),
    )


def _initial(cid: int | None) -> dict[str, str]:
    if cid is None:
        return forms.blank()
    with session() as db:
        found = dict(service.list_councillors(db)).get(cid)
    if found is None:
        abort(404)
    return forms.shown(found)
