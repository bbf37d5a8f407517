"""Instagram in the browser: an admin connects the account linked to the Page, and the composer
says at once that Instagram takes no post without an image."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlmodel import Session

from guard.services.users import add_user
from guard.settings import DatabaseSettings, load_settings
from guard.store import db as store_db
from tests.conftest import EXAMPLE_CONFIG
from tests.e2e.trust_server import CHROMIUM, page_as
from tests.fakes.instagram import FakeInstagram
from tests.live_app import running
from tests.web_fixtures import PASSWORD

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app, its Facebook Page given in the settings, Meta's Graph API as the stand-in."""
    from guard.web import create_app

    folder = tmp_path_factory.mktemp("instagram")
    url = f"sqlite:///{folder / 'guard.db'}"
    base = load_settings(EXAMPLE_CONFIG, environ={})
    with FakeInstagram() as meta:
        settings = replace(
            base,
            database=DatabaseSettings(url),
            facebook=replace(
                base.facebook,
                graph_url=meta.url,
                page_id=FakeInstagram.page_id,
                page_access_token="page-token",
            ),
            accounts=replace(base.accounts, key_file=str(folder / "accounts.key")),
        )
        store_db.upgrade(url)
        engine = store_db.make_engine(url)
        now = dt.datetime.now(dt.UTC)
        with Session(engine) as session:
            for email, role in (("admin@example.org", "admin"), ("clerk@example.org", "clerk")):
                add_user(session, email=email, role=role, password=PASSWORD, actor="test", now=now)
            session.commit()
        with running(create_app(settings, engine=engine)) as address:
            yield address
        engine.dispose()


def test_an_admin_connects_the_instagram_account_linked_to_the_page(browser, server):
    page = page_as(browser, server, "admin@example.org", at="/accounts")
    section = page.get_by_role("region", name="Instagram")
    assert "Not connected." in section.inner_text()
    section.get_by_role("button", name="Connect Instagram account").click()
    assert f"Connected the Instagram account {FakeInstagram.username}" in page.inner_text("main")
    assert page.locator("#instagram-account").inner_text() == FakeInstagram.username
    # The app's address is 127.0.0.1 here: Meta could not fetch the images, and the page says so.
    assert "Instagram cannot fetch images from" in page.inner_text("main")


def test_the_composer_refuses_an_instagram_post_without_an_image(browser, server):
    page = page_as(browser, server, "clerk@example.org", at="/compose")
    page.get_by_label("Text of the post").fill("Bins are collected on Tuesday")
    page.get_by_label("The council's Instagram account").check()
    day = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).date()
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Time").fill("12:00")
    verdict = page.locator("#verdict")
    verdict.get_by_text("Instagram has no text-only posts").wait_for()
    assert page.get_by_role("button", name="Schedule").is_disabled()
