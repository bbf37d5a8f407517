"""Review: a clerk approves a held post with a reason, bound to its exact content and period."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from guard.domain.guard.verdict import Outcome
from guard.domain.sending.delivery import DeliveryStatus
from guard.services import InputError, found
from guard.services.posts import approvals
from guard.services.posts.judge import guard_context, judge, period_key, post_drafts
from guard.services.record import audit
from guard.services.users import list_users
from guard.settings import Settings
from guard.store import posts as store
from guard.store.models import ApprovalRow


def approve_post(
    session: Session,
    settings: Settings,
    post_id: int,
    *,
    reason: str,
    user: str,
    now: dt.datetime,
) -> ApprovalRow:
    """A clerk approves a held post; the approval covers this exact content and period only."""
    if not reason.strip():
        raise InputError("an approval needs a reason")
    post = found(store.get_post(session, post_id), f"post with id {post_id}")
    held = [d for d in store.deliveries_of(session, post_id) if d.status == DeliveryStatus.HELD]
    if not held:
        raise InputError(f"post {post_id} is not held for review")
    own = post.author.casefold() == user.casefold()
    if own and settings.review.second_person:
        raise InputError(_who_else_can(session, user))
    context = guard_context(session, settings)
    drafts = post_drafts(session, post, [d.platform for d in held], now=now)
    outcome = judge(drafts, context, at=post.at).outcome
    if outcome is Outcome.BLOCK:
        raise InputError(f"post {post_id} is blocked, which cannot be approved: edit or cancel it")
    key = period_key(context.periods, post.at)
    approvals.void_stale(session, post, key, actor=user, now=now)
    approval = ApprovalRow(
        post_id=post_id,
        content_hash=post.content_hash,
        period_key=key,
        reason=reason.strip(),
        approved_by=user,
        approved_at=now,
    )
    session.add(approval)
    session.flush()
    for delivery in held:
        store.move(session, delivery, DeliveryStatus.SCHEDULED, now=now)
    summary = {
        "approval_id": approval.id,
        "reason": approval.reason,
        "content_hash": approval.content_hash,
        "period_key": approval.period_key,
        "platforms": [d.platform for d in held],
        "self_approval": own,
    }
    audit.record(session, "post.approve", "post", post_id, actor=user, now=now, summary=summary)
    return approval


def _who_else_can(session: Session, user: str) -> str:
    others = sorted(
        u.email
        for u in list_users(session)
        if u.role in ("clerk", "admin") and u.email.casefold() != user.casefold()
    )
    who = ", ".join(others) if others else "another clerk or an admin (an admin can add one)"
    return f"you wrote this post, and this council has a second person approve each post: ask {who}"
