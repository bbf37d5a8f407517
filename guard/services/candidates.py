"""Candidates at an election: import the Statement of Persons Nominated, list, withdraw, remove."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from guard.domain.guard.candidates import Candidate, linked_councillor, parse_candidates_csv
from guard.domain.guard.register import RowError
from guard.services import InputError
from guard.services.record import audit
from guard.services.register import ImportRejected, ImportResult
from guard.store import candidates as store
from guard.store import elections as election_store
from guard.store import register as register_store
from guard.store.models import ElectionRow


@dataclass(frozen=True)
class ListedCandidate:
    id: int
    candidate: Candidate
    councillor: str | None  # the councillor this candidate is, when they are one


def _election(session: Session, election_id: int) -> ElectionRow:
    row = election_store.get_election(session, election_id)
    if row is None or row.removed_at is not None:
        raise InputError(f"no election with id {election_id}")
    return row


def import_csv(
    session: Session, election_id: int, text: str, *, now: dt.datetime, actor: str = "system"
) -> ImportResult:
    """Add or update every candidate in the file (the register's columns), matched by name
    within the election; any bad row rejects the whole file."""
    _election(session, election_id)
    candidates, errors = parse_candidates_csv(text, election_id)
    if errors:
        raise ImportRejected(errors)
    if not candidates:
        raise ImportRejected([RowError(2, "the file has no candidates")])
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for candidate in candidates:
        row = store.find(session, election_id, candidate.name)
        if row is not None and store.to_domain(row).person == candidate.person:
            unchanged.append(candidate.name)
            continue
        _, created = store.save_candidate(session, candidate, now=now, row=row)
        (added if created else updated).append(candidate.name)
    audit.record(
        session,
        "candidates.import",
        "election",
        election_id,
        actor=actor,
        now=now,
        summary={"added": len(added), "updated": len(updated), "unchanged": len(unchanged)},
    )
    return ImportResult(added, updated, unchanged)


def list_candidates(session: Session, election_id: int) -> list[ListedCandidate]:
    """The election's candidates, each with the councillor they are (same name or account)."""
    _election(session, election_id)
    councillors = [register_store.to_domain(r) for r in register_store.list_councillors(session)]
    listed = []
    for row in store.list_candidates(session, election_id):
        candidate = store.to_domain(row)
        linked = linked_councillor(candidate, councillors)
        assert row.id is not None
        name = councillors[linked].name if linked is not None else None
        listed.append(ListedCandidate(row.id, candidate, name))
    return listed


def guarded_candidates(session: Session) -> tuple[Candidate, ...]:
    """Every candidate of every election that stands, for the guard."""
    return tuple(store.to_domain(r) for r in store.list_candidates(session))


def remove_candidate(
    session: Session,
    election_id: int,
    name: str,
    *,
    now: dt.datetime,
    actor: str = "system",
    mistake: bool = False,
) -> str:
    """A candidate withdraws: kept, marked withdrawn, and still guarded to the poll (their name
    is on the ballot's history and they are still "involved directly in the election"). With
    ``mistake`` the row is deleted outright: it was never a candidate of this election."""
    _election(session, election_id)
    row = store.find(session, election_id, " ".join(name.split()))
    if row is None:
        raise InputError(f"election {election_id} has no candidate called {name!r}")
    if mistake:
        session.delete(row)
    else:
        if row.withdrawn_at is not None:
            raise InputError(f"{row.name} has already withdrawn")
        row.withdrawn_at = now
        row.updated_at = now
        session.add(row)
    session.flush()
    audit.record(
        session,
        "candidate.remove" if mistake else "candidate.withdraw",
        "election",
        election_id,
        actor=actor,
        now=now,
        summary={"candidate_id": row.id},
    )
    return row.name
