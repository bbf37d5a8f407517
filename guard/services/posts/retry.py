"""Retry a failed send: the clerk asks for it. Never for an unconfirmed one: the platform may
have it, and only the clerk, having looked, can say."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from guard.domain.sending.delivery import DeliveryStatus
from guard.services import InputError, found
from guard.services.record import audit
from guard.settings import Settings
from guard.store import posts as store


def retry_failed(
    session: Session, settings: Settings, post_id: int, *, user: str, now: dt.datetime
) -> list[str]:
    """Put the post's failed deliveries back in the queue, due now; returns their platforms.

    The guard runs again when it is sent. A post overdue past the missed limit is due now
    instead, so the sender does not mark it missed: the clerk has asked for it now.
    """
    post = found(store.get_post(session, post_id), f"post with id {post_id}")
    deliveries = store.deliveries_of(session, post_id)
    failed = [d for d in deliveries if d.status == DeliveryStatus.FAILED]
    if not failed:
        if any(d.status == DeliveryStatus.UNCONFIRMED for d in deliveries):
            raise InputError(
                f"post {post_id} is unconfirmed, not failed: check the account first and "
                "record whether it was published"
            )
        raise InputError(f"post {post_id} has no failed send to retry")
    due_before = post.at
    if now - post.at > dt.timedelta(minutes=settings.scheduler.missed_after_minutes):
        post.at = now
        post.updated_at = now
        session.add(post)
    for delivery in failed:
        store.move(session, delivery, DeliveryStatus.SCHEDULED, now=now)
        delivery.next_attempt_at = now
        delivery.attempts = 0
        session.add(delivery)
    platforms = [d.platform for d in failed]
    summary = {"platforms": platforms, "due_before": due_before, "due": post.at}
    audit.record(session, "post.retry", "post", post_id, actor=user, now=now, summary=summary)
    session.flush()
    return platforms


def settle_unconfirmed(
    session: Session, post_id: int, *, published: bool, user: str, now: dt.datetime
) -> list[str]:
    """The clerk looked at the account: the unconfirmed send is recorded as sent (it is there)
    or failed (it is not, and may then be retried)."""
    deliveries = store.deliveries_of(session, post_id)
    unconfirmed = [d for d in deliveries if d.status == DeliveryStatus.UNCONFIRMED]
    if not unconfirmed:
        raise InputError(f"post {post_id} has no unconfirmed send")
    for delivery in unconfirmed:
        if published:
            attempts = store.attempts_of(session, delivery.id or 0)
            delivery.sent_at = attempts[-1].started_at if attempts else delivery.updated_at
            store.move(session, delivery, DeliveryStatus.SENT, now=now)
        else:
            error = f"not on the platform: checked by {user}"
            store.move(session, delivery, DeliveryStatus.FAILED, now=now, error=error)
    platforms = [d.platform for d in unconfirmed]
    summary = {"platforms": platforms, "published": published}
    audit.record(session, "post.settle", "post", post_id, actor=user, now=now, summary=summary)
    return platforms
