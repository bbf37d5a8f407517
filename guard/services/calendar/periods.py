"""The restricted periods of a list of elections, with the days that do not count.

The hot path's own module: the guard's context reads periods through here on every check, so it
imports only the domain and the settings.
"""

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


def timetable_options(settings: Settings) -> dict[str, object]:
    """The council's choices that every timetable is computed with (CLI, web and feed alike)."""
    return {
        "zone": settings.council.zone,
        "period_end": PeriodEnd(settings.elections.period_end),
        "declaration_hours": settings.elections.declaration_hours,
        "cautious_days": settings.elections.cautious_start_working_days,
    }


def periods_for(settings: Settings, elections: Sequence[Election]) -> list[RestrictedPeriod]:
    dies_non = dies_non_for(settings, [e.poll_date for e in elections])
    options = timetable_options(settings)
    return [
        restricted_period(election, dies_non=dies_non, **options)  # type: ignore[arg-type]
        for election in elections
    ]
