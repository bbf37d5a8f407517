"""Editing a post that has not gone out: the guard runs again and any approval is void."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlmodel import Session

from guard.domain.guard.verdict import Outcome
from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import Platform
from guard.services import InputError, found
from guard.services.posts.approvals import EDITED, void_all
from guard.services.posts.judge import (
    content_hash,
    explain,
    guard_context,
    judge,
    post_drafts,
    record_verdict,
)
from guard.services.posts.write import Fields, Refused, ScheduledPost, checked
from guard.services.record import audit
from guard.settings import Settings
from guard.store import posts as store
from guard.store.models import DeliveryRow

S = DeliveryStatus
EDITABLE = {S.DRAFT, S.SCHEDULED, S.HELD, S.BLOCKED, S.FAILED, S.MISSED}


def edit_post(
    session: Session,
    settings: Settings,
    post_id: int,
    *,
    text: str,
    at: dt.datetime,
    platforms: Sequence[Platform],
    user: str,
    now: dt.datetime,
    link: str | None = None,
    media: Sequence[dict] | None = None,
    platform_texts: Mapping[str, str] | None = None,
    draft: bool = False,
) -> ScheduledPost:
    """Change a post's text, link, images, time or accounts. Blocked: refused, nothing changed
    (unless it is kept as a draft: judged, stored, not sent). ``media`` None keeps the images.

    The approval of a held post is bound to its content hash, so an edit voids it.
    """
    post = found(store.get_post(session, post_id), f"post with id {post_id}")
    fields = Fields(text, platforms, at, link, platform_texts, media)
    names, texts, images = checked(
        session, settings, fields, now=now, draft=draft, kept_media=post.media
    )
    deliveries = {d.platform: d for d in store.deliveries_of(session, post_id)}
    for platform in platforms:
        existing = deliveries.get(platform.value)
        if existing is not None and S(existing.status) not in EDITABLE:
            raise InputError(
                f"the {platform.value} delivery is {existing.status}; it can no longer be edited"
            )
    post.text, post.link, post.at = text, link or None, at
    post.media, post.platform_texts = list(images), texts
    post.content_hash = content_hash(text, post.link, post.media, texts)
    post.updated_at = now
    context = guard_context(session, settings)
    drafts = post_drafts(session, post, names, now=now)
    judged = judge(drafts, context, at=at)
    outcome, verdicts = judged.outcome, judged.verdicts
    if outcome is Outcome.BLOCK and not draft:
        lines = sorted({line for v in verdicts for line in explain(v) if line.startswith("block")})
        raise Refused("the guard blocks this post: " + "; ".join(lines), verdicts)
    session.add(post)
    # Any edit voids the approvals given before it: a new decision is needed for the new post.
    voided = void_all(session, post_id, reason=EDITED, actor=user, now=now)
    wanted = S.DRAFT if draft else S.HELD if outcome is Outcome.FLAG else S.SCHEDULED
    occasion = "draft" if draft else "edit"
    for platform, verdict in zip(platforms, verdicts, strict=True):
        record_verdict(
            session, post, verdict, occasion=occasion, platform=platform.value, for_time=at, now=now
        )
        delivery = deliveries.get(platform.value)
        if delivery is None:
            session.add(
                DeliveryRow(
                    post_id=post_id,
                    platform=platform.value,
                    status=wanted.value,
                    next_attempt_at=at,
                    updated_at=now,
                )
            )
            continue
        _move_to(session, delivery, wanted, now=now)
        delivery.next_attempt_at = at
        delivery.attempts = 0
        session.add(delivery)
    dropped = [
        p
        for p, d in deliveries.items()
        if p not in {x.value for x in platforms} and S(d.status) in EDITABLE
    ]
    for name in dropped:
        store.move(session, deliveries[name], S.CANCELLED, now=now)
    summary = {
        "verdict": outcome.value,
        "at": at.isoformat(),
        "platforms": [p.value for p in platforms],
        "dropped": dropped,
        "content_hash": post.content_hash,
        "draft": draft,
        "approvals_voided": voided,
    }
    audit.record(session, "post.edit", "post", post_id, actor=user, now=now, summary=summary)
    session.flush()
    return ScheduledPost(post_id, outcome, {p.value: wanted.value for p in platforms}, verdicts)


def _move_to(
    session: Session, delivery: DeliveryRow, wanted: DeliveryStatus, *, now: dt.datetime
) -> None:
    current = S(delivery.status)
    if current is wanted:
        return
    if current in (S.FAILED, S.MISSED) and wanted is not S.SCHEDULED:
        store.move(session, delivery, S.SCHEDULED, now=now)  # the table's way to held or draft
    store.move(session, delivery, wanted, now=now)
