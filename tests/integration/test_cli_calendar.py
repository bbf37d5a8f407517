"""The `guard` command's calendar: timetable, elections and periods, as a clerk uses them."""

from __future__ import annotations

import json


def test_timetable_json_gives_the_statutory_dates(run_guard):
    out = run_guard("timetable", "--poll-date", "2027-05-06", "--json")
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["notice_of_election_deadline"] == "2027-03-31"
    assert data["period_start"] == "2027-03-31T00:00:00+01:00"
    assert data["period_end"] == "2027-05-06T22:00:00+01:00"
    assert data["provisional"] is False
    may_day = {
        "date": "2027-05-03",
        "reason": "May Day (bank holiday in every part of the UK)",
        "parts": ["England", "Wales", "Scotland", "Northern Ireland"],
    }
    assert may_day in data["dies_non_skipped"]


def test_timetable_after_announced_holidays_is_provisional(run_guard):
    out = run_guard("timetable", "--poll-date", "2030-05-02", "--kind", "pcc", "--json")
    assert json.loads(out.stdout)["provisional"] is True
    text = run_guard("timetable", "--poll-date", "2030-05-02")
    assert "Provisional" in text.stdout


def test_elections_add_list_update_remove(run_guard):
    added = run_guard(
        "elections",
        "add",
        "--title",
        "Heanor East by-election",
        "--kind",
        "local",
        "--poll-date",
        "2027-06-10",
        "--ward",
        "Heanor East",
    )
    assert added.exit_code == 0, added.stderr
    election_id = added.stdout.strip()
    assert election_id.isdigit()

    listed = json.loads(run_guard("elections", "list", "--json").stdout)
    assert listed[0]["title"] == "Heanor East by-election"
    assert listed[0]["wards"] == ["Heanor East"]
    assert listed[0]["period_start"] == "2027-05-05T00:00:00+01:00"

    updated = run_guard("elections", "update", election_id, "--notice-published", "2027-05-01")
    assert updated.exit_code == 0, updated.stderr
    periods = json.loads(run_guard("periods", "--json").stdout)
    assert periods[0]["start"] == "2027-05-01T00:00:00+01:00"
    assert periods[0]["elections"][0]["notice_published"] == "2027-05-01"

    assert run_guard("elections", "remove", election_id).exit_code == 0
    assert json.loads(run_guard("elections", "list", "--json").stdout) == []


def test_overlapping_periods_are_reported(run_guard):
    run_guard("elections", "add", "--title", "Town", "--kind", "local", "--poll-date", "2027-05-06")
    run_guard("elections", "add", "--title", "PCC", "--kind", "pcc", "--poll-date", "2027-05-13")
    [span] = json.loads(run_guard("periods", "--json").stdout)
    assert span["overlapping"] is True
    assert span["label"] == "Town; PCC"
    assert "overlapping" in run_guard("periods").stdout


def test_bad_input_exits_2_with_one_line_and_writes_nothing(run_guard):
    cases = [
        (("--kind", "byelection", "--poll-date", "2027-05-06"), "'byelection' is not one of"),
        (("--kind", "local", "--poll-date", "6/5/2027"), "'6/5/2027' is not a date"),
        (
            ("--kind", "local", "--poll-date", "2027-05-06", "--notice-published", "2027-05-07"),
            "must be published before the poll",
        ),
        (
            ("--kind", "local", "--poll-date", "2027-05-06", "--ward", "Atlantis"),
            "unknown ward 'Atlantis'",
        ),
        (("--kind", "local", "--poll-date", "2027-05-06", "--title", "  "), "needs a title"),
    ]
    for args, message in cases:
        if "--title" not in args:
            args = ("--title", "T", *args)
        out = run_guard("elections", "add", *args)
        assert out.exit_code == 2, (args, out.stdout, out.stderr)
        assert message in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert json.loads(run_guard("elections", "list", "--json").stdout) == []
    missing = run_guard("elections", "update", "99", "--title", "Nope")
    assert missing.exit_code == 2 and "no election with id 99" in missing.stderr
    bad_date = run_guard("timetable", "--poll-date", "2027-02-30")
    assert bad_date.exit_code == 2 and "'2027-02-30' is not a date" in bad_date.stderr


def test_bad_settings_stop_the_command_with_exit_2(run_guard, monkeypatch):
    monkeypatch.setenv("GUARD_PUBLISHING_MODE", "loud")
    out = run_guard("periods")
    assert out.exit_code == 2
    assert "GUARD_PUBLISHING_MODE = 'loud': expected 'dry-run' or 'live'" in out.stderr
