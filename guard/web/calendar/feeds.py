"""The restricted-period feeds (public, read-only, cached) and the page for subscribing to them."""

from __future__ import annotations

import datetime as dt
from typing import cast

from flask import Blueprint, Flask, Response, abort, current_app, render_template, request
from flask.blueprints import BlueprintSetupState

from guard.domain.calendar.wards import ward_for_slug
from guard.services.calendar.feeds import COUNCIL_FEED_PATH, FeedCache, feed_links
from guard.web.calendar.feed_fast_path import FeedFastPath
from guard.web.context import services, session
from guard.web.users.security import CSP, SECURITY_HEADERS

bp = Blueprint("ical", __name__)
CACHE = "guard.ical"
# Browsers and calendar proxies may reuse a feed this long; after that a revalidation is a 304.
MAX_AGE_SECONDS = 900


@bp.record_once
def _make_cache(state: BlueprintSetupState) -> None:
    cache = state.app.extensions[CACHE] = FeedCache()
    headers = [("Content-Security-Policy", CSP), *SECURITY_HEADERS]
    settings = state.app.extensions["guard"].settings
    app = cast(Flask, state.app)
    app.wsgi_app = FeedFastPath(  # type: ignore[method-assign]
        app.wsgi_app, cache, settings, headers=headers, max_age=MAX_AGE_SECONDS
    )


@bp.get(COUNCIL_FEED_PATH)
def council_feed() -> Response:
    return _feed_response(None)


@bp.get("/ical/wards/<slug>.ics")
def ward_feed(slug: str) -> Response:
    ward = ward_for_slug(services().settings.council.wards, slug)
    if ward is None:
        abort(404)
    return _feed_response(ward)


@bp.get("/subscribe")
def subscribe() -> str:
    return render_template("subscribe.html", links=feed_links(services().settings))


def _feed_response(ward: str | None) -> Response:
    cache: FeedCache = current_app.extensions[CACHE]
    with session() as db:
        feed = cache.get(db, services().settings, ward=ward, now=dt.datetime.now(dt.UTC))
    response = Response(feed.body, content_type="text/calendar; charset=utf-8")
    response.set_etag(feed.etag)
    response.last_modified = feed.last_modified
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE_SECONDS
    response.make_conditional(request)  # a 304 when If-None-Match or If-Modified-Since says so
    return response
