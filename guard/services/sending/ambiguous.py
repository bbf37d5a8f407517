"""Unknown outcomes: a post the platform may have made is looked for before anything else.

A 5xx, a gateway's page or an unreadable answer after the request left may hide a post that
was made (X answers 502 for posts it then publishes). Re-sending would post twice, and a
duplicate is worse than a late post: so the platform is asked first. Found: it was sent. Not
found: it is tried again later, and looked for once more just before that try (the platform
may show it late), or failed when out of tries. Cannot be asked: unconfirmed, for the clerk.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import ErrorKind, Payload, Publisher, PublishError, Receipt
from guard.services.sending.wiring import Sender, finished_attempt, settle
from guard.store import posts as store
from guard.store.models import PostRow

S = DeliveryStatus
UNKNOWN = ErrorKind.UNKNOWN.value
# The platform's clock and ours may differ; look a little before the attempt began.
SLACK = dt.timedelta(minutes=2)


@dataclass(frozen=True)
class Looked:
    """What the platform said when asked: found, not there, or it could not be asked."""

    receipt: Receipt | None = None
    unanswerable: str | None = None


def look_for(publisher: Publisher, payload: Payload, *, since: dt.datetime) -> Looked:
    try:
        return Looked(publisher.find(payload, since=since - SLACK))
    except Exception as exc:  # ReconcileUnsupported, PublishError or a vendor surprise
        return Looked(unanswerable=f"the platform could not be asked: {exc}")


def unknown_since(session: Session, delivery_id: int) -> dt.datetime | None:
    """When the last attempt began, if its outcome is unknown: look before sending again."""
    attempts = store.attempts_of(session, delivery_id)
    last = attempts[-1] if attempts else None
    return last.started_at if last is not None and last.outcome == UNKNOWN else None


def as_unknown(exc: BaseException) -> PublishError:
    """Anything a publisher raised that is not in the taxonomy: the request may have posted."""
    if isinstance(exc, PublishError):
        return exc
    return PublishError(ErrorKind.UNKNOWN, f"the publisher failed unexpectedly: {exc!r}"[:500])


def record_unknown(
    sender: Sender,
    delivery_id: int,
    exc: PublishError,
    started: dt.datetime,
    looked: Looked,
) -> None:
    """After an unknown outcome that the platform did not show as a post."""
    with finished_attempt(
        sender, delivery_id, started=started, outcome=UNKNOWN, error=exc.message
    ) as done:
        delivery, post, now = done.delivery, done.post, done.now
        retry_at = now + _backoff(delivery.attempts)
        too_many = delivery.attempts >= sender.settings.scheduler.max_attempts
        late = retry_at - post.at > sender.missed_after
        notice: tuple[str, PostRow, str] | None = None
        extra: dict[str, object] = {"looked_for": "not found"}
        if looked.unanswerable is None and not too_many and not late:
            delivery.next_attempt_at = retry_at
            status = S.SCHEDULED
            error = f"{exc}; the post is not on the platform, so it will be tried again"
            extra["retry_at"] = retry_at.isoformat()
        elif looked.unanswerable is None:  # asked, and it is not there: a failure, told as one
            why = "the post is not on the platform, and it is too late or too often to try again"
            words = f"{done.where} failed after {delivery.attempts} attempts: {exc}; {why}"
            status, error, notice = S.FAILED, f"{exc}; {why}", ("failed", post, words)
        else:
            why = looked.unanswerable
            words = (
                f"{done.where} may or may not have been published ({why}). "
                "Check the account, then say what you found on the post's page."
            )
            status, error, notice = S.UNCONFIRMED, f"{exc}; {why}", ("unconfirmed", post, words)
            extra["looked_for"] = why
        settle(
            done.session,
            delivery,
            status,
            now=now,
            error=error,
            notice=notice,
            error_kind=UNKNOWN,
            **extra,
        )


def _backoff(attempts: int) -> dt.timedelta:
    # Long enough for the platform to show a post it made late, short enough to be on time.
    return dt.timedelta(seconds=min(900.0, 60.0 * 2 ** max(0, attempts - 1)))
