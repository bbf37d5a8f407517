"""The real tweepy and facebook-sdk against stand-ins on 127.0.0.1: payloads and error taxonomy."""

from __future__ import annotations

import datetime as dt
import socket
import time
from dataclasses import replace

import pytest

from guard.publishers import ErrorKind, Payload, Platform, PublishError, ReconcileUnsupported
from guard.publishers.dry_run import DryRunPublisher
from guard.publishers.facebook import FacebookPublisher
from guard.publishers.registry import make_publishers
from guard.publishers.x import XPublisher
from guard.settings import FacebookSettings, PublishingSettings, Settings, XSettings
from tests.fakes.platforms import (
    X_DUPLICATE,
    FakeGraph,
    Scripted,
    graph_failure,
    x_error,
)

SINCE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def x_publisher(url: str, timeout: int = 2) -> XPublisher:
    return XPublisher(
        XSettings(
            api_base_url=url,
            consumer_key="ck",
            consumer_secret="cs",
            access_token="at",
            access_token_secret="ats",
            timeout_seconds=timeout,
        )
    )


def fb_publisher(url: str, timeout: int = 2) -> FacebookPublisher:
    return FacebookPublisher(
        FacebookSettings(
            graph_url=url,
            graph_version="v21.0",
            page_id=FakeGraph.page_id,
            page_access_token="page-token",
            timeout_seconds=timeout,
        )
    )


def test_x_posts_with_oauth1_user_context(fake_x):
    receipt = x_publisher(fake_x.url).publish(Payload("Bins are collected on Tuesday."))
    [request] = fake_x.received
    assert request.method == "POST" and request.path == "/2/tweets"
    assert request.body == {"text": "Bins are collected on Tuesday."}
    assert request.headers["Authorization"].startswith("OAuth ")
    assert 'oauth_consumer_key="ck"' in request.headers["Authorization"]
    assert receipt.platform_post_id == fake_x.posts[0]["id"]


def test_facebook_posts_to_the_page_feed_at_the_configured_version(fake_graph):
    receipt = fb_publisher(fake_graph.url).publish(
        Payload("Library opening hours", link="https://heanor.example/library")
    )
    [request] = fake_graph.received
    assert request.path == f"/v21.0/{FakeGraph.page_id}/feed"
    assert request.body["message"] == "Library opening hours"
    assert request.body["link"] == "https://heanor.example/library"
    assert request.body["access_token"] == "page-token"
    assert receipt.platform_post_id == fake_graph.posts[0]["id"]


@pytest.mark.parametrize(
    ("scripted", "kind"),
    [
        (
            x_error(429, "Too Many Requests", **{"x-rate-limit-reset": "1900000000"}),
            ErrorKind.RATE_LIMITED,
        ),
        (x_error(403, X_DUPLICATE), ErrorKind.DUPLICATE),
        (x_error(401, "Unauthorized"), ErrorKind.AUTH),
        (x_error(403, "You are not permitted to perform this action."), ErrorKind.REJECTED),
        (x_error(400, "Invalid Request"), ErrorKind.REJECTED),
        # A 5xx to a post may hide a post that was made: unknown, looked for, never re-sent.
        (Scripted(500, {"title": "Internal Server Error"}), ErrorKind.UNKNOWN),
        (Scripted(502, b"<html>Bad Gateway</html>"), ErrorKind.UNKNOWN),
        (Scripted(503, {"title": "Service Unavailable"}), ErrorKind.UNKNOWN),
        (Scripted(504, {"title": "Gateway Timeout"}), ErrorKind.UNKNOWN),
        (Scripted(201, b"<html>ok</html>"), ErrorKind.UNKNOWN),
        (Scripted(201, {"data": {}}), ErrorKind.UNKNOWN),
    ],
)
def test_x_errors_map_to_the_taxonomy(fake_x, scripted, kind):
    fake_x.fail_next(scripted)
    with pytest.raises(PublishError) as caught:
        x_publisher(fake_x.url).publish(Payload("Hello"))
    assert caught.value.kind is kind
    if kind is ErrorKind.RATE_LIMITED:
        assert caught.value.retry_at == dt.datetime.fromtimestamp(1900000000, dt.UTC)
    assert fake_x.posts == []


def test_a_graph_rate_limit_waits_for_the_window_its_headers_give(fake_graph):
    usage = '{"1122334455": [{"type": "pages", "estimated_time_to_regain_access": 7}]}'
    fake_graph.fail_next(
        Scripted(
            403,
            {"error": {"message": "Page request limit reached", "code": 32}},
            {"X-Business-Use-Case-Usage": usage},
        )
    )
    with pytest.raises(PublishError) as caught:
        fb_publisher(fake_graph.url).publish(Payload("Hello"))
    assert caught.value.kind is ErrorKind.RATE_LIMITED
    assert caught.value.retry_time(SINCE) == SINCE + dt.timedelta(minutes=7)


@pytest.mark.parametrize(
    ("scripted", "kind"),
    [
        (graph_failure(190, "Error validating access token: Session has expired"), ErrorKind.AUTH),
        (graph_failure(506, "Duplicate status message"), ErrorKind.DUPLICATE),
        (graph_failure(32, "Page request limit reached", 403), ErrorKind.RATE_LIMITED),
        (graph_failure(4, "Application request limit reached", 403), ErrorKind.RATE_LIMITED),
        (graph_failure(100, "Invalid parameter"), ErrorKind.REJECTED),
        (graph_failure(2, "Service temporarily unavailable", 503), ErrorKind.UNKNOWN),
        (graph_failure(2, "Service temporarily unavailable", 400), ErrorKind.UNKNOWN),
        (graph_failure(1, "An unknown error occurred", 500), ErrorKind.UNKNOWN),
        (Scripted(502, b"<html>Bad Gateway</html>"), ErrorKind.UNKNOWN),
        (Scripted(502, {"message": "not a Graph body"}), ErrorKind.UNKNOWN),
        (Scripted(200, b"<html>ok</html>"), ErrorKind.UNKNOWN),
        (Scripted(200, {"success": True}), ErrorKind.UNKNOWN),
        (Scripted(200, {}, headers={"Content-Type": ""}), ErrorKind.UNKNOWN),
    ],
)
def test_graph_errors_map_to_the_taxonomy(fake_graph, scripted, kind):
    fake_graph.fail_next(scripted)
    with pytest.raises(PublishError) as caught:
        fb_publisher(fake_graph.url).publish(Payload("Hello"))
    assert caught.value.kind is kind


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("make", [x_publisher, fb_publisher])
def test_connection_refused_is_retryable(make):
    with pytest.raises(PublishError) as caught:
        make(f"http://127.0.0.1:{_closed_port()}").publish(Payload("Hello"))
    assert caught.value.kind is ErrorKind.RETRYABLE


def test_a_timeout_after_the_platform_accepted_is_unknown_never_retryable(fake_x, fake_graph):
    fake_x.fail_next(Scripted(201, {}, accept=True, delay=2.5))
    started = time.monotonic()
    with pytest.raises(PublishError) as caught:
        x_publisher(fake_x.url, timeout=1).publish(Payload("Hello"))
    assert caught.value.kind is ErrorKind.UNKNOWN
    assert time.monotonic() - started < 2.4  # the timeout, not the platform, ended the wait
    assert len(fake_x.posts) == 1

    fake_graph.fail_next(Scripted(200, {}, accept=True, drop=True))
    with pytest.raises(PublishError) as caught:
        fb_publisher(fake_graph.url).publish(Payload("Hello"))
    assert caught.value.kind is ErrorKind.UNKNOWN


def test_reconciliation_finds_a_post_that_was_made(fake_x, fake_graph):
    fake_x.fail_next(Scripted(201, {}, accept=True, drop=True))
    publisher = x_publisher(fake_x.url)
    with pytest.raises(PublishError):
        publisher.publish(Payload("Council meeting tonight"))
    found = publisher.find(Payload("Council meeting tonight"), since=SINCE)
    assert found is not None and found.platform_post_id == fake_x.posts[0]["id"]
    assert publisher.find(Payload("Something else"), since=SINCE) is None

    fb = fb_publisher(fake_graph.url)
    fb.publish(Payload("Library news"))
    assert (
        fb.find(Payload("Library news"), since=SINCE).platform_post_id == fake_graph.posts[0]["id"]
    )


def test_reconciliation_unsupported_when_the_tier_forbids_reading(fake_x):
    fake_x.fail_next(
        x_error(
            403,
            "When authenticating requests to the Twitter API v2 endpoints, "
            "you must use keys and tokens from a Twitter developer App",
        )
    )
    with pytest.raises(ReconcileUnsupported):
        x_publisher(fake_x.url).find(Payload("Hello"), since=SINCE)


def test_dry_run_unless_live():
    publishers = make_publishers(Settings())
    assert all(isinstance(p, DryRunPublisher) for p in publishers.values())
    receipt = publishers[Platform.X].publish(Payload("Hello"))
    assert receipt.platform_post_id.startswith("dry-run-")
    live = make_publishers(replace(Settings(), publishing=PublishingSettings(mode="live")))
    assert isinstance(live[Platform.X], XPublisher)
    assert isinstance(live[Platform.FACEBOOK], FacebookPublisher)
