"""Queries for the councillor register: rows in, a domain Register out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlmodel import Session, col, select

from guard.domain.guard.register import Councillor, Register, make_register
from guard.store.guard_reads import mark_register_changed
from guard.store.models import CouncillorRow
from guard.store.models_candidates import CandidateRow

__all__ = ["CouncillorRow"]


# A councillor's row and a candidate's row hold a person the same way.
PersonRow = CouncillorRow | CandidateRow


def to_domain(row: PersonRow) -> Councillor:
    """The person a row holds: name, ward, party, other names and accounts."""
    return Councillor(
        name=row.name,
        ward=row.ward,
        party=row.party,
        aliases=tuple(row.aliases),
        x_handles=tuple(row.x_handles),
        facebook=tuple(row.facebook),
        instagram=tuple(row.instagram),
        websites=tuple(row.websites),
    )


def write_person(row: PersonRow, person: Councillor, *, now: dt.datetime) -> None:
    """Put a person's ward, party, other names and accounts on their row."""
    row.ward = person.ward
    row.party = person.party
    row.aliases = list(person.aliases)
    row.x_handles = list(person.x_handles)
    row.facebook = list(person.facebook)
    row.instagram = list(person.instagram)
    row.websites = list(person.websites)
    row.updated_at = now


def list_councillors(session: Session) -> list[CouncillorRow]:
    return list(session.exec(select(CouncillorRow).order_by(col(CouncillorRow.name))))


def load_register(session: Session, own_accounts: Iterable[str]) -> Register:
    return make_register((to_domain(r) for r in list_councillors(session)), own_accounts)


def find_by_name(session: Session, name: str) -> CouncillorRow | None:
    return session.exec(select(CouncillorRow).where(CouncillorRow.name == name)).first()


def save_councillor(
    session: Session, councillor: Councillor, *, now: dt.datetime, row: CouncillorRow | None = None
) -> tuple[CouncillorRow, bool]:
    """Insert, or update ``row`` (or the row with the same name); returns (row, created)."""
    row = row or find_by_name(session, councillor.name)
    created = row is None
    if row is None:
        row = CouncillorRow(name=councillor.name, ward="", created_at=now, updated_at=now)
    row.name = councillor.name
    write_person(row, councillor, now=now)
    session.add(row)
    session.flush()
    mark_register_changed(session.connection(), now=now)
    return row, created


def remove_councillor(session: Session, row: CouncillorRow, *, now: dt.datetime) -> None:
    session.delete(row)
    session.flush()
    mark_register_changed(session.connection(), now=now)
