"""The restricted-period feed: its calendar, its events, their life cycle and ward scoping."""

from __future__ import annotations

import datetime as dt

from icalendar import vDDDTypes

from guard.domain.calendar.elections import ElectionKind
from guard.domain.feed.calendar import CANCELLED_FOR
from guard.domain.feed.wording import PROMOTION_CLAUSE
from tests.ical_helpers import add, change, events, feed_bytes, only_event, parse, remove, utc_now

POLL = dt.date(2027, 5, 6)  # notice of election due by 31 March 2027 (May Day skipped)


def test_calendar_properties_follow_rfc_5545_and_7986(client, engine, settings):
    add(engine, settings, "Town council elections 2027", POLL)
    body = client.get("/ical/restricted-periods.ics").data
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    calendar = parse(body)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//Heanor & Loscoe Town Council//Pre-election guard//EN"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["NAME"] == "Pre-election periods: Heanor & Loscoe Town Council"
    assert calendar["X-WR-CALNAME"] == calendar["NAME"]
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in body
    assert b"\r\nX-PUBLISHED-TTL:PT6H\r\n" in body
    assert b"VTIMEZONE" not in body  # all-day dates need none


def test_an_event_covers_the_period_all_day_through_poll_day(engine, settings):
    election_id = add(engine, settings, "Town council elections 2027", POLL)
    event = only_event(feed_bytes(engine, settings))
    assert event["UID"] == f"election-{election_id}-restricted-period@127.0.0.1"
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.start == dt.date(2027, 3, 31)
    assert event["DTEND"].params["VALUE"] == "DATE"
    assert event.end == POLL + dt.timedelta(days=1)  # exclusive: the poll day is covered
    assert event["TRANSP"] == "TRANSPARENT"
    assert event["SUMMARY"] == "Pre-election period: Town council elections 2027"
    assert event["SEQUENCE"] == 0
    for name in ("DTSTAMP", "LAST-MODIFIED", "CREATED"):
        assert isinstance(event[name], vDDDTypes) and event[name].dt.tzinfo is not None


def test_the_description_says_what_is_restricted_and_when(engine, settings):
    add(engine, settings, "Town council elections 2027", POLL)
    text = str(only_event(feed_bytes(engine, settings))["DESCRIPTION"])
    assert PROMOTION_CLAUSE in text
    assert "Do not use the Council's logo" in text
    assert "to be published by Wednesday 31 March 2027 at the latest" in text
    assert "Close of nominations: 4pm on Thursday 8 April 2027" in text
    assert "Poll: Thursday 6 May 2027" in text
    assert "Close of poll: 10pm on Thursday 6 May 2027" in text
    assert "provisional" not in text
    assert "ask the Town Clerk for a copy" in text


def test_the_description_links_the_policy_when_it_is_configured(engine, settings):
    from dataclasses import replace

    policy = "https://heanor-loscoe.example/policies/social-media.pdf"
    settings = replace(settings, council=replace(settings.council, policy_url=policy))
    add(engine, settings, "Town council elections 2027", POLL)
    event = only_event(feed_bytes(engine, settings))
    assert policy in str(event["DESCRIPTION"])
    assert event["URL"] == policy


def test_uid_is_stable_and_sequence_rises_with_each_change(engine, settings):
    election_id = add(engine, settings, "By-election", POLL, wards=["Heanor East"])
    before = feed_bytes(engine, settings)
    assert feed_bytes(engine, settings) == before  # rebuilding changes nothing
    [uid] = events(before)
    change(engine, settings, election_id, title="Heanor East by-election")
    change(engine, settings, election_id, poll_date=dt.date(2027, 6, 10))
    after = events(feed_bytes(engine, settings))
    assert list(after) == [uid]
    assert after[uid]["SEQUENCE"] == 2
    assert after[uid].end == dt.date(2027, 6, 11)
    change(engine, settings, election_id, title="Heanor East by-election")  # no real change
    assert events(feed_bytes(engine, settings))[uid]["SEQUENCE"] == 2


def test_tentative_until_the_notice_is_published_then_confirmed(engine, settings):
    election_id = add(engine, settings, "Town council elections 2027", POLL)
    assert only_event(feed_bytes(engine, settings))["STATUS"] == "TENTATIVE"
    change(engine, settings, election_id, notice_published=dt.date(2027, 3, 26))
    event = only_event(feed_bytes(engine, settings))
    assert event["STATUS"] == "CONFIRMED"
    assert event["SEQUENCE"] == 1
    assert event.start == dt.date(2027, 3, 26)
    assert "Notice of election: published on Friday 26 March 2027" in str(event["DESCRIPTION"])


def test_provisional_dates_are_tentative_and_say_so(engine, settings):
    add(engine, settings, "PCC elections 2030", dt.date(2030, 5, 2), kind=ElectionKind.PCC)
    event = only_event(feed_bytes(engine, settings))
    assert event["STATUS"] == "TENTATIVE"
    assert "These dates are provisional" in str(event["DESCRIPTION"])


def test_a_removed_election_is_cancelled_for_90_days_then_dropped(engine, settings):
    removed_at = dt.datetime(2027, 4, 1, 9, 30, tzinfo=dt.UTC)
    election_id = add(engine, settings, "Withdrawn referendum", POLL, now=removed_at)
    uid = next(iter(events(feed_bytes(engine, settings, now=removed_at))))
    remove(engine, election_id, now=removed_at)
    soon = events(feed_bytes(engine, settings, now=removed_at + dt.timedelta(days=1)))
    assert soon[uid]["STATUS"] == "CANCELLED"
    assert soon[uid]["SEQUENCE"] == 1
    assert "(cancelled)" in soon[uid]["SUMMARY"]
    assert "no longer applies" in str(soon[uid]["DESCRIPTION"])
    last_day = events(feed_bytes(engine, settings, now=removed_at + CANCELLED_FOR))
    assert last_day[uid]["STATUS"] == "CANCELLED"
    later = feed_bytes(engine, settings, now=removed_at + CANCELLED_FOR + dt.timedelta(seconds=1))
    assert events(later) == {}


def test_a_ward_feed_has_council_wide_elections_and_its_own_only(client, engine, settings):
    whole = add(engine, settings, "Town council elections 2027", POLL)
    east = add(
        engine, settings, "Heanor East by-election", dt.date(2027, 7, 1), wards=["Heanor East"]
    )
    west = add(
        engine, settings, "Heanor West by-election", dt.date(2027, 7, 8), wards=["Heanor West"]
    )
    both = add(
        engine,
        settings,
        "Two-ward poll",
        dt.date(2027, 9, 2),
        wards=["Heanor West", "Langley Mill and Aldercar"],
    )

    def ids(path: str) -> set[int]:
        body = client.get(path).data
        return {int(uid.split("-")[1]) for uid in events(body)}

    assert ids("/ical/restricted-periods.ics") == {whole, east, west, both}
    assert ids("/ical/wards/heanor-east.ics") == {whole, east}
    assert ids("/ical/wards/heanor-west.ics") == {whole, west, both}
    assert ids("/ical/wards/langley-mill-and-aldercar.ics") == {whole, both}
    assert ids("/ical/wards/heanor-and-loscoe.ics") == {whole}
    ward_feed = parse(client.get("/ical/wards/heanor-east.ics").data)
    assert ward_feed["NAME"] == "Pre-election periods: Heanor East ward"
    assert ward_feed["SOURCE"] == "http://127.0.0.1:5000/ical/wards/heanor-east.ics"


def test_unknown_ward_is_404(client):
    assert client.get("/ical/wards/atlantis.ics").status_code == 404
    assert client.get("/ical/wards/Heanor-East.ics").status_code == 404  # slugs only


def test_removal_reaches_the_http_feed(client, engine, settings):
    election_id = add(engine, settings, "Withdrawn by-election", POLL, wards=["Heanor East"])
    remove(engine, election_id, now=utc_now())
    event = only_event(client.get("/ical/wards/heanor-east.ics").data)
    assert event["STATUS"] == "CANCELLED"
