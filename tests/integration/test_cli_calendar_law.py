"""`guard timetable` and `guard elections` for every kind: labels, UK-wide holidays, the cautious
start, vacancies, uncontested elections and the council's nation, as a clerk runs them."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from guard.domain.calendar.dies_non import build_dies_non
from guard.domain.calendar.elections import ElectionKind, compute_timetable
from tests.integration.test_cli_guard import IN_PERIOD, REGISTER

LONDON = ZoneInfo("Europe/London")


def timetable_json(run_guard, poll: str, kind: str, *extra: str) -> dict:
    out = run_guard("timetable", "--poll-date", poll, "--kind", kind, "--json", *extra)
    assert out.exit_code == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("kind", [k.value for k in ElectionKind])
def test_every_kind_exposes_its_period_start_and_close_of_nominations(run_guard, kind):
    data = timetable_json(run_guard, "2024-05-02", kind)
    assert data["period_start"].startswith(data["latest_start"]["date"])
    assert "close_of_nominations" in data
    if kind in ("referendum", "business-referendum"):
        assert data["close_of_nominations"] is None
    else:
        assert data["close_of_nominations"] == "2024-04-05T16:00:00+01:00"


def test_a_general_election_counts_scottish_holidays_and_is_labelled_as_dissolution(run_guard):
    data = timetable_json(run_guard, "2019-12-12", "parliament")
    assert data["period_start"] == "2019-11-06T00:00:00+00:00"
    assert data["dissolution"] == "2019-11-06"
    assert "notice_of_election_deadline" not in data
    assert data["latest_start"]["label"] == "Dissolution of Parliament"
    assert {
        "date": "2019-12-02",
        "reason": "Saint Andrew's Day (observed) (bank holiday in Scotland)",
        "parts": ["Scotland"],
    } in data["dies_non_skipped"]
    text = run_guard("timetable", "--poll-date", "2019-12-12", "--kind", "parliament").stdout
    assert "Dissolution of Parliament: Wednesday 6 November 2019" in text
    assert "Notice of election" not in text
    assert "bank holiday in Scotland" in text
    assert "Representation of the People Act 1983, Sch 1" in text


def test_referendums_are_labelled_by_their_information_statement(run_guard):
    data = timetable_json(run_guard, "2024-05-02", "business-referendum")
    assert data["information_statement_deadline"] == "2024-02-12"
    text = run_guard("timetable", "--poll-date", "2024-05-02", "--kind", "referendum").stdout
    assert "information statement and notice of referendum: Thursday 21 March 2024" in text
    assert "Close of nominations" not in text


def test_the_cautious_start_is_opt_in_and_shows_both_dates(run_guard, monkeypatch):
    assert timetable_json(run_guard, "2027-05-06", "local")["period_start"].startswith("2027-03-31")
    monkeypatch.setenv("GUARD_ELECTIONS_CAUTIOUS_START_WORKING_DAYS", "5")
    data = timetable_json(run_guard, "2027-05-06", "local")
    assert data["period_start"] == "2027-03-22T00:00:00+00:00"
    assert data["assumed_start"] == "2027-03-22"
    assert data["latest_start"]["date"] == "2027-03-31"
    text = run_guard("timetable", "--poll-date", "2027-05-06").stdout
    assert "Monday 22 March 2027" in text and "Wednesday 31 March 2027" in text
    entered = timetable_json(run_guard, "2027-05-06", "local", "--notice-published", "2027-03-29")
    assert entered["period_start"] == "2027-03-29T00:00:00+01:00"
    assert entered["assumed_start"] is None
    monkeypatch.setenv("GUARD_ELECTIONS_CAUTIOUS_START_WORKING_DAYS", "61")
    bad = run_guard("timetable", "--poll-date", "2027-05-06")
    assert bad.exit_code != 0
    assert "elections.cautious_start_working_days = 61" in bad.stderr


def poll_with_latest_start_soon(today: dt.date) -> dt.date:
    """A poll whose latest start is a few days after ``today``: the clerk is being asked."""
    for days in range(25, 80):
        poll = today + dt.timedelta(days=days)
        dies_non = build_dies_non([poll.year - 1, poll.year])
        latest = compute_timetable(
            ElectionKind.LOCAL, poll, dies_non=dies_non, zone=LONDON
        ).latest_start
        if 3 <= (latest - today).days <= 7:
            return poll
    raise AssertionError("no such poll")


def test_a_by_election_entered_from_its_vacancy(run_guard):
    today = dt.datetime.now(LONDON).date()
    poll = poll_with_latest_start_soon(today)
    vacancy = today - dt.timedelta(days=2)
    out = run_guard(
        "elections", "add", "--title", "Heanor East by-election", "--kind", "local",
        "--poll-date", poll.isoformat(), "--vacancy-date", vacancy.isoformat(),
        "--ward", "Heanor East",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    [row] = json.loads(run_guard("elections", "list", "--json").stdout)
    assert row["vacancy_date"] == vacancy.isoformat()
    assert row["period_start"].startswith(vacancy.isoformat())
    assert row["timetable"]["may_have_started"] is True
    listed = run_guard("elections", "list").stdout
    assert "May already have started" in listed and "vacancy" in listed
    assert (
        "Wanted: Heanor East by-election: enter the day the notice of election was published"
        in listed
    )
    late = run_guard(
        "elections", "add", "--title", "Late", "--kind", "local", "--poll-date", "2027-05-06",
        "--vacancy-date", "2027-04-20",
    )  # fmt: skip
    assert late.exit_code == 2 and "before the vacancy (2027-04-20)" in late.stderr


def test_an_uncontested_election_ends_at_its_declaration(run_guard):
    out = run_guard(
        "elections", "add", "--title", "Parish", "--kind", "local", "--poll-date", "2027-05-06",
    )  # fmt: skip
    election_id = out.stdout.strip()
    marked = run_guard(
        "elections", "update", election_id, "--uncontested-declared", "2027-04-08T17:30"
    )
    assert marked.exit_code == 0, marked.stderr
    [row] = json.loads(run_guard("elections", "list", "--json").stdout)
    assert row["uncontested"] is True
    assert row["period_end"] == "2027-04-08T17:30:00+01:00"
    [span] = json.loads(run_guard("periods", "--json").stdout)
    assert span["end"] == "2027-04-08T17:30:00+01:00"
    assert "Uncontested" in run_guard("elections", "list").stdout
    early = run_guard(
        "elections", "update", election_id, "--uncontested-declared", "2027-04-08T15:00"
    )
    assert early.exit_code == 2 and "after nominations close" in early.stderr
    assert run_guard("elections", "update", election_id, "--contested").exit_code == 0
    [row] = json.loads(run_guard("elections", "list", "--json").stdout)
    assert row["period_end"] == "2027-05-06T22:00:00+01:00" and row["uncontested"] is False


@pytest.mark.parametrize(
    ("nation", "source"), [("england", "(2011), para 34"), ("wales", "(Wales)")]
)
def test_the_councils_nation_chooses_the_code_quoted(run_guard, monkeypatch, nation, source):
    monkeypatch.setenv("GUARD_COUNCIL_NATION", nation)
    assert run_guard("councillors", "import", REGISTER).exit_code == 0
    run_guard("elections", "add", "--title", "Town", "--kind", "local", "--poll-date", "2027-05-06")
    out = run_guard("check", "--at", IN_PERIOD, "--json", "Well done Rajesh Patel")
    [finding] = json.loads(out.stdout)["findings"]
    assert source in finding["clause"]
