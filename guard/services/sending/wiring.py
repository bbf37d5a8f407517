"""What the sending services share: the collaborators of a send, and its audit record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from guard.publishers import Platform, Publisher
from guard.services.record import audit
from guard.settings import Settings
from guard.store.models import DeliveryRow

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
        actor="scheduler",
        action=f"delivery.{delivery.status}",
        subject_type="delivery",
        subject_id=delivery.id,
        summary={"post_id": delivery.post_id, "platform": delivery.platform, **summary},
        now=now,
    )
