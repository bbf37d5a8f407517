"""The election calendar against the law and the Electoral Commission's published dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from guard.domain.calendar.dies_non import build_dies_non
from guard.domain.calendar.elections import (
    Election,
    ElectionKind,
    PeriodEnd,
    check_election,
    compute_timetable,
    restricted_period,
)
from guard.domain.calendar.periods import merge_periods

LONDON = ZoneInfo("Europe/London")


def timetable(poll: dt.date, kind: ElectionKind = ElectionKind.LOCAL, **kwargs):
    dies_non = build_dies_non(
        [poll.year - 1, poll.year],
        extra=kwargs.pop("extra", ()),
        confirmed_through=kwargs.pop("confirmed_through", dt.date(2028, 12, 31)),
    )
    return compute_timetable(kind, poll, dies_non=dies_non, zone=LONDON, **kwargs)


@pytest.mark.parametrize(
    ("poll", "deadline"),
    [
        ("2023-05-04", "2023-03-27"),
        ("2024-05-02", "2024-03-26"),
        ("2025-05-01", "2025-03-25"),
        ("2026-05-07", "2026-03-30"),
        ("2027-05-06", "2027-03-31"),
    ],
)
def test_electoral_commission_notice_deadlines(poll, deadline):
    table = timetable(dt.date.fromisoformat(poll))
    assert table.notice_of_election_deadline == dt.date.fromisoformat(deadline)


def thursdays(start: dt.date, end: dt.date):
    day = start + dt.timedelta(days=(3 - start.weekday()) % 7)
    while day <= end:
        yield day
        day += dt.timedelta(days=7)


def test_agrees_with_democracy_clubs_timetables_for_every_thursday_2013_to_2028():
    from uk_election_timetables.calendars import Country
    from uk_election_timetables.elections.local import LocalElection

    disagreements = []
    count = 0
    for poll in thursdays(dt.date(2013, 1, 1), dt.date(2028, 12, 31)):
        expected = LocalElection(poll, Country.ENGLAND).notice_of_election_deadline
        ours = timetable(poll).notice_of_election_deadline
        count += 1
        if ours != expected:
            disagreements.append((poll, ours, expected))
    assert count > 800
    assert disagreements == []


def test_period_runs_from_notice_day_to_close_of_poll_in_london_time():
    table = timetable(dt.date(2027, 5, 6))
    assert table.period_start == dt.datetime(2027, 3, 31, 0, 0, tzinfo=LONDON)
    assert table.period_end == dt.datetime(2027, 5, 6, 22, 0, tzinfo=LONDON)
    assert table.period_end.utcoffset() == dt.timedelta(hours=1)  # BST
    assert table.close_of_nominations == dt.datetime(2027, 4, 8, 16, 0, tzinfo=LONDON)
    assert not table.provisional and not table.start_is_actual


def test_maundy_thursday_counts_but_good_friday_and_easter_monday_do_not():
    # Poll Thursday 2027-04-29: counting back crosses Easter 2027 (Good Friday 26 March).
    table = timetable(dt.date(2027, 4, 29))
    skipped = {s.day: s.reason for s in table.skipped}
    assert dt.date(2027, 3, 26) in skipped  # Good Friday
    assert dt.date(2027, 3, 29) in skipped  # Easter Monday
    assert dt.date(2027, 3, 25) not in skipped  # Maundy Thursday is a working day
    assert table.notice_of_election_deadline == dt.date(2027, 3, 23)


def test_christmas_eve_counts_as_dies_non_even_on_a_weekday():
    # A by-election on Thursday 2026-01-22: 24 December 2025 is a Wednesday.
    table = timetable(dt.date(2026, 1, 22))
    reasons = {s.day: s.reason for s in table.skipped}
    assert reasons[dt.date(2025, 12, 24)] == "Christmas Eve"
    assert reasons[dt.date(2025, 12, 25)] == "Christmas Day"
    assert "bank holiday" in reasons[dt.date(2025, 12, 26)]
    assert "bank holiday" in reasons[dt.date(2026, 1, 1)]
    assert table.notice_of_election_deadline == dt.date(2025, 12, 12)


def test_one_off_and_substitute_bank_holidays_are_skipped():
    coronation = timetable(dt.date(2023, 5, 25))
    assert dt.date(2023, 5, 8) in {s.day for s in coronation.skipped}
    funeral = timetable(dt.date(2022, 10, 13))
    assert dt.date(2022, 9, 19) in {s.day for s in funeral.skipped}
    substitute = timetable(dt.date(2028, 1, 20))  # Christmas 2027 falls at a weekend
    skipped = {s.day for s in substitute.skipped}
    assert {dt.date(2027, 12, 27), dt.date(2027, 12, 28)} <= skipped


def test_configured_extra_dies_non_is_skipped():
    poll = dt.date(2027, 5, 6)
    plain = timetable(poll)
    mourning = timetable(poll, extra=[dt.date(2027, 4, 14)])
    assert mourning.notice_of_election_deadline == plain.notice_of_election_deadline - dt.timedelta(
        days=1
    )


def test_years_past_the_announced_holidays_are_provisional_until_the_notice_is_entered():
    assert not timetable(dt.date(2028, 5, 4)).provisional
    later = timetable(dt.date(2031, 5, 1))
    assert later.provisional
    assert later.notice_of_election_deadline == dt.date(2031, 3, 25)
    entered = timetable(dt.date(2031, 5, 1), notice_published=dt.date(2031, 3, 20))
    assert not entered.provisional and entered.start_is_actual
    assert entered.period_start == dt.datetime(2031, 3, 20, tzinfo=LONDON)


def test_kinds_parliament_pcc_and_referendum():
    poll = dt.date(2027, 5, 6)
    assert timetable(poll, ElectionKind.PARLIAMENT).period_start.date() == dt.date(2027, 3, 31)
    assert timetable(poll, ElectionKind.PCC).notice_of_election_deadline == dt.date(2027, 3, 31)
    referendum = timetable(poll, ElectionKind.REFERENDUM)
    assert referendum.notice_of_election_deadline == dt.date(2027, 3, 24)
    assert referendum.close_of_nominations is None


def test_declaration_end_is_configurable():
    table = timetable(dt.date(2027, 5, 6), period_end=PeriodEnd.DECLARATION)
    assert table.period_end == dt.datetime(2027, 5, 7, 22, 0, tzinfo=LONDON)
    declared = dt.datetime(2027, 5, 7, 3, 30, tzinfo=LONDON)
    table = timetable(dt.date(2027, 5, 6), period_end=PeriodEnd.DECLARATION, declared_at=declared)
    assert table.period_end == declared


def _period(title, poll, wards=()):
    dies_non = build_dies_non([poll.year - 1, poll.year])
    election = Election(title, ElectionKind.LOCAL, poll, frozenset(wards))
    return restricted_period(election, dies_non=dies_non, zone=LONDON)


def test_overlapping_periods_merge_into_one_labelled_span():
    town = _period("Town council", dt.date(2027, 5, 6))
    by = _period("By-election", dt.date(2027, 5, 20), ["Heanor East"])
    later = _period("Autumn by-election", dt.date(2027, 10, 14))
    spans = merge_periods([later, by, town])
    assert [s.label for s in spans] == ["Town council; By-election", "Autumn by-election"]
    assert spans[0].overlapping and not spans[1].overlapping
    assert spans[0].start == town.start and spans[0].end == by.end
    assert spans[0].contains(dt.datetime(2027, 5, 10, 12, tzinfo=LONDON))
    assert not spans[0].contains(dt.datetime(2027, 5, 20, 22, tzinfo=LONDON))


def test_check_election_names_the_problem():
    wards = ("Heanor East", "Heanor West")
    with pytest.raises(ValueError, match="unknown ward 'Nowhere'"):
        check_election(
            Election("T", ElectionKind.LOCAL, dt.date(2027, 5, 6), frozenset({"Nowhere"})),
            council_wards=wards,
        )
    with pytest.raises(ValueError, match="must be published before the poll"):
        check_election(
            Election(
                "T", ElectionKind.LOCAL, dt.date(2027, 5, 6), notice_published=dt.date(2027, 5, 6)
            ),
            council_wards=wards,
        )
