"""The guard's tables as SQLAlchemy Core sees them, and the register's version token written.

The reads themselves are plain SQL in ``guard_sql`` (re-exported here), which imports no
SQLAlchemy. The table shapes are declared here once more; tests/integration/test_guard_reads.py
checks they match the ORM's tables.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    update,
)
from sqlalchemy.engine import Connection

from guard.store.guard_sql import (  # noqa: F401  (the reads, re-exported)
    ACCOUNTS,
    REGISTER_VERSION,
    candidates,
    councillors,
    elections,
    elections_version,
    register_version,
)
from guard.store.types import UTCDateTime

_META = MetaData()


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
