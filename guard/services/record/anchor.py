"""The audit chain's head, anchored outside the database: a file the admin chooses (and the
daily digest), so deleting the newest records or rewriting the chain is detected.

Each anchor is one JSON line: when, the newest record's id and hash, and how many records
the chain then held. Verifying checks every anchored record is still there, unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from guard.store.models_record import AuditRow


@dataclass(frozen=True)
class Anchor:
    at: str
    record: int
    hash: str
    records: int

    def line(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


def current(session: Session, *, now: dt.datetime) -> Anchor:
    newest = session.exec(select(AuditRow).order_by(col(AuditRow.id).desc()).limit(1)).first()
    count = session.exec(select(func.count()).select_from(AuditRow)).one()
    return Anchor(
        at=now.astimezone(dt.UTC).isoformat(timespec="seconds"),
        record=newest.id or 0 if newest else 0,
        hash=newest.hash if newest else "",
        records=int(count),
    )


def write(session: Session, path: str | os.PathLike[str], *, now: dt.datetime) -> Anchor:
    """Append the chain's head to ``path`` (created readable by its owner only)."""
    anchor = current(session, now=now)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as out:
        out.write(anchor.line() + "\n")
    return anchor


def check(session: Session, text: str) -> list[str]:
    """What the chain has lost or changed since each anchor in ``text``; empty when nothing."""
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            anchor = Anchor(**json.loads(line))
        except (ValueError, TypeError) as exc:
            problems.append(f"anchor line {number} cannot be read: {exc}")
            continue
        if anchor.record == 0:
            continue
        row = session.get(AuditRow, anchor.record)
        if row is None:
            problems.append(
                f"record {anchor.record}, the chain's head on {anchor.at}, is missing: "
                "the newest records were deleted"
            )
            continue
        if row.hash != anchor.hash:
            problems.append(
                f"record {anchor.record} no longer has the hash anchored on {anchor.at}: "
                "the chain was rewritten"
            )
            continue
        held = session.exec(
            select(func.count()).select_from(AuditRow).where(col(AuditRow.id) <= anchor.record)
        ).one()
        if held != anchor.records:
            problems.append(
                f"the chain held {anchor.records} records up to record {anchor.record} on "
                f"{anchor.at}, and holds {held} now: records were deleted"
            )
    return problems
