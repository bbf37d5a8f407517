"""The feed's pure parts: ward slugs, all-day dates, statuses and what a feed selects."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from guard.domain.calendar.dies_non import build_dies_non
from guard.domain.calendar.elections import Election, ElectionKind, PeriodEnd, compute_timetable
from guard.domain.calendar.wards import find_ward, ward_for_slug, ward_slug
from guard.domain.feed.calendar import (
    CANCELLED_FOR,
    EPOCH,
    FeedEntry,
    all_day_dates,
    event_status,
    last_modified,
    select_entries,
)

LONDON = ZoneInfo("Europe/London")
WARDS = ("Heanor East", "Heanor West", "Heanor and Loscoe", "Langley Mill and Aldercar")
DIES_NON = build_dies_non([2026, 2027], extra={}, confirmed_through=dt.date(2028, 12, 31))
T0 = dt.datetime(2027, 1, 4, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Langley Mill and Aldercar", "langley-mill-and-aldercar"),
        ("Heanor & Loscoe", "heanor-loscoe"),
        ("  St. Mary's (North) ", "st-mary-s-north"),
        ("Ynys Môn", "ynys-mon"),
    ],
)
def test_ward_slug(name, slug):
    assert ward_slug(name) == slug


def test_finding_wards():
    assert ward_for_slug(WARDS, "heanor-and-loscoe") == "Heanor and Loscoe"
    assert ward_for_slug(WARDS, "Heanor-and-Loscoe") is None
    assert find_ward(WARDS, "heanor WEST") == "Heanor West"
    assert find_ward(WARDS, "langley-mill-and-aldercar") == "Langley Mill and Aldercar"
    assert find_ward(WARDS, "Loscoe") is None


def _entry(
    poll: dt.date = dt.date(2027, 5, 6),
    *,
    wards: frozenset[str] = frozenset(),
    notice: dt.date | None = None,
    removed_at: dt.datetime | None = None,
    period_end: PeriodEnd = PeriodEnd.CLOSE_OF_POLL,
) -> FeedEntry:
    election = Election("Poll", ElectionKind.LOCAL, poll, wards, notice_published=notice, id=1)
    timetable = compute_timetable(
        election.kind,
        poll,
        dies_non=DIES_NON,
        zone=LONDON,
        notice_published=notice,
        period_end=period_end,
    )
    updated = removed_at or T0
    return FeedEntry(election, timetable, 0, T0, updated, removed_at)


def test_all_day_dates_end_the_day_after_the_period_ends():
    assert all_day_dates(_entry().timetable, LONDON) == (dt.date(2027, 3, 31), dt.date(2027, 5, 7))
    # Ending at the declaration, assumed 24 hours after close of poll: the Friday is covered too.
    declared = _entry(period_end=PeriodEnd.DECLARATION).timetable
    assert all_day_dates(declared, LONDON) == (dt.date(2027, 3, 31), dt.date(2027, 5, 8))


def test_status():
    assert event_status(_entry()) == "TENTATIVE"
    assert event_status(_entry(notice=dt.date(2027, 3, 29))) == "CONFIRMED"
    removed = _entry(notice=dt.date(2027, 3, 29), removed_at=T0)
    assert event_status(removed) == "CANCELLED"


def test_selection_by_ward_and_cancellation_window():
    whole = _entry()
    east = _entry(wards=frozenset({"Heanor East"}))
    removed = _entry(removed_at=T0)
    entries = [whole, east, removed]
    assert select_entries(entries, ward=None, now=T0) == entries
    assert select_entries(entries, ward="Heanor West", now=T0) == [whole, removed]
    later = T0 + CANCELLED_FOR + dt.timedelta(microseconds=1)
    assert select_entries(entries, ward=None, now=later) == [whole, east]


def test_last_modified_moves_when_a_cancellation_leaves_the_feed():
    removed_at = T0 + dt.timedelta(days=3, microseconds=500)
    entries = [_entry(), _entry(removed_at=removed_at)]
    assert last_modified(entries, ward=None, now=removed_at) == removed_at.replace(microsecond=0)
    later = removed_at + CANCELLED_FOR + dt.timedelta(days=1)
    assert last_modified(entries, ward=None, now=later) == (removed_at + CANCELLED_FOR).replace(
        microsecond=0
    )
    assert last_modified([], ward=None, now=T0) == EPOCH
