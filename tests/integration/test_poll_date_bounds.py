"""Poll dates in bounds (1990 to 20 years ahead), refused clearly in the web app, the CLI and
the store; and one bad election, however it got in, never breaks the feeds or the pages."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from guard.domain.calendar.bounds import EARLIEST_POLL, latest_poll, poll_date_problem
from guard.domain.calendar.elections import Election, ElectionKind
from guard.services.calendar.elections import add_election
from guard.store import elections as store
from guard.store.models import ElectionRow
from tests.hypothesis_profiles import examples
from tests.refusals import refused

TODAY = dt.datetime.now(dt.UTC).date()
NOW = dt.datetime.now(dt.UTC)
FAR = ["9999-05-06", "0001-01-01", "1989-12-31", (TODAY.replace(year=TODAY.year + 21)).isoformat()]


@given(st.dates())
def test_a_poll_date_is_accepted_exactly_within_the_bounds(day):
    problem = poll_date_problem(day, today=TODAY)
    assert (problem is None) == (EARLIEST_POLL <= day <= latest_poll(TODAY))
    if problem:
        assert day.isoformat() in problem and "out of range" in problem


@pytest.mark.parametrize("poll", FAR)
def test_the_web_app_refuses_it_beside_the_field(clerk, poll):
    form = {"title": "May", "kind": "local", "poll_date": poll, "notice_published": ""}
    for action in ("preview", "save"):
        response = clerk.post("/elections/new", data={**form, "action": action})
        refused(response, 'id="poll_date-error"', "out of range")


@pytest.mark.parametrize("poll", FAR)
def test_the_cli_refuses_it(run_guard, poll):
    shown = run_guard("timetable", "--poll-date", poll)
    assert shown.exit_code == 2 and "out of range" in shown.stderr
    added = run_guard("elections", "add", "--title", "X", "--kind", "local", "--poll-date", poll)
    assert added.exit_code == 2 and "out of range" in added.stderr


def test_the_store_refuses_it(engine):
    with Session(engine) as session, pytest.raises(ValueError, match="out of range"):
        store.add_election(session, Election("X", ElectionKind.LOCAL, dt.date(9999, 5, 6)), now=NOW)


def _sneak_in(engine, poll: dt.date, *, removed: bool = False) -> None:
    """A row written around the checks (by hand, or before they existed)."""
    with Session(engine) as session:
        session.add(
            ElectionRow(
                title=f"Bad {poll}",
                kind="local",
                poll_date=poll,
                created_at=NOW,
                updated_at=NOW,
                removed_at=NOW if removed else None,
            )
        )
        session.commit()


BAD_ROWS = [dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(2999, 12, 31), dt.date(1900, 1, 1)]


@pytest.fixture
def good_and_bad(engine, settings):
    with Session(engine) as session:
        poll = TODAY + dt.timedelta(days=60)
        add_election(session, settings, Election("Good", ElectionKind.LOCAL, poll), now=NOW)
        session.commit()
    for day in BAD_ROWS:
        _sneak_in(engine, day)
        _sneak_in(engine, day, removed=True)  # a cancelled one is kept for 90 days


def test_the_feeds_and_pages_skip_a_bad_election_and_log_it(
    good_and_bad, client, clerk, run_guard, caplog
):
    with caplog.at_level(logging.ERROR):
        for path in ("/ical/restricted-periods.ics", "/ical/wards/heanor-east.ics"):
            response = client.get(path)
            assert response.status_code == 200
            assert response.get_data(as_text=True).count("BEGIN:VEVENT") >= 1
        for path in ("/", "/calendar", "/calendar?view=list", "/elections"):
            assert clerk.get(path).status_code == 200, path
    assert "left out of the feeds" in caplog.text
    assert run_guard("periods").exit_code == 0
    ical = run_guard("ical")
    assert ical.exit_code == 0 and "BEGIN:VEVENT" in ical.stdout
    listed = run_guard("elections", "list", "--json")
    assert listed.exit_code == 0 and "Good" in listed.stdout


@settings(max_examples=examples(15), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dates())
def test_no_stored_poll_date_breaks_the_feed(engine, client, day):
    _sneak_in(engine, day)
    assert client.get("/ical/restricted-periods.ics").status_code == 200
