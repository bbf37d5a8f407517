"""Queries for elections: rows in, domain Elections out."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from guard.domain.calendar.bounds import check_poll_date
from guard.domain.calendar.elections import Election, ElectionKind
from guard.store.feeds import elections_written
from guard.store.models import ElectionRow


def to_domain(row: ElectionRow) -> Election:
    return Election(
        id=row.id,
        title=row.title,
        kind=ElectionKind(row.kind),
        poll_date=row.poll_date,
        wards=frozenset(row.wards),
        notice_published=row.notice_published,
        declared_at=row.declared_at,
        vacancy_date=row.vacancy_date,
        uncontested=row.uncontested,
    )


def add_election(session: Session, election: Election, *, now: dt.datetime) -> ElectionRow:
    # The last line of defence: a poll date out of bounds would break every timetable.
    check_poll_date(election.poll_date, today=now.date())
    row = ElectionRow(
        title=election.title,
        kind=election.kind.value,
        poll_date=election.poll_date,
        wards=sorted(election.wards),
        notice_published=election.notice_published,
        declared_at=election.declared_at,
        vacancy_date=election.vacancy_date,
        uncontested=election.uncontested,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    elections_written()
    return row


def get_election(session: Session, election_id: int) -> ElectionRow | None:
    row = session.get(ElectionRow, election_id)
    return row if row is not None and row.removed_at is None else None


def list_elections(session: Session, *, include_removed: bool = False) -> list[ElectionRow]:
    query = select(ElectionRow).order_by(col(ElectionRow.poll_date), col(ElectionRow.id))
    if not include_removed:
        query = query.where(col(ElectionRow.removed_at).is_(None))
    return list(session.exec(query))


def save_election(
    session: Session, row: ElectionRow, election: Election, *, now: dt.datetime
) -> ElectionRow:
    """Write ``election``'s values to ``row``; raise the feed's sequence if anything changed."""
    changed = (
        row.title != election.title
        or row.kind != election.kind.value
        or row.poll_date != election.poll_date
        or set(row.wards) != set(election.wards)
        or row.notice_published != election.notice_published
        or row.declared_at != election.declared_at
        or row.vacancy_date != election.vacancy_date
        or row.uncontested != election.uncontested
    )
    if changed and row.poll_date != election.poll_date:
        check_poll_date(election.poll_date, today=now.date())
    if changed:
        row.title = election.title
        row.kind = election.kind.value
        row.poll_date = election.poll_date
        row.wards = sorted(election.wards)
        row.notice_published = election.notice_published
        row.declared_at = election.declared_at
        row.vacancy_date = election.vacancy_date
        row.uncontested = election.uncontested
        row.updated_at = now
        row.sequence += 1
        session.add(row)
        elections_written()
        session.flush()
    return row


def remove_election(session: Session, row: ElectionRow, *, now: dt.datetime) -> None:
    row.removed_at = now
    row.updated_at = now
    row.sequence += 1
    session.add(row)
    elections_written()
    session.flush()
