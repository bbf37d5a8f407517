"""Approvals: bound to the exact content and period they were given for; voided with an audit
record when either changes, and never used again by any path (submit, re-check, dispatch)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from guard.services.record import audit
from guard.store.models import ApprovalRow, PostRow

EDITED = "the post was edited after it was approved"
NEW_PERIOD = "the restricted periods in force at the post's time changed"


def live_approvals(session: Session, post_id: int) -> list[ApprovalRow]:
    query = select(ApprovalRow).where(
        ApprovalRow.post_id == post_id, col(ApprovalRow.voided_at).is_(None)
    )
    return list(session.exec(query.order_by(col(ApprovalRow.id))))


def live_approval(session: Session, post: PostRow, key: str) -> ApprovalRow | None:
    """The approval in force for exactly this content and these periods, if any."""
    assert post.id is not None
    for approval in live_approvals(session, post.id):
        if approval.content_hash == post.content_hash and approval.period_key == key:
            return approval
    return None


def void(
    session: Session, approval: ApprovalRow, *, reason: str, actor: str, now: dt.datetime
) -> None:
    approval.voided_at = now
    approval.void_reason = reason
    session.add(approval)
    summary = {
        "approval_id": approval.id,
        "reason": reason,
        "approved_by": approval.approved_by,
        "content_hash": approval.content_hash,
        "period_key": approval.period_key,
    }
    audit.record(
        session, "approval.void", "post", approval.post_id, actor=actor, now=now, summary=summary
    )


def void_all(session: Session, post_id: int, *, reason: str, actor: str, now: dt.datetime) -> int:
    """Void every live approval of a post (an edit); returns how many."""
    found = live_approvals(session, post_id)
    for approval in found:
        void(session, approval, reason=reason, actor=actor, now=now)
    return len(found)


def void_stale(
    session: Session, post: PostRow, key: str, *, actor: str, now: dt.datetime
) -> ApprovalRow | None:
    """Void the live approvals that no longer match the post's content or periods ``key``;
    return the one that still does, if any."""
    assert post.id is not None
    kept = None
    for approval in live_approvals(session, post.id):
        if approval.content_hash != post.content_hash:
            void(session, approval, reason=EDITED, actor=actor, now=now)
        elif approval.period_key != key:
            void(session, approval, reason=NEW_PERIOD, actor=actor, now=now)
        else:
            kept = approval
    return kept
