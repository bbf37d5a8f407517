"""Re-check every future post when the calendar or the register changes; tell the clerk of any
post whose verdict got worse."""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col

from guard.domain.calendar.council_time import in_words
from guard.domain.guard.verdict import GuardContext, Outcome
from guard.domain.sending.delivery import DeliveryStatus
from guard.services.posts.approvals import void_stale
from guard.services.posts.judge import (
    RANK,
    explain,
    guard_context,
    judge,
    period_key,
    post_drafts,
    record_verdict,
)
from guard.services.record import audit
from guard.services.sending import notices
from guard.settings import Settings
from guard.store import posts as store
from guard.store.models import PostRow, StateRow

S = DeliveryStatus
WAITING = (S.SCHEDULED, S.HELD, S.BLOCKED)
FINGERPRINT = "recheck.fingerprint"
WORDS = {Outcome.ALLOW: "allowed", Outcome.FLAG: "held for review", Outcome.BLOCK: "blocked"}


def fingerprint(context: GuardContext) -> str:
    periods = sorted(
        f"{p.election.id}|{p.start}|{p.end}|{sorted(p.election.wards)}" for p in context.periods
    )
    text = context.register.version + "\n" + "\n".join(periods)
    return hashlib.sha256(text.encode()).hexdigest()


def recheck_if_changed(session: Session, settings: Settings, *, now: dt.datetime) -> list[int]:
    """Re-check future posts if the calendar or register changed since last time.

    Several schedulers may run this at once: the one whose conditional UPDATE of the stored
    fingerprint succeeds does the work. Returns the ids of posts whose verdict got worse.
    """
    context = guard_context(session, settings)
    current = fingerprint(context)
    previous = _stored_fingerprint(session, now=now)
    if previous == current:
        return []
    won = session.execute(
        update(StateRow)
        .where(col(StateRow.name) == FINGERPRINT, col(StateRow.value) == previous)
        .values(value=current, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if won.rowcount != 1:  # type: ignore[attr-defined]
        return []  # another scheduler is re-checking this change
    return recheck_all(session, settings, now=now)


def _stored_fingerprint(session: Session, *, now: dt.datetime) -> str:
    state = session.get(StateRow, FINGERPRINT)
    if state is not None:
        return state.value
    try:
        with session.begin_nested():
            session.add(StateRow(name=FINGERPRINT, value="", updated_at=now))
    except IntegrityError:
        pass  # another process made it first
    return ""


def recheck_all(session: Session, settings: Settings, *, now: dt.datetime) -> list[int]:
    context = guard_context(session, settings)
    worse: list[int] = []
    for post in store.future_posts(session, now=now):
        try:
            with session.begin_nested():
                if _recheck_post(session, settings, context, post, now=now):
                    worse.append(post.id)  # type: ignore[arg-type]
        except StaleDataError:
            continue  # claimed or changed by another process meanwhile: it is checked then
    return worse


def _recheck_post(
    session: Session, settings: Settings, context: GuardContext, post: PostRow, *, now: dt.datetime
) -> bool:
    """Re-check one post's waiting deliveries; True if its verdict got worse."""
    assert post.id is not None
    previous = store.latest_verdict(session, post.id)
    before = Outcome(previous.verdict) if previous else Outcome.ALLOW
    waiting = [d for d in store.deliveries_of(session, post.id) if S(d.status) in WAITING]
    drafts = post_drafts(session, post, [d.platform for d in waiting], now=now)
    judged = judge(drafts, context, at=post.at)
    outcome, verdicts = judged.outcome, judged.verdicts
    key = period_key(context.periods, post.at)
    approved = void_stale(session, post, key, actor="scheduler", now=now) is not None
    for delivery, verdict in zip(waiting, verdicts, strict=True):
        record_verdict(
            session,
            post,
            verdict,
            occasion="recheck",
            platform=delivery.platform,
            for_time=post.at,
            now=now,
        )
        wanted = _status_for(verdict.outcome, approved)
        if wanted.value != delivery.status:
            store.move(
                session, delivery, wanted, now=now, error="; ".join(explain(verdict)) or None
            )
    if RANK[outcome] > RANK[before]:
        reasons = "; ".join(sorted({line for v in verdicts for line in explain(v)}))
        audit.record(
            session,
            actor="scheduler",
            action="post.worse",
            subject_type="post",
            subject_id=post.id,
            summary={
                "from": before.value,
                "to": outcome.value,
                "statuses": {d.platform: d.status for d in waiting},
            },
            now=now,
        )
        due = in_words(post.at, settings.council.zone)
        notices.add(
            session,
            "worse",
            post,
            f"Post {post.id} (due {due}) is now {WORDS[outcome]} after a change to the "
            f"calendar or the register: {reasons}",
            now=now,
        )
        return True
    return False


def _status_for(outcome: Outcome, approved: bool) -> DeliveryStatus:
    if outcome is Outcome.BLOCK:
        return S.BLOCKED
    if outcome is Outcome.FLAG and not approved:
        return S.HELD
    return S.SCHEDULED
