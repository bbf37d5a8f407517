"""The audit trail: one append-only, hash-chained record per change or decision.

Each record carries the SHA-256 of its canonical form, which includes the previous record's
hash, so an edited, removed or reordered record breaks the chain. Records are written in the
same transaction as the change they describe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from guard.store.models import StateRow
from guard.store.models_record import AuditRow

HEAD = "audit.head"
GENESIS = "0" * 64


def chained_fields(row: AuditRow) -> dict[str, object]:
    """The fields the hash covers: the one list, so an export and the chain never drift apart."""
    return {
        "at": row.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "actor": row.actor,
        "action": row.action,
        "subject_type": row.subject_type,
        "subject_id": row.subject_id,
        "summary": row.summary,
        "prev_hash": row.prev_hash,
    }


def exported(row: AuditRow) -> dict[str, object]:
    """A record as exported: its id, every chained field and its own hash."""
    return {"id": row.id, **chained_fields(row), "hash": row.hash}


# The export's columns: id, the chained fields in their order, then the record's own hash.
EXPORT_COLUMNS: tuple[str, ...] = ("id", "at", "actor", "action", "subject_type", "subject_id")
EXPORT_COLUMNS += ("summary", "prev_hash", "hash")


def canonical(row: AuditRow) -> str:
    return json.dumps(
        chained_fields(row),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )


def digest(row: AuditRow) -> str:
    return hashlib.sha256(canonical(row).encode()).hexdigest()


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: object = None,
    summary: dict[str, Any] | None = None,
    now: dt.datetime,
) -> AuditRow:
    """Append a record to the chain, in the caller's transaction."""
    head = _lock_head(session, now=now)
    row = AuditRow(
        at=now,
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=None if subject_id is None else str(subject_id),
        summary=json.loads(json.dumps(summary or {}, default=str)),
        prev_hash=head.value,
        hash="",
    )
    row.hash = digest(row)
    session.add(row)
    head.value = row.hash
    head.updated_at = now
    session.add(head)
    session.flush()
    return row


def _lock_head(session: Session, *, now: dt.datetime) -> StateRow:
    """Take the chain's head for this transaction, so concurrent writers queue, never fork.

    Writing the head row first takes PostgreSQL's row lock (or SQLite's write lock) before
    the head is read, so the value read is the latest committed one.
    """
    touched = session.execute(
        update(StateRow).where(col(StateRow.name) == HEAD).values(updated_at=now)
    )
    if touched.rowcount == 0:  # type: ignore[attr-defined]
        try:
            with session.begin_nested():
                session.add(StateRow(name=HEAD, value=GENESIS, updated_at=now))
        except IntegrityError:
            session.execute(
                update(StateRow).where(col(StateRow.name) == HEAD).values(updated_at=now)
            )
    head = session.get(StateRow, HEAD, populate_existing=True)
    assert head is not None
    return head


@dataclass(frozen=True)
class ChainReport:
    records: int
    broken_at: int | None  # the id of the first record that does not fit
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.broken_at is None and self.problem is None


def verify(session: Session) -> ChainReport:
    """Walk the chain in order; name the first record that was altered, removed or moved."""
    expected_prev = GENESIS
    count = 0
    last_id = 0
    for row in session.exec(select(AuditRow).order_by(col(AuditRow.id))):
        count += 1
        assert row.id is not None
        if row.prev_hash != expected_prev:
            return ChainReport(
                count,
                row.id,
                f"record {row.id} does not follow record "
                f"{last_id or 'the start'}: a record was removed or reordered",
            )
        if digest(row) != row.hash:
            return ChainReport(count, row.id, f"record {row.id} was altered after it was written")
        expected_prev = row.hash
        last_id = row.id
    head = session.get(StateRow, HEAD)
    if head is None and count:
        # Records exist but their head does not: it was deleted, perhaps with the newest ones.
        return ChainReport(
            count,
            None,
            f"the chain's head ({HEAD}) is missing, so the newest records may have been removed",
        )
    if head is not None and head.value != expected_prev:
        return ChainReport(
            count,
            None,
            "the newest records were removed: the chain ends at "
            f"record {last_id or 'the start'} but its head says otherwise",
        )
    return ChainReport(count, None, None)


def entries(
    session: Session,
    *,
    since: dt.datetime | None = None,
    actor: str | None = None,
    subject: tuple[str, str] | None = None,
    limit: int | None = None,
) -> list[AuditRow]:
    query = select(AuditRow).order_by(col(AuditRow.id))
    if since is not None:
        query = query.where(col(AuditRow.at) >= since)
    if actor:
        query = query.where(col(AuditRow.actor) == actor)
    if subject is not None:
        query = query.where(
            col(AuditRow.subject_type) == subject[0], col(AuditRow.subject_id) == subject[1]
        )
    if limit:
        query = query.limit(limit)
    return list(session.exec(query))
