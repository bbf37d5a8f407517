"""Lateness and throughput: 1,000 deliveries due within one minute, stand-ins with 50 ms latency.

Runs the real scheduler (APScheduler and the dispatch service) against a temporary SQLite
database and the X stand-in, and prints p50 and p99 of (sent time - due time) and the rate.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sqlmodel import Session, select

from guard.publishers import Platform
from guard.publishers.x import XPublisher
from guard.scheduler import build_scheduler
from guard.services.sending.dispatch import Sender
from guard.settings import SchedulerSettings, XSettings, load_settings
from guard.store.db import make_engine, upgrade
from guard.store.models import DeliveryRow, PostRow
from tests.fakes.platforms import FakeX
from tests.sending import add_post_row

ROOT = Path(__file__).resolve().parents[2]
COUNT = 1000
WINDOW = 60.0
LATENCY = 0.05


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, FakeX(latency=LATENCY) as x:
        url = f"sqlite:///{folder}/bench.db"
        upgrade(url)
        engine = make_engine(url)
        settings = load_settings(ROOT / "config.example.toml", environ={})
        settings = replace(
            settings,
            x=XSettings(api_base_url=x.url, timeout_seconds=10),
            scheduler=replace(SchedulerSettings(), poll_seconds=5, missed_after_minutes=10),
        )
        start = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
        with Session(engine) as session:
            for n in range(COUNT):
                add_post_row(
                    session, f"Notice {n}", start + dt.timedelta(seconds=WINDOW * n / COUNT)
                )
            session.commit()
        sender = Sender(
            engine,
            settings,
            {Platform.X: XPublisher(settings.x)},
            lambda: dt.datetime.now(dt.UTC),
            "bench",
        )
        scheduler = build_scheduler(sender, blocking=False)
        scheduler.start()
        began = time.monotonic()
        deadline = began + WINDOW + 120
        while len(x.posts) < COUNT and time.monotonic() < deadline:
            time.sleep(0.5)
        scheduler.shutdown(wait=True)
        with Session(engine) as session:
            rows = session.exec(
                select(DeliveryRow, PostRow).where(DeliveryRow.post_id == PostRow.id)
            ).all()
        late = sorted((d.sent_at - p.at).total_seconds() for d, p in rows if d.sent_at)
        engine.dispose()
    sent = len(late)
    span = WINDOW + max(late, default=0)
    print(f"deliveries sent: {sent} of {COUNT} (platform latency {LATENCY * 1000:.0f} ms)")
    if late:
        p99 = late[min(len(late) - 1, int(0.99 * len(late)))]
        print(
            f"lateness p50: {statistics.median(late):.3f} s   p99: {p99:.3f} s   "
            f"max: {late[-1]:.3f} s"
        )
        print(
            f"throughput: {sent / span:.1f} deliveries/s over {span:.1f} s "
            f"(target: p99 under {2 + LATENCY:.2f} s)"
        )


if __name__ == "__main__":
    main()
