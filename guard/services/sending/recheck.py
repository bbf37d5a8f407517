"""Re-check future posts when the calendar or the register changes; tell the clerk of any post
whose verdict got worse.

Only the posts a change can affect are judged again (a moved period: the posts due in it),
in batches, each loading its related rows in one query per kind, and nothing is written for
a post whose verdict stands.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from guard.domain.calendar.council_time import in_words
from guard.domain.guard.verdict import GuardContext, Outcome, Verdict, finding_to_dict
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
from guard.services.sending.recheck_scope import (
    BASIS,
    FINGERPRINT,
    Scope,
    affected,
    fingerprint,
    store_basis,
    stored_value,
)
from guard.settings import Settings
from guard.store import posts as store
from guard.store.db import session_scope
from guard.store.models import DeliveryRow, PostRow, VerdictRow

S = DeliveryStatus
WAITING = (S.SCHEDULED, S.HELD, S.BLOCKED)
BATCH = 200
WORDS = {Outcome.ALLOW: "allowed", Outcome.FLAG: "held for review", Outcome.BLOCK: "blocked"}


def recheck_in_batches(engine: Engine, settings: Settings, *, now: dt.datetime) -> list[int]:
    """What the scheduler runs: the posts the change can affect, a batch per transaction.

    It takes no lock the sender waits for: a delivery claimed meanwhile is skipped (its
    version moved on) and judged again at send time anyway.
    """
    with session_scope(engine) as session:
        context = guard_context(session, settings)
        current, stored = fingerprint(context), stored_value(session, FINGERPRINT, now=now)
        if stored == current:
            return []
        scope = affected(context, stored_value(session, BASIS, now=now))
    worse: list[int] = []
    after: int | None = 0
    while after is not None:
        with session_scope(engine) as session:
            found, after = _recheck_batch(session, settings, context, scope, after, now=now)
            worse += found
    with session_scope(engine) as session:
        store_basis(session, context, current, stored, now=now)
    return worse


def recheck_if_changed(session: Session, settings: Settings, *, now: dt.datetime) -> list[int]:
    """As recheck_in_batches, in the caller's one transaction (for `guard scheduler --once`)."""
    context = guard_context(session, settings)
    current, stored = fingerprint(context), stored_value(session, FINGERPRINT, now=now)
    if stored == current:
        return []
    worse = _recheck_scope(
        session,
        settings,
        context,
        affected(context, stored_value(session, BASIS, now=now)),
        now=now,
    )
    store_basis(session, context, current, stored, now=now)
    return worse


def recheck_all(session: Session, settings: Settings, *, now: dt.datetime) -> list[int]:
    """Every future post, whatever changed."""
    return _recheck_scope(session, settings, guard_context(session, settings), None, now=now)


def _recheck_scope(
    session: Session, settings: Settings, context: GuardContext, scope: Scope, *, now: dt.datetime
) -> list[int]:
    worse: list[int] = []
    after: int | None = 0
    while after is not None:
        found, after = _recheck_batch(session, settings, context, scope, after, now=now)
        worse += found
    return worse


def _recheck_batch(
    session: Session,
    settings: Settings,
    context: GuardContext,
    scope: Scope,
    after: int,
    *,
    now: dt.datetime,
) -> tuple[list[int], int | None]:
    """Re-check the next batch of waiting posts after id ``after``; (worse ids, next after)."""
    if scope == []:
        return [], None
    posts = store.waiting_posts(session, after=after, within=scope, limit=BATCH)
    ids = [p.id for p in posts if p.id is not None]
    deliveries = store.deliveries_of_posts(session, ids)
    latest = _latest_verdicts(session, ids)
    worse = []
    for post in posts:
        try:
            with session.begin_nested():
                waiting = [d for d in deliveries.get(post.id or 0, []) if S(d.status) in WAITING]
                previous = [latest.get((post.id or 0, d.platform)) for d in waiting]
                if waiting and _recheck_post(
                    session, settings, context, post, waiting, previous, now=now
                ):
                    worse.append(post.id or 0)
        except StaleDataError:
            continue  # claimed or changed by another process meanwhile: it is checked then
    return worse, (ids[-1] if len(posts) == BATCH else None)


def _recheck_post(
    session: Session,
    settings: Settings,
    context: GuardContext,
    post: PostRow,
    waiting: list[DeliveryRow],
    previous: list[VerdictRow | None],
    *,
    now: dt.datetime,
) -> bool:
    """Re-check one post's waiting deliveries; True if its verdict got worse.

    ``previous`` holds each delivery's latest verdict. Nothing is written when the verdicts
    and the statuses are as they were.
    """
    assert post.id is not None
    before = max(
        (Outcome(p.verdict) for p in previous if p is not None),
        key=RANK.__getitem__,
        default=Outcome.ALLOW,
    )
    drafts = post_drafts(session, post, [d.platform for d in waiting], now=now)
    judged = judge(drafts, context, at=post.at)
    outcome, verdicts = judged.outcome, judged.verdicts
    key = period_key(context.periods, post.at)
    # A stale approval is voided (with its audit record) whatever the verdict is now.
    approved = void_stale(session, post, key, actor="scheduler", now=now) is not None
    wanted = [_status_for(v.outcome, approved) for v in verdicts]
    unchanged = all(
        p is not None and v.outcome.value == p.verdict and _findings(v) == p.findings
        for v, p in zip(verdicts, previous, strict=True)
    )
    if unchanged and all(w.value == d.status for w, d in zip(wanted, waiting, strict=True)):
        return False
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
        status = _status_for(verdict.outcome, approved)
        if status.value != delivery.status:
            store.move(
                session, delivery, status, now=now, error="; ".join(explain(verdict)) or None
            )
    if RANK[outcome] > RANK[before]:
        reasons = "; ".join(sorted({line for v in verdicts for line in explain(v)}))
        summary = {
            "from": before.value,
            "to": outcome.value,
            "statuses": {d.platform: d.status for d in waiting},
        }
        audit.record(
            session, "post.worse", "post", post.id, actor="scheduler", now=now, summary=summary
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


def _findings(verdict: Verdict) -> list[dict]:
    """The findings as stored (through JSON, so tuples compare equal to lists)."""
    return json.loads(json.dumps([finding_to_dict(f) for f in verdict.findings], default=str))


def _latest_verdicts(session: Session, post_ids: list[int]) -> dict[tuple[int, str], VerdictRow]:
    """Each post's latest verdict on each account, in one query."""
    if not post_ids:
        return {}
    newest = (
        select(func.max(VerdictRow.id))
        .where(col(VerdictRow.post_id).in_(post_ids))
        .group_by(col(VerdictRow.post_id), col(VerdictRow.platform))
    )
    rows = session.exec(select(VerdictRow).where(col(VerdictRow.id).in_(newest)))
    return {(row.post_id, row.platform or ""): row for row in rows}


def _status_for(outcome: Outcome, approved: bool) -> DeliveryStatus:
    if outcome is Outcome.BLOCK:
        return S.BLOCKED
    if outcome is Outcome.FLAG and not approved:
        return S.HELD
    return S.SCHEDULED
