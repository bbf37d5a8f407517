"""The councillor register: list, add, edit, remove, import and export CSV."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WResponse

from guard.domain.guard.register import Councillor
from guard.services import InputError
from guard.services import register as service
from guard.web.context import actor, now, services, session, transaction

bp = Blueprint("councillors", __name__)
LISTS = ("aliases", "x_handles", "facebook", "instagram", "websites")


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
    text = upload.read().decode("utf-8-sig", errors="replace") if upload else ""
    try:
        with transaction() as db:
            result = service.import_csv(db, services().settings, text, now=now(), actor=actor())
    except service.ImportRejected as exc:
        with session() as db:
            rows = service.list_councillors(db)
        return render_template("councillors.html", rows=rows, errors=exc.errors), 422
    flash(
        f"Imported: {len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged."
    )
    return redirect(url_for("councillors.index"))


@bp.route("/councillors/new", methods=["GET", "POST"], endpoint="new")
@bp.route("/councillors/<int:cid>/edit", methods=["GET", "POST"])
def edit(cid: int | None = None) -> str | WResponse | tuple[str, int]:
    form = _initial(cid) if request.method == "GET" else _posted()
    if request.method == "GET":
        return render_template("councillor_form.html", form=form, error=None, cid=cid)
    councillor = Councillor(
        form["name"], form["ward"], form["party"], **{k: tuple(_split(form[k])) for k in LISTS}
    )
    try:
        with transaction() as db:
            service.save_councillor(
                db, services().settings, councillor, now=now(), councillor_id=cid, actor=actor()
            )
    except InputError as exc:
        return render_template("councillor_form.html", form=form, error=str(exc), cid=cid), 422
    flash(f"Saved {councillor.name}.")
    return redirect(url_for("councillors.index"))


@bp.post("/councillors/<int:cid>/remove")
def remove(cid: int) -> WResponse:
    try:
        with transaction() as db:
            name = service.remove_councillor(db, cid, now=now(), actor=actor())
    except InputError:
        abort(404)
    flash(f"Removed {name}.")
    return redirect(url_for("councillors.index"))


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _posted() -> dict[str, str]:
    return {k: request.form.get(k, "").strip() for k in ("name", "ward", "party", *LISTS)}


def _initial(cid: int | None) -> dict[str, str]:
    if cid is None:
        return {k: "" for k in ("name", "ward", "party", *LISTS)}
    with session() as db:
        found = dict(service.list_councillors(db)).get(cid)
    if found is None:
        abort(404)
    return {
        "name": found.name,
        "ward": found.ward,
        "party": found.party,
        **{k: "; ".join(getattr(found, k)) for k in LISTS},
    }
