"""Audit records written as the services write them, for the chain's and the audit page's tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, col, select

from guard.services.record import audit
from guard.store.models_record import AuditRow


def write_records(
    engine,
    count: int,
    *,
    first_at: dt.datetime,
    start: int = 0,
    action: str = "test.step",
    summary: Callable[[int], dict[str, Any]] = lambda n: {"n": n},
) -> list[int]:
    """Records start … start+count-1 about posts of those numbers, a minute apart from
    ``first_at`` + ``start`` minutes; returns the ids of every record in the chain, in order."""
    with Session(engine) as session:
        for n in range(start, start + count):
            audit.record(
                session,
                actor="clerk@example.org",
                action=action,
                subject_type="post",
                subject_id=n,
                summary=summary(n),
                now=first_at + dt.timedelta(minutes=n),
            )
        session.commit()
        return [r.id for r in session.exec(select(AuditRow).order_by(col(AuditRow.id)))]
