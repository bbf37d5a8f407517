"""Sending: claim → re-check → publish → record, each step committed. Never a blind re-send."""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from guard.domain.guard.verdict import GuardContext, Outcome
from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import (
    ErrorKind,
    Payload,
    Platform,
    PublishError,
    Receipt,
)
from guard.services import InputError
from guard.services.posts.judge import (
    check_all,
    draft_of,
    explain,
    guard_context,
    period_key,
    record_verdict,
)
from guard.services.posts.media import media_files
from guard.services.posts.write import approval_holds
from guard.services.sending import ambiguous, notices
from guard.services.sending.wiring import Sender, audit_delivery
from guard.store import accounts
from guard.store import posts as store
from guard.store.db import session_scope
from guard.store.models import DeliveryRow

log = logging.getLogger(__name__)
S = DeliveryStatus

__all__ = ["Sender", "backoff", "dispatch_due", "send_one"]


def dispatch_due(sender: Sender, *, batch: int = 50) -> int:
    """Send every delivery that is due now, several at once; returns how many were handled.

    The guard's context (register and periods) is read once per batch: each post is still
    checked against the calendar as it stands at the moment it is sent.
    """
    handled = 0
    workers = max(1, sender.settings.scheduler.send_workers)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="send") as pool:
        while True:
            with session_scope(sender.engine) as session:
                ids = store.due_ids(session, now=sender.clock(), limit=batch)
                context = guard_context(session, sender.settings) if ids else None
            if not ids or context is None:
                return handled
            results = list(pool.map(partial(send_one, sender, context=context), ids))
            handled += sum(results)
            if not any(results):  # every one was taken by another worker
                return handled


def send_one(sender: Sender, delivery_id: int, *, context: GuardContext | None = None) -> bool:
    """Claim one delivery and take it as far as it goes. False if another worker has it."""
    now = sender.clock()
    with session_scope(sender.engine) as session:
        if not store.claim(session, delivery_id, worker=sender.worker, now=now, lease=sender.lease):
            return False
    with session_scope(sender.engine) as session:
        delivery = session.get(DeliveryRow, delivery_id)
        assert delivery is not None
        post = store.get_post(session, delivery.post_id)
        assert post is not None
        if now - post.at > sender.missed_after:
            store.move(
                session,
                delivery,
                S.MISSED,
                now=now,
                error=f"overdue by {now - post.at}; not sent late",
            )
            audit_delivery(session, delivery, now=now, due=post.at.isoformat())
            notices.add(
                session,
                "missed",
                post,
                f"Post {post.id} to {delivery.platform} was "
                "missed: it was overdue and was not sent late.",
                now=now,
            )
            return True
        if (reason := accounts.needs_credentials(session, delivery.platform)) is not None:
            store.move(
                session,
                delivery,
                S.FAILED,
                now=now,
                error=f"the {delivery.platform} account needs new credentials: {reason}",
            )
            audit_delivery(session, delivery, now=now, reason="the account needs new credentials")
            return True
        context = context or guard_context(session, sender.settings)
        outcome, [verdict] = check_all([draft_of(post, delivery.platform)], context, at=now)
        record_verdict(
            session,
            post,
            verdict,
            occasion="send",
            platform=delivery.platform,
            for_time=now,
            now=now,
        )
        key = period_key(context.periods, now)
        if outcome is Outcome.BLOCK:
            store.move(session, delivery, S.BLOCKED, now=now, error="; ".join(explain(verdict)))
            audit_delivery(session, delivery, now=now, verdict=outcome.value, period_key=key)
            notices.add(
                session,
                "blocked",
                post,
                f"Post {post.id} was blocked at send time: " + "; ".join(explain(verdict)),
                now=now,
            )
            return True
        if outcome is Outcome.FLAG and not approval_holds(session, post, key):
            store.move(session, delivery, S.HELD, now=now, error="held for review at send time")
            audit_delivery(session, delivery, now=now, verdict=outcome.value, period_key=key)
            notices.add(
                session,
                "held",
                post,
                f"Post {post.id} is held for review: " + "; ".join(explain(verdict)),
                now=now,
            )
            return True
        try:
            payload = Payload(post.text, post.link, media_files(post.media))
        except (InputError, KeyError) as exc:
            # Only a hand-edited row gets here: fail it, never leave it claimed.
            store.move(session, delivery, S.FAILED, now=now, error=f"cannot be sent: {exc}")
            audit_delivery(session, delivery, now=now, error="damaged media")
            notices.add(session, "failed", post, f"Post {post.id} cannot be sent: {exc}", now=now)
            return True
        delivery.payload = payload.summary()  # the images by digest, never their bytes
        session.add(delivery)
        unknown_since = ambiguous.unknown_since(session, delivery_id)
    # The platform call happens outside any transaction: the claim is already committed.
    publisher = sender.publishers[Platform(delivery.platform)]
    started = sender.clock()
    if unknown_since is not None:  # an earlier try may have posted: look before trying again
        looked = ambiguous.look_for(publisher, payload, since=unknown_since)
        if looked.receipt is not None:
            _record_sent(sender, delivery_id, looked.receipt, started)
            return True
        if looked.unanswerable is not None:
            earlier = PublishError(ErrorKind.UNKNOWN, "an earlier attempt's outcome is unknown")
            ambiguous.record_unknown(sender, delivery_id, earlier, started, looked)
            return True
    try:
        receipt = publisher.publish(payload)
    except Exception as raised:  # every failure, mapped or not, is recorded: never left claimed
        failure = ambiguous.as_unknown(raised)
        if failure.kind is not ErrorKind.UNKNOWN:
            _record_failure(sender, delivery_id, failure, started)
            return True
        looked = ambiguous.look_for(publisher, payload, since=started)
        if looked.receipt is not None:
            _record_sent(sender, delivery_id, looked.receipt, started)
        else:
            ambiguous.record_unknown(sender, delivery_id, failure, started, looked)
    else:
        _record_sent(sender, delivery_id, receipt, started)
    return True


def _record_sent(sender: Sender, delivery_id: int, receipt: Receipt, started: dt.datetime) -> None:
    now = sender.clock()
    with session_scope(sender.engine) as session:
        delivery = session.get(DeliveryRow, delivery_id)
        assert delivery is not None
        delivery.platform_post_id = receipt.platform_post_id
        delivery.url = receipt.url
        delivery.response = receipt.response
        delivery.sent_at = now
        store.move(session, delivery, S.SENT, now=now)
        store.record_attempt(session, delivery, started=started, finished=now, outcome="sent")
        audit_delivery(
            session,
            delivery,
            now=now,
            platform_post_id=receipt.platform_post_id,
            url=receipt.url,
            payload=delivery.payload,
        )


def backoff(attempts: int, *, base: float = 30.0, cap: float = 900.0) -> dt.timedelta:
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def _record_failure(
    sender: Sender, delivery_id: int, exc: PublishError, started: dt.datetime
) -> None:
    now = sender.clock()
    with session_scope(sender.engine) as session:
        delivery = session.get(DeliveryRow, delivery_id)
        assert delivery is not None
        post = store.get_post(session, delivery.post_id)
        assert post is not None
        store.record_attempt(
            session,
            delivery,
            started=started,
            finished=now,
            outcome=exc.kind.value,
            error=exc.message,
        )
        if exc.kind is ErrorKind.RATE_LIMITED and (
            (exc.retry_time(now) or now + backoff(delivery.attempts)) - post.at
            > sender.missed_after
        ):
            # The platform's window ends after the post would count as missed: never send late.
            store.move(session, delivery, S.MISSED, now=now, error=str(exc))
            audit_delivery(session, delivery, now=now, error=exc.kind.value)
            notices.add(
                session,
                "missed",
                post,
                f"Post {post.id} to {delivery.platform} was missed: the platform limits how "
                f"often the council may post, and its wait ends too late ({exc}).",
                now=now,
            )
            return
        if exc.kind in (ErrorKind.RETRYABLE, ErrorKind.RATE_LIMITED):
            retry_at = exc.retry_time(now) or now + backoff(delivery.attempts)
            # Waiting out a rate limit is not a failed try: only the missed limit bounds it.
            too_many = (
                exc.kind is ErrorKind.RETRYABLE
                and delivery.attempts >= sender.settings.scheduler.max_attempts
            )
            if too_many or retry_at - post.at > sender.missed_after:
                store.move(session, delivery, S.FAILED, now=now, error=str(exc))
                audit_delivery(
                    session, delivery, now=now, error=exc.kind.value, attempts=delivery.attempts
                )
                notices.add(
                    session,
                    "failed",
                    post,
                    f"Post {post.id} to {delivery.platform} "
                    f"failed after {delivery.attempts} attempts: {exc}",
                    now=now,
                )
                return
            store.move(session, delivery, S.SCHEDULED, now=now, error=str(exc))
            delivery.next_attempt_at = retry_at
            session.add(delivery)
            audit_delivery(
                session, delivery, now=now, error=exc.kind.value, retry_at=retry_at.isoformat()
            )
            return
        if exc.kind is ErrorKind.AUTH:
            accounts.mark_needs_credentials(session, delivery.platform, str(exc), now=now)
        store.move(session, delivery, S.FAILED, now=now, error=str(exc))
        audit_delivery(session, delivery, now=now, error=exc.kind.value)
        notices.add(
            session, "failed", post, f"Post {post.id} to {delivery.platform} failed: {exc}", now=now
        )
