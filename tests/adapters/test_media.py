"""Images with alt text: stored with the post, uploaded by the real tweepy and facebook-sdk."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import struct
import zlib

import pytest
from sqlmodel import Session, select

from guard.publishers import ErrorKind, MediaFile, Payload, Platform, PublishError
from guard.publishers.dry_run import DryRunPublisher
from guard.services import InputError
from guard.services.posts import write as posts
from guard.services.posts.media import check_media, load_media, media_entry
from guard.services.sending import dispatch
from guard.store.models import DeliveryRow, PostRow
from tests.adapters.test_publishers import fb_publisher, x_publisher
from tests.fakes.platforms import FakeGraph, FakeX, Scripted, graph_failure, x_error
from tests.sending import FakeClock, live_settings, load_register, make_sender, statuses

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)  # outside any period


def tiny_png(seed: int = 0) -> bytes:
    """A valid 1×1 PNG (grey level ``seed``)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(bytes([0, seed]))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def image(seed: int = 0, alt: str = "The new play area in the park") -> MediaFile:
    return MediaFile(f"photo{seed}.png", "image/png", tiny_png(seed), alt)


# --- checking and storing -------------------------------------------------------------------


def test_an_entry_is_checked_by_its_bytes_and_keeps_them_base64():
    data = tiny_png()
    entry = media_entry("play.png", data, " A slide ")
    assert entry["content_type"] == "image/png" and entry["alt_text"] == "A slide"
    assert base64.b64decode(entry["data_b64"]) == data
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    with pytest.raises(InputError, match=r"notes\.png: not a JPEG, PNG, GIF or WebP"):
        media_entry("notes.png", b"just some text", "alt")
    with pytest.raises(InputError, match=r"play\.png: an image needs alt text"):
        media_entry("play.png", data, "  ")
    with pytest.raises(InputError, match="over the limit"):
        media_entry("big.png", data + b"\0" * (5 * 1024 * 1024), "alt")
    webp = b"RIFF\x10\0\0\0WEBPVP8 "
    assert media_entry("w.webp", webp, "alt")["content_type"] == "image/webp"


def test_at_most_four_images(tmp_path):
    paths = []
    for i in range(5):
        paths.append(tmp_path / f"{i}.png")
        paths[-1].write_bytes(tiny_png(i))
    with pytest.raises(InputError, match="at most 4"):
        load_media(paths, ["alt"] * 5)
    assert len(load_media(paths[:4], ["alt"] * 4)) == 4
    entry = media_entry("a.png", tiny_png(), "alt")
    with pytest.raises(InputError, match="at most 4"):
        check_media([entry] * 5)


# --- X --------------------------------------------------------------------------------------


def test_x_uploads_each_image_sets_its_alt_text_and_the_tweet_references_them(fake_x):
    receipt = x_publisher(fake_x.url).publish(
        Payload("Our new play area", media=(image(1, "A red slide"), image(2, "Swings")))
    )
    uploads = [r for r in fake_x.received if r.path == "/2/media/upload"]
    assert [u.body["media"] for u in uploads] == [tiny_png(1), tiny_png(2)]
    assert {u.body["media_category"] for u in uploads} == {"tweet_image"}
    # Signed as tweepy's Client signs: OAuth 1.0a with the account's token.
    assert all('oauth_token="at"' in u.headers["Authorization"] for u in uploads)
    assert {m["alt_text"] for m in fake_x.media.values()} == {"A red slide", "Swings"}
    [tweet] = fake_x.posts
    assert tweet["id"] == receipt.platform_post_id
    assert tweet["media_ids"] == list(fake_x.media)
    by_id = {i: fake_x.media[i]["alt_text"] for i in tweet["media_ids"]}
    assert list(by_id.values()) == ["A red slide", "Swings"]


@pytest.mark.parametrize(
    ("failure", "kind"),
    [
        (Scripted(503, {"errors": [{"code": 131, "message": "Internal error"}]}), "retryable"),
        (x_error(429, "Too Many Requests", **{"x-rate-limit-reset": "1900000000"}), "retryable"),
        (Scripted(400, {"errors": [{"code": 324, "message": "Bad media"}]}), "rejected"),
    ],
)
def test_a_failed_x_upload_posts_nothing(fake_x, failure, kind):
    fake_x.fail_next(failure)
    with pytest.raises(PublishError) as caught:
        x_publisher(fake_x.url).publish(Payload("Our new play area", media=(image(),)))
    assert caught.value.kind == ErrorKind(kind)
    assert fake_x.posts == []
    assert not any(r.path == "/2/tweets" for r in fake_x.received)


def test_an_x_upload_to_nowhere_is_retryable():
    with FakeX() as gone:
        url = gone.url
    with pytest.raises(PublishError) as caught:
        x_publisher(url).publish(Payload("Our new play area", media=(image(),)))
    assert caught.value.kind is ErrorKind.RETRYABLE


# --- Facebook -------------------------------------------------------------------------------


def test_facebook_one_image_is_a_photo_post_with_caption_and_alt_text(fake_graph):
    receipt = fb_publisher(fake_graph.url).publish(
        Payload("Our new play area", media=(image(3, "A red slide"),))
    )
    [photo] = fake_graph.photos.values()
    assert photo["source"] == tiny_png(3) and photo["source.type"] == "image/png"
    assert photo["message"] == "Our new play area"
    assert photo["alt_text_custom"] == "A red slide"
    [post] = fake_graph.posts
    assert receipt.platform_post_id == post["id"]


def test_facebook_several_images_are_uploaded_unpublished_then_attached(fake_graph):
    receipt = fb_publisher(fake_graph.url).publish(
        Payload("Our new play area", media=(image(1, "Slide"), image(2, "Swings")))
    )
    photos = fake_graph.photos
    assert [p["published"] for p in photos.values()] == ["false", "false"]
    assert [p["alt_text_custom"] for p in photos.values()] == ["Slide", "Swings"]
    [post] = fake_graph.posts
    assert post["id"] == receipt.platform_post_id and post["message"] == "Our new play area"
    assert post["attached_media"] == [{"media_fbid": i} for i in photos]


def test_a_failed_facebook_upload_posts_nothing(fake_graph):
    fake_graph.fail_next(Scripted(200, {"id": "1"}), graph_failure(2, "Service unavailable", 503))
    with pytest.raises(PublishError) as caught:
        fb_publisher(fake_graph.url).publish(Payload("Hello", media=(image(1), image(2))))
    assert caught.value.kind is ErrorKind.RETRYABLE
    assert fake_graph.posts == []
    assert not any(r.path.endswith("/feed") for r in fake_graph.received)


def test_dry_run_counts_the_media():
    receipt = DryRunPublisher(Platform.X).publish(Payload("Hello", media=(image(1), image(2))))
    assert receipt.response == {"dry_run": True, "media": 2}
    assert DryRunPublisher(Platform.X).publish(Payload("Hello")).response == {"dry_run": True}


# --- sending and the archive ----------------------------------------------------------------


def test_dispatch_sends_the_images_and_archives_them_without_their_bytes(engine, settings):
    with FakeX() as x, FakeGraph() as graph:
        live = live_settings(settings, x.url, graph.url, missed_after_minutes=60)
        clock = FakeClock(NOW)
        load_register(engine, live, NOW)
        at = NOW + dt.timedelta(hours=1)
        entry = media_entry("play.png", tiny_png(7), "A red slide")
        with Session(engine) as session:
            result = posts.schedule_post(
                session,
                live,
                text="Our new play area is open.",
                at=at,
                platforms=[Platform.X, Platform.FACEBOOK],
                author="clerk@example.org",
                now=NOW,
                media=[entry],
            )
            session.commit()
        clock.now = at
        assert dispatch.dispatch_due(make_sender(engine, live, clock)) == 2
        assert statuses(engine, result.post_id) == {"x": "sent", "facebook": "sent"}
        [uploaded] = x.media.values()
        assert uploaded == {"data": tiny_png(7), "alt_text": "A red slide"}
        assert [p["source"] for p in graph.photos.values()] == [tiny_png(7)]
    with Session(engine) as session:
        payloads = [d.payload for d in session.exec(select(DeliveryRow))]
    summary = {
        "name": "play.png",
        "content_type": "image/png",
        "sha256": hashlib.sha256(tiny_png(7)).hexdigest(),
        "alt_text": "A red slide",
    }
    assert (
        payloads == [{"text": "Our new play area is open.", "link": None, "media": [summary]}] * 2
    )


def test_a_failed_upload_at_send_time_leaves_the_delivery_to_retry(engine, settings):
    with FakeX() as x, FakeGraph() as graph:
        live = live_settings(settings, x.url, graph.url, missed_after_minutes=60)
        clock = FakeClock(NOW)
        load_register(engine, live, NOW)
        with Session(engine) as session:
            post_id = posts.schedule_post(
                session, live, text="Our new play area is open.", at=NOW, platforms=[Platform.X],
                author="clerk@example.org", now=NOW, media=[media_entry("a.png", tiny_png(), "A")],
            ).post_id  # fmt: skip
            session.commit()
        x.fail_next(Scripted(503, {"errors": [{"code": 131, "message": "Internal error"}]}))
        assert dispatch.dispatch_due(make_sender(engine, live, clock)) == 1
        assert x.posts == [] and statuses(engine, post_id) == {"x": "scheduled"}


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def with_register(guard_with_election):
    return guard_with_election


def test_cli_schedule_stores_the_image_with_its_alt_text(with_register, engine, tmp_path):
    png = tmp_path / "play.png"
    png.write_bytes(tiny_png(5))
    out = with_register(
        "posts", "schedule", "--at", "2027-01-20T09:00", "--to", "x",
        "--media", str(png), "--alt", "A red slide", "Our new play area",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    assert out.stdout.split()[1] == "allow"
    with Session(engine) as session:
        [post] = session.exec(select(PostRow))
    [stored] = post.media
    assert stored["name"] == "play.png" and stored["alt_text"] == "A red slide"
    assert base64.b64decode(stored["data_b64"]) == tiny_png(5)
    assert stored["content_type"] == "image/png"


def test_cli_refuses_an_image_without_alt_text_or_a_file_that_is_not_an_image(
    with_register, engine, tmp_path
):
    png = tmp_path / "play.png"
    png.write_bytes(tiny_png())
    notes = tmp_path / "notes.png"
    notes.write_text("not an image")
    base = ["posts", "schedule", "--at", "2027-01-20T09:00", "--to", "x"]
    missing = with_register(*base, "--media", str(png), "Our new play area")
    assert missing.exit_code == 2
    assert "play.png" in missing.stderr and "alt text" in missing.stderr
    bad = with_register(*base, "--media", str(notes), "--alt", "Notes", "Our new play area")
    assert bad.exit_code == 2 and "notes.png" in bad.stderr and "not a JPEG" in bad.stderr
    with Session(engine) as session:
        assert session.exec(select(PostRow)).all() == []


def test_a_councillor_named_in_alt_text_holds_the_post(with_register, tmp_path):
    png = tmp_path / "ribbon.png"
    png.write_bytes(tiny_png())
    out = with_register(
        "posts", "schedule", "--at", "2027-04-14T10:00", "--to", "x",
        "--media", str(png), "--alt", "Cllr Grace Fielding cuts the ribbon", "Our new play area",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    assert out.stdout.split()[1] == "flag" and "held for review" in out.stdout


def test_a_damaged_stored_image_fails_the_delivery_instead_of_leaving_it_claimed(engine, settings):
    import datetime as dt

    from sqlmodel import Session

    from guard.services.sending import dispatch
    from tests.fakes.platforms import FakeGraph, FakeX
    from tests.sending import FakeClock, add_post_row, live_settings, make_sender, statuses

    now = dt.datetime(2027, 1, 11, 9, tzinfo=dt.UTC)
    with FakeX() as x, FakeGraph() as graph:
        live = live_settings(settings, x.url, graph.url)
        with Session(engine) as session:
            post_id = add_post_row(session, "Parks open late.", now)
            post = session.get(PostRow, post_id)
            post.media = [{"name": "a.png", "content_type": "image/png", "data_b64": "!!!"}]
            session.add(post)
            session.commit()
        dispatch.dispatch_due(make_sender(engine, live, FakeClock(now)))
        assert statuses(engine, post_id) == {"x": "failed"}
        assert x.received == []
