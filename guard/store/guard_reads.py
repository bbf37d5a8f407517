"""The guard's inputs read with SQLAlchemy Core: the register, its version, elections, candidates.

These run on every check, compose, dispatch batch and command start, so they skip the ORM
(and SQLModel's import, a good part of a command's start-up). The table shapes are declared
here once more; tests/integration/test_guard_reads.py checks they match the ORM's tables.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection

from guard.domain.calendar.elections import Election, ElectionKind
from guard.domain.guard.candidates import Candidate
from guard.domain.guard.register import Councillor
from guard.store.types import UTCDateTime

REGISTER_VERSION = "register.version"
_META = MetaData()
ACCOUNTS = ("aliases", "x_handles", "facebook", "instagram", "websites")


def _person_columns() -> list[Column]:
    """A person's columns, the same in the register and in the candidates' table."""
    names = [Column(n, String) for n in ("name", "ward", "party")]
    return [*names, *(Column(name, JSON) for name in ACCOUNTS)]


COUNCILLOR = Table("councillor", _META, Column("id", Integer, primary_key=True), *_person_columns())
ELECTION = Table(
    "election",
    _META,
    Column("id", Integer, primary_key=True),
    Column("title", String),
    Column("kind", String),
    Column("poll_date", Date),
    Column("wards", JSON),
    Column("notice_published", Date),
    Column("declared_at", UTCDateTime),
    Column("vacancy_date", Date),
    Column("uncontested", Boolean),
    Column("removed_at", UTCDateTime),
    Column("updated_at", UTCDateTime),
    Column("sequence", Integer),
)
CANDIDATE = Table(
    "candidate",
    _META,
    Column("id", Integer, primary_key=True),
    Column("election_id", Integer),
    *_person_columns(),
    Column("withdrawn_at", UTCDateTime),
)
STATE = Table(
    "state",
    _META,
    Column("name", String, primary_key=True),
    Column("value", String),
    Column("updated_at", UTCDateTime),
)


def register_version(connection: Connection) -> str | None:
    """The token stored with the register, changed by every write to it (None: never set)."""
    query = select(STATE.c.value).where(STATE.c.name == REGISTER_VERSION)
    return connection.execute(query).scalar_one_or_none()


def mark_register_changed(connection: Connection, *, now: dt.datetime) -> str:
    """Give the register a new version token, in the caller's transaction."""
    token = uuid.uuid4().hex
    changed = connection.execute(
        update(STATE).where(STATE.c.name == REGISTER_VERSION).values(value=token, updated_at=now)
    )
    if changed.rowcount == 0:
        connection.execute(
            STATE.insert().values(name=REGISTER_VERSION, value=token, updated_at=now)
        )
    return token


def elections_version(connection: Connection) -> tuple[object, ...]:
    """Changes with every election added, edited or removed (each raises the sequence)."""
    query = select(
        func.count(),
        func.max(ELECTION.c.updated_at),
        func.coalesce(func.sum(ELECTION.c.sequence), 0),
    )
    return tuple(connection.execute(query).one())


def councillors(connection: Connection) -> list[Councillor]:
    rows = connection.execute(select(COUNCILLOR).order_by(COUNCILLOR.c.name))
    return [_person(row) for row in rows]


def elections(connection: Connection) -> list[Election]:
    """Elections not removed, by poll date."""
    query = (
        select(ELECTION)
        .where(ELECTION.c.removed_at.is_(None))
        .order_by(ELECTION.c.poll_date, ELECTION.c.id)
    )
    return [
        Election(
            id=row.id,
            title=row.title,
            kind=ElectionKind(row.kind),
            poll_date=row.poll_date,
            wards=frozenset(_strings(row.wards)),
            notice_published=row.notice_published,
            declared_at=row.declared_at,
            vacancy_date=row.vacancy_date,
            uncontested=bool(row.uncontested),
        )
        for row in connection.execute(query)
    ]


def candidates(connection: Connection) -> tuple[Candidate, ...]:
    """Every candidate of every election not removed (withdrawn ones too: guarded to the poll)."""
    query = (
        select(CANDIDATE)
        .join(ELECTION, ELECTION.c.id == CANDIDATE.c.election_id)
        .where(ELECTION.c.removed_at.is_(None))
        .order_by(CANDIDATE.c.election_id, CANDIDATE.c.name)
    )
    rows = connection.execute(query)
    return tuple(Candidate(r.election_id, _person(r), r.withdrawn_at is not None) for r in rows)


def _person(row: Any) -> Councillor:
    accounts = {name: _strings(getattr(row, name)) for name in ACCOUNTS}
    return Councillor(name=row.name, ward=row.ward, party=row.party, **accounts)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(json.loads(value) if isinstance(value, str) else value or ())
