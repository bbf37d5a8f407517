"""The poll dates the calendar accepts: from 1990 to 20 years ahead of today.

A typing slip (year 9999, year 1) used to be stored and then break every feed and page that
worked out timetables. Outside these bounds a date is refused with a message that says so;
dates already stored outside the bounds a timetable can be computed for are skipped.
"""

from __future__ import annotations

import datetime as dt

EARLIEST_POLL = dt.date(1990, 1, 1)
YEARS_AHEAD = 20
# The widest range a timetable is ever worked out for, whatever today is: dates stored
# before the bounds existed, or by hand, outside it are skipped rather than break a feed.
COMPUTABLE = (dt.date(1900, 1, 1), dt.date(2999, 12, 31))


def latest_poll(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def poll_date_problem(day: dt.date, *, today: dt.date) -> str | None:
    """Why ``day`` cannot be a poll date, in words for the clerk; None when it can."""
    latest = latest_poll(today)
    if EARLIEST_POLL <= day <= latest:
        return None
    return (
        f"the poll date {day.isoformat()} is out of range: give a date from "
        f"{EARLIEST_POLL.isoformat()} to {latest.isoformat()} ({YEARS_AHEAD} years ahead)"
    )


def check_poll_date(day: dt.date, *, today: dt.date) -> None:
    problem = poll_date_problem(day, today=today)
    if problem is not None:
        raise ValueError(problem)


def computable(day: dt.date) -> bool:
    return COMPUTABLE[0] <= day <= COMPUTABLE[1]
