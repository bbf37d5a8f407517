"""Queries for posts and deliveries; the only place a delivery's status is written."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select

from guard.domain.sending.delivery import DeliveryStatus, check_transition
from guard.store.models import AttemptRow, DeliveryRow, PostRow, VerdictRow


def get_post(session: Session, post_id: int) -> PostRow | None:
    return session.get(PostRow, post_id)


def deliveries_of(session: Session, post_id: int) -> list[DeliveryRow]:
    query = select(DeliveryRow).where(DeliveryRow.post_id == post_id).order_by(col(DeliveryRow.id))
    return list(session.exec(query))


def list_posts(session: Session) -> list[PostRow]:
    return list(session.exec(select(PostRow).order_by(col(PostRow.at), col(PostRow.id))))


def move(
    session: Session,
    delivery: DeliveryRow,
    new: DeliveryStatus,
    *,
    now: dt.datetime,
    error: str | None = None,
) -> None:
    """Change a delivery's status, refusing any move the domain's table does not allow."""
    check_transition(DeliveryStatus(delivery.status), new)
    delivery.status = new.value
    delivery.updated_at = now
    delivery.error = error
    if new is not DeliveryStatus.SENDING:
        delivery.claimed_by = None
        delivery.lease_until = None
    session.add(delivery)
    session.flush()


def claim(
    session: Session, delivery_id: int, *, worker: str, now: dt.datetime, lease: dt.timedelta
) -> bool:
    """Take a due delivery for this worker: one conditional UPDATE, so only one worker wins."""
    result = session.execute(
        update(DeliveryRow)
        .where(
            col(DeliveryRow.id) == delivery_id,
            col(DeliveryRow.status) == DeliveryStatus.SCHEDULED.value,
            col(DeliveryRow.next_attempt_at) <= now,
        )
        .values(
            status=DeliveryStatus.SENDING.value,
            claimed_by=worker,
            lease_until=now + lease,
            attempts=DeliveryRow.attempts + 1,
            version=DeliveryRow.version + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def due_ids(session: Session, *, now: dt.datetime, limit: int) -> list[int]:
    query = (
        select(DeliveryRow.id)
        .where(
            col(DeliveryRow.status) == DeliveryStatus.SCHEDULED.value,
            col(DeliveryRow.next_attempt_at) <= now,
        )
        .order_by(col(DeliveryRow.next_attempt_at), col(DeliveryRow.id))
        .limit(limit)
    )
    return [i for i in session.exec(query) if i is not None]


def next_due(session: Session) -> dt.datetime | None:
    query = (
        select(DeliveryRow.next_attempt_at)
        .where(col(DeliveryRow.status) == DeliveryStatus.SCHEDULED.value)
        .order_by(col(DeliveryRow.next_attempt_at))
        .limit(1)
    )
    return session.exec(query).first()


def stale_sending(session: Session, *, now: dt.datetime) -> list[DeliveryRow]:
    """Deliveries left in *sending* past their lease: a scheduler died mid-send."""
    query = select(DeliveryRow).where(
        col(DeliveryRow.status) == DeliveryStatus.SENDING.value,
        col(DeliveryRow.lease_until) < now,
    )
    return list(session.exec(query))


def future_posts(session: Session, *, now: dt.datetime) -> list[PostRow]:
    """Posts with a delivery still to go out."""
    waiting = [
        s.value for s in (DeliveryStatus.SCHEDULED, DeliveryStatus.HELD, DeliveryStatus.BLOCKED)
    ]
    query = (
        select(PostRow)
        .where(
            col(PostRow.id).in_(
                select(DeliveryRow.post_id).where(col(DeliveryRow.status).in_(waiting))
            )
        )
        .order_by(col(PostRow.at))
    )
    return list(session.exec(query))


def waiting_posts(
    session: Session,
    *,
    after: int,
    within: list[tuple[dt.datetime, dt.datetime]] | None,
    limit: int,
) -> list[PostRow]:
    """The next ``limit`` posts by id after ``after`` with a delivery still to go out, due in
    one of the ``within`` ranges (None: any time)."""
    waiting = [
        s.value for s in (DeliveryStatus.SCHEDULED, DeliveryStatus.HELD, DeliveryStatus.BLOCKED)
    ]
    query = select(PostRow).where(
        col(PostRow.id) > after,
        col(PostRow.id).in_(
            select(DeliveryRow.post_id).where(col(DeliveryRow.status).in_(waiting))
        ),
    )
    if within is not None:
        query = query.where(
            or_(*(and_(col(PostRow.at) >= a, col(PostRow.at) < b) for a, b in within))
        )
    return list(session.exec(query.order_by(col(PostRow.id)).limit(limit)))


def deliveries_of_posts(session: Session, post_ids: list[int]) -> dict[int, list[DeliveryRow]]:
    """The deliveries of several posts in one query, by post."""
    found: dict[int, list[DeliveryRow]] = {i: [] for i in post_ids}
    if post_ids:
        query = select(DeliveryRow).where(col(DeliveryRow.post_id).in_(post_ids))
        for delivery in session.exec(query.order_by(col(DeliveryRow.id))):
            found[delivery.post_id].append(delivery)
    return found


def record_attempt(
    session: Session,
    delivery: DeliveryRow,
    *,
    started: dt.datetime,
    finished: dt.datetime,
    outcome: str,
    error: str | None = None,
) -> None:
    assert delivery.id is not None
    session.add(
        AttemptRow(
            delivery_id=delivery.id,
            started_at=started,
            finished_at=finished,
            outcome=outcome,
            error=error,
        )
    )
    session.flush()


def attempts_of(session: Session, delivery_id: int) -> list[AttemptRow]:
    query = select(AttemptRow).where(AttemptRow.delivery_id == delivery_id)
    return list(session.exec(query.order_by(col(AttemptRow.id))))


def attempts_of_all(session: Session, delivery_ids: list[int]) -> dict[int, list[AttemptRow]]:
    """The attempts of several deliveries in one query, by delivery."""
    found: dict[int, list[AttemptRow]] = {i: [] for i in delivery_ids}
    if delivery_ids:
        query = select(AttemptRow).where(col(AttemptRow.delivery_id).in_(delivery_ids))
        for attempt in session.exec(query.order_by(col(AttemptRow.id))):
            found[attempt.delivery_id].append(attempt)
    return found


def verdicts_of(session: Session, post_id: int) -> list[VerdictRow]:
    query = select(VerdictRow).where(VerdictRow.post_id == post_id)
    return list(session.exec(query.order_by(col(VerdictRow.id))))


def latest_verdict(session: Session, post_id: int) -> VerdictRow | None:
    query = select(VerdictRow).where(VerdictRow.post_id == post_id)
    return session.exec(query.order_by(col(VerdictRow.id).desc()).limit(1)).first()
