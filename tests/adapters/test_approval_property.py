"""Property: over any sequence of edit, approve, calendar change, register change, re-check and
dispatch, a post the guard holds reaches the platform stand-in only with a live approval of
exactly what it received, for the periods in force when it was sent."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlmodel import Session, SQLModel, col, select

from guard.domain.calendar.elections import Election, ElectionKind
from guard.domain.guard.register import Councillor
from guard.domain.guard.verdict import Outcome
from guard.publishers import Platform
from guard.services import InputError
from guard.services import register as register_service
from guard.services.calendar import elections as calendar
from guard.services.posts import edit as edits
from guard.services.posts import write as posts
from guard.services.posts.judge import (
    content_hash,
    guard_context,
    judge,
    period_key,
    post_drafts,
)
from guard.services.sending import dispatch, recheck
from guard.settings import DatabaseSettings, load_settings
from guard.store.db import make_engine
from guard.store.models import ApprovalRow, DeliveryRow, PostRow
from tests.conftest import EXAMPLE_CONFIG
from tests.fakes.platforms import FakeGraph, FakeX
from tests.sending import FakeClock, live_settings, load_register, make_sender

START = dt.datetime(2027, 4, 1, 8, 0, tzinfo=dt.UTC)
TEXTS = (
    "Thanks to Rajesh Patel for opening the fete.",  # flagged while Patel is registered
    "Thanks again to Raj Patel for the fete.",
    "Ann Baker spoke at the meeting about the park.",
    "Road closure on Market Street this weekend.",  # allowed
)
PATEL = Councillor("Rajesh Patel", "Heanor West", "Labour", aliases=("Raj Patel",))
STAND_INS: dict[str, object] = {}


class ApprovalMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        x, graph = STAND_INS["x"], STAND_INS["graph"]
        base = load_settings(EXAMPLE_CONFIG, environ={})
        self.folder = tempfile.TemporaryDirectory()
        url = f"sqlite:///{self.folder.name}/guard.db"
        base = replace(base, database=DatabaseSettings(url))
        self.live = live_settings(
            base,
            x.url,  # type: ignore[attr-defined]
            graph.url,  # type: ignore[attr-defined]
            missed_after_minutes=60,
            send_workers=1,
        )
        self.engine = make_engine(url)
        SQLModel.metadata.create_all(self.engine)
        self.clock = FakeClock(START)
        self.sender = make_sender(self.engine, self.live, self.clock)
        self.x = x
        self.seen = len(x.received)  # type: ignore[attr-defined]
        self.sent_ids: set[int] = set()  # X deliveries already checked
        load_register(self.engine, self.live, START)
        self.main = self._add(Election("Town council", ElectionKind.LOCAL, dt.date(2027, 5, 6)))
        self.extra: int | None = None
        self.posts: list[int] = []
        # The model: what each post's approvals cover, given since its last edit.
        self.approved: dict[int, set[tuple[str, str]]] = {}
        self.voided: set[int] = set()

    def teardown(self) -> None:
        self.engine.dispose()
        self.folder.cleanup()

    def _add(self, election: Election) -> int:
        with Session(self.engine) as s:
            made = calendar.add_election(s, self.live, election, now=self.clock.now)
            s.commit()
        assert made.id is not None
        return made.id

    def _try(self, action) -> bool:
        with Session(self.engine) as s:
            try:
                action(s)
            except (InputError, posts.Refused):
                s.rollback()
                return False
            s.commit()
            return True

    def _when(self, hours: int) -> dt.datetime:
        return self.clock.now + dt.timedelta(hours=hours)

    @rule(text=st.sampled_from(TEXTS), hours=st.integers(2, 24 * 40))
    def write(self, text: str, hours: int) -> None:
        def act(s: Session) -> None:
            made = posts.schedule_post(
                s,
                self.live,
                text=text,
                at=self._when(hours),
                platforms=[Platform.X],
                author="a@example.org",
                now=self.clock.now,
            )
            self.posts.append(made.post_id)

        self._try(act)

    @precondition(lambda self: self.posts)
    @rule(i=st.integers(0, 50), text=st.sampled_from(TEXTS), hours=st.integers(2, 24 * 40))
    def edit(self, i: int, text: str, hours: int) -> None:
        post_id = self.posts[i % len(self.posts)]
        edited = self._try(
            lambda s: edits.edit_post(
                s,
                self.live,
                post_id,
                text=text,
                at=self._when(hours),
                platforms=[Platform.X],
                user="a@example.org",
                now=self.clock.now,
            )
        )
        if edited:
            self.approved[post_id] = set()

    @precondition(lambda self: self.posts)
    @rule(i=st.integers(0, 50))
    def approve(self, i: int) -> None:
        post_id = self.posts[i % len(self.posts)]

        def act(s: Session) -> None:
            given = posts.approve_post(
                s, self.live, post_id, reason="factual", user="b@example.org", now=self.clock.now
            )
            self.approved.setdefault(post_id, set()).add((given.content_hash, given.period_key))

        self._try(act)

    @rule(notice=st.sampled_from([None, dt.date(2027, 4, 6), dt.date(2027, 4, 8)]))
    def publish_notice(self, notice: dt.date | None) -> None:
        self._try(
            lambda s: calendar.update_election(
                s, self.live, self.main, now=self.clock.now, notice_published=notice
            )
        )

    @rule()
    def toggle_by_election(self) -> None:
        if self.extra is None:
            by = Election("By-election", ElectionKind.LOCAL, dt.date(2027, 5, 20))
            self.extra = self._add(replace(by, wards=frozenset({"Heanor West"})))
            return
        extra, self.extra = self.extra, None
        self._try(lambda s: calendar.remove_election(s, extra, now=self.clock.now))

    @rule()
    def toggle_patel(self) -> None:
        def act(s: Session) -> None:
            found = [cid for cid, c in register_service.list_councillors(s) if c.name == PATEL.name]
            if found:
                register_service.remove_councillor(s, found[0], now=self.clock.now)
            else:
                register_service.save_councillor(s, self.live, PATEL, now=self.clock.now)

        self._try(act)

    @rule()
    def recheck(self) -> None:
        self._try(lambda s: recheck.recheck_all(s, self.live, now=self.clock.now))

    @precondition(lambda self: self.posts)
    @rule(i=st.integers(0, 50))
    def dispatch(self, i: int) -> None:
        with Session(self.engine) as s:
            post = s.get(PostRow, self.posts[i % len(self.posts)])
            assert post is not None
            due = post.at
        if due > self.clock.now:
            self.clock.now = due
        dispatch.dispatch_due(self.sender)
        self._check_what_was_sent()

    def _check_what_was_sent(self) -> None:
        received = self.x.received[self.seen :]  # type: ignore[attr-defined]
        self.seen += len(received)
        tweets = [r.body["text"] for r in received if r.path.endswith("/tweets")]
        with Session(self.engine) as s:
            # The posts sent now, by their deliveries (two posts may share a text).
            sent = s.exec(
                select(DeliveryRow, PostRow)
                .where(DeliveryRow.post_id == PostRow.id, DeliveryRow.platform == "x")
                .where(DeliveryRow.status == "sent", col(DeliveryRow.id).not_in(self.sent_ids))
            ).all()
            assert sorted(post.text for _, post in sent) == sorted(tweets)
            context = guard_context(s, self.live)
            key = period_key(context.periods, self.clock.now)
            for delivery, post in sent:
                self.sent_ids.add(delivery.id or 0)
                text = post.text
                drafts = post_drafts(s, post, ["x"], now=self.clock.now)
                outcome = judge(drafts, context, at=self.clock.now).outcome
                assert outcome is not Outcome.BLOCK
                if outcome is Outcome.FLAG:
                    live = s.exec(
                        select(ApprovalRow).where(
                            ApprovalRow.post_id == post.id,
                            col(ApprovalRow.voided_at).is_(None),
                            ApprovalRow.content_hash == content_hash(text, None, []),
                            ApprovalRow.period_key == key,
                        )
                    ).all()
                    assert live, f"held post {post.id} sent without a live approval"
                    given = self.approved.get(post.id or 0, set())
                    assert (content_hash(text, None, []), key) in given, "a voided approval used"

    @invariant()
    def live_approvals_match_the_current_content(self) -> None:
        with Session(self.engine) as s:
            rows = s.exec(
                select(ApprovalRow, PostRow)
                .where(ApprovalRow.post_id == PostRow.id)
                .where(col(ApprovalRow.voided_at).is_(None))
            ).all()
            for approval, post in rows:
                assert approval.content_hash == post.content_hash

    @invariant()
    def a_voided_approval_stays_void(self) -> None:
        with Session(self.engine) as s:
            voided = s.exec(select(ApprovalRow.id).where(col(ApprovalRow.voided_at).isnot(None)))
            now_voided = {i for i in voided if i is not None}
        assert self.voided <= now_voided
        self.voided = now_voided

    @invariant()
    def no_delivery_is_left_sending(self) -> None:
        with Session(self.engine) as s:
            stuck = s.exec(select(DeliveryRow).where(DeliveryRow.status == "sending")).all()
            assert not stuck


@pytest.fixture(scope="module")
def stand_ins():
    with FakeX() as x, FakeGraph() as graph:
        STAND_INS.update(x=x, graph=graph)
        yield
        STAND_INS.clear()


def test_a_held_post_reaches_the_platform_only_with_a_live_approval_of_what_was_sent(stand_ins):
    run_state_machine_as_test(
        ApprovalMachine,
        settings=settings(
            max_examples=15,  # each step is a real transaction; the suite has a 300 s limit
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
