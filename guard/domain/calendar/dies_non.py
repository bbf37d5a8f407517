"""Days that do not count when the election rules count working days (dies non)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from types import MappingProxyType

# The parts of the United Kingdom, as the `holidays` package names their subdivisions.
PARTS: tuple[tuple[str, str], ...] = (
    ("ENG", "England"),
    ("WLS", "Wales"),
    ("SCT", "Scotland"),
    ("NIR", "Northern Ireland"),
)
ENGLAND_AND_WALES = frozenset({"England", "Wales"})


@dataclass(frozen=True)
class BankHoliday:
    """A bank holiday and the parts of the United Kingdom where it is one."""

    name: str
    parts: tuple[str, ...]

    @property
    def where(self) -> str:
        return parts_text(self.parts)


def parts_text(parts: Iterable[str]) -> str:
    """'England and Wales', 'Scotland', 'every part of the UK'."""
    names = [name for _, name in PARTS if name in set(parts)]
    if len(names) == len(PARTS):
        return "every part of the UK"
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def uk_bank_holidays(years: Iterable[int]) -> Mapping[dt.date, BankHoliday]:
    """Bank holidays in every part of the UK, substitute and one-off days included.

    The `holidays` package knows the announced years and projects later ones by rule.
    """
    return _uk_bank_holidays(tuple(sorted(set(years))))


@lru_cache(maxsize=64)  # the tables are fixed for a given set of years; building them is slow
def _uk_bank_holidays(years: tuple[int, ...]) -> Mapping[dt.date, BankHoliday]:
    import holidays  # imported when a timetable is first worked out, not at start-up

    found: dict[dt.date, dict[str, str]] = {}
    for code, part in PARTS:
        for day, name in holidays.country_holidays("GB", subdiv=code, years=years).items():
            found.setdefault(day, {})[part] = name
    table = {}
    for day, by_part in found.items():
        # Scotland and Northern Ireland can call one day by another name ("(observed)").
        names = list(dict.fromkeys(by_part.values()))
        table[day] = BankHoliday(" / ".join(names), tuple(by_part))
    return MappingProxyType(table)


@dataclass(frozen=True)
class DiesNon:
    """Which days are not working days for the election timetable.

    Local elections: the Local Elections (Parishes and Communities) (England and Wales) Rules
    2006 (SI 2006/3305), Sch 2 r 2 (Sch 3 r 2 where the poll is combined with another), and
    their siblings for principal areas, PCCs, mayors and referendums: a Saturday or Sunday,
    Christmas Eve, Christmas Day, Good Friday, a bank holiday in England and Wales, or a day
    appointed for public thanksgiving or mourning. A general election (RPA 1983, Sch 1 r 2)
    also passes over a bank holiday in any other part of the United Kingdom (``uk_wide``).
    Maundy Thursday was a dies non until 2007 and now counts as a working day.
    """

    bank_holidays: Mapping[dt.date, BankHoliday]
    extra: Mapping[dt.date, str] = field(default_factory=dict)
    # The last day of officially announced bank holidays; after it they are projected.
    confirmed_through: dt.date = dt.date(2028, 12, 31)
    uk_wide: bool = False

    def across_the_uk(self) -> DiesNon:
        """The same days, counting a bank holiday in any part of the UK (general elections)."""
        return replace(self, uk_wide=True)

    def holiday(self, day: dt.date) -> BankHoliday | None:
        """The bank holiday on ``day`` that these rules pass over, if any."""
        found = self.bank_holidays.get(day)
        if found is None or not (self.uk_wide or ENGLAND_AND_WALES & set(found.parts)):
            return None
        return found

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
        if (found := self.holiday(day)) is not None:
            return f"{found.name} (bank holiday in {found.where})"
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
    bank_holidays: Mapping[dt.date, BankHoliday] | None = None,
) -> DiesNon:
    """A DiesNon for ``years`` from the bank-holiday table (``bank_holidays``: that table as the
    caller kept it) plus configured extra days."""
    return DiesNon(
        bank_holidays=uk_bank_holidays(years) if bank_holidays is None else bank_holidays,
        extra={day: "Day of public thanksgiving or mourning (configured)" for day in extra},
        confirmed_through=confirmed_through,
    )


@dataclass(frozen=True)
class SkippedDay:
    day: dt.date
    reason: str
    parts: tuple[str, ...] = ()  # for a bank holiday: where it is one


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
            holiday = dies_non.holiday(day)
            parts = holiday.parts if holiday and "(bank holiday in" in why else ()
            skipped.append(SkippedDay(day, why, parts))
    return day, tuple(skipped)
