"""The restricted-period feed: which periods a calendar shows, and its iCalendar (RFC 5545)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vDuration

from guard.domain.calendar.elections import Election, Timetable
from guard.domain.calendar.wards import ward_slug
from guard.domain.feed.wording import describe, local_day

# A removed election stays in the feed this long as CANCELLED, so that subscribed calendars
# (which refresh every few hours, or days when offline) hear of it and drop the event.
CANCELLED_FOR = dt.timedelta(days=90)
# How often subscribers should fetch the feed (RFC 7986 REFRESH-INTERVAL, X-PUBLISHED-TTL).
REFRESH_EVERY = dt.timedelta(hours=6)
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class FeedEntry:
    """One election on the calendar (removed ones too), with its timetable and its history."""

    election: Election
    timetable: Timetable
    sequence: int
    created_at: dt.datetime
    updated_at: dt.datetime
    removed_at: dt.datetime | None = None


@dataclass(frozen=True)
class FeedInfo:
    """What the calendar says about itself, and what its events need to know."""

    council_name: str
    host: str  # the right-hand side of every UID: never change it once feeds are out
    zone: ZoneInfo
    policy_url: str
    source_url: str
    ward: str | None = None


def cancelled_since(now: dt.datetime) -> dt.datetime:
    """Elections removed at or after this instant are still announced as cancelled."""
    return now - CANCELLED_FOR


def affects_ward(election: Election, ward: str | None) -> bool:
    """The council's feed has every election; a ward's, the council-wide ones and its own."""
    return ward is None or election.whole_council or ward in election.wards


def select_entries(
    entries: Iterable[FeedEntry], *, ward: str | None, now: dt.datetime
) -> list[FeedEntry]:
    """The entries a feed shows: in the ward's scope, and not removed too long ago."""
    since = cancelled_since(now)
    return [
        e
        for e in entries
        if affects_ward(e.election, ward) and (e.removed_at is None or e.removed_at >= since)
    ]


def last_modified(
    entries: Iterable[FeedEntry], *, ward: str | None, now: dt.datetime
) -> dt.datetime:
    """When the feed last changed: an edit, a removal, or a cancellation leaving the window."""
    since = cancelled_since(now)
    moments = [EPOCH]
    for entry in entries:
        if not affects_ward(entry.election, ward):
            continue
        if entry.removed_at is not None and entry.removed_at < since:
            moments.append(entry.removed_at + CANCELLED_FOR)
        else:
            moments.append(max(entry.updated_at, entry.removed_at or entry.updated_at))
    return max(moments).replace(microsecond=0)


def event_status(entry: FeedEntry) -> str:
    """CANCELLED once removed; CONFIRMED once the notice is published; TENTATIVE till then."""
    if entry.removed_at is not None:
        return "CANCELLED"
    if entry.timetable.start_is_actual and not entry.timetable.provisional:
        return "CONFIRMED"
    return "TENTATIVE"


def all_day_dates(timetable: Timetable, zone: ZoneInfo) -> tuple[dt.date, dt.date]:
    """DTSTART and the exclusive DTEND: every local day the period touches is covered."""
    start = local_day(timetable.period_start, zone)
    end = timetable.period_end.astimezone(zone)
    last = end.date() if end.time() == dt.time(0, 0) else end.date() + dt.timedelta(days=1)
    return start, max(last, start + dt.timedelta(days=1))


def event_uid(election_id: int | None, host: str) -> str:
    """Fixed for the life of the election: never from its dates or title."""
    return f"election-{election_id}-restricted-period@{host}"


def calendar_name(info: FeedInfo) -> str:
    where = f"{info.ward} ward" if info.ward else info.council_name
    return f"Pre-election periods: {where}"


def build_event(entry: FeedEntry, info: FeedInfo) -> Event:
    start, end = all_day_dates(entry.timetable, info.zone)
    status = event_status(entry)
    title = f"Pre-election period: {entry.election.title}"
    return Event.new(
        uid=event_uid(entry.election.id, info.host),
        summary=f"{title} (cancelled)" if status == "CANCELLED" else title,
        description=describe(
            entry.election,
            entry.timetable,
            zone=info.zone,
            council_name=info.council_name,
            policy_url=info.policy_url,
            removed_at=entry.removed_at,
        ),
        start=start,
        end=end,
        # The last change, not the build time: the same calendar gives the same bytes.
        stamp=entry.updated_at,
        created=entry.created_at,
        last_modified=entry.updated_at,
        sequence=entry.sequence,
        status=status,  # type: ignore[arg-type]
        transparency="TRANSPARENT",  # type: ignore[arg-type]
        url=info.policy_url or None,
    )


def render_feed(entries: Sequence[FeedEntry], info: FeedInfo) -> bytes:
    """The iCalendar text for ``entries`` (already selected), all-day events in poll order."""
    where = f"the {info.ward} ward of {info.council_name}" if info.ward else info.council_name
    calendar = Calendar.new(
        prodid=f"-//{info.council_name}//Pre-election guard//EN",
        version="2.0",
        calscale="GREGORIAN",
        method="PUBLISH",
        name=calendar_name(info),
        description=(
            f"Pre-election periods for {where}. While one is on, the Council will not "
            "promote Councillors' social media accounts."
        ),
        # A fixed UID: Calendar.new would otherwise invent a new one on every build.
        uid=f"restricted-periods-{ward_slug(info.ward) if info.ward else 'council'}@{info.host}",
        source=info.source_url or None,
        refresh_interval=REFRESH_EVERY,
        subcomponents=[build_event(entry, info) for entry in entries],
    )
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"  # required by RFC 7986
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_EVERY).to_ical().decode())
    return calendar.to_ical()
