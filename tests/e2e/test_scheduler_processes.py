"""The real `guard scheduler` process: killed mid-send, and two of them racing on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlmodel import Session, select

from guard.store.models import DeliveryRow
from tests.conftest import EXAMPLE_CONFIG, ROOT
from tests.fakes.platforms import FakeX, Scripted, x_error
from tests.sending import add_post_row, schedule, statuses

GUARD = [sys.executable, "-c", "from guard.cli import main; main()"]


def guard_env(database_url: str, x_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUARD_")}
    env |= {
        "GUARD_CONFIG": str(EXAMPLE_CONFIG),
        "GUARD_DATABASE_URL": database_url,
        "GUARD_PUBLISHING_MODE": "live",
        "GUARD_X_API_BASE_URL": x_url,
        "GUARD_X_CONSUMER_KEY": "ck",
        "GUARD_X_CONSUMER_SECRET": "cs",
        "GUARD_X_ACCESS_TOKEN": "at",
        "GUARD_X_ACCESS_TOKEN_SECRET": "ats",
        "GUARD_SCHEDULER_POLL_SECONDS": "1",
        "GUARD_SCHEDULER_LEASE_SECONDS": "1",
    }
    return env | extra


def wait_for(condition, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


@pytest.mark.parametrize("can_read", [True, False], ids=["reconciled", "unconfirmed"])
def test_sigkill_between_the_platform_call_and_the_record(engine, settings, can_read):
    now = dt.datetime.now(dt.UTC)
    with FakeX() as x:
        post_id = schedule(engine, settings, "Gritting tonight on all main roads.", now, now)
        # The platform accepts the post and is slow to answer: the scheduler is killed then.
        x.fail_next(Scripted(201, {}, accept=True, delay=30))
        env = guard_env(settings.database.url, x.url, GUARD_X_TIMEOUT_SECONDS="60")
        process = subprocess.Popen(
            [*GUARD, "scheduler"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(lambda: len(x.posts) == 1)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(10)
        assert statuses(engine, post_id) == {"x": "sending"}
        if not can_read:
            x.fail_next(x_error(403, "Your API tier does not allow this endpoint"))
        time.sleep(1.2)  # past the lease
        result = subprocess.run(
            [*GUARD, "scheduler", "--once"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert len(x.posts) == 1
        assert len([r for r in x.received if r.method == "POST"]) == 1
        assert statuses(engine, post_id) == {"x": "sent" if can_read else "unconfirmed"}


@pytest.mark.postgres
def test_two_schedulers_send_each_of_500_deliveries_exactly_once(engine, settings):
    if not settings.database.url.startswith("postgresql"):
        pytest.skip("runs against PostgreSQL (GUARD_TEST_DATABASE_URL), as in CI")
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session:
        for n in range(500):
            add_post_row(session, f"Notice number {n}", now)
        session.commit()
    with FakeX() as x:
        env = guard_env(settings.database.url, x.url, GUARD_SCHEDULER_LEASE_SECONDS="300")
        runs = [
            subprocess.Popen(
                [*GUARD, "scheduler", "--once"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [r.communicate(timeout=300) for r in runs]
    assert all(r.returncode == 0 for r in runs), outputs
    texts = [p["text"] for p in x.posts]
    assert len(texts) == 500 and len(set(texts)) == 500
    handled = [int(out.split()[1]) for out, _ in outputs]
    assert sum(handled) == 500
    with Session(engine) as session:
        rows = list(session.exec(select(DeliveryRow)))
        assert {r.status for r in rows} == {"sent"}
        assert all(r.attempts == 1 for r in rows)
