"""An election's candidates: list, import the Statement of Persons Nominated, withdraw, remove."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from guard.domain.guard.register import RowError
from guard.services import InputError
from guard.services import candidates as service
from guard.services.register import ImportRejected
from guard.store import elections as election_store
from guard.web.calendar.forms import candidate_removal
from guard.web.context import actor, now, session, transaction

bp = Blueprint("candidates", __name__)


def _page(election_id: int, errors: list[RowError]) -> str:
    with session() as db:
        election = election_store.get_election(db, election_id)
        if election is None or election.removed_at is not None:
            abort(404)
        rows = service.list_candidates(db, election_id)
        title = election.title
    return render_template(
        "candidates.html", rows=rows, errors=errors, election_id=election_id, title=title
    )


@bp.get("/elections/<int:election_id>/candidates")
def index(election_id: int) -> str:
    return _page(election_id, [])


@bp.post("/elections/<int:election_id>/candidates/import")
def import_csv(election_id: int) -> Response | tuple[str, int]:
    upload = request.files.get("file")
    text = upload.read().decode("utf-8-sig", errors="replace") if upload else ""
    try:
        with transaction() as db:
            result = service.import_csv(db, election_id, text, now=now(), actor=actor())
    except ImportRejected as exc:
        return _page(election_id, exc.errors), 422
    except InputError:
        abort(404)
    flash(
        f"Imported: {len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged."
    )
    return redirect(url_for("candidates.index", election_id=election_id))


@bp.post("/elections/<int:election_id>/candidates/remove")
def remove(election_id: int) -> Response:
    wanted, mistake = candidate_removal()
    try:
        with transaction() as db:
            name = service.remove_candidate(
                db, election_id, wanted, now=now(), actor=actor(), mistake=mistake
            )
    except InputError as exc:
        flash(str(exc))
        return redirect(url_for("candidates.index", election_id=election_id))
    flash(f"Removed {name}." if mistake else f"{name} has withdrawn; guarded to the poll.")
    return redirect(url_for("candidates.index", election_id=election_id))
