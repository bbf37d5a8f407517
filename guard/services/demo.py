"""Demo data for `make run`: elections whose periods are on now or soon."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from guard.domain.elections import Election, ElectionKind
from guard.services import calendar
from guard.settings import Settings


def next_thursday(after: dt.date) -> dt.date:
    return after + dt.timedelta(days=(3 - after.weekday()) % 7 or 7)


def demo_elections(settings: Settings, today: dt.date) -> list[Election]:
    """A by-election in the first ward with its period on now, and May's ordinary elections."""
    by_election_poll = next_thursday(today + dt.timedelta(days=14))
    may = dt.date(today.year + (today.month >= 5), 5, 1)
    ordinary_poll = next_thursday(may - dt.timedelta(days=1))
    ward = settings.council.wards[0]
    return [
        Election(
            title=f"{ward} by-election",
            kind=ElectionKind.LOCAL,
            poll_date=by_election_poll,
            wards=frozenset({ward}),
        ),
        Election(
            title=f"{settings.council.name} ordinary elections {ordinary_poll.year}",
            kind=ElectionKind.LOCAL,
            poll_date=ordinary_poll,
        ),
    ]


def load_demo(session: Session, settings: Settings, *, now: dt.datetime) -> list[str]:
    """Add the demo elections that are not there yet; say what was done."""
    today = now.astimezone(settings.council.zone).date()
    existing = {e.title for e in calendar.list_elections(session)}
    lines = []
    for election in demo_elections(settings, today):
        if election.title in existing:
            lines.append(f"demo: election {election.title!r} already there")
            continue
        calendar.add_election(session, settings, election, now=now)
        lines.append(f"demo: added election {election.title!r}, poll {election.poll_date}")
    return lines
