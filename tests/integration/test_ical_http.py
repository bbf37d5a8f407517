"""The feed over HTTP: headers, conditional GETs, the cache, and the subscribe page."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from html.parser import HTMLParser

from guard.services.calendar import feeds as ical_service
from guard.settings import WebSettings
from guard.web import create_app
from tests.ical_helpers import add, change

FEED = "/ical/restricted-periods.ics"
POLL = dt.date(2027, 5, 6)


def test_headers(client, engine, settings):
    add(engine, settings, "Town council elections 2027", POLL)
    response = client.get(FEED)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    etag, weak = response.get_etag()
    assert etag and not weak
    assert response.last_modified is not None
    assert response.cache_control.public and response.cache_control.max_age
    assert client.get(FEED).headers["ETag"] == response.headers["ETag"]


def test_an_empty_feed_has_a_fixed_last_modified(client):
    response = client.get("/ical/wards/heanor-east.ics")
    assert response.headers["Last-Modified"] == "Sat, 01 Jan 2000 00:00:00 GMT"


def test_if_none_match_gives_304_until_the_feed_changes(client, engine, settings):
    election_id = add(engine, settings, "Town council elections 2027", POLL)
    first = client.get(FEED)
    etag = first.headers["ETag"]
    again = client.get(FEED, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert again.cache_control.public  # Last-Modified is left out: RFC 9110, 15.4.5
    assert client.get(FEED, headers={"If-None-Match": '"other"'}).status_code == 200
    change(engine, settings, election_id, notice_published=dt.date(2027, 3, 25))
    changed = client.get(FEED, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert b"STATUS:CONFIRMED" in changed.data


def test_if_modified_since_gives_304_when_there_is_no_if_none_match(client, engine, settings):
    add(engine, settings, "Town council elections 2027", POLL)
    last_modified = client.get(FEED).headers["Last-Modified"]
    assert client.get(FEED, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(FEED, headers={"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}).data
    # If-None-Match wins over If-Modified-Since (RFC 9110, 13.1.3).
    both = {"If-Modified-Since": last_modified, "If-None-Match": '"other"'}
    assert client.get(FEED, headers=both).status_code == 200


def test_a_conditional_get_does_not_rebuild_the_feed(client, engine, settings, monkeypatch):
    builds: list[str | None] = []
    real_build = ical_service.build_feed

    def counting_build(session, settings, *, ward=None, now):
        builds.append(ward)
        return real_build(session, settings, ward=ward, now=now)

    monkeypatch.setattr(ical_service, "build_feed", counting_build)
    election_id = add(engine, settings, "Town council elections 2027", POLL)
    etag = client.get(FEED).headers["ETag"]
    for _ in range(3):
        assert client.get(FEED, headers={"If-None-Match": etag}).status_code == 304
    client.get("/ical/wards/heanor-east.ics")
    client.get("/ical/wards/heanor-east.ics")
    assert builds == [None, "Heanor East"]
    change(engine, settings, election_id, title="Town council elections, May 2027")
    assert client.get(FEED, headers={"If-None-Match": etag}).status_code == 200
    assert builds == [None, "Heanor East", None]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs)["href"], []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links[self._href] = " ".join("".join(self._text).split())
            self._href = None


def test_the_subscribe_page_links_every_feed(settings, engine):
    settings = replace(settings, web=WebSettings(public_url="https://guard.example.org/"))
    client = create_app(settings, engine=engine).test_client()
    page = client.get("/subscribe")
    assert page.status_code == 200
    parser = _Links()
    parser.feed(page.get_data(as_text=True))
    links = parser.links
    assert all(text for text in links.values()), links
    slugs = ["heanor-east", "heanor-west", "heanor-and-loscoe", "langley-mill-and-aldercar"]
    paths = [FEED] + [f"/ical/wards/{slug}.ics" for slug in slugs]
    for path in paths:
        assert f"https://guard.example.org{path}" in links
        assert f"webcal://guard.example.org{path}" in links
        assert client.get(path).status_code == 200
    assert (
        "Langley Mill and Aldercar"
        in links["webcal://guard.example.org/ical/wards/langley-mill-and-aldercar.ics"]
    )
    text = page.get_data(as_text=True)
    for app_name in ("Outlook", "Google Calendar", "Apple Calendar"):
        assert f"<h3>{app_name}</h3>" in text


def test_the_home_page_links_the_subscribe_page(client):
    # The home page needs sign-in; the sign-in page it sends a visitor to links the feeds.
    page = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert 'href="/subscribe"' in page
