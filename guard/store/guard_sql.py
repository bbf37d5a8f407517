"""The guard's inputs in plain SQL: the register and its version, elections, candidates and the
council's saved details.

They run on every check, compose, dispatch batch and command start, so this module imports no
SQLAlchemy: each read takes a SQLAlchemy connection or a DB-API one (``guard check`` on SQLite
opens the file with the standard library's sqlite3 and never loads SQLAlchemy at all, which is
most of a command's start-up). Values come back as the driver gives them (text on SQLite; dates
and parsed JSON on PostgreSQL) and are read into the same domain values either way.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from guard.domain.calendar.elections import Election, ElectionKind
from guard.domain.guard.candidates import Candidate
from guard.domain.guard.register import Councillor

# A SQLAlchemy Connection (``exec_driver_sql``) or a DB-API connection (``execute``).
Readable = Any
REGISTER_VERSION = "register.version"
ACCOUNTS = ("aliases", "x_handles", "facebook", "instagram", "websites")


def _person_columns(table: str) -> str:
    """A person's columns; JSON read as its text on every database (PostgreSQL's driver would
    parse it, SQLite's not, and a JSON string looks the same as its text once parsed)."""
    names = [f"{table}.{n}" for n in ("name", "ward", "party")]
    return ", ".join((*names, *(f"CAST({table}.{a} AS TEXT)" for a in ACCOUNTS)))


def rows(connection: Readable, sql: str) -> list[tuple[Any, ...]]:
    """Every row of ``sql`` (no parameters: the statements here are fixed)."""
    run = getattr(connection, "exec_driver_sql", None)
    if run is not None:
        return [tuple(row) for row in run(sql)]
    return list(connection.execute(sql).fetchall())


def register_version(connection: Readable) -> str | None:
    """The token stored with the register, changed by every write to it (None: never set)."""
    found = rows(connection, f"SELECT value FROM state WHERE name = '{REGISTER_VERSION}'")
    return found[0][0] if found else None


def elections_version(connection: Readable) -> tuple[object, ...]:
    """Changes with every election added, edited or removed (each raises the sequence)."""
    sql = 'SELECT count(*), max(updated_at), coalesce(sum("sequence"), 0) FROM election'
    return rows(connection, sql)[0]


def councillors(connection: Readable) -> list[Councillor]:
    return [
        _person(row)
        for row in rows(
            connection, f"SELECT {_person_columns('c')} FROM councillor c ORDER BY c.name"
        )
    ]


def elections(connection: Readable) -> list[Election]:
    """Elections not removed, by poll date."""
    sql = (
        "SELECT id, title, kind, poll_date, CAST(wards AS TEXT), notice_published, declared_at,"
        " vacancy_date, uncontested FROM election WHERE removed_at IS NULL ORDER BY poll_date, id"
    )
    return [
        Election(
            id=id_,
            title=title,
            kind=ElectionKind(kind),
            poll_date=_day(poll_date),
            wards=frozenset(_strings(wards)),
            notice_published=_date(notice),
            declared_at=_instant(declared),
            vacancy_date=_date(vacancy),
            uncontested=bool(uncontested),
        )
        for id_, title, kind, poll_date, wards, notice, declared, vacancy, uncontested in rows(
            connection, sql
        )
    ]


def candidates(connection: Readable) -> tuple[Candidate, ...]:
    """Every candidate of every election not removed (withdrawn ones too: guarded to the poll)."""
    sql = (
        f"SELECT c.election_id, c.withdrawn_at, {_person_columns('c')} FROM candidate c"
        " JOIN election e ON e.id = c.election_id WHERE e.removed_at IS NULL"
        " ORDER BY c.election_id, c.name"
    )
    return tuple(
        Candidate(row[0], _person(row[2:]), row[1] is not None) for row in rows(connection, sql)
    )


def saved_council(connection: Readable) -> dict[str, Any]:
    """The council's details as saved by the setup page, by key."""
    sql = "SELECT key, CAST(value AS TEXT) FROM site_setting WHERE substr(key, 1, 8) = 'council.'"
    return {key[8:]: _json(value) for key, value in rows(connection, sql)}


def _person(row: Any) -> Councillor:
    name, ward, party, *accounts = row
    return Councillor(
        name=name,
        ward=ward,
        party=party,
        **{field: _strings(value) for field, value in zip(ACCOUNTS, accounts, strict=True)},
    )


def _json(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(_json(value) or ())


def _day(value: Any) -> dt.date:
    """A date as the driver gives it: text on SQLite, a date on PostgreSQL."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _date(value: Any) -> dt.date | None:
    return None if value is None else _day(value)


def _instant(value: Any) -> dt.datetime | None:
    """An instant as UTCDateTime reads it: SQLite keeps naive UTC text."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
