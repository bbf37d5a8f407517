"""What the sending services share: a send's collaborators, and moving a delivery on the record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from guard.domain.guard.verdict import platform_name
from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import Platform, Publisher
from guard.services.record import audit
from guard.services.sending import notices
from guard.settings import Settings
from guard.store import posts as store
from guard.store.db import session_scope
from guard.store.models import DeliveryRow, PostRow

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


def audit_delivery(
    session: Session, delivery: DeliveryRow, *, now: dt.datetime, **summary: object
) -> None:
    """The scheduler's record of a delivery's new status, in the same transaction as the move."""
    audit.record(
        session,
        f"delivery.{delivery.status}",
        "delivery",
        delivery.id,
        actor="scheduler",
        now=now,
        summary={"post_id": delivery.post_id, "platform": delivery.platform, **summary},
    )


def settle(
    session: Session,
    delivery: DeliveryRow,
    status: DeliveryStatus,
    *,
    now: dt.datetime,
    error: str | None = None,
    notice: tuple[str, PostRow, str] | None = None,
    **summary: object,
) -> None:
    """Move a delivery, audit the move and tell the clerk, all in the caller's transaction.

    Every move the scheduler makes goes through here, so no move can skip its audit record;
    ``notice`` is (kind, post, words for the clerk) where the move is one the clerk must hear of.
    """
    store.move(session, delivery, status, now=now, error=error)
    audit_delivery(session, delivery, now=now, **summary)
    if notice is not None:
        kind, post, body = notice
        notices.add(session, kind, post, body, now=now)


@dataclass(frozen=True)
class Finished:
    """A send attempt that has just ended, with its delivery and post, in one open transaction."""

    session: Session
    delivery: DeliveryRow
    post: PostRow
    now: dt.datetime

    @property
    def where(self) -> str:
        """How the clerk's notices name it: "Post 12 to X"."""
        return f"Post {self.post.id} to {platform_name(self.delivery.platform)}"


@contextmanager
def finished_attempt(
    sender: Sender,
    delivery_id: int,
    *,
    started: dt.datetime,
    outcome: str,
    error: str | None = None,
) -> Iterator[Finished]:
    """Record the attempt's outcome and hand its delivery over to be settled, in one commit."""
    now = sender.clock()
    with session_scope(sender.engine) as session:
        delivery = session.get(DeliveryRow, delivery_id)
        assert delivery is not None
        post = store.get_post(session, delivery.post_id)
        assert post is not None
        store.record_attempt(
            session, delivery, started=started, finished=now, outcome=outcome, error=error
        )
        yield Finished(session, delivery, post, now)
