"""The store: migrations match the models, and instants come back as aware UTC."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import Session, SQLModel

from guard.domain.calendar.elections import Election, ElectionKind
from guard.store import elections as store
from guard.store.db import current_revision


def test_migrations_upgrade_an_empty_database_to_match_the_models(engine):
    assert current_revision(engine) is not None
    assert "election" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == [], f"models and migrations disagree; run `guard db revision`: {diff}"


def test_instants_are_stored_as_utc_and_come_back_aware(engine):
    london = ZoneInfo("Europe/London")
    created = dt.datetime(2027, 5, 6, 22, 0, tzinfo=london)  # 21:00 UTC, in BST
    with Session(engine) as session:
        row = store.add_election(
            session, Election("Poll", ElectionKind.LOCAL, dt.date(2027, 5, 6)), now=created
        )
        session.commit()
        row_id = row.id
    with Session(engine) as session:
        row = session.get(store.ElectionRow, row_id)
        assert row is not None
        assert row.created_at == created
        assert row.created_at.utcoffset() == dt.timedelta(0)
        assert row.created_at.hour == 21


def test_naive_instants_are_refused(engine):
    with Session(engine) as session, pytest.raises(Exception, match="naive datetime"):
        store.add_election(
            session,
            Election("Poll", ElectionKind.LOCAL, dt.date(2027, 5, 6)),
            now=dt.datetime(2027, 1, 1, 12, 0),
        )
        session.commit()


def test_changes_raise_the_sequence_and_removal_keeps_the_row(engine):
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    with Session(engine) as session:
        election = Election("Poll", ElectionKind.LOCAL, dt.date(2027, 5, 6))
        row = store.add_election(session, election, now=now)
        store.save_election(session, row, election, now=now)
        assert row.sequence == 0  # nothing changed
        moved = Election(
            "Poll", ElectionKind.LOCAL, dt.date(2027, 5, 6), notice_published=dt.date(2027, 3, 25)
        )
        store.save_election(session, row, moved, now=now)
        assert row.sequence == 1
        store.remove_election(session, row, now=now)
        session.commit()
        assert store.list_elections(session) == []
        [kept] = store.list_elections(session, include_removed=True)
        assert kept.removed_at == now and kept.sequence == 2
