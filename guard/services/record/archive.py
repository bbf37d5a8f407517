"""The archive of what was published: each sent delivery, its answer, verdict and approval."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, or_, select

from guard.domain.sending.delivery import DeliveryStatus
from guard.domain.text.spreadsheet import SafeDictWriter
from guard.services.record import audit
from guard.store.models import ApprovalRow, DeliveryRow, PostRow, VerdictRow

FIELDS = (
    "delivery_id",
    "post_id",
    "platform",
    "text",
    "link",
    "payload",
    "platform_post_id",
    "url",
    "response",
    "author",
    "scheduled_at",
    "sent_at",
    "verdict",
    "verdict_checked_at",
    "findings",
    "approved_by",
    "approval_reason",
    "approved_at",
)


@dataclass(frozen=True)
class Published:
    """One delivery as it went out: exactly what was sent, when, and on whose authority."""

    delivery_id: int
    post_id: int
    platform: str
    text: str
    link: str | None
    payload: dict[str, Any]
    platform_post_id: str | None
    url: str | None
    response: dict[str, Any] | None
    author: str
    scheduled_at: str
    sent_at: str
    verdict: str | None
    verdict_checked_at: str | None
    findings: list[dict[str, Any]]
    approved_by: str | None
    approval_reason: str | None
    approved_at: str | None


def published(
    session: Session,
    *,
    text: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    platform: str | None = None,
) -> list[Published]:
    """Sent deliveries, oldest first: ``text`` in what was sent, sent in [since, until)."""
    query = (
        select(DeliveryRow, PostRow)
        .where(col(DeliveryRow.post_id) == col(PostRow.id))
        .where(col(DeliveryRow.status) == DeliveryStatus.SENT.value)
        .order_by(col(DeliveryRow.sent_at), col(DeliveryRow.id))
    )
    if since is not None:
        query = query.where(col(DeliveryRow.sent_at) >= since)
    if until is not None:
        query = query.where(col(DeliveryRow.sent_at) < until)
    if platform:
        query = query.where(col(DeliveryRow.platform) == platform)
    wanted = text.casefold() if text else None
    found = []
    for delivery, post in session.exec(query):
        entry = _entry(session, delivery, post)
        if wanted is None or wanted in entry.text.casefold():
            found.append(entry)
    return found


def _entry(session: Session, delivery: DeliveryRow, post: PostRow) -> Published:
    assert delivery.id is not None and delivery.sent_at is not None
    payload = delivery.payload or {"text": post.text, "link": post.link}
    verdict = session.exec(
        select(VerdictRow)
        .where(
            VerdictRow.post_id == post.id,
            VerdictRow.occasion == "send",
            VerdictRow.platform == delivery.platform,
            col(VerdictRow.checked_at) <= delivery.sent_at,
        )
        .order_by(col(VerdictRow.checked_at).desc(), col(VerdictRow.id).desc())
    ).first()
    approval = session.exec(
        select(ApprovalRow)
        .where(ApprovalRow.post_id == post.id, col(ApprovalRow.approved_at) <= delivery.sent_at)
        .where(  # the approval that was live when it went out, never a voided one
            or_(
                col(ApprovalRow.voided_at).is_(None),
                col(ApprovalRow.voided_at) > delivery.sent_at,
            )
        )
        .order_by(col(ApprovalRow.approved_at).desc(), col(ApprovalRow.id).desc())
    ).first()
    return Published(
        delivery_id=delivery.id,
        post_id=delivery.post_id,
        platform=delivery.platform,
        text=str(payload.get("text", "")),
        link=payload.get("link"),
        payload=payload,
        platform_post_id=delivery.platform_post_id,
        url=delivery.url,
        response=delivery.response,
        author=post.author,
        scheduled_at=post.at.isoformat(),
        sent_at=delivery.sent_at.isoformat(),
        verdict=verdict.verdict if verdict else None,
        verdict_checked_at=verdict.checked_at.isoformat() if verdict else None,
        findings=verdict.findings if verdict else [],
        approved_by=approval.approved_by if approval else None,
        approval_reason=approval.reason if approval else None,
        approved_at=approval.approved_at.isoformat() if approval else None,
    )


def to_csv(entries: Sequence[Published]) -> str:
    """One row per delivery; nested values (payload, response, findings) as JSON text."""
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        row = asdict(entry)
        for key in ("payload", "response", "findings"):
            row[key] = json.dumps(row[key], ensure_ascii=False, sort_keys=True)
        writer.writerow(row)
    return out.getvalue()


def to_jsonl(entries: Sequence[Published]) -> str:
    return "".join(
        json.dumps(asdict(e), ensure_ascii=False, sort_keys=True) + "\n" for e in entries
    )


@dataclass(frozen=True)
class ExportResult:
    directory: Path
    deliveries: int
    manifest: dict[str, Any]


def bundle(
    session: Session,
    *,
    since: dt.datetime | None,
    until: dt.datetime | None,
    actor: str,
    now: dt.datetime,
) -> tuple[dict[str, bytes], dict[str, Any]]:
    """archive.csv, archive.jsonl and manifest.json (hashes and sizes) for an FOI request.

    The export itself is audited.
    """
    entries = published(session, since=since, until=until)
    contents = {
        "archive.csv": to_csv(entries).encode("utf-8"),
        "archive.jsonl": to_jsonl(entries).encode("utf-8"),
    }
    files = {
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in contents.items()
    }
    manifest = {
        "generated_at": now.isoformat(),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "deliveries": len(entries),
        "posts": len({e.post_id for e in entries}),
        "platforms": {p: sum(e.platform == p for e in entries) for p in _platforms(entries)},
        "files": files,
    }
    contents["manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    audit.record(
        session,
        actor=actor,
        action="archive.export",
        subject_type="archive",
        summary={k: manifest[k] for k in ("since", "until", "deliveries", "files")},
        now=now,
    )
    return contents, manifest


def export(
    session: Session,
    out_dir: Path,
    *,
    since: dt.datetime | None,
    until: dt.datetime | None,
    actor: str,
    now: dt.datetime,
) -> ExportResult:
    """Write the FOI bundle's files into ``out_dir``."""
    contents, manifest = bundle(session, since=since, until=until, actor=actor, now=now)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (out_dir / name).write_bytes(data)
    return ExportResult(out_dir, manifest["deliveries"], manifest)


def _platforms(entries: Sequence[Published]) -> list[str]:
    return sorted({e.platform for e in entries})
