"""Queries for elections: rows in, domain Elections out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session, col, select

from guard.domain.calendar.bounds import check_poll_date
from guard.domain.calendar.elections import Election, ElectionKind
from guard.store.feeds import elections_written
from guard.store.models import ElectionRow

# Stored as they are; the kind is stored by value and the wards as a sorted list.
_AS_IS = ("title", "poll_date", "notice_published", "declared_at", "vacancy_date", "uncontested")


def to_domain(row: ElectionRow) -> Election:
    as_is: dict[str, Any] = {name: getattr(row, name) for name in _AS_IS}
    return Election(id=row.id, kind=ElectionKind(row.kind), wards=frozenset(row.wards), **as_is)


def _values(election: Election) -> dict[str, Any]:
    """What a row holds of ``election``, the wards apart."""
    return {name: getattr(election, name) for name in _AS_IS} | {"kind": election.kind.value}


def add_election(session: Session, election: Election, *, now: dt.datetime) -> ElectionRow:
    # The last line of defence: a poll date out of bounds would break every timetable.
    check_poll_date(election.poll_date, today=now.date())
    wards = sorted(election.wards)
    row = ElectionRow(**_values(election), wards=wards, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    elections_written()
    return row


def get_election(session: Session, election_id: int) -> ElectionRow | None:
    row = session.get(ElectionRow, election_id)
    return row if row is not None and row.removed_at is None else None


def list_elections(session: Session, *, include_removed: bool = False) -> list[ElectionRow]:
    query = select(ElectionRow).order_by(col(ElectionRow.poll_date), col(ElectionRow.id))
    if not include_removed:
        query = query.where(col(ElectionRow.removed_at).is_(None))
    return list(session.exec(query))


def save_election(
    session: Session, row: ElectionRow, election: Election, *, now: dt.datetime
) -> ElectionRow:
    """Write ``election``'s values to ``row``; raise the feed's sequence if anything changed."""
    values = _values(election)
    changed = set(row.wards) != set(election.wards) or any(
        getattr(row, name) != value for name, value in values.items()
    )
    if changed and row.poll_date != election.poll_date:
        check_poll_date(election.poll_date, today=now.date())
    if changed:
        for name, value in values.items():
            setattr(row, name, value)
        row.wards = sorted(election.wards)
        row.updated_at = now
        row.sequence += 1
        session.add(row)
        elections_written()
        session.flush()
    return row


def remove_election(session: Session, row: ElectionRow, *, now: dt.datetime) -> None:
    row.removed_at = now
    row.updated_at = now
    row.sequence += 1
    session.add(row)
    elections_written()
    session.flush()
