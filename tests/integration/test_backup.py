"""`guard backup` / `guard restore` for SQLite (the online backup API), and the documented
pg_dump / pg_restore path against the real PostgreSQL server when one is configured."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import EXAMPLE_CONFIG, POSTGRES_URL
from tests.web_fixtures import PASSWORD


@pytest.fixture
def sqlite_only(settings):
    if not settings.database.url.startswith("sqlite"):
        pytest.skip("guard backup and restore are for SQLite")


def users(url: str) -> list[str]:
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return [r[0] for r in connection.execute("SELECT email FROM user_account ORDER BY email")]


def test_backup_then_restore_puts_back_what_was_there(run_guard, settings, sqlite_only, tmp_path):
    url = settings.database.url
    assert run_guard("demo").exit_code == 0
    target = tmp_path / "backups" / "guard-2026-11-25.db"
    done = run_guard("backup", str(target))
    assert done.exit_code == 0 and "backed up to" in done.stdout
    before = users(url)
    assert (
        run_guard("users", "add", "new@example.org", "--role", "clerk", input=PASSWORD).exit_code
        == 0
    )
    assert users(url) != before

    done = run_guard("restore", str(target), "--yes")
    assert done.exit_code == 0, done.stderr
    assert users(url) == before
    kept = done.stdout.rsplit("the previous database is ", 1)[1].strip()
    assert "new@example.org" in users(f"sqlite:///{kept}")  # nothing is lost
    assert run_guard("audit", "verify").exit_code == 0


def test_backup_refuses_to_overwrite_and_restore_refuses_what_is_not_a_guard_database(
    run_guard, sqlite_only, tmp_path
):
    target = tmp_path / "b.db"
    assert run_guard("backup", str(target)).exit_code == 0
    again = run_guard("backup", str(target))
    assert again.exit_code == 2 and "already exists" in again.stderr
    junk = tmp_path / "notes.txt"
    junk.write_text("minutes of the last meeting\n" * 50)
    refused = run_guard("restore", str(junk), "--yes")
    assert refused.exit_code == 2 and "not a guard database" in refused.stderr
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num TEXT)")
        connection.execute("INSERT INTO alembic_version VALUES ('ffffffffffff')")
    refused = run_guard("restore", str(other), "--yes")
    assert refused.exit_code == 2 and "may come from a newer version" in refused.stderr
    assert not (tmp_path / "b.db.partial").exists()


def test_backup_on_postgresql_points_to_pg_dump(run_guard, monkeypatch):
    monkeypatch.setenv("GUARD_DATABASE_URL", "postgresql+psycopg://guard@db.example/guard")
    done = run_guard("backup", "/tmp/never.db")
    assert done.exit_code == 2 and "use pg_dump and pg_restore" in done.stderr


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="needs GUARD_TEST_DATABASE_URL (set by .ci/run)")
@pytest.mark.skipif(not shutil.which("pg_dump"), reason="needs pg_dump and pg_restore")
def test_the_documented_pg_dump_and_pg_restore_path(tmp_path):
    """docs/deployment.md's commands, run against the real server."""
    assert POSTGRES_URL
    server = make_url(POSTGRES_URL)
    names = [f"guard_bk_{uuid.uuid4().hex[:8]}", f"guard_rs_{uuid.uuid4().hex[:8]}"]
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    libpq = [server.set(drivername="postgresql", database=n).render_as_string(False) for n in names]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUARD_")}
    env["GUARD_CONFIG"] = str(EXAMPLE_CONFIG)
    guard = [sys.executable, "-c", "from guard.cli import main; main()"]
    try:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        live = env | {"GUARD_DATABASE_URL": server.set(database=names[0]).render_as_string(False)}
        subprocess.run([*guard, "db", "upgrade"], env=live, check=True, capture_output=True)
        subprocess.run([*guard, "demo"], env=live, check=True, capture_output=True)
        dump = tmp_path / "guard.dump"
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", libpq[0]], check=True)
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={libpq[1]}", str(dump)],
            check=True,
        )
        restored = env | {
            "GUARD_DATABASE_URL": server.set(database=names[1]).render_as_string(False)
        }
        verify = subprocess.run(
            [*guard, "audit", "verify"], env=restored, capture_output=True, text=True
        )
        assert verify.returncode == 0, verify.stderr
        counts = []
        for name in names:
            engine = create_engine(server.set(database=name))
            with engine.connect() as connection:
                counts.append(
                    [
                        connection.execute(text(f"SELECT count(*) FROM {t}")).scalar()
                        for t in ("post", "councillor", "audit", "user_account")
                    ]
                )
            engine.dispose()
        assert counts[0] == counts[1] and all(counts[0])
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
