"""A platform that posts and then answers 5xx: looked for, never posted twice; rate limits
waited out; the clerk settles what cannot be found out."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from guard.publishers import Platform
from guard.services.posts.retry import retry_failed, settle_unconfirmed
from guard.services.sending import dispatch
from guard.store.models import NoticeRow
from guard.store.models_record import AuditRow
from tests.fakes.platforms import FakeGraph, Scripted, graph_failure, x_error
from tests.sending import QUIET_MONDAY, schedule, statuses

NOW = QUIET_MONDAY


def _posted_then_unanswerable(engine, live, x) -> int:
    """A post X makes but answers 502 for, on an account whose tier cannot read it back."""
    post_id = schedule(engine, live, "Parish newsletter is out.", NOW, NOW)
    x.fail_next(
        Scripted(502, b"<html>Bad Gateway</html>", accept=True),
        x_error(403, "Your tier cannot read", path="/2/users/me"),
    )
    return post_id


def _rate_limited(engine, live, graph, code: int, wait_minutes: int) -> int:
    """A Facebook post whose first try meets the app's rate limit for `wait_minutes`."""
    post_id = schedule(engine, live, "Fireworks tonight.", NOW, NOW, to=(Platform.FACEBOOK,))
    usage = json.dumps({"1": [{"estimated_time_to_regain_access": wait_minutes}]})
    graph.fail_next(
        Scripted(403, {"error": {"code": code, "message": "limit"}}, {"X-App-Usage": usage})
    )
    return post_id


def _run_for(sender, clock, minutes: int) -> None:
    for _ in range(minutes):
        dispatch.dispatch_due(sender)
        clock.advance(minutes=1)


X_AMBIGUOUS = [
    Scripted(502, b"<html><h1>502 Bad Gateway</h1></html>", accept=True),
    Scripted(503, {"title": "Service Unavailable"}, accept=True),
    Scripted(500, {"title": "Internal Server Error"}, accept=True),
    Scripted(201, b"<html>mangled</html>", accept=True),
    Scripted(201, {}, accept=True, drop=True),
]
GRAPH_AMBIGUOUS = [
    graph_failure(2, "Service temporarily unavailable", 503, accept=True),
    graph_failure(1, "An unknown error occurred", 500, accept=True),
    Scripted(502, b"<html><h1>502 Bad Gateway</h1></html>", accept=True),
    Scripted(502, {"message": "upstream"}, accept=True),
    Scripted(200, {}, {"Content-Type": ""}, accept=True),
    Scripted(200, {"ok": True}, accept=True),
]


@pytest.mark.parametrize("answer", X_AMBIGUOUS + GRAPH_AMBIGUOUS)
def test_a_post_made_then_answered_badly_is_found_and_never_doubled(engine, fakes, world, answer):
    x, graph = fakes
    live, clock, sender = world
    fake, platform = (x, Platform.X) if answer in X_AMBIGUOUS else (graph, Platform.FACEBOOK)
    post_id = schedule(engine, live, "Bin collections move to Tuesday.", NOW, NOW, to=(platform,))
    fake.fail_next(answer)
    _run_for(sender, clock, 30)
    assert len(fake.posts) == 1  # exactly once
    assert statuses(engine, post_id) == {platform.value: "sent"}


@pytest.mark.parametrize("platform", [Platform.X, Platform.FACEBOOK])
def test_a_5xx_that_did_not_post_is_looked_for_then_tried_again(engine, fakes, world, platform):
    x, graph = fakes
    live, clock, sender = world
    fake = x if platform is Platform.X else graph
    version = live.facebook.graph_version
    path = "/2/tweets" if platform is Platform.X else f"/{version}/{FakeGraph.page_id}/feed"
    post_id = schedule(engine, live, "Library closed for stocktake.", NOW, NOW, to=(platform,))
    fake.fail_next(Scripted(502, b"<html>Bad Gateway</html>", path=path, drop=False))
    _run_for(sender, clock, 10)
    assert statuses(engine, post_id) == {platform.value: "sent"}
    assert len(fake.posts) == 1
    posts_sent = [r for r in fake.received if r.method == "POST" and r.path == path]
    gets = [r for r in fake.received if r.method == "GET"]
    assert len(posts_sent) == 2 and len(gets) >= 2  # looked after the 502 and before the retry


def test_when_the_platform_cannot_be_asked_it_is_unconfirmed_then_settled(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    post_id = _posted_then_unanswerable(engine, live, x)
    _run_for(sender, clock, 10)
    assert statuses(engine, post_id) == {"x": "unconfirmed"} and len(x.posts) == 1
    with Session(engine) as session:
        kinds = [n.kind for n in session.exec(select(NoticeRow))]
    assert "unconfirmed" in kinds
    with Session(engine) as session:
        settle_unconfirmed(
            session, post_id, published=True, user="clerk@example.org", now=clock.now
        )
        session.commit()
    assert statuses(engine, post_id) == {"x": "sent"}
    _run_for(sender, clock, 5)
    assert len(x.posts) == 1
    with Session(engine) as session:
        settled = session.exec(select(AuditRow).where(AuditRow.action == "post.settle")).one()
    assert settled.actor == "clerk@example.org" and settled.summary["published"] is True


def test_a_clerk_who_finds_it_missing_has_it_sent_once(engine, fakes, world):
    x, _ = fakes
    live, clock, sender = world
    post_id = schedule(engine, live, "Allotment waiting list open.", NOW, NOW)
    x.fail_next(
        Scripted(502, b"<html>Bad Gateway</html>", path="/2/tweets"),
        x_error(403, "Your tier cannot read", path="/2/users/me"),
    )
    _run_for(sender, clock, 3)
    assert statuses(engine, post_id) == {"x": "unconfirmed"} and x.posts == []
    with Session(engine) as session:
        settle_unconfirmed(session, post_id, published=False, user="clerk", now=clock.now)
        retry_failed(session, live, post_id, user="clerk", now=clock.now)
        session.commit()
    _run_for(sender, clock, 3)
    assert statuses(engine, post_id) == {"x": "sent"} and len(x.posts) == 1


@pytest.mark.parametrize(
    ("code", "wait_minutes", "timeline"),
    [
        pytest.param(32, 20, [(19, "scheduled"), (3, "sent")], id="within-the-limit-waited-out"),
        pytest.param(4, 90, [(2, "missed")], id="longer-than-the-limit-missed-not-failed"),
    ],
)
def test_a_facebook_rate_limit_is_waited_out_only_within_the_missed_limit(
    engine, fakes, world, code, wait_minutes, timeline
):
    _, graph = fakes
    live, clock, sender = world
    post_id = _rate_limited(engine, live, graph, code=code, wait_minutes=wait_minutes)
    for minutes, status in timeline:  # after so many minutes of the sender, the delivery's state
        _run_for(sender, clock, minutes)
        assert statuses(engine, post_id) == {"facebook": status}
        assert len(graph.posts) == (1 if status == "sent" else 0)


def test_huge_ids_in_addresses_are_not_found(clerk):
    for path in ("/posts/99999999999999999999", "/posts/3000000000", "/posts/3000000000/edit"):
        assert clerk.get(path).status_code == 404


def test_the_cli_settles_an_unconfirmed_delivery(engine, fakes, world, run_guard):
    x, _ = fakes
    live, clock, sender = world
    post_id = _posted_then_unanswerable(engine, live, x)
    _run_for(sender, clock, 2)
    refused = run_guard("posts", "settle", str(post_id))
    assert refused.exit_code == 2 and "--on-platform or --not-on-platform" in refused.stderr
    done = run_guard("posts", "settle", str(post_id), "--not-on-platform")
    assert done.exit_code == 0 and "it will be sent now" in done.stdout
    assert statuses(engine, post_id) == {"x": "scheduled"}
    _run_for(sender, clock, 2)
    # The scheduler looks once more before sending (the last outcome was unknown): there it
    # finds the post the platform made after all, and records it instead of posting twice.
    assert statuses(engine, post_id) == {"x": "sent"} and len(x.posts) == 1
