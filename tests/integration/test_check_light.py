"""`guard check` on SQLite reads through the standard library: the same verdicts and settings as
through the engine (tests/integration/test_guard_reads.py checks it imports no SQLAlchemy)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from sqlmodel import Session

from guard.cli.check import sqlite_file
from guard.services.posts.context import load_context
from guard.services.posts.judge import drafts_of, judge
from guard.services.site_settings import effective_from, overlay_saved
from guard.store.models_site import SiteSettingRow
from tests.integration.test_cli_guard import IN_PERIOD, with_register  # noqa: F401

NOW = dt.datetime(2027, 1, 11, 9, tzinfo=dt.UTC)
TEXTS = ("Follow @CllrAnnBaker for updates", "Vote for Mark Brown!", "Bins on Tuesday")


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:////var/lib/guard/guard.db", "/var/lib/guard/guard.db"),
        ("sqlite:///guard.db", "guard.db"),
        ("sqlite+pysqlite:///guard.db", "guard.db"),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("sqlite:///file:guard.db?mode=ro&uri=true", None),
        ("postgresql+psycopg://postgres@127.0.0.1/guard", None),
    ],
)
def test_only_a_plain_sqlite_file_is_opened_directly(url, path):
    assert sqlite_file(url) == path


def test_the_verdicts_are_the_engines(with_register, settings, engine):  # noqa: F811
    if not settings.database.url.startswith("sqlite"):
        pytest.skip("the direct path is SQLite's")
    with engine.connect() as connection:
        context = load_context(connection, settings)
    for text in TEXTS:
        at = with_register("check", "--json", "--at", IN_PERIOD, text)
        expected = judge(drafts_of(text, None, [], [None]), context, at=_instant(IN_PERIOD))
        assert json.loads(at.stdout)["verdict"] == expected.verdicts[0].outcome.value
    lines = "\n".join(json.dumps({"text": t, "at": IN_PERIOD}) for t in TEXTS)
    plan = with_register("check", "--jsonl", input=lines)
    assert [json.loads(line)["verdict"] for line in plan.stdout.splitlines()] == [
        "block",
        "flag",
        "allow",
    ]


def test_the_saved_council_details_are_read_the_same_way(settings, engine):
    import sqlite3

    if not settings.database.url.startswith("sqlite"):
        pytest.skip("the direct path is SQLite's")
    file_only = replace(settings, explicit=frozenset())
    with Session(engine) as session:
        for key, value in (("name", "Loscoe Parish Council"), ("wards", ["North", "South"])):
            session.add(SiteSettingRow(key=f"council.{key}", value=value, updated_at=NOW))
        session.commit()
    connection = sqlite3.connect(sqlite_file(settings.database.url) or "")
    try:
        direct = overlay_saved(file_only, connection)
    finally:
        connection.close()
    assert direct == effective_from(engine, file_only)
    assert direct.council.name == "Loscoe Parish Council"
    assert direct.council.wards == ("North", "South")


def test_a_missing_database_is_a_clear_error(run_guard, monkeypatch, tmp_path):
    monkeypatch.setenv("GUARD_DATABASE_URL", f"sqlite:///{tmp_path / 'none' / 'guard.db'}")
    out = run_guard("check", "Bins on Tuesday")
    assert out.exit_code == 2
    assert "cannot open the database" in out.stderr or "not ready" in out.stderr


def _instant(text: str):
    from zoneinfo import ZoneInfo

    from guard.domain.calendar.council_time import parse_datetime

    return parse_datetime(text, ZoneInfo("Europe/London"))
