"""Helpers for the feed tests: put elections on the calendar and read feeds back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar
from sqlalchemy.engine import Engine
from sqlmodel import Session

from guard.domain.calendar.elections import Election, ElectionKind
from guard.services.calendar import elections as calendar
from guard.services.calendar.feeds import build_feed
from guard.settings import Settings
from guard.store.db import session_scope


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def add(
    engine: Engine,
    settings: Settings,
    title: str,
    poll: dt.date,
    *,
    wards: Iterable[str] = (),
    notice: dt.date | None = None,
    kind: ElectionKind = ElectionKind.LOCAL,
    now: dt.datetime | None = None,
) -> int:
    election = Election(title, kind, poll, frozenset(wards), notice_published=notice)
    with session_scope(engine) as session:
        added = calendar.add_election(session, settings, election, now=now or utc_now())
    assert added.id is not None
    return added.id


def change(
    engine: Engine, settings: Settings, election_id: int, now: dt.datetime | None = None, **changes
) -> None:
    with session_scope(engine) as session:
        calendar.update_election(session, settings, election_id, now=now or utc_now(), **changes)


def remove(engine: Engine, election_id: int, now: dt.datetime | None = None) -> None:
    with session_scope(engine) as session:
        calendar.remove_election(session, election_id, now=now or utc_now())


def feed_bytes(
    engine: Engine, settings: Settings, *, ward: str | None = None, now: dt.datetime | None = None
) -> bytes:
    with Session(engine) as session:
        return build_feed(session, settings, ward=ward, now=now or utc_now()).body


def parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def events(body: bytes) -> dict[str, icalendar.Event]:
    """The feed's events by UID."""
    return {str(event["UID"]): event for event in parse(body).walk("VEVENT")}


def only_event(body: bytes) -> icalendar.Event:
    [event] = events(body).values()
    return event
