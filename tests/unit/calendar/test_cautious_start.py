"""The cautious start, the clerk's prompt for the real notice date, vacancies and uncontested
elections, for polls and kinds that hypothesis generates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guard.domain.calendar.dies_non import build_dies_non, working_days_before
from guard.domain.calendar.elections import (
    Election,
    ElectionKind,
    check_election,
    check_timetable,
    compute_timetable,
    timetable_for,
)
from guard.domain.calendar.timetable_text import notice_request, start_status
from tests.hypothesis_profiles import examples

LONDON = ZoneInfo("Europe/London")
polls = st.dates(dt.date(2014, 1, 1), dt.date(2034, 12, 31))
kinds = st.sampled_from(list(ElectionKind))


def dies_non_for(poll: dt.date):
    return build_dies_non([poll.year - 1, poll.year])


def table(poll, kind, **kwargs):
    return compute_timetable(kind, poll, dies_non=dies_non_for(poll), zone=LONDON, **kwargs)


@settings(max_examples=examples(150), deadline=None)
@given(polls, kinds, st.integers(1, 30))
def test_a_cautious_start_is_that_many_working_days_before_the_latest_date(poll, kind, n):
    plain = table(poll, kind)
    cautious = table(poll, kind, cautious_days=n)
    assert plain.assumed_start is None  # the default: the statutory latest date
    assert plain.period_start.date() == plain.latest_start
    assert cautious.latest_start == plain.latest_start
    assert cautious.assumed_start is not None
    assert cautious.period_start.date() == cautious.assumed_start < cautious.latest_start
    dies_non = dies_non_for(poll)
    if kind is ElectionKind.PARLIAMENT:
        dies_non = dies_non.across_the_uk()
    working = [
        cautious.assumed_start + dt.timedelta(days=i)
        for i in range((cautious.latest_start - cautious.assumed_start).days)
    ]
    assert sum(dies_non.is_working_day(d) for d in working) == n
    # Once the real date is entered, it is the start whatever the setting.
    entered = table(poll, kind, cautious_days=n, notice_published=cautious.assumed_start)
    assert entered.start_is_actual and entered.assumed_start is None
    assert entered.ask_notice_from is None


@settings(max_examples=examples(150), deadline=None)
@given(polls, kinds, st.integers(0, 30), st.integers(-20, 60))
def test_the_clerk_is_asked_from_ten_working_days_before_the_latest_date(poll, kind, n, offset):
    timetable = table(poll, kind, cautious_days=n)
    dies_non = dies_non_for(poll)
    if kind is ElectionKind.PARLIAMENT:
        dies_non = dies_non.across_the_uk()
    ask_from, _ = working_days_before(timetable.latest_start, 10, dies_non)
    assert timetable.ask_notice_from == ask_from
    today = ask_from + dt.timedelta(days=offset)
    asked = notice_request(timetable, "By-election", today)
    assert (asked is not None) == (ask_from <= today <= poll)
    if asked:
        assert "By-election: enter the day" in asked


@settings(max_examples=examples(100), deadline=None)
@given(polls, st.integers(1, 90))
def test_a_by_election_runs_from_its_vacancy_until_the_notice_is_entered(poll, days_before):
    latest = table(poll, ElectionKind.LOCAL).latest_start
    vacancy = latest - dt.timedelta(days=days_before)
    by = table(poll, ElectionKind.LOCAL, vacancy_date=vacancy)
    assert by.period_start.date() == vacancy
    assert "vacancy" in start_status(by, vacancy, vacancy_date=vacancy)
    assert "May already have started" in start_status(by, vacancy, vacancy_date=vacancy)
    notice = vacancy + dt.timedelta(days=days_before // 2)
    published = table(poll, ElectionKind.LOCAL, vacancy_date=vacancy, notice_published=notice)
    assert published.period_start.date() == notice  # no later than the notice


def test_may_already_have_started_gives_both_dates():
    timetable = table(dt.date(2027, 5, 6), ElectionKind.LOCAL, cautious_days=5)
    # Five working days before Wednesday 31 March, over Good Friday and Easter Monday.
    assert timetable.assumed_start == dt.date(2027, 3, 22)
    text = start_status(timetable, dt.date(2027, 3, 25))
    assert "May already have started" in text
    assert "Monday 22 March 2027" in text and "Wednesday 31 March 2027" in text
    assert "May already" not in start_status(timetable, dt.date(2027, 3, 19))


def test_a_vacancy_after_the_latest_notice_date_is_refused():
    poll = dt.date(2027, 5, 6)
    election = Election("By", ElectionKind.LOCAL, poll, vacancy_date=dt.date(2027, 4, 1))
    timetable = timetable_for(election, dies_non=dies_non_for(poll), zone=LONDON)
    with pytest.raises(ValueError, match="before the vacancy"):
        check_timetable(election, timetable, LONDON)
    with pytest.raises(ValueError, match="before the vacancy"):
        check_election(
            Election(
                "By",
                ElectionKind.LOCAL,
                poll,
                notice_published=dt.date(2027, 3, 1),
                vacancy_date=dt.date(2027, 3, 10),
            ),
            council_wards=(),
        )


def test_an_uncontested_election_ends_at_its_declaration():
    poll = dt.date(2027, 5, 6)
    declared = dt.datetime(2027, 4, 8, 17, 30, tzinfo=LONDON)  # nominations closed 4pm
    election = Election("Parish", ElectionKind.LOCAL, poll, declared_at=declared, uncontested=True)
    timetable = timetable_for(election, dies_non=dies_non_for(poll), zone=LONDON)
    check_timetable(election, timetable, LONDON)
    assert timetable.uncontested and timetable.period_end == declared
    too_early = Election(
        "Parish",
        ElectionKind.LOCAL,
        poll,
        declared_at=dt.datetime(2027, 4, 8, 12, 0, tzinfo=LONDON),
        uncontested=True,
    )
    early_table = timetable_for(too_early, dies_non=dies_non_for(poll), zone=LONDON)
    with pytest.raises(ValueError, match="after nominations close"):
        check_timetable(too_early, early_table, LONDON)
    with pytest.raises(ValueError, match="needs the date its result was declared"):
        check_election(
            Election("Parish", ElectionKind.LOCAL, poll, uncontested=True), council_wards=()
        )
    referendum = Election(
        "Plan", ElectionKind.REFERENDUM, poll, declared_at=declared, uncontested=True
    )
    referendum_table = timetable_for(referendum, dies_non=dies_non_for(poll), zone=LONDON)
    with pytest.raises(ValueError, match="can't be uncontested"):
        check_timetable(referendum, referendum_table, LONDON)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (ElectionKind.LOCAL, "enter the day the notice of election was published"),
        (ElectionKind.PARLIAMENT, "enter the day Parliament was dissolved"),
        (
            ElectionKind.BUSINESS_REFERENDUM,
            "enter the day the information statement and notice of referendum was published",
        ),
    ],
)
def test_the_request_names_what_starts_the_period_for_that_kind(kind, words):
    timetable = table(dt.date(2027, 5, 6), kind)
    assert words in notice_request(timetable, "Poll", timetable.latest_start)
