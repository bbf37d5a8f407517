"""Instagram end to end: the scheduler sends through the real facebook-sdk to a stand-in Graph
API, which fetches each image from the app's signed address on a real server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from PIL import Image
from sqlmodel import Session, select

from guard.domain.guard.payload import PostDraft, render
from guard.publishers import Platform
from guard.publishers.instagram import InstagramPublisher
from guard.scheduler import make_sender
from guard.services.posts.media import media_files
from guard.services.posts.write import Refused
from guard.services.sending import dispatch
from guard.services.sending.instagram_media import as_jpeg, with_media_key
from guard.services.sending.wiring import Sender
from guard.store import posts as store
from guard.store.models import DeliveryRow, PostRow
from tests.adapters.instagram_support import NOW, instagram, live, schedule, served
from tests.adapters.test_media import tiny_png
from tests.fakes.instagram import FakeInstagram, ig_error
from tests.fakes.platforms import Scripted, graph_error
from tests.sending import FakeClock, statuses

__all__ = ["instagram", "live", "served"]  # fixtures used by name
PUBLISH = f"/v26.0/{FakeInstagram.user_id}/media_publish"


def delivery(engine, post_id: int) -> DeliveryRow:
    with Session(engine) as session:
        [row] = store.deliveries_of(session, post_id)
        return row


def test_one_image_goes_out_as_judged_with_its_jpeg_fetched_from_the_signed_address(
    engine, served, instagram
):
    text = "The new play area on Mill Road is open."
    link = "https://heanor.example/play"
    post_id = schedule(engine, served, text, link=link)
    assert dispatch.dispatch_due(make_sender(engine, served, FakeClock(NOW))) == 1

    assert statuses(engine, post_id) == {"instagram": "sent"}
    [post] = instagram.posts
    # The caption is the judged payload: the link written out on a line of its own.
    judged = render(PostDraft(text, platform="instagram", link=link))
    assert post["caption"] == judged.text == f"{text}\n{link}"
    assert post["media_type"] == "IMAGE" and post["alt_texts"] == ["Picture 0"]
    [fetched] = post["images"]
    assert fetched == as_jpeg(tiny_png(10))
    assert Image.open(io.BytesIO(fetched)).format == "JPEG"
    [container] = [c for c in instagram.containers.values() if "image_url" in c.fields]
    address = urlsplit(container.fields["image_url"])
    assert f"{address.scheme}://{address.netloc}" == served.web.public_url
    assert set(parse_qs(address.query)) == {"expires", "signature"}
    sent = delivery(engine, post_id)
    assert sent.platform_post_id == post["id"] and sent.url == post["permalink"]
    # Once sent, the address shows nothing, though it has not expired.
    assert requests.get(container.fields["image_url"], timeout=5).status_code == 404


def test_two_to_four_images_go_as_one_carousel(engine, served, instagram):
    post_id = schedule(engine, served, "Three views of the park", images=3)
    dispatch.dispatch_due(make_sender(engine, served, FakeClock(NOW)))

    assert statuses(engine, post_id) == {"instagram": "sent"}
    [post] = instagram.posts
    assert post["media_type"] == "CAROUSEL_ALBUM" and post["caption"] == "Three views of the park"
    assert post["images"] == [as_jpeg(tiny_png(40 * i + 10)) for i in range(3)]
    assert post["alt_texts"] == ["Picture 0", "Picture 1", "Picture 2"]
    children = [c for c in instagram.containers.values() if "image_url" in c.fields]
    assert [c.fields.get("is_carousel_item") for c in children] == ["true"] * 3
    assert all("caption" not in c.fields for c in children)
    [carousel] = [c for c in instagram.containers.values() if c.children]
    assert carousel.children == [c.id for c in children]


def test_a_container_meta_refuses_fails_the_delivery_without_publishing(engine, served, instagram):
    instagram.container_outcome = ("ERROR", "Error: The aspect ratio is not supported. (2207009)")
    post_id = schedule(engine, served, "A very wide panorama")
    dispatch.dispatch_due(make_sender(engine, served, FakeClock(NOW)))

    assert statuses(engine, post_id) == {"instagram": "failed"}
    assert "aspect ratio" in (delivery(engine, post_id).error or "")
    assert instagram.posts == [] and not any(r.path == PUBLISH for r in instagram.received)


def test_a_container_not_ready_in_time_is_tried_again_later_and_posted_once(
    engine, served, instagram
):
    instagram.polls_before_ready = 10  # more than the 3 checks allowed
    clock = FakeClock(NOW)
    post_id = schedule(engine, served, "Bin collections over Christmas")
    sender = make_sender(engine, served, clock)
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"instagram": "scheduled"}
    assert "had not fetched the image" in (delivery(engine, post_id).error or "")
    assert instagram.posts == [] and not any(r.path == PUBLISH for r in instagram.received)

    instagram.polls_before_ready = 0
    clock.advance(minutes=5)
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"instagram": "sent"}
    assert len(instagram.posts) == 1


def test_a_5xx_after_publishing_is_looked_for_and_found_never_posted_twice(
    engine, served, instagram
):
    instagram.fail_next(Scripted(500, {"error": {"message": "x"}}, accept=True, path=PUBLISH))
    instagram.clock = clock = FakeClock(NOW)  # the platform's clock and ours agree
    post_id = schedule(engine, served, "Remembrance Sunday parade times")
    dispatch.dispatch_due(make_sender(engine, served, clock))

    assert statuses(engine, post_id) == {"instagram": "sent"}
    [post] = instagram.posts
    assert delivery(engine, post_id).platform_post_id == post["id"]


def test_a_5xx_after_publishing_that_cannot_be_checked_is_unconfirmed_and_not_resent(
    engine, served, instagram
):
    instagram.fail_next(Scripted(502, b"<html>Bad gateway</html>", path=PUBLISH))
    instagram.listing_fails = True
    clock = FakeClock(NOW)
    post_id = schedule(engine, served, "Remembrance Sunday parade times")
    sender = make_sender(engine, served, clock)
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"instagram": "unconfirmed"}

    clock.advance(hours=1)
    dispatch.dispatch_due(sender)
    assert [r.path for r in instagram.received].count(PUBLISH) == 1
    assert statuses(engine, post_id) == {"instagram": "unconfirmed"}


def test_past_the_daily_limit_a_delivery_waits_for_a_free_slot_then_goes(engine, served, instagram):
    clock = FakeClock(NOW)
    instagram.clock = clock
    instagram.seed_posts(100, NOW - dt.timedelta(hours=23, minutes=50))
    settings = with_media_key(served)
    publisher = InstagramPublisher(
        settings.instagram, settings.facebook, settings.web.public_url, clock=clock
    )
    sender = Sender(engine, settings, {Platform.INSTAGRAM: publisher}, clock, "test")
    post_id = schedule(engine, settings, "Christmas lights switch-on")

    dispatch.dispatch_due(sender)
    waiting = delivery(engine, post_id)
    assert waiting.status == "scheduled"
    assert waiting.next_attempt_at == NOW + dt.timedelta(minutes=10)
    assert "100 posts" in (waiting.error or "")
    assert instagram.containers == {}  # nothing was sent to Meta

    clock.advance(minutes=10)
    dispatch.dispatch_due(sender)
    assert statuses(engine, post_id) == {"instagram": "sent"}
    assert instagram.posts[-1]["caption"] == "Christmas lights switch-on"


def test_the_stored_images_are_what_the_publisher_is_given(engine, served):
    post_id = schedule(engine, served, "Two pictures", images=2)
    with Session(engine) as session:
        post = session.get(PostRow, post_id)
        assert post is not None
        assert [m.data for m in media_files(post.media)] == [tiny_png(10), tiny_png(50)]


def test_scheduling_for_instagram_without_an_image_is_refused_naming_why(engine, live):
    with pytest.raises(Refused, match="Instagram has no text-only posts: add at least one image"):
        schedule(engine, live, "Bins are collected on Tuesday", images=0)
    with Session(engine) as session:
        assert session.exec(select(PostRow)).all() == []


MEDIA = f"/v26.0/{FakeInstagram.user_id}/media"


@pytest.mark.parametrize(
    ("path", "answer", "status", "kind"),
    [
        (MEDIA, (500, {"error": {"message": "Please retry", "code": 2}}), "scheduled", "retryable"),
        (MEDIA, graph_error(190, "Error validating access token"), "failed", "auth"),
        (PUBLISH, ig_error(9, 2207042, "Max posts per day"), "scheduled", "rate-limited"),
        (PUBLISH, ig_error(100, 2207010, "Caption is too long"), "failed", "rejected"),
    ],
)
def test_the_graph_apis_errors_land_in_the_taxonomy(
    engine, served, instagram, path, answer, status, kind
):
    instagram.fail_next(Scripted(*answer, path=path))
    post_id = schedule(engine, served, "Library opening hours")
    dispatch.dispatch_due(make_sender(engine, served, FakeClock(NOW)))
    assert statuses(engine, post_id) == {"instagram": status}
    with Session(engine) as session:
        [attempt] = store.attempts_of(session, delivery(engine, post_id).id)
    assert attempt.outcome == kind and instagram.posts == []
