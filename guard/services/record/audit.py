"""The audit trail: one append-only, hash-chained record per change or decision.

Each record carries the hash of its canonical form, which includes the previous record's
hash, so an edited, removed or reordered record breaks the chain. With a key configured
(services.record.audit_key) the hash is an HMAC-SHA256 under a secret kept outside the
database, so a chain rewritten by someone with only the database does not verify; records
written before keying keep their plain SHA-256 and still verify. Records are written in the
same transaction as the change they describe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, Protocol

from sqlalchemy import insert, update
from sqlalchemy import select as select_rows
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from guard.services.paging import Page, fetch_page
from guard.services.record.audit_key import key_for
from guard.store.models import StateRow
from guard.store.models_record import AuditRow

HEAD = "audit.head"
GENESIS = "0" * 64
PLAIN, KEYED = "sha256", "hmac-sha256"


class AuditFields(Protocol):
    """A record's fields: an AuditRow, or a plain row read in bulk without the ORM."""

    id: int | None
    at: dt.datetime
    actor: str
    action: str
    subject_type: str
    subject_id: str | None
    summary: dict[str, Any]
    prev_hash: str
    hash: str
    scheme: str


def chained_fields(row: AuditFields) -> dict[str, object]:
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


def sealed_fields(row: AuditFields) -> dict[str, object]:
    """What the hash covers: the chained fields, and for a keyed record its scheme too (so it
    cannot be quietly downgraded to a plain hash anyone could recompute)."""
    fields = chained_fields(row)
    return fields if row.scheme == PLAIN else {**fields, "scheme": row.scheme}


def exported(row: AuditFields) -> dict[str, object]:
    """A record as exported: its id, every chained field, its own hash and hash scheme."""
    return {"id": row.id, **chained_fields(row), "hash": row.hash, "scheme": row.scheme}


# The export's columns: id, the chained fields in their order, the record's own hash and scheme.
EXPORT_COLUMNS: tuple[str, ...] = ("id", "at", "actor", "action", "subject_type", "subject_id")
EXPORT_COLUMNS += ("summary", "prev_hash", "hash", "scheme")


def canonical(row: AuditFields) -> str:
    return json.dumps(
        sealed_fields(row),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )


def digest(row: AuditFields, key: bytes | None = None) -> str:
    """The record's hash under its scheme; a keyed record needs the key."""
    if row.scheme == PLAIN:
        return hashlib.sha256(canonical(row).encode()).hexdigest()
    if key is None:
        raise MissingKey("the audit chain is keyed: give its key ([audit] key or key_file)")
    return hmac.new(key, canonical(row).encode(), hashlib.sha256).hexdigest()


class MissingKey(Exception):
    """A keyed record cannot be checked or written without the chain's key."""


def record(
    session: Session,
    action: str,
    subject_type: str,
    subject_id: object = None,
    *,
    actor: str,
    now: dt.datetime,
    summary: dict[str, Any] | None = None,
) -> AuditRow:
    """Append a record to the chain, in the caller's transaction: ``action`` (``"post.edit"``)
    by ``actor`` on the subject (``"post"``, 12)."""
    head = _lock_head(session, now=now)
    key = key_for(session)
    row = AuditRow(
        at=now,
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_id=None if subject_id is None else str(subject_id),
        summary=json.loads(json.dumps(summary or {}, default=str)),
        prev_hash=head.value,
        hash="",
        scheme=PLAIN if key is None else KEYED,
    )
    row.hash = digest(row, key)
    session.add(row)
    head.value = row.hash
    head.updated_at = now
    session.add(head)
    session.flush()
    return row


def record_many(
    session: Session, entries: Sequence[dict[str, Any]], *, actor: str, now: dt.datetime
) -> None:
    """Append several records (each a dict of action, subject_type, subject_id and summary),
    in order, in the caller's transaction: the head is taken once, the rows inserted in bulk."""
    if not entries:
        return
    head = _lock_head(session, now=now)
    key = key_for(session)
    previous = head.value
    rows = []
    for entry in entries:
        subject_id = entry.get("subject_id")
        row = SimpleNamespace(
            at=now,
            actor=actor,
            action=entry["action"],
            subject_type=entry["subject_type"],
            subject_id=None if subject_id is None else str(subject_id),
            summary=json.loads(json.dumps(entry.get("summary") or {}, default=str)),
            prev_hash=previous,
            scheme=PLAIN if key is None else KEYED,
        )
        row.hash = previous = digest(row, key)  # type: ignore[arg-type]
        rows.append(vars(row))
    session.execute(insert(AuditRow.__table__), rows)  # type: ignore[attr-defined]
    head.value = previous
    head.updated_at = now
    session.add(head)
    session.flush()


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
    unkeyed: int = 0  # records with a plain SHA-256 (written before a key was configured)
    last_id: int = 0
    head: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.broken_at is None and self.problem is None


def verify(session: Session, key: bytes | None = None) -> ChainReport:
    """Walk the chain in order; name the first record that was altered, removed or moved."""
    key = key if key is not None else key_for(session)
    expected_prev = GENESIS
    count = unkeyed = 0
    last_id = 0
    keyed_seen = False
    # Streamed a batch at a time: memory stays flat however long the chain is.
    for row in stream(session):
        count += 1
        assert row.id is not None
        if row.scheme == PLAIN:
            unkeyed += 1
            if keyed_seen:
                return ChainReport(
                    count,
                    row.id,
                    f"record {row.id} is unkeyed after keyed records: it was rewritten",
                )
        elif row.scheme == KEYED:
            keyed_seen = True
            if key is None:
                return ChainReport(
                    count, None, "the chain is keyed: give its key ([audit] key or key_file)"
                )
        else:
            return ChainReport(count, row.id, f"record {row.id} has an unknown hash scheme")
        if row.prev_hash != expected_prev:
            return ChainReport(
                count,
                row.id,
                f"record {row.id} does not follow record "
                f"{last_id or 'the start'}: a record was removed or reordered",
            )
        if not hmac.compare_digest(digest(row, key), row.hash):
            return ChainReport(count, row.id, f"record {row.id} was altered after it was written")
        expected_prev = row.hash
        last_id = row.id or 0
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
    return ChainReport(count, None, None, unkeyed, last_id, expected_prev)


def stream(
    session: Session, *, since: dt.datetime | None = None, batch: int = 2000
) -> Iterator[AuditFields]:
    """Every record (from ``since``) in order, read in batches: memory stays flat at any size.

    Plain rows, not ORM objects, so nothing piles up in the session; each batch starts after
    the last id seen, so no server-side cursor is needed on any database.
    """
    table = AuditRow.__table__  # type: ignore[attr-defined]
    last = 0
    while True:
        query = select_rows(table).where(table.c.id > last).order_by(table.c.id).limit(batch)
        if since is not None:
            query = query.where(table.c.at >= since)
        rows = session.connection().execute(query).all()
        yield from rows  # type: ignore[misc]
        if len(rows) < batch:
            return
        last = rows[-1].id


def entries(
    session: Session,
    *,
    since: dt.datetime | None = None,
    actor: str | None = None,
    subject: tuple[str, str] | None = None,
    limit: int | None = None,
) -> list[AuditRow]:
    """The matching records, oldest first."""
    query = _matching(since=since, actor=actor, subject=subject).order_by(col(AuditRow.id))
    if limit:
        query = query.limit(limit)
    return list(session.exec(query))


def entries_page(
    session: Session,
    *,
    number: int = 1,
    since: dt.datetime | None = None,
    actor: str | None = None,
    subject: tuple[str, str] | None = None,
) -> Page[AuditRow]:
    """Page ``number`` of the matching records, newest first."""
    query = _matching(since=since, actor=actor, subject=subject)
    return fetch_page(session, query.order_by(col(AuditRow.id).desc()), number=number)


def _matching(
    *, since: dt.datetime | None, actor: str | None, subject: tuple[str, str] | None
) -> SelectOfScalar[AuditRow]:
    query = select(AuditRow)
    if since is not None:
        query = query.where(col(AuditRow.at) >= since)
    if actor:
        query = query.where(col(AuditRow.actor) == actor)
    if subject is not None:
        query = query.where(
            col(AuditRow.subject_type) == subject[0], col(AuditRow.subject_id) == subject[1]
        )
    return query
