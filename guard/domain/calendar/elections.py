"""Elections and their statutory timetables: when each restricted (pre-election) period runs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from zoneinfo import ZoneInfo

from guard.domain.calendar.dies_non import DiesNon, SkippedDay, working_days_before


class ElectionKind(StrEnum):
    LOCAL = "local"  # parish, town, district, county, unitary, and their by-elections
    PCC = "pcc"
    MAYOR = "mayor"
    PARLIAMENT = "parliament"
    REFERENDUM = "referendum"  # neighbourhood planning


class PeriodEnd(StrEnum):
    CLOSE_OF_POLL = "close-of-poll"
    DECLARATION = "declaration"


# Working days before poll by which the notice of election must be published. Local and
# PCC/mayoral rules: 25. Parliament: Parliament dissolves 25 working days before the poll
# (Electoral Registration and Administration Act 2013, s. 14), which starts the period.
# Neighbourhood-planning referendums: the information statement and notice, 28 working days
# (Neighbourhood Planning (Referendums) Regulations 2012, reg. 4).
NOTICE_DAYS: dict[ElectionKind, int] = {
    ElectionKind.LOCAL: 25,
    ElectionKind.PCC: 25,
    ElectionKind.MAYOR: 25,
    ElectionKind.PARLIAMENT: 25,
    ElectionKind.REFERENDUM: 28,
}

# Nominations close at 4pm on the 19th working day before poll (18th for PCC);
# a referendum has no candidates.
NOMINATION_DAYS: dict[ElectionKind, int | None] = {
    ElectionKind.LOCAL: 19,
    ElectionKind.PCC: 18,
    ElectionKind.MAYOR: 19,
    ElectionKind.PARLIAMENT: 19,
    ElectionKind.REFERENDUM: None,
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

    @property
    def whole_council(self) -> bool:
        return not self.wards


@dataclass(frozen=True)
class Timetable:
    kind: ElectionKind
    poll_date: dt.date
    notice_of_election_deadline: dt.date
    close_of_nominations: dt.datetime | None
    period_start: dt.datetime
    period_end: dt.datetime
    start_is_actual: bool  # the clerk entered the date the notice was published
    provisional: bool  # depends on bank holidays not yet announced
    skipped: tuple[SkippedDay, ...]


@dataclass(frozen=True)
class RestrictedPeriod:
    """The time during which the council must not promote councillors, for one election."""

    election: Election
    start: dt.datetime
    end: dt.datetime
    provisional: bool
    start_is_actual: bool

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
) -> Timetable:
    """The statutory dates for a poll, and the restricted period they give."""
    deadline, skipped = working_days_before(poll_date, NOTICE_DAYS[kind], dies_non)
    nominations = None
    if (days := NOMINATION_DAYS[kind]) is not None:
        day, _ = working_days_before(poll_date, days, dies_non)
        nominations = dt.datetime.combine(day, CLOSE_OF_NOMINATIONS, zone)
    start_day = notice_published or deadline
    close = dt.datetime.combine(poll_date, CLOSE_OF_POLL, zone)
    if period_end is PeriodEnd.DECLARATION:
        end = declared_at or close + dt.timedelta(hours=declaration_hours)
    else:
        end = close
    # The computed deadline rests on the bank holidays between it and the poll; once
    # the clerk enters the real notice date, projected holidays no longer matter.
    provisional = notice_published is None and dies_non.is_projected(poll_date)
    return Timetable(
        kind=kind,
        poll_date=poll_date,
        notice_of_election_deadline=deadline,
        close_of_nominations=nominations,
        period_start=dt.datetime.combine(start_day, dt.time(0, 0), zone),
        period_end=end,
        start_is_actual=notice_published is not None,
        provisional=provisional,
        skipped=skipped,
    )


def restricted_period(
    election: Election,
    *,
    dies_non: DiesNon,
    zone: ZoneInfo,
    period_end: PeriodEnd = PeriodEnd.CLOSE_OF_POLL,
    declaration_hours: int = 24,
) -> RestrictedPeriod:
    timetable = timetable_for(
        election,
        dies_non=dies_non,
        zone=zone,
        period_end=period_end,
        declaration_hours=declaration_hours,
    )
    return RestrictedPeriod(
        election=election,
        start=timetable.period_start,
        end=timetable.period_end,
        provisional=timetable.provisional,
        start_is_actual=timetable.start_is_actual,
    )


def timetable_for(
    election: Election,
    *,
    dies_non: DiesNon,
    zone: ZoneInfo,
    period_end: PeriodEnd = PeriodEnd.CLOSE_OF_POLL,
    declaration_hours: int = 24,
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
