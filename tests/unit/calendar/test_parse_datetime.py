"""A date and time as a clerk writes it: ISO 8601, or the day first as in Britain."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guard.domain.calendar.council_time import parse_datetime

LONDON = ZoneInfo("Europe/London")
MINUTES = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


def _once_in_london(moment: dt.datetime) -> bool:
    """Not in the hour the clocks skip or repeat (those are refused, tested elsewhere)."""
    early, late = moment.replace(tzinfo=LONDON, fold=0), moment.replace(tzinfo=LONDON, fold=1)
    return early.utcoffset() == late.utcoffset()


@given(
    moment=MINUTES.filter(_once_in_london),
    form=st.sampled_from(["%d/%m/%Y %H:%M", "%d/%m/%Y, %H:%M", "%d/%m/%YT%H:%M", "%d/%m/%Y %H.%M"]),
)
def test_the_day_first_reads_as_the_same_moment_as_iso(moment, form):
    written = moment.strftime(form)
    assert parse_datetime(written, LONDON) == parse_datetime(moment.isoformat(), LONDON)


@given(moment=MINUTES.filter(_once_in_london))
def test_a_single_digit_day_month_and_hour_are_read(moment):
    written = f"{moment.day}/{moment.month}/{moment.year} {moment.hour}:{moment.minute:02d}"
    assert parse_datetime(written, LONDON) == moment.replace(tzinfo=LONDON)


@pytest.mark.parametrize(
    "text", ["31/02/2027 10:00", "14/13/2027 10:00", "next Tuesday", "14/04/27 10:00"]
)
def test_what_is_not_a_moment_is_refused_with_both_forms_shown(text):
    with pytest.raises(ValueError, match=r"write it as 2027-04-14 10:00 or 14/04/2027 10:00"):
        parse_datetime(text, LONDON)


def test_the_hour_the_clocks_skip_is_refused_in_either_form():
    with pytest.raises(ValueError, match="does not exist"):
        parse_datetime("28/03/2027 01:30", LONDON)
