"""Every kind's timetable against the Electoral Commission's published timetables, and against
Democracy Club's `uk-election-timetables` for every Thursday its holiday data covers."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from guard.domain.calendar.dies_non import build_dies_non
from guard.domain.calendar.elections import ElectionKind, compute_timetable

LONDON = ZoneInfo("Europe/London")
D = dt.date.fromisoformat


def timetable(poll: dt.date, kind: ElectionKind):
    dies_non = build_dies_non([poll.year - 1, poll.year])
    return compute_timetable(kind, poll, dies_non=dies_non, zone=LONDON)


# The Electoral Commission's published timetables: (kind, poll, latest start, close of
# nominations at 4pm). Local, PCC and mayoral polls on 5 May 2016, 6 May 2021 and 2 May 2024;
# the general elections of 2017, 2019 and 2024, whose period starts at dissolution. Checked
# against: the Commission's 2024 PCC media handbook (notice by Tuesday 26 March, nominations
# 4pm Friday 5 April); its 2021 PCC timetable as a police area's election site republished it
# (29 March; 4pm Thursday 8 April, "19 days"); a council's 2016 PCC and local timetable
# (nominations 4pm Thursday 7 April); and the House of Commons Library's 2019 timetable
# (dissolution Wednesday 6 November, nominations 4pm Thursday 14 November, "a bank holiday in one
# part of the UK is disregarded from the timetable for the whole of the UK").
COMBINED_POLLS = [  # (poll, latest start, close of nominations): the same for the three kinds
    ("2016-05-05", "2016-03-30", "2016-04-07"),
    ("2021-05-06", "2021-03-29", "2021-04-08"),
    ("2024-05-02", "2024-03-26", "2024-04-05"),
]
GENERAL_ELECTIONS = [
    ("2017-06-08", "2017-05-03", "2017-05-11"),
    ("2019-12-12", "2019-11-06", "2019-11-14"),
    ("2024-07-04", "2024-05-30", "2024-06-07"),
]
PUBLISHED = [
    *(
        (kind, *dates)
        for dates in COMBINED_POLLS
        for kind in (ElectionKind.LOCAL, ElectionKind.PCC, ElectionKind.MAYOR)
    ),
    *((ElectionKind.PARLIAMENT, *dates) for dates in GENERAL_ELECTIONS),
]


@pytest.mark.parametrize(("kind", "poll", "start", "nominations"), PUBLISHED)
def test_published_timetables(kind, poll, start, nominations):
    table = timetable(D(poll), kind)
    assert table.latest_start == D(start)
    assert table.period_start == dt.datetime.combine(D(start), dt.time(0), LONDON)
    assert table.close_of_nominations == dt.datetime.combine(D(nominations), dt.time(16), LONDON)


@pytest.mark.parametrize(
    ("kind", "poll", "start"),
    [
        # 28 and 56 working days before the polls of 2016, 2021 and 2024, counted by hand
        # over the Easter and May Day holidays (the Commission publishes no timetable for
        # neighbourhood planning referendums, which the council's planning authority runs).
        (ElectionKind.REFERENDUM, "2016-05-05", "2016-03-23"),
        (ElectionKind.REFERENDUM, "2021-05-06", "2021-03-24"),
        (ElectionKind.REFERENDUM, "2024-05-02", "2024-03-21"),
        (ElectionKind.BUSINESS_REFERENDUM, "2024-05-02", "2024-02-12"),
    ],
)
def test_referendum_information_statement_dates(kind, poll, start):
    table = timetable(D(poll), kind)
    assert table.latest_start == D(start)
    assert table.close_of_nominations is None


def test_2019_general_election_skips_st_andrews_day_in_scotland_but_a_local_poll_does_not():
    general = timetable(D("2019-12-12"), ElectionKind.PARLIAMENT)
    local = timetable(D("2019-12-12"), ElectionKind.LOCAL)
    skipped = {s.day: s for s in general.skipped}
    assert skipped[D("2019-12-02")].parts == ("Scotland",)
    assert "bank holiday in Scotland" in skipped[D("2019-12-02")].reason
    assert D("2019-12-02") not in {s.day for s in local.skipped}
    assert local.latest_start == D("2019-11-07")  # one working day later


def thursdays(start: dt.date, end: dt.date):
    day = start + dt.timedelta(days=(3 - start.weekday()) % 7)
    while day <= end:
        yield day
        day += dt.timedelta(days=7)


@functools.cache
def _democracy_club_calendars(year: int):
    """England and Wales's calendar, and one with every part of the UK's bank holidays, for
    polls in ``year`` (only the two years a timetable can reach, to keep the library fast)."""
    import uk_election_timetables
    from uk_election_timetables.calendars import (
        BankHolidayCalendar,
        ChristmasEveRule,
        ExtendedCalendar,
    )

    raw = json.loads(
        (Path(uk_election_timetables.__file__).parent / "bank-holidays.json").read_text()
    )
    years = [year - 1, year]

    def events(part: str) -> list[dict]:
        return [e for e in raw[part]["events"] if int(e["date"][:4]) in years]

    every = [e for part in raw for e in events(part)]
    ew = ExtendedCalendar(
        BankHolidayCalendar(events("england-and-wales")), [ChristmasEveRule()], years
    )
    uk = ExtendedCalendar(BankHolidayCalendar(every), [ChristmasEveRule()], years)
    return ew, uk


def test_every_kind_agrees_with_democracy_club_for_every_thursday_2013_to_2028():
    from uk_election_timetables import calendars
    from uk_election_timetables.elections.police_and_crime_commissioner import (
        PoliceAndCrimeCommissionerElection,
    )

    # The library counts day by day: each count asked once, though several kinds ask the same.
    working_days_before = functools.cache(calendars.working_days_before)
    wrong = []
    polls = list(thursdays(D("2013-01-01"), D("2028-12-31")))
    for poll in polls:
        ew, uk = _democracy_club_calendars(poll.year)
        for kind in ElectionKind:
            table = timetable(poll, kind)
            calendar = uk if kind is ElectionKind.PARLIAMENT else ew
            expected = working_days_before(poll, table.law.start_days, calendar)
            if table.latest_start != expected:
                wrong.append((kind, poll, "start", table.latest_start, expected))
            if table.law.nomination_days is not None:
                closes = working_days_before(poll, 19, calendar)
                if table.close_of_nominations.date() != closes:
                    wrong.append((kind, poll, "nominations", table.close_of_nominations, closes))
        pcc = PoliceAndCrimeCommissionerElection(poll)
        if timetable(poll, ElectionKind.PCC).latest_start != pcc.notice_of_election_deadline:
            wrong.append(("pcc", poll, "library", pcc.notice_of_election_deadline))
    assert len(polls) > 800
    assert wrong == []


def test_a_general_election_starts_no_later_than_a_local_poll_on_the_same_day():
    # Counting more dies non can only move the start earlier.
    for poll in thursdays(D("2013-01-01"), D("2035-12-31")):
        general = timetable(poll, ElectionKind.PARLIAMENT).latest_start
        local = timetable(poll, ElectionKind.LOCAL).latest_start
        assert general <= local
