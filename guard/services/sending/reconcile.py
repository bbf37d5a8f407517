"""After a crash: settle deliveries a dead scheduler left in *sending*, never re-sending blindly."""

from __future__ import annotations

import datetime as dt

from guard.domain.guard.verdict import platform_name
from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import Payload, Platform, PublishError, Receipt, ReconcileUnsupported
from guard.services.sending.wiring import Sender, settle
from guard.store import posts as store
from guard.store.db import session_scope
from guard.store.models import DeliveryRow

S = DeliveryStatus


def reconcile_stale(sender: Sender) -> int:
    """Settle deliveries a dead scheduler left in *sending*: found → sent, else unconfirmed."""
    now = sender.clock()
    with session_scope(sender.engine) as session:
        stale = [
            (d.id, d.platform, d.payload, d.updated_at)
            for d in store.stale_sending(session, now=now)
        ]
    for delivery_id, platform, payload, claimed_at in stale:
        found: Receipt | None = None
        error = "the scheduler stopped while sending; the post was not found on the platform"
        if payload is not None:  # no payload: it stopped before calling the platform
            try:
                found = sender.publishers[Platform(platform)].find(
                    Payload(payload["text"], payload.get("link")),
                    since=claimed_at - dt.timedelta(minutes=1),
                )
            except (ReconcileUnsupported, PublishError) as exc:
                error = (
                    f"the scheduler stopped while sending and the platform cannot be asked: {exc}"
                )
        with session_scope(sender.engine) as session:
            delivery = session.get(DeliveryRow, delivery_id)
            if delivery is None or delivery.status != S.SENDING:
                continue
            post = store.get_post(session, delivery.post_id)
            assert post is not None
            if found is not None:
                delivery.platform_post_id = found.platform_post_id
                delivery.url = found.url
                delivery.sent_at = now
                settle(
                    session, delivery, S.SENT, now=now, found_on_reconcile=found.platform_post_id
                )
            elif payload is None:
                # It never reached the platform: safe to try again at once.
                settle(
                    session,
                    delivery,
                    S.SCHEDULED,
                    now=now,
                    error="the scheduler stopped before sending; retried",
                    reason="stopped before sending",
                )
            else:
                words = (
                    f"Post {post.id} to {platform_name(platform)} may or may not have been "
                    f"published: {error}"
                )
                settle(
                    session,
                    delivery,
                    S.UNCONFIRMED,
                    now=now,
                    error=error,
                    notice=("unconfirmed", post, words),
                    reason="stopped while sending",
                )
    return len(stale)
