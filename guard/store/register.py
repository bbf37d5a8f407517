"""Queries for the councillor register: rows in, a domain Register out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlmodel import Session, col, select

from guard.domain.guard.register import Councillor, Register, make_register
from guard.store.guard_reads import mark_register_changed
from guard.store.models import CouncillorRow

__all__ = ["CouncillorRow"]


def to_domain(row: CouncillorRow) -> Councillor:
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
    row.ward = councillor.ward
    row.party = councillor.party
    row.aliases = list(councillor.aliases)
    row.x_handles = list(councillor.x_handles)
    row.facebook = list(councillor.facebook)
    row.instagram = list(councillor.instagram)
    row.websites = list(councillor.websites)
    row.updated_at = now
    session.add(row)
    session.flush()
    mark_register_changed(session.connection(), now=now)
    return row, created


def remove_councillor(session: Session, row: CouncillorRow, *, now: dt.datetime) -> None:
    session.delete(row)
    session.flush()
    mark_register_changed(session.connection(), now=now)
