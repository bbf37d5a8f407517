"""The clerk settles an unconfirmed delivery: it is on the platform, or it is not and is sent."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from sqlmodel import Session

from guard.domain.sending.delivery import DeliveryStatus
from guard.services import InputError
from guard.services.record import audit
from guard.store import posts as store

S = DeliveryStatus


def settle_unconfirmed(
    session: Session,
    post_id: int,
    platform: str,
    *,
    on_platform: bool,
    url: str | None = None,
    missed_after: dt.timedelta,
    actor: str,
    now: dt.datetime,
) -> str:
    """Record what the clerk found; returns the delivery's new status.

    Not on the platform: it is sent again at once, unless it is overdue past the missed-post
    limit, when it fails instead, to be given a new time (a post is never sent late).
    """
    found_rows = [d for d in store.deliveries_of(session, post_id) if d.platform == platform]
    if not found_rows:
        raise InputError(f"post {post_id} has no delivery to {platform!r}")
    delivery = found_rows[0]
    if delivery.status != S.UNCONFIRMED:
        raise InputError(
            f"post {post_id} to {platform} is {delivery.status}, not unconfirmed: nothing to settle"
        )
    post = store.get_post(session, delivery.post_id)
    assert post is not None
    url = (url or "").strip() or None
    if url is not None and urlsplit(url).scheme not in ("http", "https"):
        raise InputError(f"{url!r} is not a web address: give the post's https:// address")
    if on_platform:
        delivery.url = url or delivery.url
        path = urlsplit(url).path.rstrip("/") if url else ""
        delivery.platform_post_id = path.rsplit("/", 1)[-1] or delivery.platform_post_id
        delivery.sent_at = delivery.sent_at or now
        store.move(session, delivery, S.SENT, now=now, error=None)
        found = "on the platform"
    else:
        store.record_attempt(
            session,
            delivery,
            started=now,
            finished=now,
            outcome="not-posted",
            error=f"{actor} found it is not on the platform",
        )
        if now - post.at > missed_after:
            error = (
                f"not on the platform, and overdue by {now - post.at}: "
                "give the post a new time to send it"
            )
            store.move(session, delivery, S.FAILED, now=now, error=error)
        else:
            store.move(session, delivery, S.SCHEDULED, now=now, error=None)
            delivery.next_attempt_at = now
            session.add(delivery)
        found = "not on the platform"
    audit.record(
        session,
        actor=actor,
        action="delivery.settle",
        subject_type="delivery",
        subject_id=delivery.id,
        summary={
            "post_id": delivery.post_id,
            "platform": delivery.platform,
            "found": found,
            "url": url,
            "status": delivery.status,
        },
        now=now,
    )
    return delivery.status
