"""Elections: add, edit (the actual notice date), remove; the timetable is shown before saving."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from guard.domain.calendar.elections import Election, ElectionKind
from guard.services import InputError
from guard.services.calendar import elections as service
from guard.web.context import actor, now, services, session, transaction

bp = Blueprint("elections", __name__)
FIELDS = ("title", "kind", "poll_date", "notice_published")


@bp.get("/elections")
def index() -> str:
    with session() as db:
        periods = service.restricted_periods(db, services().settings)
    return render_template("elections.html", periods=periods)


def read_election(form: dict, election_id: int | None) -> tuple[Election | None, dict[str, str]]:
    errors: dict[str, str] = {}
    if not form["title"].strip():
        errors["title"] = "Give the election a title."
    if form["kind"] not in {k.value for k in ElectionKind}:
        errors["kind"] = "Choose the kind of election."
    dates: dict[str, dt.date | None] = {}
    for name in ("poll_date", "notice_published"):
        try:
            dates[name] = dt.date.fromisoformat(form[name]) if form[name] else None
        except ValueError:
            errors[name] = "Give a date as YYYY-MM-DD."
    if not form["poll_date"] and "poll_date" not in errors:
        errors["poll_date"] = "Give the day of poll."
    if errors or dates["poll_date"] is None:
        return None, errors
    wards = frozenset(w for w in form["wards"] if w in services().settings.council.wards)
    kind = ElectionKind(form["kind"])
    return Election(
        form["title"].strip(),
        kind,
        dates["poll_date"],
        wards,
        dates["notice_published"],
        id=election_id,
    ), errors


@bp.route("/elections/new", methods=["GET", "POST"], endpoint="new")
@bp.route("/elections/<int:election_id>/edit", methods=["GET", "POST"])
def edit(election_id: int | None = None) -> str | Response | tuple[str, int]:
    form = _initial(election_id) if request.method == "GET" else _posted()
    if request.method == "GET":
        return render_template(
            "election_form.html", form=form, errors={}, table=None, eid=election_id
        )
    election, errors = read_election(form, election_id)
    table = None
    try:
        if election is not None:
            table = service.timetable(
                services().settings,
                election.kind,
                election.poll_date,
                notice_published=election.notice_published,
                today=now().date(),
            )
            if request.form.get("action") == "save":
                return _save(election, election_id)
    except InputError as exc:
        field = "poll_date" if "poll date" in str(exc) else "title"
        errors["notice_published" if "notice" in str(exc) else field] = str(exc)
    code = 422 if errors else 200
    return render_template(
        "election_form.html", form=form, errors=errors, table=table, eid=election_id
    ), code


def _save(election: Election, election_id: int | None) -> Response:
    settings = services().settings
    with transaction() as db:
        if election_id is None:
            saved = service.add_election(db, settings, election, now=now(), actor=actor())
        else:
            changes = {
                k: getattr(election, k)
                for k in ("title", "kind", "poll_date", "wards", "notice_published")
            }
            saved = service.update_election(
                db, settings, election_id, now=now(), actor=actor(), **changes
            )
    flash(f"Saved {saved.title}.")
    return redirect(url_for("elections.index"))


@bp.post("/elections/<int:election_id>/remove")
def remove(election_id: int) -> Response:
    try:
        with transaction() as db:
            gone = service.remove_election(db, election_id, now=now(), actor=actor())
    except InputError:
        abort(404)
    flash(f"Removed {gone.title}.")
    return redirect(url_for("elections.index"))


def _posted() -> dict:
    return {
        **{k: request.form.get(k, "").strip() for k in FIELDS},
        "wards": request.form.getlist("wards"),
    }


def _initial(election_id: int | None) -> dict:
    if election_id is None:
        return {"title": "", "kind": "local", "poll_date": "", "notice_published": "", "wards": []}
    with session() as db:
        found = [e for e in service.list_elections(db) if e.id == election_id]
    if not found:
        abort(404)
    e = found[0]
    return {
        "title": e.title,
        "kind": e.kind.value,
        "poll_date": e.poll_date.isoformat(),
        "notice_published": e.notice_published.isoformat() if e.notice_published else "",
        "wards": sorted(e.wards),
    }
