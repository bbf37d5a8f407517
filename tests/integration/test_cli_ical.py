"""`guard ical`: the same feed the web serves, printed."""

from __future__ import annotations

import datetime as dt

from tests.ical_helpers import add, events


def _calendar(engine, settings) -> None:
    add(engine, settings, "Town council elections 2027", dt.date(2027, 5, 6))
    add(engine, settings, "Heanor East by-election", dt.date(2027, 7, 1), wards=["Heanor East"])
    add(engine, settings, "Heanor West by-election", dt.date(2027, 7, 8), wards=["Heanor West"])


def test_guard_ical_prints_the_councils_feed(run_guard, client, engine, settings):
    _calendar(engine, settings)
    out = run_guard("ical")
    assert out.exit_code == 0, out.stderr
    assert out.stdout.encode() == client.get("/ical/restricted-periods.ics").data
    assert len(events(out.stdout.encode())) == 3


def test_guard_ical_ward_prints_the_same_as_the_web(run_guard, client, engine, settings):
    _calendar(engine, settings)
    web = client.get("/ical/wards/langley-mill-and-aldercar.ics").data
    for name in (
        "Langley Mill and Aldercar",
        "langley mill and aldercar",
        "langley-mill-and-aldercar",
    ):
        out = run_guard("ical", "--ward", name)
        assert out.exit_code == 0, out.stderr
        assert out.stdout.encode() == web
    east = run_guard("ical", "--ward", "Heanor East").stdout.encode()
    assert east == client.get("/ical/wards/heanor-east.ics").data
    summaries = sorted(str(e["SUMMARY"]) for e in events(east).values())
    assert summaries == [
        "Pre-election period: Heanor East by-election",
        "Pre-election period: Town council elections 2027",
    ]


def test_guard_ical_unknown_ward_exits_2_with_one_line(run_guard):
    out = run_guard("ical", "--ward", "Atlantis")
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr.strip() == (
        "guard: error: unknown ward 'Atlantis': the council's wards are Heanor East, "
        "Heanor West, Heanor and Loscoe, Langley Mill and Aldercar"
    )
