"""Re-checks judge only the posts a change can affect, write only what changed, and never
hold the lock the sender waits for."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlmodel import Session, func, select

from guard.scheduler import Clock
from guard.services.sending import recheck
from guard.store.models import VerdictRow
from tests.sending import FakeClock, add_election, load_register, make_sender, schedule, statuses

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)
IN_MAY_PERIOD = dt.datetime(2027, 4, 20, 10, tzinfo=dt.UTC)
AFTER_IT = dt.datetime(2027, 6, 20, 10, tzinfo=dt.UTC)


@pytest.fixture
def judged(monkeypatch):
    """The posts the re-check judges, by text."""
    seen: list[str] = []
    real = recheck.judge

    def counting(drafts, context, *, at):
        seen.extend(d.text for d in drafts)
        return real(drafts, context, at=at)

    monkeypatch.setattr(recheck, "judge", counting)
    return seen


def verdict_rows(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(VerdictRow)).one()


def test_a_new_period_rechecks_only_the_posts_due_in_it(engine, settings, judged):
    load_register(engine, settings, NOW)
    inside = schedule(engine, settings, "Thanks to Rajesh Patel for the fete.", IN_MAY_PERIOD, NOW)
    outside = schedule(engine, settings, "Thanks to Rajesh Patel again.", AFTER_IT, NOW)
    plain = [schedule(engine, settings, f"Bins on day {n}.", AFTER_IT, NOW) for n in range(3)]
    assert recheck.recheck_in_batches(engine, settings, now=NOW) == []  # the first: all posts
    judged.clear()
    rows = verdict_rows(engine)
    add_election(engine, settings, dt.date(2027, 5, 6), NOW)
    assert recheck.recheck_in_batches(engine, settings, now=NOW) == [inside]
    assert judged == ["Thanks to Rajesh Patel for the fete."]
    assert statuses(engine, inside) == {"x": "held"} and statuses(engine, outside) == {
        "x": "scheduled"
    }
    assert verdict_rows(engine) == rows + 1
    judged.clear()
    assert recheck.recheck_in_batches(engine, settings, now=NOW) == []  # nothing changed
    assert judged == [] and all(statuses(engine, p) == {"x": "scheduled"} for p in plain)


def test_a_register_change_rechecks_every_post_but_writes_only_changes(engine, settings, judged):
    posts = [schedule(engine, settings, f"Bins on day {n}.", AFTER_IT, NOW) for n in range(5)]
    recheck.recheck_in_batches(engine, settings, now=NOW)
    rows = verdict_rows(engine)
    judged.clear()
    load_register(engine, settings, NOW)
    assert recheck.recheck_in_batches(engine, settings, now=NOW) == []
    assert len(judged) == len(posts) and verdict_rows(engine) == rows


def test_many_posts_are_rechecked_in_batches(engine, settings, monkeypatch, judged):
    monkeypatch.setattr(recheck, "BATCH", 3)
    posts = [schedule(engine, settings, f"Notice {n}.", IN_MAY_PERIOD, NOW) for n in range(8)]
    recheck.recheck_in_batches(engine, settings, now=NOW)
    assert sorted(judged) == sorted(f"Notice {n}." for n in range(len(posts)))


def test_the_recheck_does_not_wait_for_the_send_lock(engine, settings):
    clock = Clock(make_sender(engine, settings, FakeClock(NOW)), scheduler=None)  # type: ignore[arg-type]
    finished = threading.Event()
    with clock.lock:  # as if a send were in progress
        worker = threading.Thread(target=lambda: (clock.recheck(), finished.set()))
        worker.start()
        assert finished.wait(timeout=60)
    worker.join()
