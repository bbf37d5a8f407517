"""Times in the council's zone and in words; the autumn hour offered as a choice; lengths in
words; warnings for a poll not on a Thursday or in the past and for a post far ahead."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guard.domain.calendar.council_time import RepeatedHour, in_words, wall_clock
from guard.domain.guard.register import make_register
from guard.domain.guard.verdict import GuardContext, PostDraft, evaluate
from guard.services.warnings import poll_warnings, post_warnings

LONDON = ZoneInfo("Europe/London")
DAYS = st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31))
TIMES = st.times().map(lambda t: t.replace(second=0, microsecond=0))


def test_an_instant_in_words_in_council_time():
    at = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    assert in_words(at, LONDON) == "Friday 20 November 2026, 9:00"
    summer = dt.datetime(2026, 7, 3, 8, 5, tzinfo=dt.UTC)
    assert in_words(summer, LONDON) == "Friday 3 July 2026, 9:05"


def test_the_repeated_autumn_hour_is_a_choice_in_words():
    with pytest.raises(RepeatedHour) as asked:
        wall_clock(dt.date(2026, 10, 25), dt.time(1, 30), LONDON)
    assert [words for _, words in asked.value.choices] == [
        "01:30 BST, the first time",
        "01:30 GMT, the second time",
    ]
    assert "UTC" not in str(asked.value) and "+01:00" not in str(asked.value)
    first = wall_clock(dt.date(2026, 10, 25), dt.time(1, 30), LONDON, which="first")
    second = wall_clock(dt.date(2026, 10, 25), dt.time(1, 30), LONDON, which="second")
    assert second - first == dt.timedelta(hours=1)


@given(DAYS, TIMES, st.sampled_from(["", "first", "second"]))
def test_every_wall_clock_time_is_an_instant_a_choice_or_a_gap_in_words(day, time, which):
    try:
        at = wall_clock(day, time, LONDON, which=which)
    except RepeatedHour as asked:
        assert which == ""
        picks = [wall_clock(day, time, LONDON, which=v) for v, _ in asked.choices]
        assert picks[0] < picks[1]
        for pick in picks:
            assert pick.astimezone(LONDON).replace(tzinfo=None) == dt.datetime.combine(day, time)
    except ValueError as gap:
        assert "clocks go forward" in str(gap)
    else:
        assert at.astimezone(LONDON).replace(tzinfo=None) == dt.datetime.combine(day, time)


def test_a_length_in_words():
    context = GuardContext(make_register([]), ())
    verdict = evaluate(
        PostDraft("a" * 404, "x"), context, at=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    )
    [finding] = [f for f in verdict.findings if f.rule == "x-length"]
    assert finding.explanation.startswith("X allows 280 characters; this post has 404.")


@given(DAYS, DAYS)
def test_a_poll_not_on_a_thursday_or_in_the_past_is_warned_about(poll, today):
    found = poll_warnings(poll, today=today)
    assert any("are on a Thursday" in w for w in found) == (poll.weekday() != 3)
    assert any("in the past" in w for w in found) == (poll < today)


@given(st.integers(0, 3000))
def test_a_post_more_than_18_months_ahead_is_warned_about(days):
    now = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    at = now + dt.timedelta(days=days)
    found = post_warnings(at, now=now, zone=LONDON)
    assert bool(found) == (days > 548)
    if found:
        assert in_words(at, LONDON) in found[0]
