"""The restricted periods of a list of elections, with the days that do not count.

The hot path's own module: the guard's context reads periods through here on every check, so it
imports only the domain and the settings.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence

from guard.domain.calendar.bounds import computable
from guard.domain.calendar.dies_non import DiesNon, build_dies_non
from guard.domain.calendar.elections import Election, PeriodEnd, RestrictedPeriod, restricted_period
from guard.services.calendar.holiday_cache import bank_holidays
from guard.settings import Settings

log = logging.getLogger(__name__)


def dies_non_for(settings: Settings, poll_dates: Iterable[dt.date]) -> DiesNon:
    """The dies non for the years that timetables ending on ``poll_dates`` can reach."""
    years = {year for day in poll_dates for year in (day.year - 1, day.year)}
    return build_dies_non(
        sorted(years),
        extra=settings.elections.extra_dies_non,
        confirmed_through=settings.elections.holidays_confirmed_through,
        bank_holidays=bank_holidays(years),
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
    """The period of each election; one whose period cannot be worked out is logged and skipped,
    so one bad row never takes the calendar, the guard or the feeds down with it."""
    usable = [e for e in elections if computable(e.poll_date)]
    dies_non = dies_non_for(settings, [e.poll_date for e in usable])
    options = timetable_options(settings)
    periods = []
    for election in elections:
        try:
            if not computable(election.poll_date):
                raise ValueError(f"poll date {election.poll_date} is out of range")
            periods.append(restricted_period(election, dies_non=dies_non, **options))  # type: ignore[arg-type]
        except (ValueError, OverflowError, KeyError) as exc:
            log.error("election %r skipped: its period cannot be worked out: %s", election, exc)
    return periods
