"""Sending through the real SDKs to the stand-ins: re-checked at send time, never doubled."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from guard.publishers import Payload, Platform
from guard.services.posts import read as post_queries
from guard.services.posts import write as posts
from guard.services.sending import dispatch, reconcile
from guard.store.models import AccountRow, NoticeRow
from tests.fakes.platforms import X_DUPLICATE, Scripted, x_error
from tests.sending import (
    QUIET_MONDAY,
    add_election,
    schedule,
    statuses,
)

LONDON = ZoneInfo("Europe/London")
NOW = QUIET_MONDAY


def notices(engine) -> list[str]:
    with Session(engine) as session:
        return [n.kind for n in session.exec(select(NoticeRow))]


def test_an_allowed_post_is_sent_once_at_its_time_to_each_account(engine, fakes, world):
    x, graph = fakes
    live, clock, sender = world
    at = NOW + dt.timedelta(hours=1)
    post_id = schedule(
        engine, live, "The library reopens on Monday.", at, NOW, to=(Platform.X, Platform.FACEBOOK)
    )
    assert dispatch.dispatch_due(sender) == 0  # not yet due
    assert x.posts == [] and graph.posts == []
    clock.now = at
    assert dispatch.dispatch_due(sender) == 2
    assert dispatch.dispatch_due(sender) == 0
    assert [p["text"] for p in x.posts] == ["The library reopens on Monday."]
    assert [p["message"] for p in graph.posts] == ["The library reopens on Monday."]
    assert statuses(engine, post_id) == {"x": "sent", "facebook": "sent"}
    with Session(engine) as session:
        [listed] = post_queries.list_posts(session)
    x_delivery = next(d for d in listed["deliveries"] if d["platform"] == "x")
    assert x_delivery["platform_post_id"] == x.posts[0]["id"]
    assert x_delivery["attempts"] == 1


def test_local_time_after_the_clocks_change_is_sent_at_the_right_utc_instant(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    clock.now = dt.datetime(2027, 3, 27, 12, tzinfo=dt.UTC)
    at = dt.datetime(2027, 3, 29, 9, 0, tzinfo=LONDON)  # BST: 08:00 UTC
    schedule(engine, live, "Parks open late from today.", at, clock.now)
    clock.now = dt.datetime(2027, 3, 29, 7, 59, 59, tzinfo=dt.UTC)
    dispatch.dispatch_due(sender)
    assert x.posts == []
    clock.now = dt.datetime(2027, 3, 29, 8, 0, tzinfo=dt.UTC)
    dispatch.dispatch_due(sender)
    assert len(x.posts) == 1


def test_a_post_scheduled_before_an_election_is_blocked_when_due_inside_its_period(
    engine, fakes, world
):
    x, _ = fakes
    live, clock, sender = world
    at = dt.datetime(2027, 4, 20, 10, tzinfo=LONDON)
    post_id = schedule(engine, live, "Follow @CllrAnnBaker for ward news!", at, NOW)
    assert statuses(engine, post_id) == {"x": "scheduled"}  # no election yet: allowed
    add_election(engine, live, dt.date(2027, 5, 6), NOW)  # announced later
    clock.now = at.astimezone(dt.UTC)
    dispatch.dispatch_due(sender)
    assert x.received == []
    assert statuses(engine, post_id) == {"x": "blocked"}
    assert "blocked" in notices(engine)


def test_a_flagged_post_waits_for_approval_bound_to_its_period(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    add_election(engine, live, dt.date(2027, 5, 6), NOW)
    at = dt.datetime(2027, 4, 20, 10, tzinfo=LONDON)
    post_id = schedule(engine, live, "Thanks to Rajesh Patel for opening the fete.", at, NOW)
    assert statuses(engine, post_id) == {"x": "held"}
    with Session(engine) as session:
        posts.approve_post(session, live, post_id, reason="factual thanks", user="clerk", now=NOW)
        session.commit()
    assert statuses(engine, post_id) == {"x": "scheduled"}
    # A new period in force at the send time voids the approval.
    add_election(engine, live, dt.date(2027, 5, 13), NOW, wards=frozenset({"Heanor West"}))
    clock.now = at.astimezone(dt.UTC)
    dispatch.dispatch_due(sender)
    assert x.received == []
    assert statuses(engine, post_id) == {"x": "held"}


def test_rate_limit_waits_for_the_reset_then_sends(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    post_id = schedule(engine, live, "Road closure on Market Street.", NOW, NOW)
    reset = int((NOW + dt.timedelta(minutes=15)).timestamp())
    x.fail_next(x_error(429, "Too Many Requests", **{"x-rate-limit-reset": str(reset)}))
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"x": "scheduled"} and x.posts == []
    clock.advance(minutes=14)
    dispatch.dispatch_due(sender)
    assert len(x.received) == 1
    clock.advance(minutes=1)
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"x": "sent"} and len(x.posts) == 1


def test_server_errors_are_retried_with_backoff_up_to_the_cap(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    post_id = schedule(engine, live, "Christmas lights switch-on.", NOW, NOW)
    x.fail_next(*[Scripted(500, {"title": "Internal Server Error"}, path="/2/tweets")] * 3)
    for _ in range(3):
        dispatch.dispatch_due(sender)
        clock.advance(minutes=5)
    assert statuses(engine, post_id) == {"x": "failed"}  # max_attempts = 3
    # Each 5xx was looked for on the platform (not there) before the next try.
    assert len([r for r in x.received if r.method == "POST"]) == 3 and x.posts == []
    assert "failed" in notices(engine)


def test_a_timeout_after_the_post_was_made_is_found_and_never_re_sent(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    post_id = schedule(engine, live, "Council tax bills are out.", NOW, NOW)
    x.fail_next(Scripted(201, {}, accept=True, delay=2))
    dispatch.dispatch_due(sender)
    clock.advance(minutes=10)
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"x": "sent"}
    assert len(x.posts) == 1 and len([r for r in x.received if r.method == "POST"]) == 1


def test_an_unknown_outcome_that_cannot_be_looked_up_is_unconfirmed(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    post_id = schedule(engine, live, "Council tax bills are out.", NOW, NOW)
    forbidden = x_error(403, "Your API tier cannot read posts")
    x.fail_next(Scripted(201, {}, accept=True, delay=2), forbidden)
    dispatch.dispatch_due(sender)
    clock.advance(minutes=10)
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"x": "unconfirmed"}
    assert len(x.posts) == 1 and len([r for r in x.received if r.method == "POST"]) == 1
    assert "unconfirmed" in notices(engine)


def test_auth_failure_marks_the_account_and_later_deliveries_fail_fast(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    first = schedule(engine, live, "First notice.", NOW, NOW)
    second = schedule(engine, live, "Second notice.", NOW + dt.timedelta(minutes=5), NOW)
    x.fail_next(x_error(401, "Unauthorized"))
    dispatch.dispatch_due(sender)
    clock.advance(minutes=5)
    dispatch.dispatch_due(sender)
    assert statuses(engine, first) == {"x": "failed"}
    assert statuses(engine, second) == {"x": "failed"}
    assert len(x.received) == 1  # the second never reached the platform
    with Session(engine) as session:
        account = session.get(AccountRow, "x")
        assert account is not None and account.needs_credentials


def test_duplicate_content_fails_without_retry(engine, fakes, world):
    x, _ = fakes
    live, _, sender = world
    post_id = schedule(engine, live, "Same as yesterday.", NOW, NOW)
    x.fail_next(x_error(403, X_DUPLICATE))
    dispatch.dispatch_due(sender)
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"x": "failed"}
    assert len(x.received) == 1


def test_an_overdue_post_is_missed_not_sent_late(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    post_id = schedule(engine, live, "Bonfire night safety.", NOW, NOW)
    clock.advance(minutes=61)
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"x": "missed"}
    assert x.received == []


def test_a_stale_sending_delivery_is_reconciled_from_the_platform(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    post_id = schedule(engine, live, "Remembrance Sunday parade.", NOW, NOW)
    # A scheduler that claimed, recorded the payload, posted, then died before recording.
    x.fail_next(Scripted(201, {}, accept=True, drop=True))
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"x": "sent"}  # looked for at once, and found
    # Reconciliation proper: a delivery left in sending past its lease.
    post2 = schedule(engine, live, "Winter gritting routes.", NOW, NOW)
    with Session(engine) as session:
        [delivery] = posts.store.deliveries_of(session, post2)
        assert posts.store.claim(
            session, delivery.id, worker="dead", now=NOW, lease=dt.timedelta(seconds=30)
        )
        session.commit()
    with Session(engine) as session:
        [delivery] = posts.store.deliveries_of(session, post2)
        assert delivery.status == "sending"
        delivery.payload = {"text": "Winter gritting routes.", "link": None}
        session.add(delivery)
        session.commit()
    sender.publishers[Platform.X].publish(Payload("Winter gritting routes."))
    clock.advance(minutes=1)
    assert reconcile.reconcile_stale(sender) == 1
    assert statuses(engine, post2) == {"x": "sent"}
    assert len([p for p in x.posts if p["text"] == "Winter gritting routes."]) == 1
