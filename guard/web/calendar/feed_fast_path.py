"""The public feeds' fast path: a current cached feed served before Flask sees the request.

Calendar apps poll the feeds far more often than anyone opens a page, mostly with
If-None-Match. When the cache knows its feed is current (see FeedCache.fresh), the answer
is built here from prepared headers: no routing, no session, no query. Otherwise the request
goes to the Flask view, which refreshes the cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.http import http_date, parse_date

from guard.domain.calendar.wards import ward_slug
from guard.services.calendar.feeds import COUNCIL_FEED_PATH, Feed, FeedCache
from guard.settings import Settings

WARD_PREFIX = "/ical/wards/"
NOT_A_FEED = object()
StartResponse = Callable[..., Any]


class FeedFastPath:
    """WSGI middleware in front of the app for GET and HEAD of the feeds."""

    def __init__(
        self,
        app: Callable[[dict, StartResponse], Iterable[bytes]],
        cache: FeedCache,
        settings: Settings,
        *,
        headers: list[tuple[str, str]],
        max_age: int,
    ) -> None:
        self.app, self.cache, self.settings = app, cache, settings
        self.paths: dict[str, str | None] = {COUNCIL_FEED_PATH: None}
        for ward in settings.council.wards:
            self.paths[f"{WARD_PREFIX}{ward_slug(ward)}.ics"] = ward
        self.common = [*headers, ("Cache-Control", f"public, max-age={max_age}")]
        self._prepared: dict[str | None, tuple[Feed, list, list]] = {}

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        ward = self.paths.get(environ.get("PATH_INFO", ""), NOT_A_FEED)
        if ward is NOT_A_FEED or method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        feed = self.cache.fresh(self.settings, ward=ward)  # type: ignore[arg-type]
        if feed is None:
            return self.app(environ, start_response)
        full, not_modified = self._headers(ward, feed)  # type: ignore[arg-type]
        if _not_modified(environ, feed):
            start_response("304 NOT MODIFIED", not_modified)
            return []
        start_response("200 OK", full)
        return [] if method == "HEAD" else [feed.body]

    def _headers(self, ward: str | None, feed: Feed) -> tuple[list, list]:
        prepared = self._prepared.get(ward)
        if prepared is None or prepared[0] is not feed:
            etag = [("ETag", f'"{feed.etag}"')]
            full = [
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Length", str(len(feed.body))),
                *etag,
                ("Last-Modified", http_date(feed.last_modified)),
                *self.common,
            ]
            prepared = (feed, full, [*etag, *self.common])  # RFC 9110, 15.4.5
            self._prepared[ward] = prepared
        return prepared[1], prepared[2]


def _not_modified(environ: dict, feed: Feed) -> bool:
    """If-None-Match decides when given (RFC 9110, 13.1.3); else If-Modified-Since."""
    wanted = environ.get("HTTP_IF_NONE_MATCH")
    if wanted is not None:
        tags = {t.strip().removeprefix("W/").strip('"') for t in wanted.split(",")}
        return "*" in tags or feed.etag in tags
    since = environ.get("HTTP_IF_MODIFIED_SINCE")
    if since is None:
        return False
    when = parse_date(since)
    return when is not None and feed.last_modified.replace(microsecond=0) <= when.astimezone(dt.UTC)
