"""The election calendar: adding, changing and removing elections, and the periods they give."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlmodel import Session

from guard.domain.calendar.bounds import poll_date_problem
from guard.domain.calendar.elections import (
    Election,
    ElectionKind,
    RestrictedPeriod,
    Timetable,
    check_election,
    check_timetable,
    timetable_for,
)
from guard.domain.calendar.periods import RestrictedSpan, merge_periods
from guard.services import InputError, found
from guard.services.calendar.periods import (  # the hot path's own
    dies_non_for,
    periods_for,
    timetable_options,
)
from guard.services.record import audit
from guard.settings import Settings
from guard.store import elections as store


def timetable(
    settings: Settings,
    kind: ElectionKind,
    poll_date: dt.date,
    *,
    notice_published: dt.date | None = None,
    vacancy_date: dt.date | None = None,
    today: dt.date | None = None,
) -> Timetable:
    if today is not None and (problem := poll_date_problem(poll_date, today=today)):
        raise InputError(problem)
    if notice_published is not None and notice_published >= poll_date:
        raise InputError(
            f"the notice of election ({notice_published}) must be published before "
            f"the poll ({poll_date})"
        )
    election = Election(
        "timetable",
        kind,
        poll_date,
        notice_published=notice_published,
        vacancy_date=vacancy_date,
    )
    return election_timetable(settings, election)


def election_timetable(
    settings: Settings, election: Election, *, today: dt.date | None = None
) -> Timetable:
    """The timetable of ``election``, checked against its own dates (InputError if they clash);
    with ``today``, its poll date is checked to be within bounds too (a new or changed date)."""
    if today is not None and (problem := poll_date_problem(election.poll_date, today=today)):
        raise InputError(problem)
    try:
        check_election(election, council_wards=settings.council.wards)
        table = timetable_for(
            election,
            dies_non=dies_non_for(settings, [election.poll_date]),
            **timetable_options(settings),  # type: ignore[arg-type]
        )
        check_timetable(election, table, settings.council.zone)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return table


def list_elections(session: Session) -> list[Election]:
    return [store.to_domain(row) for row in store.list_elections(session)]


def restricted_periods(session: Session, settings: Settings) -> list[RestrictedPeriod]:
    return periods_for(settings, list_elections(session))


def restricted_spans(session: Session, settings: Settings) -> list[RestrictedSpan]:
    return merge_periods(restricted_periods(session, settings))


def add_election(
    session: Session,
    settings: Settings,
    election: Election,
    *,
    now: dt.datetime,
    actor: str = "system",
) -> Election:
    _check(settings, election, today=now.date())
    row = store.add_election(session, election, now=now)
    added = store.to_domain(row)
    audit.record(
        session, "election.add", "election", row.id, actor=actor, now=now, summary=_summary(added)
    )
    return added


def update_election(
    session: Session,
    settings: Settings,
    election_id: int,
    *,
    now: dt.datetime,
    actor: str = "system",
    **changes: object,
) -> Election:
    """Change the named fields of an election (title, kind, poll_date, wards, notice_published,
    vacancy_date, uncontested, declared_at)."""
    row = found(store.get_election(session, election_id), f"election with id {election_id}")
    before = _summary(store.to_domain(row))
    updated = dataclasses.replace(store.to_domain(row), **changes)  # type: ignore[arg-type]
    # An old election keeps its date when only its title or notice is corrected.
    _check(settings, updated, today=now.date() if updated.poll_date != row.poll_date else None)
    saved = store.to_domain(store.save_election(session, row, updated, now=now))
    after = _summary(saved)
    summary = {k: {"from": before[k], "to": after[k]} for k in after if before[k] != after[k]}
    audit.record(
        session, "election.update", "election", election_id, actor=actor, now=now, summary=summary
    )
    return saved


def remove_election(
    session: Session, election_id: int, *, now: dt.datetime, actor: str = "system"
) -> Election:
    row = found(store.get_election(session, election_id), f"election with id {election_id}")
    store.remove_election(session, row, now=now)
    removed = store.to_domain(row)
    summary = _summary(removed)
    audit.record(
        session, "election.remove", "election", election_id, actor=actor, now=now, summary=summary
    )
    return removed


def _summary(election: Election) -> dict[str, object]:
    """What the audit keeps of an election: public facts only."""
    return {
        "title": election.title,
        "kind": str(election.kind.value),
        "poll_date": election.poll_date.isoformat(),
        "wards": sorted(election.wards),
        "notice_published": election.notice_published and election.notice_published.isoformat(),
        "declared_at": election.declared_at and election.declared_at.isoformat(),
        "vacancy_date": election.vacancy_date and election.vacancy_date.isoformat(),
        "uncontested": election.uncontested,
    }


def _check(settings: Settings, election: Election, *, today: dt.date | None) -> None:
    if today is not None and (problem := poll_date_problem(election.poll_date, today=today)):
        raise InputError(problem)
    election_timetable(settings, election)
