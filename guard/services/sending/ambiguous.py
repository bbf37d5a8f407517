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
from guard.services.sending.wiring import Sender, settle
from guard.store import posts as store
from guard.store.db import session_scope
from guard.store.models import DeliveryRow

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
    now = sender.clock()
    with session_scope(sender.engine) as session:
        delivery = session.get(DeliveryRow, delivery_id)
        assert delivery is not None
        post = store.get_post(session, delivery.post_id)
        assert post is not None
        store.record_attempt(
            session, delivery, started=started, finished=now, outcome=UNKNOWN, error=exc.message
        )
        where = f"Post {post.id} to {delivery.platform}"
        retry_at = now + _backoff(delivery.attempts)
        too_many = delivery.attempts >= sender.settings.scheduler.max_attempts
        late = retry_at - post.at > sender.missed_after
        if looked.unanswerable is None and not too_many and not late:
            delivery.next_attempt_at = retry_at
            error = f"{exc}; the post is not on the platform, so it will be tried again"
            settle(
                session,
                delivery,
                S.SCHEDULED,
                now=now,
                error=error,
                error_kind=UNKNOWN,
                looked_for="not found",
                retry_at=retry_at.isoformat(),
            )
        elif looked.unanswerable is None:  # asked, and it is not there: a failure, told as one
            why = "the post is not on the platform, and it is too late or too often to try again"
            words = f"{where} failed after {delivery.attempts} attempts: {exc}; {why}"
            settle(
                session,
                delivery,
                S.FAILED,
                now=now,
                error=f"{exc}; {why}",
                notice=("failed", post, words),
                error_kind=UNKNOWN,
                looked_for="not found",
            )
        else:
            why = looked.unanswerable
            words = (
                f"{where} may or may not have been published ({why}). "
                "Check the account, then say what you found on the post's page."
            )
            settle(
                session,
                delivery,
                S.UNCONFIRMED,
                now=now,
                error=f"{exc}; {why}",
                notice=("unconfirmed", post, words),
                error_kind=UNKNOWN,
                looked_for=why,
            )


def _backoff(attempts: int) -> dt.timedelta:
    # Long enough for the platform to show a post it made late, short enough to be on time.
    return dt.timedelta(seconds=min(900.0, 60.0 * 2 ** max(0, attempts - 1)))
