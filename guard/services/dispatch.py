"""Sending: claim → re-check → publish → record, each step committed. Never a blind re-send."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from sqlalchemy.engine import Engine
from sqlmodel import Session

from guard.domain.delivery import DeliveryStatus
from guard.domain.verdict import GuardContext, Outcome
from guard.publishers import (
    ErrorKind,
    Payload,
    Platform,
    Publisher,
    PublishError,
    Receipt,
    ReconcileUnsupported,
)
from guard.services import audit, notices
from guard.services.guarding import (
    check_all,
    draft_of,
    explain,
    guard_context,
    period_key,
    record_verdict,
)
from guard.services.posts import approval_holds
from guard.settings import Settings
from guard.store import accounts
from guard.store import posts as store
from guard.store.db import session_scope
from guard.store.models import DeliveryRow

log = logging.getLogger(__name__)
S = DeliveryStatus
Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class Sender:
    """Everything a send needs, passed in: the engine, settings, publishers and the clock."""

    engine: Engine
    settings: Settings
    publishers: Mapping[Platform, Publisher]
    clock: Clock
    worker: str

    @property
    def lease(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.settings.scheduler.lease_seconds)

    @property
    def missed_after(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.settings.scheduler.missed_after_minutes)


def _audit(session: Session, delivery: DeliveryRow, *, now: dt.datetime, **summary: object) -> None:
    """The scheduler's record of a delivery's new status, in the same transaction as the move."""
    audit.record(
        session,
        actor="scheduler",
        action=f"delivery.{delivery.status}",
        subject_type="delivery",
        subject_id=delivery.id,
        summary={"post_id": delivery.post_id, "platform": delivery.platform, **summary},
        now=now,
    )


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
            _audit(session, delivery, now=now, due=post.at.isoformat())
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
            _audit(session, delivery, now=now, reason="the account needs new credentials")
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
            _audit(session, delivery, now=now, verdict=outcome.value, period_key=key)
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
            _audit(session, delivery, now=now, verdict=outcome.value, period_key=key)
            notices.add(
                session,
                "held",
                post,
                f"Post {post.id} is held for review: " + "; ".join(explain(verdict)),
                now=now,
            )
            return True
        payload = Payload(post.text, post.link)
        delivery.payload = {"text": payload.text, "link": payload.link}
        session.add(delivery)
    # The platform call happens outside any transaction: the claim is already committed.
    publisher = sender.publishers[Platform(delivery.platform)]
    started = sender.clock()
    try:
        receipt = publisher.publish(payload)
    except PublishError as exc:
        _record_failure(sender, delivery_id, exc, started)
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
        _audit(
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
        if exc.kind in (ErrorKind.RETRYABLE, ErrorKind.RATE_LIMITED):
            retry_at = exc.retry_at or now + backoff(delivery.attempts)
            too_many = delivery.attempts >= sender.settings.scheduler.max_attempts
            if too_many or retry_at - post.at > sender.missed_after:
                store.move(session, delivery, S.FAILED, now=now, error=str(exc))
                _audit(session, delivery, now=now, error=exc.kind.value, attempts=delivery.attempts)
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
            _audit(session, delivery, now=now, error=exc.kind.value, retry_at=retry_at.isoformat())
            return
        if exc.kind is ErrorKind.UNKNOWN:
            store.move(session, delivery, S.UNCONFIRMED, now=now, error=str(exc))
            _audit(session, delivery, now=now, error=exc.kind.value)
            notices.add(
                session,
                "unconfirmed",
                post,
                f"Post {post.id} to {delivery.platform} "
                "may or may not have been published; check the account and record "
                f"what you find. ({exc})",
                now=now,
            )
            return
        if exc.kind is ErrorKind.AUTH:
            accounts.mark_needs_credentials(session, delivery.platform, str(exc), now=now)
        store.move(session, delivery, S.FAILED, now=now, error=str(exc))
        _audit(session, delivery, now=now, error=exc.kind.value)
        notices.add(
            session, "failed", post, f"Post {post.id} to {delivery.platform} failed: {exc}", now=now
        )


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
                store.move(session, delivery, S.SENT, now=now)
                _audit(session, delivery, now=now, found_on_reconcile=found.platform_post_id)
            elif payload is None:
                # It never reached the platform: safe to try again at once.
                store.move(
                    session,
                    delivery,
                    S.SCHEDULED,
                    now=now,
                    error="the scheduler stopped before sending; retried",
                )
                _audit(session, delivery, now=now, reason="stopped before sending")
            else:
                store.move(session, delivery, S.UNCONFIRMED, now=now, error=error)
                _audit(session, delivery, now=now, reason="stopped while sending")
                notices.add(
                    session,
                    "unconfirmed",
                    post,
                    f"Post {post.id} to {platform} may or may not have been published: {error}",
                    now=now,
                )
    return len(stale)
