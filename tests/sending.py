"""Helpers for the sending tests: a settable clock, a sender wired to the stand-ins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from sqlmodel import Session

from guard.domain.calendar.elections import Election, ElectionKind
from guard.publishers import Platform
from guard.publishers.facebook import FacebookPublisher
from guard.publishers.x import XPublisher
from guard.services.calendar import elections as calendar
from guard.services.posts import write as posts
from guard.services.register import import_csv
from guard.services.sending.dispatch import Sender
from guard.settings import FacebookSettings, SchedulerSettings, Settings, XSettings
from guard.store.models import DeliveryRow, PostRow
from tests.conftest import FIXTURES
from tests.fakes.platforms import FakeGraph, FakeX

QUIET_MONDAY = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)  # outside any period


class FakeClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


def live_settings(settings: Settings, x_url: str, graph_url: str, **scheduler: int) -> Settings:
    return replace(
        settings,
        x=XSettings(
            api_base_url=x_url,
            consumer_key="ck",
            consumer_secret="cs",
            access_token="at",
            access_token_secret="ats",
            timeout_seconds=1,
        ),
        facebook=FacebookSettings(
            graph_url=graph_url,
            page_id=FakeGraph.page_id,
            page_access_token="tok",
            timeout_seconds=1,
        ),
        scheduler=replace(SchedulerSettings(), **scheduler),
    )


def make_sender(engine, settings: Settings, clock: FakeClock) -> Sender:
    publishers = {
        Platform.X: XPublisher(settings.x),
        Platform.FACEBOOK: FacebookPublisher(settings.facebook),
    }
    return Sender(engine, settings, publishers, clock, "test-worker")


def load_register(engine, settings: Settings, now: dt.datetime) -> None:
    with Session(engine) as session:
        import_csv(session, settings, (FIXTURES / "councillors.csv").read_text(), now=now)
        session.commit()


@dataclass(frozen=True)
class World:
    """What a sending test works in: settings aimed at the stand-ins, a clock, a sender."""

    settings: Settings
    clock: FakeClock
    sender: Sender
    x: FakeX
    graph: FakeGraph


@contextmanager
def sending_world(
    engine, settings: Settings, now: dt.datetime, **scheduler: int
) -> Iterator[World]:
    """The X and Graph stand-ins running, the council's register loaded, the clock at `now`."""
    with FakeX() as x, FakeGraph() as graph:
        live = live_settings(settings, x.url, graph.url, **scheduler)
        clock = FakeClock(now)
        load_register(engine, live, now)
        yield World(live, clock, make_sender(engine, live, clock), x, graph)


def add_election(engine, settings: Settings, poll: dt.date, now: dt.datetime, **kw) -> int:
    with Session(engine) as session:
        election = calendar.add_election(
            session,
            settings,
            Election("Town council elections", ElectionKind.LOCAL, poll, **kw),
            now=now,
        )
        session.commit()
    assert election.id is not None
    return election.id


def schedule(
    engine,
    settings: Settings,
    text: str,
    at: dt.datetime,
    now: dt.datetime,
    to=(Platform.X,),
    **extra: object,
) -> int:
    """Schedule through the service; ``extra``: its other arguments (link, media)."""
    with Session(engine) as session:
        result = posts.schedule_post(
            session,
            settings,
            text=text,
            at=at,
            platforms=list(to),
            author="clerk@example.org",
            now=now,
            **extra,  # type: ignore[arg-type]
        )
        session.commit()
    return result.post_id


def statuses(engine, post_id: int) -> dict[str, str]:
    with Session(engine) as session:
        return {d.platform: d.status for d in posts.store.deliveries_of(session, post_id)}


def add_post_row(
    session: Session, text: str, at: dt.datetime, *, status: str = "scheduled", **delivery: object
) -> int:
    """A post and its X delivery written straight to the store, for bulk and archive tests."""
    post = PostRow(
        text=text,
        at=at,
        author="clerk@example.org",
        content_hash=text,
        created_at=at,
        updated_at=at,
    )
    session.add(post)
    session.flush()
    session.add(
        DeliveryRow(
            post_id=post.id,
            platform="x",
            status=status,
            next_attempt_at=at,
            updated_at=at,
            **delivery,
        )
    )
    assert post.id is not None
    return post.id
