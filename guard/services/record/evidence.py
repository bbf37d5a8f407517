"""Evidence capture: cases of inappropriate posts, their items and files, holds and views."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from guard.domain.calendar.council_time import in_words
from guard.domain.text.files import safe_name, sniff_type
from guard.services import InputError, found
from guard.services.record import audit
from guard.settings import Settings
from guard.store.models_record import EvidenceCaseRow, EvidenceFileRow, EvidenceItemRow

# The policy's "type of investigation": each has its own retention period in [evidence].
CASE_TYPES = ("disciplinary", "audit", "criminal", "code-of-conduct", "other")


@dataclass(frozen=True)
class Upload:
    """A file as received: its bytes are stored exactly, with their SHA-256."""

    filename: str  # as given: stored made safe (domain.text.files.safe_name)
    content: bytes  # its type is read from these bytes, never from the name


@dataclass(frozen=True)
class SeenPost:
    """A post as it was seen: where, its author and its text exactly as shown, and when."""

    platform: str
    author: str
    text: str
    seen_at: dt.datetime
    url: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class Item:
    row: EvidenceItemRow
    files: list[EvidenceFileRow] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    row: EvidenceCaseRow
    items: list[Item] = field(default_factory=list)


def open_case(
    session: Session, *, title: str, case_type: str, actor: str, now: dt.datetime
) -> EvidenceCaseRow:
    if not title.strip():
        raise InputError("a case needs a title")
    if case_type not in CASE_TYPES:
        raise InputError(
            f"unknown case type {case_type!r}: expected one of {', '.join(CASE_TYPES)}"
        )
    row = EvidenceCaseRow(
        title=title.strip(), case_type=case_type, created_by=actor, created_at=now, updated_at=now
    )
    session.add(row)
    session.flush()
    audit_case(session, row, "evidence.open", actor=actor, now=now, case_type=case_type)
    return row


def add_item(
    session: Session,
    settings: Settings,
    case_id: int,
    seen: SeenPost,
    *,
    files: Sequence[Upload] = (),
    actor: str,
    now: dt.datetime,
) -> EvidenceItemRow:
    """Record a post as seen, with its files; refuse any file over evidence.max_upload_bytes."""
    case = get_case(session, case_id)
    limit = settings.evidence.max_upload_bytes
    for upload in files:
        if len(upload.content) > limit:
            raise InputError(
                f"the file {upload.filename!r} is {len(upload.content)} bytes; the largest "
                f"allowed is {limit} bytes (evidence.max_upload_bytes)"
            )
    if not seen.platform.strip() or not seen.author.strip() or not seen.text.strip():
        raise InputError("an evidence item needs the platform, the author as written and the text")
    if seen.seen_at.tzinfo is None:
        raise InputError("the time the post was seen needs a time zone")
    if seen.seen_at > now + dt.timedelta(minutes=5):
        when = in_words(seen.seen_at, settings.council.zone)
        raise InputError(f"the time the post was seen, {when}, is in the future")
    item = EvidenceItemRow(
        case_id=case_id,
        url=seen.url or None,
        platform=seen.platform.strip(),
        author_as_written=seen.author,
        text_seen=seen.text,
        seen_at=seen.seen_at,
        notes=seen.notes,
        created_by=actor,
        created_at=now,
    )
    session.add(item)
    session.flush()
    assert item.id is not None
    stored = []
    for upload in files:
        row = EvidenceFileRow(
            item_id=item.id,
            filename=safe_name(upload.filename),
            content_type=sniff_type(upload.content),  # what the bytes are, not what is claimed
            size=len(upload.content),
            sha256=hashlib.sha256(upload.content).hexdigest(),
            content=upload.content,
            created_at=now,
        )
        session.add(row)
        stored.append({"sha256": row.sha256, "size": row.size})
    _touch(session, case, now)
    # The hashes bind the files to the chain; the author and the text stay out of it.
    audit_case(session, case, "evidence.add", actor=actor, now=now, item_id=item.id, files=stored)
    return item


def set_hold(
    session: Session, case_id: int, *, hold: bool, reason: str, actor: str, now: dt.datetime
) -> EvidenceCaseRow:
    """Put a case on hold (never deleted while held) or release it; both need a reason."""
    if not reason.strip():
        raise InputError("a hold or its release needs a reason")
    case = get_case(session, case_id)
    case.on_hold = hold
    case.hold_reason = reason.strip() if hold else None
    # Retention counts from the last update, so a released case gets its full period again.
    _touch(session, case, now)
    action = "evidence.hold" if hold else "evidence.release"
    audit_case(session, case, action, actor=actor, now=now, reason=reason.strip())
    return case


def get_case(session: Session, case_id: int) -> EvidenceCaseRow:
    case = found(session.get(EvidenceCaseRow, case_id), f"evidence case with id {case_id}")
    return case


def list_cases(session: Session) -> list[dict[str, Any]]:
    """Each case's heading and counts: no authors, no text (that is a view, and audited)."""
    cases = session.exec(select(EvidenceCaseRow).order_by(col(EvidenceCaseRow.id)))
    return [
        {
            "id": c.id,
            "title": c.title,
            "type": c.case_type,
            "on_hold": c.on_hold,
            "hold_reason": c.hold_reason,
            "items": len(_items(session, c.id or 0)),
            "created_at": c.created_at.isoformat(),
            "updated_at": c.updated_at.isoformat(),
        }
        for c in cases
    ]


def view_case(session: Session, case_id: int, *, actor: str, now: dt.datetime) -> Case:
    """The case with its items and files; the view itself is audited."""
    case = load_case(session, case_id)
    audit_case(session, case.row, "evidence.view", actor=actor, now=now)
    return case


def load_case(session: Session, case_id: int) -> Case:
    row = get_case(session, case_id)
    items = []
    for item in _items(session, case_id):
        files = session.exec(
            select(EvidenceFileRow)
            .where(EvidenceFileRow.item_id == item.id)
            .order_by(col(EvidenceFileRow.id))
        )
        items.append(Item(item, list(files)))
    return Case(row, items)


def _items(session: Session, case_id: int) -> list[EvidenceItemRow]:
    query = select(EvidenceItemRow).where(EvidenceItemRow.case_id == case_id)
    return list(session.exec(query.order_by(col(EvidenceItemRow.id))))


def _touch(session: Session, case: EvidenceCaseRow, now: dt.datetime) -> None:
    case.updated_at = now
    session.add(case)
    session.flush()


def audit_case(
    session: Session,
    case: EvidenceCaseRow,
    action: str,
    *,
    actor: str,
    now: dt.datetime,
    **summary: object,
) -> None:
    audit.record(session, action, "evidence_case", case.id, actor=actor, now=now, summary=summary)
