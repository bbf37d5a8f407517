"""Every delivery state transition: the table's moves are allowed, the store refuses others."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlmodel import Session

from guard.domain.sending.delivery import (
    TRANSITIONS,
    DeliveryStatus,
    TransitionError,
    check_transition,
)
from guard.store import posts as store
from guard.store.models import DeliveryRow, PostRow

NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)
PAIRS = list(itertools.product(DeliveryStatus, DeliveryStatus))


@pytest.mark.parametrize(("current", "new"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_transition_table(current, new):
    if new in TRANSITIONS[current]:
        check_transition(current, new)
    else:
        with pytest.raises(TransitionError, match=f"a {current} delivery cannot become {new}"):
            check_transition(current, new)


def test_sent_and_cancelled_are_final():
    assert TRANSITIONS[DeliveryStatus.SENT] == frozenset()
    assert TRANSITIONS[DeliveryStatus.CANCELLED] == frozenset()
    # An unknown outcome is never simply retried: the clerk settles it.
    assert DeliveryStatus.SCHEDULED not in TRANSITIONS[DeliveryStatus.UNCONFIRMED]


def test_the_store_refuses_a_move_outside_the_table(engine):
    with Session(engine) as session:
        post = PostRow(
            text="t", at=NOW, author="a", content_hash="h", created_at=NOW, updated_at=NOW
        )
        session.add(post)
        session.flush()
        delivery = DeliveryRow(
            post_id=post.id, platform="x", status="sent", next_attempt_at=NOW, updated_at=NOW
        )
        session.add(delivery)
        session.flush()
        with pytest.raises(TransitionError):
            store.move(session, delivery, DeliveryStatus.SCHEDULED, now=NOW)
        assert delivery.status == "sent"
