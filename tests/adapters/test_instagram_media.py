"""The signed image addresses Meta fetches, and connecting the Instagram account in the app."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io

import pytest
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from PIL import Image
from sqlmodel import Session

from guard.publishers import MediaFile, Payload, Platform
from guard.publishers.media_links import signed_url
from guard.publishers.registry import make_publishers
from guard.services import InputError
from guard.services.accounts import status
from guard.services.accounts.connections import connected_settings
from guard.services.accounts.vault import open_vault
from guard.services.sending.instagram_media import (
    NARROWEST,
    WIDEST,
    as_jpeg,
    media_key,
    with_media_key,
)
from guard.settings import PublishingSettings
from guard.store.models_site import CredentialRow
from guard.store.posts import deliveries_of
from tests.adapters.instagram_support import instagram, live, schedule
from tests.adapters.test_media import tiny_png
from tests.fakes.instagram import FakeInstagram

__all__ = ["instagram", "live"]  # fixtures used by name
SHA = hashlib.sha256(tiny_png(10)).hexdigest()


@pytest.fixture
def media_app(live, engine):
    """The app with a post whose image is being sent to Instagram now."""
    from guard.web import create_app

    post_id = schedule(engine, live, "The play area")
    with Session(engine) as session:
        [row] = deliveries_of(session, post_id)
        row.status = "sending"
        session.add(row)
        session.commit()
    app = create_app(live, engine=engine)
    app.config.update(TESTING=True)
    return app


def address(settings, sha: str = SHA, *, minutes: int = 15, key: bytes | None = None) -> str:
    now = dt.datetime.now(dt.UTC)
    key = media_key(settings).encode() if key is None else key
    return signed_url("", key, sha, now=now, minutes=minutes)


def test_a_signed_address_serves_the_image_as_a_jpeg_to_anyone(media_app, live):
    answer = media_app.test_client().get(address(live))
    assert answer.status_code == 200 and answer.mimetype == "image/jpeg"
    assert answer.data == as_jpeg(tiny_png(10))
    assert Image.open(io.BytesIO(answer.data)).format == "JPEG"


def test_expired_forged_or_other_addresses_are_refused(media_app, live):
    client = media_app.test_client()
    assert client.get(address(live, minutes=-1)).status_code == 403
    good = address(live)
    assert client.get(good[:-4] + "0000").status_code == 404  # the signature changed
    assert client.get(good.replace("expires=", "expires=1")).status_code == 404
    assert client.get(address(live, key=b"someone else's key")).status_code == 404
    other = hashlib.sha256(b"another image").hexdigest()
    assert client.get(address(live, other)).status_code == 404  # signed, but not being sent
    assert client.get(f"/media/{SHA}.jpg").status_code == 404
    for path in ("/media/", "/media/..%2Fguard.db", f"/media/{SHA}"):
        assert client.get(path).status_code == 404


def test_the_scheduler_and_the_app_derive_the_same_key_from_the_accounts_key(live):
    publishing = with_media_key(live)
    assert publishing.instagram.media_url_secret == media_key(live)
    assert len(media_key(live)) == 64
    other = dataclasses.replace(
        live, accounts=dataclasses.replace(live.accounts, key_file=live.accounts.key_file + "2")
    )
    assert media_key(other) != media_key(live)


@pytest.mark.parametrize("mode", ["RGBA", "P", "L"])
def test_any_image_becomes_a_jpeg_on_white(mode):
    picture = Image.new("RGBA", (4, 3), (255, 0, 0, 0)).convert(mode)
    png = io.BytesIO()
    picture.save(png, "PNG")
    jpeg = Image.open(io.BytesIO(as_jpeg(png.getvalue())))
    assert jpeg.format == "JPEG" and jpeg.size == (4, 3) and jpeg.mode == "RGB"


def test_dry_run_covers_instagram(live):
    dry = make_publishers(dataclasses.replace(live, publishing=PublishingSettings()))
    image = MediaFile("p.png", "image/png", tiny_png(), "A picture")
    receipt = dry[Platform.INSTAGRAM].publish(Payload("Caption", media=(image,)))
    assert receipt.platform_post_id.startswith("dry-run-") and receipt.response["media"] == 1


# --- connecting the account -------------------------------------------------------------------


def test_an_admin_connects_the_account_linked_to_the_page(admin, live, engine):
    page = admin.post("/accounts/instagram/connect", data={}, follow_redirects=True).text
    assert f"Connected the Instagram account {FakeInstagram.username}" in page
    assert "Instagram cannot fetch images from http://127.0.0.1:5000" in page
    with Session(engine) as session:
        row = session.get(CredentialRow, "instagram.account")
        assert row is not None and row.account_id == FakeInstagram.user_id
        blank = dataclasses.replace(live, instagram=dataclasses.replace(live.instagram, user_id=""))
        sent = connected_settings(session, open_vault(live.accounts), blank)
    assert sent.instagram.user_id == FakeInstagram.user_id
    tested = admin.post("/accounts/instagram/test", follow_redirects=True).text
    assert f"Test passed: connected as {FakeInstagram.username}" in tested
    gone = admin.post("/accounts/instagram/disconnect", follow_redirects=True).text
    assert "Disconnected" in gone


def test_an_entered_id_is_checked_and_a_bad_one_named(admin, engine):
    entered = {"instagram_id": FakeInstagram.user_id}
    page = admin.post("/accounts/instagram/connect", data=entered, follow_redirects=True).text
    assert f"Connected the Instagram account {FakeInstagram.username}" in page
    bad = admin.post("/accounts/instagram/connect", data={"instagram_id": "council"})
    text = admin.get(bad.headers["Location"]).text
    assert "Nothing was changed: Instagram: &#39;council&#39; is not an account id" in text


@pytest.fixture
def settings(settings, instagram, tmp_path):
    """The app's settings for the accounts tests: the Page from the file, Meta as the stand-in."""
    return dataclasses.replace(
        settings,
        facebook=dataclasses.replace(
            settings.facebook,
            graph_url=instagram.url,
            page_id=FakeInstagram.page_id,
            page_access_token="page-token",
        ),
        accounts=dataclasses.replace(settings.accounts, key_file=str(tmp_path / "accounts.key")),
    )


def test_the_accounts_page_offers_instagram(admin):
    page = admin.get("/accounts").text
    assert 'id="instagram-heading"' in page and "Connect Instagram account" in page
    assert 'name="instagram_id"' in page


@examples(max_examples=30, deadline=None)
@given(width=st.integers(1, 400), height=st.integers(1, 400), jpeg=st.booleans())
def test_every_image_is_sent_in_a_shape_instagram_takes_and_nothing_is_cut(width, height, jpeg):
    picture = Image.new("RGB", (width, height), (0, 90, 200))
    out = io.BytesIO()
    picture.save(out, "JPEG" if jpeg else "PNG")
    sent = Image.open(io.BytesIO(as_jpeg(out.getvalue())))
    assert sent.format == "JPEG"
    assert NARROWEST <= sent.width / sent.height <= WIDEST
    assert sent.width >= width and sent.height >= height  # margins added, never cropped
    if NARROWEST <= width / height <= WIDEST:
        assert sent.size == (width, height)


@pytest.mark.parametrize(
    ("public_url", "warned"),
    [
        ("http://127.0.0.1:5000", True),
        ("http://localhost:5000", True),
        ("http://192.168.1.20", True),
        ("http://guard", True),
        ("https://guard.heanor-tc.gov.uk", False),
        ("https://81.2.69.142", False),
    ],
)
def test_the_clerk_is_warned_when_meta_cannot_reach_the_app(engine, live, public_url, warned):
    settings = dataclasses.replace(live, web=dataclasses.replace(live.web, public_url=public_url))
    with Session(engine) as session:
        notes = status.warnings(session, settings, now=dt.datetime.now(dt.UTC))
    assert any("Instagram cannot fetch images" in n for n in notes) == warned


def test_an_image_that_cannot_be_read_is_named_not_served():
    with pytest.raises(InputError, match="the image cannot be read"):
        as_jpeg(tiny_png()[:40])  # a PNG cut short
