"""The demo's past posts: sent or failed as the sender would have recorded them, all in the past."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlmodel import Session

from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import Platform
from guard.services import users
from guard.services.posts import write as posts
from guard.services.posts.judge import (
    guard_context,
    judge,
    payload_of,
    post_drafts,
    record_verdict,
)
from guard.services.sending import notices
from guard.services.sending.wiring import audit_delivery
from guard.settings import Settings
from guard.store import posts as post_store

S = DeliveryStatus
REFUSAL = "demo: the platform refused it (a duplicate of an earlier post)"


def past_post(
    session: Session,
    settings: Settings,
    *,
    text: str,
    at: dt.datetime,
    state: DeliveryStatus,
) -> int:
    """Write a post the day before ``at`` and record its send at ``at``, as dispatch would:
    the guard's send-time verdict, the payload, one attempt, and a sent time or an error."""
    written = at - dt.timedelta(days=1)
    made = posts.schedule_post(
        session,
        settings,
        text=text,
        at=at,
        platforms=[Platform.X],
        author=users.DEMO_CLERK,
        now=written,
    )
    post = post_store.get_post(session, made.post_id)
    assert post is not None
    context = guard_context(session, settings)
    finished = at + dt.timedelta(seconds=2)
    for delivery in post_store.deliveries_of(session, made.post_id):
        judged = judge(post_drafts(session, post, [delivery.platform], now=at), context, at=at)
        verdict = judged.verdicts[0]
        record_verdict(
            session, post, verdict, occasion="send", platform=delivery.platform, for_time=at, now=at
        )
        post_store.move(session, delivery, S.SENDING, now=at)
        delivery.payload = payload_of(judged.rendered[0], post.media).summary()
        if state is S.SENT:
            digest = hashlib.sha256(post.text.encode()).hexdigest()[:16]
            delivery.platform_post_id = f"demo-{digest}"
            delivery.response = {"demo": True}
            delivery.sent_at = finished
            post_store.record_attempt(
                session, delivery, started=at, finished=finished, outcome="sent"
            )
            post_store.move(session, delivery, S.SENT, now=finished)
            audit_delivery(session, delivery, now=finished, payload=delivery.payload)
        else:
            post_store.record_attempt(
                session, delivery, started=at, finished=finished, outcome="rejected", error=REFUSAL
            )
            post_store.move(session, delivery, S.FAILED, now=finished, error=REFUSAL)
            audit_delivery(session, delivery, now=finished, error="rejected")
            notices.add(
                session,
                "failed",
                post,
                f"Post {post.id} to {delivery.platform} failed: {REFUSAL}",
                now=finished,
            )
    return made.post_id
