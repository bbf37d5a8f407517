"""Fixtures for the Instagram tests: the stand-in, the app served on 127.0.0.1 for it to fetch
images from, and settings that send live to the stand-in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest

from guard.publishers import Platform
from guard.services.posts.media import media_entry
from guard.settings import FacebookSettings, InstagramSettings, PublishingSettings, Settings
from guard.web import create_app
from tests import sending
from tests.adapters.test_media import tiny_png
from tests.fakes.instagram import FakeInstagram
from tests.live_app import running

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)  # outside any period


@pytest.fixture
def instagram() -> Iterator[FakeInstagram]:
    with FakeInstagram() as fake:
        yield fake


@pytest.fixture
def live(settings: Settings, instagram: FakeInstagram, tmp_path) -> Settings:
    """Live to the stand-in; image addresses signed with a key derived from the accounts' key."""
    return replace(
        settings,
        publishing=PublishingSettings(mode="live"),
        facebook=FacebookSettings(
            graph_url=instagram.url,
            page_id=FakeInstagram.page_id,
            page_access_token="page-token",
            timeout_seconds=2,
        ),
        instagram=InstagramSettings(
            user_id=FakeInstagram.user_id, status_poll_seconds=0, status_polls=3
        ),
        accounts=replace(settings.accounts, key_file=str(tmp_path / "accounts.key")),
        scheduler=replace(settings.scheduler, missed_after_minutes=60),
    )


@pytest.fixture
def served(live: Settings, engine) -> Iterator[Settings]:
    """The app on 127.0.0.1 (as Meta reaches it at [web] public_url): the settings to send with."""
    with running(create_app(live, engine=engine)) as url:
        yield replace(live, web=replace(live.web, public_url=url))


def schedule(
    engine,
    settings: Settings,
    text: str,
    *,
    images: int = 1,
    link: str | None = None,
    at: dt.datetime = NOW,
) -> int:
    media = [media_entry(f"p{i}.png", tiny_png(40 * i + 10), f"Picture {i}") for i in range(images)]
    return sending.schedule(
        engine, settings, text, at, NOW, to=(Platform.INSTAGRAM,), link=link, media=media
    )
