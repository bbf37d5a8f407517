"""Shared fixtures: settings, a migrated database (SQLite, and PostgreSQL when configured),
the Flask app and a way to run the `guard` command in-process."""

from __future__ import annotations

import atexit
import gc
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from guard.settings import DatabaseSettings, Settings, load_settings
from tests import hypothesis_profiles  # noqa: F401  (registers "fast" before Hypothesis loads it)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# The program, SQLAlchemy and click are imported by the fixtures that use them: `pytest -n 2`
# reads this file before it starts its workers, and has no use for them.

# The web app's fixtures (users of each role, signed-in clients) serve integration and e2e tests.
pytest_plugins = ["tests.web_fixtures"]

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = SHARED / "fixtures"
EXAMPLE_CONFIG = ROOT / "config.example.toml"
POSTGRES_URL = os.environ.get("GUARD_TEST_DATABASE_URL")


def pytest_collection_finish(session: pytest.Session) -> None:
    """What the run has made so far (the modules, the collected tests: some 250,000 objects
    that live to the end) is set aside from the garbage collector, so that each full collection
    during the tests walks only what the tests make. Garbage is collected first.

    Full collections then run a tenth as often: each walks the libraries' caches the tests fill
    (some 300,000 objects, a tenth of a second a walk). Young garbage is collected as before, and
    what is left at the end is collected by pytest, which reports any warning it raises."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 100)


# At the end a process holds some 500,000 objects, and Python's exit walks them in one full
# collection per step of its cleanup (more than a second per process). Frozen once pytest is
# done (its last collection, which reports unraisable exceptions, has run), they are left to
# the operating system, which takes the memory back all the same.
atexit.register(gc.freeze)


@pytest.fixture(scope="session", autouse=True)
def own_data_folder(tmp_path_factory) -> Iterator[Path]:
    """The program's data folder (key files) is the run's own, never the user's."""
    folder = tmp_path_factory.mktemp("data-home")
    before = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(folder)
    yield folder
    if before is None:
        del os.environ["XDG_DATA_HOME"]
    else:
        os.environ["XDG_DATA_HOME"] = before


def _backends() -> list:
    reason = "PostgreSQL tests need GUARD_TEST_DATABASE_URL (set by .ci/run)"
    return [
        pytest.param("sqlite", id="sqlite"),
        pytest.param(
            "postgresql",
            id="postgresql",
            marks=[pytest.mark.postgres, pytest.mark.skipif(not POSTGRES_URL, reason=reason)],
        ),
    ]


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes() -> Iterator[None]:
    """argon2 with its smallest cost in tests: still argon2id, verified and rehashed the same way,
    but a hash takes a millisecond instead of the defaults' tenths of a second. The app a test
    starts as a separate process (tests/e2e) keeps the library's defaults."""
    from argon2 import PasswordHasher

    from guard.services import users

    real = users.HASHER
    users.HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    users._dummy_hash.cache_clear()
    yield
    users.HASHER = real
    users._dummy_hash.cache_clear()


@pytest.fixture(scope="session", autouse=True)
def url_builders_compiled_once() -> Iterator[None]:
    """Each URL rule's builders compiled once per run, not once per app: the tests make an app
    per test, and werkzeug compiles two Python functions per rule for each (most of the 20 ms an
    app takes). A builder is a stateless function of the rule's text, its parts, its defaults
    and its converters' kinds (it reaches its rule through the argument it is bound to), so the
    app gets the very function it would have compiled."""
    from werkzeug.routing.rules import Rule

    real = Rule._compile_builder
    made: dict[tuple, Callable[..., tuple[str, str]]] = {}

    def compile_builder(rule: Rule, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
        converters = tuple((name, type(c)) for name, c in rule._converters.items())
        defaults = repr(sorted((rule.defaults or {}).items()))
        key = (rule.rule, tuple(rule._trace), defaults, converters, append_unknown)
        if (builder := made.get(key)) is None:
            builder = made[key] = real(rule, append_unknown)
        return builder

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Rule, "_compile_builder", compile_builder)
        yield


@pytest.fixture(params=_backends())
def database_url(request, tmp_path) -> Iterator[str]:
    """An empty database: a SQLite file, or a fresh schema on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'guard.db'}"
        return
    from sqlalchemy import create_engine, text

    assert POSTGRES_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    # Named for its schema, so the check below ends only this test's sessions, never those of a
    # test running beside it in another worker (`make test-fast`).
    yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}&application_name={schema}"
    with admin.begin() as connection:
        # A session the test left open would hold its locks and hang the DROP for ever:
        # end it, and fail the test that leaked it.
        leaked = connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND application_name = :schema AND state LIKE 'idle in transaction%'"
            ),
            {"schema": schema},
        ).all()
        connection.execute(text("SET LOCAL lock_timeout = '60s'"))
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()
    assert not leaked, f"{len(leaked)} database session(s) left open in a transaction"


@pytest.fixture(scope="session")
def example_settings() -> Settings:
    """The example file's settings, read once: settings are frozen, all the way down."""
    return load_settings(EXAMPLE_CONFIG, environ={})


@pytest.fixture
def settings(example_settings, database_url) -> Settings:
    return replace(example_settings, database=DatabaseSettings(url=database_url))


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """One SQLite file migrated to head per run: each test copies it instead of migrating again."""
    from guard.store import db as store_db

    path = tmp_path_factory.mktemp("template") / "guard.db"
    store_db.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def engine(settings, migrated_sqlite) -> Iterator[Engine]:
    from guard.store import db as store_db

    url = settings.database.url
    if url.startswith("sqlite:///"):
        shutil.copyfile(migrated_sqlite, url.removeprefix("sqlite:///"))
    else:
        store_db.upgrade(url)
    engine = store_db.make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def app(settings, engine):
    """The app with CSRF off: the CSRF tests turn it back on."""
    from guard.web import create_app

    app = create_app(settings, engine=engine)
    app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def guard_env(monkeypatch, settings, engine) -> None:
    """The environment a user's shell would give the `guard` command."""
    for name in list(os.environ):
        if name.startswith("GUARD_") and name != "GUARD_TEST_DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("GUARD_CONFIG", str(EXAMPLE_CONFIG))
    monkeypatch.setenv("GUARD_DATABASE_URL", settings.database.url)


@pytest.fixture
def run_guard(guard_env):
    """Run `guard ARGS…` in-process as a user would; returns exit code, stdout and stderr."""
    import click.testing

    from guard.cli import main

    def run(*args: str, input: str | None = None) -> Outcome:
        runner = click.testing.CliRunner()
        with runner.isolation(input=input) as (out, err, _):
            try:
                main(list(args))
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        return Outcome(code, out.getvalue().decode(), err.getvalue().decode())

    return run


@pytest.fixture
def by_election_now(engine, settings) -> int:
    """A by-election ten days ahead (its period is on now) and the fictional register; its id."""
    import datetime as dt

    from sqlmodel import Session

    from guard.domain.calendar.elections import Election, ElectionKind
    from guard.services.calendar.elections import add_election, list_elections
    from guard.services.register import import_csv

    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session:
        poll = (now + dt.timedelta(days=10)).date()
        add_election(session, settings, Election("By-election", ElectionKind.LOCAL, poll), now=now)
        import_csv(session, settings, (FIXTURES / "councillors.csv").read_text(), now=now)
        session.commit()
        [election] = list_elections(session)
    assert election.id is not None
    return election.id


@pytest.fixture
def guard_with_register(run_guard):
    """`guard` with the council's register imported (the fixtures' councillors.csv)."""
    assert run_guard("councillors", "import", str(FIXTURES / "councillors.csv")).exit_code == 0
    return run_guard


@pytest.fixture
def guard_with_election(guard_with_register):
    """`guard` with the register and the town council's elections on 6 May 2027."""
    args = ["--title", "Town council elections", "--kind", "local", "--poll-date", "2027-05-06"]
    added = guard_with_register("elections", "add", *args)
    assert added.exit_code == 0, added.stderr
    return guard_with_register


@pytest.fixture
def fake_x():
    """The X API stand-in on 127.0.0.1."""
    from tests.fakes.platforms import FakeX

    with FakeX() as server:
        yield server


@pytest.fixture
def fake_graph():
    """The Graph API stand-in on 127.0.0.1."""
    from tests.fakes.platforms import FakeGraph

    with FakeGraph() as server:
        yield server
