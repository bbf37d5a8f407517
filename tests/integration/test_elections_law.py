"""The elections pages, the dashboard and the feed agree with the CLI on each kind's dates,
the cautious start, by-election vacancies and uncontested elections."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlmodel import Session

from guard.domain.calendar.council_time import in_words
from guard.domain.calendar.dies_non import build_dies_non
from guard.domain.calendar.elections import Election, ElectionKind, compute_timetable
from guard.services.calendar.elections import add_election
from tests.integration.test_cli_calendar_law import poll_with_latest_start_soon
from tests.refusals import refused

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime.now(dt.UTC)
CAUTIOUS = 5


@pytest.fixture
def settings(settings):
    """This council opts in to a start five working days before the latest date."""
    elections = dataclasses.replace(settings.elections, cautious_start_working_days=CAUTIOUS)
    return dataclasses.replace(settings, elections=elections)


@pytest.fixture
def soon(engine, settings) -> dt.date:
    """A town council poll whose latest notice date is a few days away."""
    poll = poll_with_latest_start_soon(NOW.astimezone(LONDON).date())
    with Session(engine) as session:
        add_election(session, settings, Election("Town council", ElectionKind.LOCAL, poll), now=NOW)
        session.commit()
    return poll


def _day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def test_the_form_labels_a_general_elections_start_as_dissolution(clerk):
    form = {"title": "GE", "kind": "parliament", "poll_date": "2019-12-12", "action": "preview"}
    page = clerk.post("/elections/new", data=form).get_data(as_text=True)
    assert "<dt>Dissolution of Parliament</dt><dd>Wednesday 6 November 2019</dd>" in page
    assert "Latest date for the notice of election" not in page
    assert "Representation of the People Act 1983, Sch 1" in page


def test_pages_say_the_period_may_have_started_and_ask_for_the_notice(clerk, soon):
    dies_non = build_dies_non([soon.year - 1, soon.year])
    table = compute_timetable(
        ElectionKind.LOCAL, soon, dies_non=dies_non, zone=LONDON, cautious_days=CAUTIOUS
    )
    elections = clerk.get("/elections").get_data(as_text=True)
    assert "May already have started" in elections
    assert _day(table.assumed_start) in elections and _day(table.latest_start) in elections
    assert "Town council: enter the day the notice of election was published" in elections
    dashboard = clerk.get("/").get_data(as_text=True)
    assert "Notices of election: enter the real dates" in dashboard
    assert "Enter the date</a>" in dashboard


def test_the_cli_the_pages_and_the_feed_agree(clerk, soon, run_guard, monkeypatch):
    monkeypatch.setenv("GUARD_ELECTIONS_CAUTIOUS_START_WORKING_DAYS", str(CAUTIOUS))
    [row] = json.loads(run_guard("elections", "list", "--json").stdout)
    start = dt.datetime.fromisoformat(row["period_start"]).astimezone(LONDON)
    end = dt.datetime.fromisoformat(row["period_end"]).astimezone(LONDON)
    elections = clerk.get("/elections").get_data(as_text=True)
    assert in_words(start, LONDON) in elections
    feed = Calendar.from_ical(clerk.get("/ical/restricted-periods.ics").get_data())
    [event] = feed.walk("VEVENT")
    assert event["DTSTART"].dt == start.date()
    assert event["DTEND"].dt == end.date() + dt.timedelta(days=1)
    assert "may already have started" in str(event["DESCRIPTION"])
    assert _day(start.date()) in str(event["DESCRIPTION"])


def test_an_uncontested_election_entered_on_the_form_ends_its_period(clerk):
    form = {
        "title": "Parish",
        "kind": "local",
        "poll_date": "2027-05-06",
        "uncontested": "yes",
        "declared_at": "2027-04-08T17:30",
        "action": "save",
    }
    assert clerk.post("/elections/new", data=form).status_code == 302
    elections = clerk.get("/elections").get_data(as_text=True)
    assert "uncontested: the result was declared Thursday 8 April 2027, 17:30" in elections
    [event] = Calendar.from_ical(clerk.get("/ical/restricted-periods.ics").get_data()).walk(
        "VEVENT"
    )
    assert event["DTEND"].dt == dt.date(2027, 4, 9)
    assert "Uncontested: the result was declared at 5.30pm on Thursday 8 April 2027" in str(
        event["DESCRIPTION"]
    )
    early = clerk.post("/elections/new", data={**form, "declared_at": "2027-04-08T12:00"})
    refused(early, 'id="declared_at-error"', "after nominations close")
    missing = clerk.post("/elections/new", data={**form, "declared_at": ""})
    refused(missing, 'id="declared_at-error"')


def test_a_vacancy_too_late_for_the_poll_is_shown_beside_its_field(clerk):
    form = {
        "title": "By",
        "kind": "local",
        "poll_date": "2027-05-06",
        "vacancy_date": "2027-04-20",
        "action": "save",
    }
    refused(clerk.post("/elections/new", data=form), 'id="vacancy_date-error"')
