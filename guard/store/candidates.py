"""Queries for candidates: rows in, domain Candidates out."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from guard.domain.guard.candidates import Candidate
from guard.store.models import ElectionRow
from guard.store.models_candidates import CandidateRow
from guard.store.register import to_domain as person_of
from guard.store.register import write_person

__all__ = ["CandidateRow"]


def to_domain(row: CandidateRow) -> Candidate:
    return Candidate(row.election_id, person_of(row), row.withdrawn_at is not None)


def list_candidates(session: Session, election_id: int | None = None) -> list[CandidateRow]:
    """The candidates of one election, or of every election that is not removed."""
    query = select(CandidateRow).join(ElectionRow, col(ElectionRow.id) == CandidateRow.election_id)
    if election_id is None:
        query = query.where(col(ElectionRow.removed_at).is_(None))
    else:
        query = query.where(CandidateRow.election_id == election_id)
    return list(session.exec(query.order_by(col(CandidateRow.election_id), col(CandidateRow.name))))


def find(session: Session, election_id: int, name: str) -> CandidateRow | None:
    query = select(CandidateRow).where(
        CandidateRow.election_id == election_id, CandidateRow.name == name
    )
    return session.exec(query).first()


def save_candidate(
    session: Session, candidate: Candidate, *, now: dt.datetime, row: CandidateRow | None = None
) -> tuple[CandidateRow, bool]:
    """Insert, or update ``row`` (or the same name in the same election); (row, created)."""
    row = row or find(session, candidate.election_id, candidate.name)
    created = row is None
    if row is None:
        row = CandidateRow(
            election_id=candidate.election_id,
            name=candidate.name,
            ward="",
            created_at=now,
            updated_at=now,
        )
    write_person(row, candidate.person, now=now)
    session.add(row)
    session.flush()
    return row, created
