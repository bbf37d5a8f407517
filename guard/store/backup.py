"""Backing up and restoring a SQLite database with SQLite's online backup API.

The backup API copies a consistent snapshot page by page while the app keeps running (WAL
readers and writers are not stopped). A restore checks the file first, keeps the current
database beside it, then copies the backup in the same way. PostgreSQL is backed up with
pg_dump instead (docs/deployment.md).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

from guard.store import db as store_db


class BackupError(Exception):
    """The backup or restore cannot be done; the message says why and nothing was changed."""


def sqlite_path(url: str) -> Path:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise BackupError(
            "guard backup and restore are for SQLite; for PostgreSQL use pg_dump and pg_restore "
            "(see docs/deployment.md)"
        )
    return Path(parsed.database)


def backup(url: str, target: Path) -> str:
    """Copy the live database to ``target`` (a new file); its revision."""
    source = sqlite_path(url)
    if not source.exists():
        raise BackupError(f"{source}: no database there to back up")
    if target.exists():
        raise BackupError(f"{target}: already exists; choose a new file name")
    partial = target.with_name(target.name + ".partial")
    try:
        _copy(source, partial)
        revision = check(partial)
        partial.rename(target)  # only a complete, checked copy gets the name
    finally:
        partial.unlink(missing_ok=True)
    return revision


def restore(url: str, backup_file: Path, *, now: dt.datetime) -> tuple[str, Path]:
    """Replace the live database with ``backup_file``; its revision, and where the old one is."""
    live = sqlite_path(url)
    if not backup_file.is_file():
        raise BackupError(f"{backup_file}: no such file")
    revision = check(backup_file)
    kept = live.with_name(f"{live.name}.before-restore-{now:%Y%m%dT%H%M%SZ}")
    if live.exists():
        _copy(live, kept)
    _copy(backup_file, live)
    store_db.upgrade(url)  # a backup from an older version is brought up to this one
    return revision, kept


def check(path: Path) -> str:
    """The revision of a guard database file, after SQLite's integrity check."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            (status,) = connection.execute("PRAGMA integrity_check").fetchone()
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path}: not a guard database ({exc})") from None
    if status != "ok":
        raise BackupError(f"{path}: the file is damaged ({status})")
    known = _known_revisions()
    if len(rows) != 1 or rows[0][0] not in known:
        found = ", ".join(r[0] for r in rows) or "none"
        raise BackupError(
            f"{path}: its schema revision ({found}) is not one this version of the program "
            "knows: it may come from a newer version"
        )
    return str(rows[0][0])


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        closing(sqlite3.connect(source, timeout=30)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(store_db.alembic_config("sqlite://"))
    return {s.revision for s in scripts.walk_revisions()}
