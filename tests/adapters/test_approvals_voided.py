"""An approval covers exactly what and when it was given for: an edit voids it, with an audit
record saying why, and no later path (re-check, dispatch) ever uses it again."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from guard.publishers import Platform
from guard.services.posts import edit as edits
from guard.services.posts import write as posts
from guard.services.sending import dispatch, recheck
from guard.store.models import ApprovalRow
from guard.store.models_record import AuditRow
from tests.sending import (
    add_election,
    schedule,
    sending_world,
    statuses,
)

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2027, 4, 12, 9, 0, tzinfo=dt.UTC)
TEXT = "Thanks to Rajesh Patel for opening the fete."


@pytest.fixture
def world(engine, settings):
    with sending_world(engine, settings, NOW, missed_after_minutes=60) as world:
        add_election(engine, world.settings, dt.date(2027, 5, 6), NOW)
        yield world.settings, world.clock, world.sender, world.x


AT = dt.datetime(2027, 4, 20, 10, tzinfo=LONDON)


def _approved(engine, live) -> int:
    """The thanks, due on 20 April, held in the period and approved as factual."""
    post_id = schedule(engine, live, TEXT, AT, NOW)
    with Session(engine) as session:
        posts.approve_post(session, live, post_id, reason="factual thanks", user="clerk", now=NOW)
        session.commit()
    return post_id


def _edit(engine, live, post_id: int, text: str, at: dt.datetime) -> None:
    with Session(engine) as session:
        edits.edit_post(
            session, live, post_id, text=text, at=at, platforms=[Platform.X], user="clerk", now=NOW
        )
        session.commit()


@pytest.mark.parametrize("second_text", [TEXT, "Thanks again to Rajesh Patel for the fete."])
def test_an_edit_voids_the_approval_and_no_recheck_or_send_brings_it_back(
    engine, world, second_text
):
    live, clock, sender, x = world
    at = AT
    post_id = _approved(engine, live)
    # An edit (even one that ends with the same words and time) needs a new decision.
    _edit(engine, live, post_id, second_text, at)
    _edit(engine, live, post_id, TEXT, at)
    assert statuses(engine, post_id) == {"x": "held"}
    # A calendar change re-checks every future post: the old approval must stay void.
    add_election(engine, live, dt.date(2027, 6, 3), NOW, wards=frozenset({"Heanor East"}))
    with Session(engine) as session:
        recheck.recheck_all(session, live, now=NOW)
        session.commit()
    assert statuses(engine, post_id) == {"x": "held"}
    clock.now = at.astimezone(dt.UTC)
    dispatch.dispatch_due(sender)
    assert x.received == []
    with Session(engine) as session:
        [approval] = session.exec(select(ApprovalRow)).all()
        assert approval.voided_at is not None and "edited" in (approval.void_reason or "")
        voids = session.exec(select(AuditRow).where(AuditRow.action == "approval.void")).all()
        assert len(voids) == 1 and voids[0].summary["reason"] == approval.void_reason


def test_a_new_period_voids_the_approval_at_the_recheck_with_an_audit_record(engine, world):
    live, clock, sender, x = world
    at = AT
    post_id = _approved(engine, live)
    add_election(engine, live, dt.date(2027, 5, 13), NOW, wards=frozenset({"Heanor West"}))
    with Session(engine) as session:
        recheck.recheck_all(session, live, now=NOW)
        session.commit()
    assert statuses(engine, post_id) == {"x": "held"}
    with Session(engine) as session:
        [void] = session.exec(select(AuditRow).where(AuditRow.action == "approval.void")).all()
        assert "periods" in void.summary["reason"]
    clock.now = at.astimezone(dt.UTC)
    dispatch.dispatch_due(sender)
    assert x.received == []
