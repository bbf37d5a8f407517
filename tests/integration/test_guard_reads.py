"""The guard's hot path: Core reads that match the ORM's tables, a register kept while its
version is unchanged, and a `guard check` that imports only what it uses."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from sqlmodel import Session, SQLModel

from guard.domain.guard.register import Councillor
from guard.services import register as register_service
from guard.services.posts import context
from guard.store import guard_reads
from tests.conftest import EXAMPLE_CONFIG, FIXTURES

NOW = dt.datetime(2027, 1, 11, 9, tzinfo=dt.UTC)


def test_the_core_tables_match_the_orm_tables():
    for table in (
        guard_reads.COUNCILLOR,
        guard_reads.ELECTION,
        guard_reads.CANDIDATE,
        guard_reads.STATE,
    ):
        orm = SQLModel.metadata.tables[table.name]
        for column in table.columns:
            assert column.name in orm.columns, (table.name, column.name)
            wanted = type(orm.columns[column.name].type).__name__
            assert type(column.type).__name__ in (wanted, "String"), (table.name, column.name)


def test_an_unchanged_register_is_not_reloaded(engine, settings):
    with Session(engine) as session:
        register_service.import_csv(
            session, settings, (FIXTURES / "councillors.csv").read_text(), now=NOW
        )
        session.commit()
    with engine.connect() as connection:
        first = context.load_register(connection, settings)
        assert context.load_register(connection, settings) is first
    with Session(engine) as session:
        row = register_service.store.find_by_name(session, "Ann Baker")
        assert row is not None and row.id is not None
        register_service.remove_councillor(session, row.id, now=NOW)
        session.commit()
    with engine.connect() as connection:
        after = context.load_register(connection, settings)
    assert after is not first and "Ann Baker" not in {c.name for c in after.councillors}
    with Session(engine) as session:
        register_service.store.save_councillor(
            session, Councillor("Zed Jones", "Heanor East"), now=NOW
        )
        session.commit()
    with engine.connect() as connection:
        assert "Zed Jones" in {
            c.name for c in context.load_register(connection, settings).councillors
        }


def test_guard_check_imports_only_what_it_uses(settings, engine):
    script = (
        "import sys\n"
        "from guard.cli import main\n"
        "try:\n"
        "    main(['check', 'Bins are collected on Tuesday'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "heavy = {'sqlmodel', 'alembic', 'argon2', 'flask', 'apscheduler', 'tweepy', 'facebook',"
        " 'twitter_text', 'guard.store.models', 'guard.web', 'confusable_homoglyphs'}\n"
        # a SQLite file is read with the standard library's sqlite3
        f"heavy |= {{'sqlalchemy'}} if {settings.database.url.startswith('sqlite')} else set()\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    env = {
        **os.environ,
        "GUARD_CONFIG": str(EXAMPLE_CONFIG),
        "GUARD_DATABASE_URL": settings.database.url,
    }
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_core_reads_give_what_the_orm_gives(engine, settings):
    """Every field the guard's context needs: an election with all its dates, and candidates."""
    from guard.domain.calendar.elections import Election, ElectionKind
    from guard.services import candidates
    from guard.services.calendar import elections as calendar
    from guard.store import elections as election_store

    with Session(engine) as session:
        added = calendar.add_election(
            session,
            settings,
            Election(
                "Heanor East by-election",
                ElectionKind.LOCAL,
                dt.date(2027, 3, 4),
                wards=frozenset({"Heanor East"}),
                vacancy_date=dt.date(2027, 1, 4),
            ),
            now=NOW,
        )
        assert added.id is not None
        candidates.import_csv(
            session,
            added.id,
            "name,ward,party,x,facebook,instagram,websites,aliases\n"
            "Zed Quill,Heanor East,Green,@ZedQuill,,,https://zed.example,Zed Q\n",
            now=NOW,
        )
        session.commit()
        orm_elections = [
            election_store.to_domain(r) for r in election_store.list_elections(session)
        ]
        orm_candidates = candidates.guarded_candidates(session)
    with engine.connect() as connection:
        assert guard_reads.elections(connection) == orm_elections
        assert guard_reads.candidates(connection) == orm_candidates
