"""The restricted-period feed: load the calendar, render it, keep it until the calendar changes."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlmodel import Session

from guard.domain.calendar.bounds import computable
from guard.domain.calendar.elections import timetable_for
from guard.domain.calendar.wards import ward_slug
from guard.domain.feed.calendar import (
    FeedEntry,
    FeedInfo,
    build_event,
    cancelled_since,
    last_modified,
    render_feed,
    select_entries,
)
from guard.services.calendar.elections import dies_non_for, timetable_options
from guard.settings import Settings
from guard.store import elections as store
from guard.store.feeds import Fingerprint, calendar_fingerprint, local_changes

log = logging.getLogger(__name__)

COUNCIL_FEED_PATH = "/ical/restricted-periods.ics"
WARD_FEED_PATH = "/ical/wards/{slug}.ics"


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str  # strong: a hash of the body
    last_modified: dt.datetime


@dataclass(frozen=True)
class FeedLink:
    """One feed a councillor can subscribe to, by web address and by webcal address."""

    label: str
    ward: str | None
    url: str
    webcal_url: str


def feed_path(ward: str | None) -> str:
    return WARD_FEED_PATH.format(slug=ward_slug(ward)) if ward else COUNCIL_FEED_PATH


def feed_url(settings: Settings, ward: str | None) -> str:
    return settings.web.public_url.rstrip("/") + feed_path(ward)


def feed_links(settings: Settings) -> list[FeedLink]:
    """The council's feed, then one per ward, in the order the settings list the wards."""
    links = []
    for ward in (None, *settings.council.wards):
        url = feed_url(settings, ward)
        _, _, rest = url.partition("://")
        label = f"{ward} ward" if ward else f"{settings.council.name} (all wards)"
        links.append(FeedLink(label, ward, url, f"webcal://{rest}" if rest else url))
    return links


def feed_info(settings: Settings, ward: str | None) -> FeedInfo:
    # UIDs end with the public host: changing web.public_url would duplicate every event.
    host = urlsplit(settings.web.public_url).hostname or ward_slug(settings.council.name)
    return FeedInfo(
        council_name=settings.council.name,
        host=host,
        zone=settings.council.zone,
        policy_url=settings.council.policy_url,
        source_url=feed_url(settings, ward),
        ward=ward,
    )


def feed_entries(session: Session, settings: Settings) -> list[FeedEntry]:
    """Every election, removed ones included, with its timetable."""
    rows = store.list_elections(session, include_removed=True)
    dies_non = dies_non_for(settings, [row.poll_date for row in rows if computable(row.poll_date)])
    trial = feed_info(settings, None)
    entries = []
    for row in rows:
        # One election that cannot be worked out or written as an event is logged and left
        # out: the feed never fails (and subscribers never lose every period) because of it.
        try:
            if not computable(row.poll_date):
                raise ValueError(f"poll date {row.poll_date} is out of range")
            election = store.to_domain(row)
            timetable = timetable_for(election, dies_non=dies_non, **timetable_options(settings))  # type: ignore[arg-type]
            entry = FeedEntry(
                election=election,
                timetable=timetable,
                sequence=row.sequence,
                created_at=row.created_at,
                updated_at=row.updated_at,
                removed_at=row.removed_at,
            )
            build_event(entry, trial)
        except (ValueError, OverflowError, KeyError, TypeError) as exc:
            log.error("election %s left out of the feeds: %s", row.id, exc)
            continue
        entries.append(entry)
    return entries


def build_feed(
    session: Session, settings: Settings, *, ward: str | None = None, now: dt.datetime
) -> Feed:
    """The feed for the council (``ward`` None) or one ward, as it stands at ``now``."""
    entries = feed_entries(session, settings)
    body = render_feed(select_entries(entries, ward=ward, now=now), feed_info(settings, ward))
    return Feed(
        body=body,
        etag=hashlib.sha256(body).hexdigest()[:40],
        last_modified=last_modified(entries, ward=ward, now=now),
    )


class FeedCache:
    """Built feeds by ward, each kept while the election table's fingerprint is unchanged.

    The fingerprint (one aggregate query) is read again only when ``recheck_seconds`` have
    passed or this process changed an election: in between, a request costs no query at all
    (``fresh``). A change made by another process reaches the feed within ``recheck_seconds``.
    Threads may race to rebuild the same feed; both results are right, and the last one stays.
    """

    def __init__(self, *, recheck_seconds: float = 2.0) -> None:
        self.recheck_seconds = recheck_seconds
        self._feeds: dict[str | None, tuple[Fingerprint, Feed]] = {}
        # When the fingerprint was last read, this process's changes then, and what it was.
        self._checked: tuple[float, int, Fingerprint] | None = None

    def fresh(self, settings: Settings, *, ward: str | None) -> Feed | None:
        """The cached feed if it is known to be current without asking the database."""
        checked = self._checked
        if checked is None or checked[1] != local_changes():
            return None
        if time.monotonic() - checked[0] > self.recheck_seconds:
            return None
        cached = self._feeds.get(ward)
        if cached is None or cached[0] != (hash(settings), *checked[2]):
            return None
        return cached[1]

    def get(
        self, session: Session, settings: Settings, *, ward: str | None, now: dt.datetime
    ) -> Feed:
        # Read the fingerprint before the rows: a change committed in between makes the
        # stored fingerprint stale, which costs a rebuild, never a stale feed.
        began, changes = time.monotonic(), local_changes()
        fingerprint = calendar_fingerprint(session, cancelled_since=cancelled_since(now))
        self._checked = (began, changes, fingerprint)
        key = (hash(settings), *fingerprint)
        cached = self._feeds.get(ward)
        if cached is not None and cached[0] == key:
            return cached[1]
        feed = build_feed(session, settings, ward=ward, now=now)
        self._feeds[ward] = (key, feed)
        return feed
