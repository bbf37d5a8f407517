"""Warnings, not refusals: things a clerk may well mean but should look at twice."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from guard.domain.calendar.council_time import in_words

# Far enough ahead that it is more likely a typing slip (a wrong year) than a plan.
FAR_AHEAD = dt.timedelta(days=548)  # 18 months


def post_warnings(at: dt.datetime, *, now: dt.datetime, zone: ZoneInfo) -> list[str]:
    if at - now > FAR_AHEAD:
        return [
            f"This post is due {in_words(at, zone)}, more than 18 months from now: check the year."
        ]
    return []


def poll_warnings(poll_date: dt.date, *, today: dt.date) -> list[str]:
    found = []
    day = f"{poll_date:%A} {poll_date.day} {poll_date:%B %Y}"
    if poll_date.weekday() != 3:
        found.append(f"Polls in England are on a Thursday; {day} is a {poll_date:%A}: check it.")
    if poll_date < today:
        found.append(f"The day of poll, {day}, is in the past: check the date.")
    return found
