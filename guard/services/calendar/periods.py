"""The restricted periods of a list of elections, with the days that do not count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from guard.domain.calendar.dies_non import DiesNon, build_dies_non
from guard.domain.calendar.elections import Election, PeriodEnd, RestrictedPeriod, restricted_period
from guard.settings import Settings


def dies_non_for(settings: Settings, poll_dates: Iterable[dt.date]) -> DiesNon:
    """The dies non for the years that timetables ending on ``poll_dates`` can reach."""
    years = {year for day in poll_dates for year in (day.year - 1, day.year)}
    return build_dies_non(
        sorted(years),
        extra=settings.elections.extra_dies_non,
        confirmed_through=settings.elections.holidays_confirmed_through,
    )


def periods_for(settings: Settings, elections: Sequence[Election]) -> list[RestrictedPeriod]:
    dies_non = dies_non_for(settings, [e.poll_date for e in elections])
    return [
        restricted_period(
            election,
            dies_non=dies_non,
            zone=settings.council.zone,
            period_end=PeriodEnd(settings.elections.period_end),
            declaration_hours=settings.elections.declaration_hours,
        )
        for election in elections
    ]
