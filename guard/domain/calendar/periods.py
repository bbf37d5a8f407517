"""The restricted time: the union of every election's period, merged and labelled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from guard.domain.calendar.elections import RestrictedPeriod


@dataclass(frozen=True)
class RestrictedSpan:
    """One unbroken stretch of restricted time and the periods that make it up."""

    start: dt.datetime
    end: dt.datetime
    periods: tuple[RestrictedPeriod, ...]

    @property
    def overlapping(self) -> bool:
        return len(self.periods) > 1

    @property
    def provisional(self) -> bool:
        return any(p.provisional for p in self.periods)

    @property
    def label(self) -> str:
        return "; ".join(p.election.title for p in self.periods)

    def contains(self, at: dt.datetime) -> bool:
        return self.start <= at < self.end


def merge_periods(periods: Iterable[RestrictedPeriod]) -> list[RestrictedSpan]:
    """Merge overlapping or touching periods into spans, in time order."""
    spans: list[RestrictedSpan] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end)):
        if spans and period.start <= spans[-1].end:
            last = spans.pop()
            spans.append(
                RestrictedSpan(last.start, max(last.end, period.end), (*last.periods, period))
            )
        else:
            spans.append(RestrictedSpan(period.start, period.end, (period,)))
    return spans


def periods_at(periods: Iterable[RestrictedPeriod], at: dt.datetime) -> list[RestrictedPeriod]:
    """The periods in force at the instant ``at``."""
    return [p for p in periods if p.contains(at)]


def current_and_upcoming(spans: Iterable[RestrictedSpan], now: dt.datetime) -> list[RestrictedSpan]:
    return [s for s in spans if s.end > now]
