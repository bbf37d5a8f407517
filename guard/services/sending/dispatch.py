"""Sending: claim → re-check → publish → record, each step committed. Never a blind re-send."""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from guard.domain.guard.verdict import GuardContext, Outcome, platform_name
from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import (
    ErrorKind,
    Platform,
    PublishError,
    Receipt,
)
from guard.services import InputError
from guard.services.posts.approvals import void_stale
from guard.services.posts.judge import (
    explain,
    guard_context,
    judge,
    payload_of,
    period_key,
    post_drafts,
    record_verdict,
)
from guard.services.sending import ambiguous
from guard.services.sending.wiring import Sender, finished_attempt, settle
from guard.store import accounts
from guard.store import posts as store
from guard.store.db import session_scope
from guard.store.models import DeliveryRow, PostRow

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
            words = (
                f"Post {post.id} to {platform_name(delivery.platform)} was missed: "
                "it was overdue and was not sent late."
            )
            settle(
                session,
                delivery,
                S.MISSED,
                now=now,
                error=f"overdue by {now - post.at}; not sent late",
                notice=("missed", post, words),
                due=post.at.isoformat(),
            )
            return True
        if (reason := accounts.needs_credentials(session, delivery.platform)) is not None:
            settle(
                session,
                delivery,
                S.FAILED,
                now=now,
                error=(
                    f"the {platform_name(delivery.platform)} account needs new credentials: "
                    f"{reason}"
                ),
                reason="the account needs new credentials",
            )
            return True
        context = context or guard_context(session, sender.settings)
        judged = judge(post_drafts(session, post, [delivery.platform], now=now), context, at=now)
        outcome, [verdict], [rendered] = judged.outcome, judged.verdicts, judged.rendered
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
        reasons = "; ".join(explain(verdict))
        if outcome is Outcome.BLOCK:
            words = f"Post {post.id} was blocked at send time: {reasons}"
            settle(
                session,
                delivery,
                S.BLOCKED,
                now=now,
                error=reasons,
                notice=("blocked", post, words),
                verdict=outcome.value,
                period_key=key,
            )
            return True
        approved = outcome is Outcome.FLAG and void_stale(
            session, post, key, actor="scheduler", now=now
        )
        if outcome is Outcome.FLAG and not approved:
            words = f"Post {post.id} is held for review: {reasons}"
            settle(
                session,
                delivery,
                S.HELD,
                now=now,
                error="held for review at send time",
                notice=("held", post, words),
                verdict=outcome.value,
                period_key=key,
            )
            return True
        try:
            # Exactly the payload the guard has just judged: the same rendering, the same bytes.
            payload = payload_of(rendered, post.media)
        except (InputError, KeyError) as exc:
            # Only a hand-edited row gets here: fail it, never leave it claimed.
            words = f"Post {post.id} cannot be sent: {exc}"
            settle(
                session,
                delivery,
                S.FAILED,
                now=now,
                error=f"cannot be sent: {exc}",
                notice=("failed", post, words),
                error_kind="damaged media",
            )
            return True
        delivery.payload = payload.summary()  # the images by digest, never their bytes
        session.add(delivery)
        unknown_since = ambiguous.unknown_since(session, delivery_id)
        # An unknown outcome, yet the count starts again: the clerk looked and asked to send it.
        clerk_asked = delivery.attempts == 1
    # The platform call happens outside any transaction: the claim is already committed.
    publisher = sender.publishers[Platform(delivery.platform)]
    started = sender.clock()
    if unknown_since is not None:  # an earlier try may have posted: look before trying again
        looked = ambiguous.look_for(publisher, payload, since=unknown_since)
        if looked.receipt is not None:
            _record_sent(sender, delivery_id, looked.receipt, started)
            return True
        if looked.unanswerable is not None and not clerk_asked:
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
    with finished_attempt(sender, delivery_id, started=started, outcome="sent") as done:
        delivery = done.delivery
        delivery.platform_post_id = receipt.platform_post_id
        delivery.url = receipt.url
        delivery.response = receipt.response
        delivery.sent_at = done.now
        settle(
            done.session,
            delivery,
            S.SENT,
            now=done.now,
            platform_post_id=receipt.platform_post_id,
            url=receipt.url,
            payload=delivery.payload,
        )


def backoff(attempts: int, *, base: float = 30.0, cap: float = 900.0) -> dt.timedelta:
    return dt.timedelta(seconds=min(cap, base * 2 ** max(0, attempts - 1)))


def _record_failure(
    sender: Sender, delivery_id: int, exc: PublishError, started: dt.datetime
) -> None:
    with finished_attempt(
        sender, delivery_id, started=started, outcome=exc.kind.value, error=exc.message
    ) as done:
        session, delivery, post, now = done.session, done.delivery, done.post, done.now
        where = done.where
        status = S.FAILED
        notice: tuple[str, PostRow, str] | None = ("failed", post, f"{where} failed: {exc}")
        extra: dict[str, object] = {}
        retry_at = exc.retry_time(now) or now + backoff(delivery.attempts)
        if exc.kind is ErrorKind.RATE_LIMITED and retry_at - post.at > sender.missed_after:
            # The platform's window ends after the post would count as missed: never send late.
            words = (
                f"{where} was missed: the platform limits how often the council may post, "
                f"and its wait ends too late ({exc})."
            )
            status, notice = S.MISSED, ("missed", post, words)
        elif exc.kind in (ErrorKind.RETRYABLE, ErrorKind.RATE_LIMITED):
            # Waiting out a rate limit is not a failed try: only the missed limit bounds it.
            too_many = (
                exc.kind is ErrorKind.RETRYABLE
                and delivery.attempts >= sender.settings.scheduler.max_attempts
            )
            if too_many or retry_at - post.at > sender.missed_after:
                words = f"{where} failed after {delivery.attempts} attempts: {exc}"
                notice, extra = ("failed", post, words), {"attempts": delivery.attempts}
            else:
                delivery.next_attempt_at = retry_at
                status, notice, extra = S.SCHEDULED, None, {"retry_at": retry_at.isoformat()}
        elif exc.kind is ErrorKind.UNKNOWN:  # only from ambiguous.record_unknown's callers
            words = (
                f"{where} may or may not have been published; check the account and record "
                f"what you find. ({exc})"
            )
            status, notice = S.UNCONFIRMED, ("unconfirmed", post, words)
        elif exc.kind is ErrorKind.AUTH:
            accounts.mark_needs_credentials(session, delivery.platform, str(exc), now=now)
        settle(
            session,
            delivery,
            status,
            now=now,
            error=str(exc),
            notice=notice,
            error_kind=exc.kind.value,
            **extra,
        )
