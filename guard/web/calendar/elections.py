"""Elections: add, edit (the actual notice date), remove; the timetable is shown before saving."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from guard.domain.calendar.elections import Election, Timetable
from guard.domain.calendar.timetable_text import labelled_dates, start_status
from guard.services import InputError
from guard.services.calendar import elections as service
from guard.services.warnings import poll_warnings
from guard.web import once
from guard.web.calendar.forms import ELECTION_FIELDS, posted_election, read_election
from guard.web.confirm import remove_after_asking
from guard.web.context import actor, now, services, session, transaction
from guard.web.users.security import clerk_required


def today() -> dt.date:
    return now().astimezone(services().settings.council.zone).date()


bp = Blueprint("elections", __name__)
SAVED = ("title", "kind", "poll_date", "wards", "notice_published", "vacancy_date")


@bp.get("/elections")
def index() -> str:
    with session() as db:
        periods = service.restricted_periods(db, services().settings)
    return render_template("elections.html", periods=periods, today=today())


@bp.route("/elections/new", methods=["GET", "POST"], endpoint="new")
@bp.route("/elections/<int:election_id>/edit", methods=["GET", "POST"])
def edit(election_id: int | None = None) -> str | Response | tuple[str, int]:
    form = _initial(election_id) if request.method == "GET" else posted_election()
    if request.method == "GET":
        return render_template(
            "election_form.html", form=form, errors={}, table=None, eid=election_id
        )
    election, errors = read_election(form, election_id, services().settings)
    table = None
    today = now().astimezone(services().settings.council.zone).date()
    warnings = poll_warnings(election.poll_date, today=today) if election else []
    try:
        if election is not None:
            table = service.election_timetable(services().settings, election, today=now().date())
            if request.form.get("action") == "save":
                for warning in warnings:
                    flash(f"Note: {warning}")
                return _save(election, election_id)
    except InputError as exc:
        errors[_field_of(str(exc))] = str(exc)
    code = 422 if errors else 200
    return render_template(
        "election_form.html",
        form=form,
        errors=errors,
        table=table,
        eid=election_id,
        **_described(table, election),
        warnings=warnings,
    ), code


def _described(table: Timetable | None, election: Election | None) -> dict:
    """The timetable's labelled dates and how sure its start is, as the CLI and feed say them."""
    if table is None or election is None:
        return {}
    return {
        "rows": labelled_dates(table, services().settings.council.zone),
        "status": start_status(table, today(), vacancy_date=election.vacancy_date),
    }


def _field_of(message: str) -> str:
    """The form field an InputError is about, so the message shows beside it."""
    for words, field in (
        ("vacancy", "vacancy_date"),
        ("uncontested", "declared_at"),
        ("notice", "notice_published"),
        ("ward", "wards"),
        ("poll date", "poll_date"),
    ):
        if words in message:
            return field
    return "title"


def _save(election: Election, election_id: int | None) -> Response:
    settings = services().settings
    with transaction() as db:
        key = once.claim(db, "election")
        if election_id is None:
            saved = service.add_election(db, settings, election, now=now(), actor=actor())
        else:
            changes = {k: getattr(election, k) for k in SAVED}
            changes |= {"uncontested": election.uncontested, "declared_at": election.declared_at}
            saved = service.update_election(
                db, settings, election_id, now=now(), actor=actor(), **changes
            )
        url = once.done(db, key, url_for("elections.index"))
    flash(f"Saved {saved.title}.")
    return redirect(url)


@bp.route("/elections/<int:election_id>/remove", methods=["GET", "POST"])
@clerk_required
def remove(election_id: int) -> str | Response:
    return remove_after_asking(
        name=_initial(election_id)["title"],
        question="Its restricted period leaves the calendar: every future post is checked "
        "again without it, and subscribers' calendars show it as cancelled.",
        form="remove-election",
        back=url_for("elections.index"),
        remove=lambda db: service.remove_election(db, election_id, now=now(), actor=actor()).title,
    )


def _initial(election_id: int | None) -> dict:
    if election_id is None:
        blank = dict.fromkeys(ELECTION_FIELDS, "")
        return {**blank, "kind": "local", "wards": [], "uncontested": False}
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
        "vacancy_date": e.vacancy_date.isoformat() if e.vacancy_date else "",
        "declared_at": _local_input(e.declared_at) if e.uncontested else "",
        "uncontested": e.uncontested,
        "wards": sorted(e.wards),
    }


def _local_input(at: dt.datetime | None) -> str:
    zone = services().settings.council.zone
    return at.astimezone(zone).strftime("%Y-%m-%dT%H:%M") if at else ""
