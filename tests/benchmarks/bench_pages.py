"""Pages at 100 and at 10,000 posts (with 50,000 audit records), and the content-plan import.

Imports 100 posts for next month through `guard posts import`'s service into one database, and
into a copy of it 9,900 more for later months; times each main page signed in on both, in turn
(so that both see the same machine load): each page should stay within 1.5x of its 100-post
time. The import's rate is printed beside its bar, 1,000 a second.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session

from guard.services.posts.importing import import_plan
from guard.services.posts.plan import read_plan
from guard.services.record import audit
from guard.services.register import import_csv
from guard.services.users import add_user
from guard.settings import load_settings
from guard.store.db import make_engine, upgrade
from guard.web import create_app

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures"
AUDIT_RECORDS = 50_000
PAGE_BAR, IMPORT_BAR = 1.5, 1000.0
PASSWORD = "correct horse battery"


def plan(count: int, start: dt.datetime, *, days: int) -> bytes:
    lines = []
    for n in range(count):
        at = start + dt.timedelta(minutes=(days * 24 * 60 * n) // count)
        words = f"Bin collection update {n}: please put your bins out by 7am on the day."
        lines.append({"text": words, "at": at.isoformat(), "to": "x,facebook" if n % 2 else "x"})
    return "\n".join(json.dumps(line) for line in lines).encode()


def import_lines(engine, settings, content: bytes, now: dt.datetime) -> float:
    """Import a plan; returns posts a second (reading, judging and writing)."""
    began = time.perf_counter()
    with Session(engine) as session:
        zone = settings.council.zone
        lines, problems = read_plan("plan.jsonl", content, zone=zone, now=now)
        result = import_plan(session, settings, lines, problems, author="bench", now=now)
        assert not result.problems, result.problems[:3]
        session.commit()
    return len(lines) / (time.perf_counter() - began)


def fill_audit(engine, now: dt.datetime) -> None:
    with Session(engine) as session:
        for chunk in range(0, AUDIT_RECORDS, 5000):
            records = [
                {"action": "bench.note", "subject_type": "post", "subject_id": n % 500 + 1,
                 "summary": {"n": n}}
                for n in range(chunk, chunk + 5000)
            ]  # fmt: skip
            audit.record_many(session, records, actor="bench", now=now)
        session.commit()


def mark_some_sent(engine) -> None:
    """A third of the deliveries sent, for the archive."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE delivery SET status = 'sent', sent_at = next_attempt_at "
                "WHERE id % 3 = 0 AND status = 'scheduled'"
            )
        )


def signed_in(settings, engine):
    app = create_app(settings, engine=engine)
    app.config.update(WTF_CSRF_ENABLED=False)  # the bench signs in without a form
    client = app.test_client()
    client.post("/sign-in", data={"email": "clerk@example.org", "password": PASSWORD})
    return client


def time_pages(clients, pages: list[str], runs: int = 9) -> list[dict[str, float]]:
    """Each page's fastest of ``runs`` for each client, the clients taking turns run by run, so
    that both sizes see the same machine load (other processes come and go: times taken
    minutes apart would differ by more than the ratio being measured)."""
    timings: list[dict[str, float]] = [{} for _ in clients]
    for path in pages:
        for client in clients:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        samples: list[list[float]] = [[] for _ in clients]
        for _ in range(runs):
            for client, spent in zip(clients, samples, strict=True):
                began = time.perf_counter()
                client.get(path)
                spent.append(time.perf_counter() - began)
        for timing, spent in zip(timings, samples, strict=True):
            timing[path] = min(spent)
    return timings


def main() -> None:
    now = dt.datetime.now(dt.UTC)
    zone_settings = load_settings(ROOT / "config.example.toml", environ={})
    zone = zone_settings.council.zone
    today = now.astimezone(zone).date()
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    later = (next_month + dt.timedelta(days=32)).replace(day=1)
    with tempfile.TemporaryDirectory(prefix="guard-bench-") as folder:
        # Two databases that are the same up to the first 100 posts; the second then gets
        # 9,900 more for later months. The pages are timed on both side by side.
        small_path, large_path = Path(folder) / "small.db", Path(folder) / "large.db"
        small_url, large_url = f"sqlite:///{small_path}", f"sqlite:///{large_path}"
        settings = load_settings(
            ROOT / "config.example.toml", environ={"GUARD_DATABASE_URL": small_url}
        )
        upgrade(small_url)
        engine = make_engine(small_url)
        with Session(engine) as session:
            import_csv(session, settings, (FIXTURES / "councillors.csv").read_text(), now=now)
            add_user(session, email="clerk@example.org", role="clerk", password=PASSWORD,
                     actor="bench", now=now)  # fmt: skip
            session.commit()
        fill_audit(engine, now)
        first = dt.datetime.combine(next_month, dt.time(9), zone)
        import_lines(engine, settings, plan(100, first, days=25), now)
        mark_some_sent(engine)
        engine.dispose()
        shutil.copyfile(small_path, large_path)
        large_settings = replace(settings, database=replace(settings.database, url=large_url))
        large_engine = make_engine(large_url)
        rate = import_lines(
            large_engine,
            large_settings,
            plan(9900, dt.datetime.combine(later, dt.time(9), zone), days=300),
            now,
        )
        mark_some_sent(large_engine)
        engine = make_engine(small_url)
        month = next_month.strftime("%Y-%m")
        pages = ["/", f"/calendar?month={month}", f"/calendar?month={month}&view=list",
                 "/posts", "/posts?status=scheduled&platform=x", "/review", "/audit",
                 "/archive", "/archive?q=update", "/posts/50"]  # fmt: skip
        clients = [signed_in(settings, engine), signed_in(large_settings, large_engine)]
        small, large = time_pages(clients, pages)
        engine.dispose()
        large_engine.dispose()
    print(f"{AUDIT_RECORDS:,} audit records; pages timed signed in, fastest of 9, sizes in turn")
    print(f"  {'page':<40} {'100 posts':>10} {'10,000':>10}  ratio (bar {PAGE_BAR}x)")
    for path in pages:
        ratio = large[path] / small[path]
        verdict = "meets" if ratio <= PAGE_BAR else "MISSES"
        print(f"  {path:<40} {small[path] * 1000:8.1f}ms {large[path] * 1000:8.1f}ms  "
              f"{ratio:.2f}x {verdict}")  # fmt: skip
    verdict = "meets" if rate >= IMPORT_BAR else "MISSES"
    print(f"  posts import (9,900 posts, SQLite): {rate:,.0f} posts/s = "
          f"{rate / IMPORT_BAR:.2f}x the bar of {IMPORT_BAR:,.0f}/s ({verdict})")  # fmt: skip


if __name__ == "__main__":
    main()
