"""Days that do not count when the election rules count working days (dies non)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import holidays


def england_and_wales_bank_holidays(years: Iterable[int]) -> dict[dt.date, str]:
    """Bank holidays in England and Wales, substitute and one-off days included.

    The `holidays` package knows the announced years and projects later ones by rule.
    """
    # holidays' "ENG" subdivision is the England and Wales list (Wales has the same days).
    table = holidays.country_holidays("GB", subdiv="ENG", years=list(years))
    return {day: name for day, name in table.items()}


@dataclass(frozen=True)
class DiesNon:
    """Which days are not working days for the election timetable.

    The Local Elections (Parishes and Communities) (England and Wales) Rules 2006, r. 2, and
    their siblings: a Saturday or Sunday, Christmas Eve, Christmas Day, Good Friday, a bank
    holiday in England and Wales, or a day appointed for public thanksgiving or mourning.
    Maundy Thursday was a dies non until 2007 and now counts as a working day.
    """

    bank_holidays: Mapping[dt.date, str]
    extra: Mapping[dt.date, str] = field(default_factory=dict)
    # The last day of officially announced bank holidays; after it they are projected.
    confirmed_through: dt.date = dt.date(2028, 12, 31)

    def reason(self, day: dt.date) -> str | None:
        """Why ``day`` does not count, or None if it is a working day."""
        if day in self.extra:
            return self.extra[day]
        if day.weekday() == 5:
            return "Saturday"
        if day.weekday() == 6:
            return "Sunday"
        if (day.month, day.day) == (12, 24):
            return "Christmas Eve"
        if (day.month, day.day) == (12, 25):
            return "Christmas Day"
        if day in self.bank_holidays:
            return f"{self.bank_holidays[day]} (bank holiday)"
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.reason(day) is None

    def is_projected(self, day: dt.date) -> bool:
        return day > self.confirmed_through


def build_dies_non(
    years: Iterable[int],
    *,
    extra: Iterable[dt.date] = (),
    confirmed_through: dt.date = dt.date(2028, 12, 31),
) -> DiesNon:
    """A DiesNon for ``years`` from the bank-holiday table plus configured extra days."""
    return DiesNon(
        bank_holidays=england_and_wales_bank_holidays(years),
        extra={day: "Day of public thanksgiving or mourning (configured)" for day in extra},
        confirmed_through=confirmed_through,
    )


@dataclass(frozen=True)
class SkippedDay:
    day: dt.date
    reason: str


def working_days_before(
    end: dt.date, count: int, dies_non: DiesNon
) -> tuple[dt.date, tuple[SkippedDay, ...]]:
    """The day ``count`` working days before ``end`` (``end`` itself is not counted).

    Returns the day and the dies non that were skipped on the way.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    day = end
    counted = 0
    skipped: list[SkippedDay] = []
    while counted < count:
        day -= dt.timedelta(days=1)
        why = dies_non.reason(day)
        if why is None:
            counted += 1
        else:
            skipped.append(SkippedDay(day, why))
    return day, tuple(skipped)
