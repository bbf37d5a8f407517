"""Elections and their statutory timetables: when each restricted (pre-election) period runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict, Unpack
from zoneinfo import ZoneInfo

from guard.domain.calendar.dies_non import DiesNon, SkippedDay, working_days_before
from guard.domain.calendar.election_law import ASK_FOR_NOTICE_DAYS, LAW, ElectionKind, KindLaw

__all__ = ["ElectionKind", "KindLaw"]


class PeriodEnd(StrEnum):
    CLOSE_OF_POLL = "close-of-poll"
    DECLARATION = "declaration"


# Working days before poll of the act that starts the period, and of close of nominations;
# the law behind each number is in guard.domain.calendar.election_law.
NOTICE_DAYS: dict[ElectionKind, int] = {kind: law.start_days for kind, law in LAW.items()}
NOMINATION_DAYS: dict[ElectionKind, int | None] = {
    kind: law.nomination_days for kind, law in LAW.items()
}

CLOSE_OF_POLL = dt.time(22, 0)
CLOSE_OF_NOMINATIONS = dt.time(16, 0)


@dataclass(frozen=True)
class Election:
    title: str
    kind: ElectionKind
    poll_date: dt.date
    wards: frozenset[str] = frozenset()  # empty: the whole council
    notice_published: dt.date | None = None
    declared_at: dt.datetime | None = None
    id: int | None = None
    vacancy_date: dt.date | None = None  # a by-election: the day the seat fell vacant
    uncontested: bool = False  # declared without a poll; ``declared_at`` ends its period

    @property
    def whole_council(self) -> bool:
        return not self.wards


@dataclass(frozen=True)
class Timetable:
    kind: ElectionKind
    poll_date: dt.date
    latest_start: dt.date  # the statutory latest date of the act that starts the period
    close_of_nominations: dt.datetime | None
    period_start: dt.datetime
    period_end: dt.datetime
    start_is_actual: bool  # the clerk entered the date the notice was published
    provisional: bool  # depends on bank holidays not yet announced
    skipped: tuple[SkippedDay, ...]
    # Until the real date is entered, the period may have started before ``latest_start``:
    # from this day (a cautious start, or a by-election's vacancy); None when it starts then.
    assumed_start: dt.date | None = None
    ask_notice_from: dt.date | None = None  # from then the clerk is asked for the real date
    uncontested: bool = False

    @property
    def law(self) -> KindLaw:
        return LAW[self.kind]

    @property
    def notice_of_election_deadline(self) -> dt.date:
        """The old name of ``latest_start`` (for parliament it is dissolution, not a notice)."""
        return self.latest_start

    def may_have_started(self, today: dt.date) -> bool:
        """The period may be on already: past the assumed start, before the latest one."""
        return self.assumed_start is not None and self.assumed_start <= today < self.latest_start

    def asks_for_notice(self, today: dt.date) -> bool:
        """Whether the clerk should be asked today for the day the notice was published."""
        return self.ask_notice_from is not None and self.ask_notice_from <= today <= self.poll_date


@dataclass(frozen=True)
class RestrictedPeriod:
    """The time during which the council must not promote councillors, for one election."""

    election: Election
    start: dt.datetime
    end: dt.datetime
    provisional: bool
    start_is_actual: bool
    timetable: Timetable | None = None

    def contains(self, at: dt.datetime) -> bool:
        return self.start <= at < self.end

    def covers_ward(self, ward: str | None) -> bool:
        return self.election.whole_council or (ward is not None and ward in self.election.wards)


def compute_timetable(
    kind: ElectionKind,
    poll_date: dt.date,
    *,
    dies_non: DiesNon,
    zone: ZoneInfo,
    notice_published: dt.date | None = None,
    period_end: PeriodEnd = PeriodEnd.CLOSE_OF_POLL,
    declared_at: dt.datetime | None = None,
    declaration_hours: int = 24,
    cautious_days: int = 0,
    vacancy_date: dt.date | None = None,
    uncontested: bool = False,
) -> Timetable:
    """The statutory dates for a poll, and the restricted period they give."""
    law = LAW[kind]
    if law.uk_wide_holidays:
        dies_non = dies_non.across_the_uk()
    latest, skipped = working_days_before(poll_date, law.start_days, dies_non)
    nominations = None
    if law.nomination_days is not None:
        day, _ = working_days_before(poll_date, law.nomination_days, dies_non)
        nominations = dt.datetime.combine(day, CLOSE_OF_NOMINATIONS, zone)
    assumed = ask_from = None
    if notice_published is None:
        assumed = _assumed_start(latest, dies_non, cautious_days, vacancy_date)
        ask_from, _ = working_days_before(latest, ASK_FOR_NOTICE_DAYS, dies_non)
    start_day = notice_published or assumed or latest
    close = dt.datetime.combine(poll_date, CLOSE_OF_POLL, zone)
    if uncontested and declared_at is not None:
        end = declared_at.astimezone(zone)  # no poll: the declaration ends the period
    elif period_end is PeriodEnd.DECLARATION:
        end = (declared_at or close + dt.timedelta(hours=declaration_hours)).astimezone(zone)
    else:
        end = close
    # The computed deadline rests on the bank holidays between it and the poll; once
    # the clerk enters the real notice date, projected holidays no longer matter.
    provisional = notice_published is None and dies_non.is_projected(poll_date)
    return Timetable(
        kind=kind,
        poll_date=poll_date,
        latest_start=latest,
        close_of_nominations=nominations,
        period_start=dt.datetime.combine(start_day, dt.time(0, 0), zone),
        period_end=end,
        start_is_actual=notice_published is not None,
        provisional=provisional,
        skipped=skipped,
        assumed_start=assumed,
        ask_notice_from=ask_from,
        uncontested=uncontested and declared_at is not None,
    )


def _assumed_start(
    latest: dt.date, dies_non: DiesNon, cautious_days: int, vacancy_date: dt.date | None
) -> dt.date | None:
    """The earliest day the period is taken to run from before the real date is known.

    A by-election's notice can come any day after the vacancy; otherwise the council may
    choose to start ``cautious_days`` working days before the latest date.
    """
    if vacancy_date is not None:
        day: dt.date | None = vacancy_date
    elif cautious_days > 0:
        day, _ = working_days_before(latest, cautious_days, dies_non)
    else:
        day = None
    return day if day is not None and day < latest else None


class TimetableOptions(TypedDict, total=False):
    """How the council reads the law: when the period ends, and a cautious start."""

    period_end: PeriodEnd
    declaration_hours: int
    cautious_days: int


def restricted_period(
    election: Election, *, dies_non: DiesNon, zone: ZoneInfo, **options: Unpack[TimetableOptions]
) -> RestrictedPeriod:
    timetable = timetable_for(election, dies_non=dies_non, zone=zone, **options)
    return RestrictedPeriod(
        election=election,
        start=timetable.period_start,
        end=timetable.period_end,
        provisional=timetable.provisional,
        start_is_actual=timetable.start_is_actual,
        timetable=timetable,
    )


def timetable_for(
    election: Election,
    *,
    dies_non: DiesNon,
    zone: ZoneInfo,
    period_end: PeriodEnd = PeriodEnd.CLOSE_OF_POLL,
    declaration_hours: int = 24,
    cautious_days: int = 0,
) -> Timetable:
    return compute_timetable(
        election.kind,
        election.poll_date,
        dies_non=dies_non,
        zone=zone,
        notice_published=election.notice_published,
        period_end=period_end,
        declared_at=election.declared_at,
        declaration_hours=declaration_hours,
        cautious_days=cautious_days,
        vacancy_date=election.vacancy_date,
        uncontested=election.uncontested,
    )


def check_election(election: Election, *, council_wards: tuple[str, ...]) -> None:
    """Raise ValueError naming the problem if ``election`` cannot be on this council's calendar."""
    if not election.title.strip():
        raise ValueError("the election needs a title")
    unknown = sorted(w for w in election.wards if w not in council_wards)
    if unknown:
        raise ValueError(
            f"unknown ward {unknown[0]!r}: the council's wards are {', '.join(council_wards)}"
        )
    if election.notice_published is not None and election.notice_published >= election.poll_date:
        raise ValueError(
            f"the notice of election ({election.notice_published}) must be published before "
            f"the poll ({election.poll_date})"
        )
    vacancy = election.vacancy_date
    if vacancy is not None and vacancy >= election.poll_date:
        raise ValueError(
            f"the vacancy ({vacancy}) must come before the poll ({election.poll_date})"
        )
    notice = election.notice_published
    if vacancy is not None and notice is not None and notice < vacancy:
        raise ValueError(
            f"the notice of election ({election.notice_published}) can't be published "
            f"before the vacancy ({vacancy})"
        )
    if election.uncontested and election.declared_at is None:
        raise ValueError("an uncontested election needs the date its result was declared")


def check_timetable(election: Election, timetable: Timetable, zone: ZoneInfo) -> None:
    """Raise ValueError if the election's own dates contradict its statutory timetable."""
    vacancy = election.vacancy_date
    if vacancy is not None and vacancy > timetable.latest_start:
        raise ValueError(
            f"a poll on {election.poll_date} needs its notice by {timetable.latest_start}, "
            f"before the vacancy ({vacancy}): check the dates"
        )
    declared = election.declared_at
    if election.uncontested and declared is not None:
        nominations = timetable.close_of_nominations
        if nominations is None:
            raise ValueError(f"a {election.kind.value} has no candidates: it can't be uncontested")
        close = dt.datetime.combine(election.poll_date, CLOSE_OF_POLL, zone)
        if not nominations <= declared <= close:
            when = f"{declared.astimezone(zone):%Y-%m-%d %H:%M}"
            raise ValueError(
                f"an uncontested result is declared after nominations close "
                f"({nominations.astimezone(zone):%Y-%m-%d %H:%M}) and before the poll would "
                f"have closed ({close:%Y-%m-%d %H:%M}), not {when}"
            )
