"""What a re-check judged against, kept in the state table, and which posts a change affects."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from guard.domain.guard.verdict import GuardContext
from guard.store.models import StateRow

FINGERPRINT = "recheck.fingerprint"
BASIS = "recheck.basis"  # the register's version and the periods, as last re-checked


def fingerprint(context: GuardContext) -> str:
    text = people_of(context) + "\n" + json.dumps(periods_of(context))
    return hashlib.sha256(text.encode()).hexdigest()


def people_of(context: GuardContext) -> str:
    """Everything but the periods that a verdict depends on: the register's version, the
    candidates, and the council's holds and Code. A change to any of them can touch any post."""
    choices = f"{context.hold_images}|{context.hold_all}|{context.nation}"
    candidates = hashlib.sha256(repr(context.candidates).encode()).hexdigest()
    return f"{context.register.version}|{candidates}|{choices}"


def periods_of(context: GuardContext) -> list[list[object]]:
    return sorted(
        [p.election.id, p.start.isoformat(), p.end.isoformat(), sorted(p.election.wards)]
        for p in context.periods
    )


Scope = list[tuple[dt.datetime, dt.datetime]] | None  # None: every future post


def affected(context: GuardContext, stored: str) -> Scope:
    """Which posts the change can affect: all of them if the people changed (or nothing is
    known of the last re-check); else those due inside a period that appeared, went or moved."""
    try:
        before = json.loads(stored)
    except ValueError:
        return None
    if before.get("register") != people_of(context):
        return None
    old = {json.dumps(p) for p in before.get("periods", [])}
    new = {json.dumps(p) for p in periods_of(context)}
    return [
        (dt.datetime.fromisoformat(p[1]), dt.datetime.fromisoformat(p[2]))
        for p in map(json.loads, old ^ new)
    ]


def stored_value(session: Session, name: str, *, now: dt.datetime) -> str:
    state = session.get(StateRow, name)
    if state is not None:
        return state.value
    try:
        with session.begin_nested():
            session.add(StateRow(name=name, value="", updated_at=now))
    except IntegrityError:
        pass  # another process made it first
    return ""


def store_basis(
    session: Session, context: GuardContext, current: str, stored: str, *, now: dt.datetime
) -> None:
    """Record what this re-check judged against, unless another scheduler got there first."""
    won = session.execute(
        update(StateRow)
        .where(col(StateRow.name) == FINGERPRINT, col(StateRow.value) == stored)
        .values(value=current, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if won.rowcount == 1:  # type: ignore[attr-defined]
        basis = json.dumps({"register": people_of(context), "periods": periods_of(context)})
        session.execute(
            update(StateRow).where(col(StateRow.name) == BASIS).values(value=basis, updated_at=now)
        )
