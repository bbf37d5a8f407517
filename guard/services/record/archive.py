"""The archive of what was published: each sent delivery, its answer, verdict and approval."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from guard.domain.sending.delivery import DeliveryStatus
from guard.services.paging import Page, fetch_page
from guard.services.text_search import text_contains
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
    query = sent_query(session, text=text, since=since, until=until, platform=platform)
    rows = session.exec(query.order_by(col(DeliveryRow.sent_at), col(DeliveryRow.id))).all()
    return entries_for(session, rows)


def published_page(
    session: Session,
    *,
    number: int = 1,
    text: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    platform: str | None = None,
) -> Page[Published]:
    """Page ``number`` of what was sent, newest first, searched and filtered in SQL."""
    query = sent_query(session, text=text, since=since, until=until, platform=platform)
    query = query.order_by(col(DeliveryRow.sent_at).desc(), col(DeliveryRow.id).desc())
    page = fetch_page(session, query, number=number)
    return page.map(lambda rows: entries_for(session, rows))


def sent_query(
    session: Session,
    *,
    text: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    platform: str | None,
) -> Any:
    """Sent deliveries with their posts, filtered in SQL (not yet ordered)."""
    query = (
        select(DeliveryRow, PostRow)
        .join(PostRow, col(PostRow.id) == col(DeliveryRow.post_id))
        .where(col(DeliveryRow.status) == DeliveryStatus.SENT.value)
    )
    if since is not None:
        query = query.where(col(DeliveryRow.sent_at) >= since)
    if until is not None:
        query = query.where(col(DeliveryRow.sent_at) < until)
    if platform:
        query = query.where(col(DeliveryRow.platform) == platform)
    if text and text.strip():
        query = query.where(text_matches(session, text.strip()))
    return query


def text_matches(session: Session, wanted: str) -> Any:
    """What was sent contains ``wanted``: words by full-text search on PostgreSQL (stemmed,
    any case), a substring in any (ASCII) case elsewhere."""
    sent_text = func.coalesce(col(DeliveryRow.payload)["text"].as_string(), col(PostRow.text))
    return text_contains(session, sent_text, wanted)


def entries_for(session: Session, rows: Sequence[Any]) -> list[Published]:
    """(delivery, post) rows as archive entries; verdicts and approvals in one query each."""
    post_ids = sorted({post.id for _, post in rows})
    verdicts: dict[int, list[VerdictRow]] = defaultdict(list)
    approvals: dict[int, list[ApprovalRow]] = defaultdict(list)
    if post_ids:
        sends = select(VerdictRow).where(
            col(VerdictRow.post_id).in_(post_ids), col(VerdictRow.occasion) == "send"
        )
        for v in session.exec(sends.order_by(col(VerdictRow.checked_at), col(VerdictRow.id))):
            verdicts[v.post_id].append(v)
        given = select(ApprovalRow).where(col(ApprovalRow.post_id).in_(post_ids))
        for a in session.exec(given.order_by(col(ApprovalRow.approved_at), col(ApprovalRow.id))):
            approvals[a.post_id].append(a)
    found = []
    for delivery, post in rows:
        sent_at = delivery.sent_at
        # The last verdict and approval given before it went out (lists are in time order).
        verdict = next(
            (
                v
                for v in reversed(verdicts[post.id])
                if v.platform == delivery.platform and v.checked_at <= sent_at
            ),
            None,
        )
        # The approval that was live when it went out, never one voided before then.
        approval = next(
            (
                a
                for a in reversed(approvals[post.id])
                if a.approved_at <= sent_at and (a.voided_at is None or a.voided_at > sent_at)
            ),
            None,
        )
        found.append(_entry(delivery, post, verdict, approval))
    return found


def _entry(
    delivery: DeliveryRow, post: PostRow, verdict: VerdictRow | None, approval: ApprovalRow | None
) -> Published:
    assert delivery.id is not None and delivery.sent_at is not None
    payload = delivery.payload or {"text": post.text, "link": post.link}
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
