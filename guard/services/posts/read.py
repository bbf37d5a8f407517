"""Reading posts: lists, counts and one post's whole record, for the web app and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import exists, func
from sqlmodel import Session, col, select

from guard.domain.sending.delivery import DeliveryStatus
from guard.services import found
from guard.store import posts as store
from guard.store.models import ApprovalRow, DeliveryRow, PostRow


def post_to_dict(session: Session, post: PostRow) -> dict:
    assert post.id is not None
    return {
        "id": post.id,
        "text": post.text,
        "link": post.link,
        "platform_texts": dict(post.platform_texts),
        "at": post.at.isoformat(),
        "author": post.author,
        "deliveries": [
            {
                "platform": d.platform,
                "status": d.status,
                "attempts": d.attempts,
                "platform_post_id": d.platform_post_id,
                "error": d.error,
            }
            for d in store.deliveries_of(session, post.id)
        ],
    }


def list_posts(session: Session) -> list[dict]:
    return [post_to_dict(session, p) for p in store.list_posts(session)]


def status_counts(session: Session, statuses: Sequence[str] | None = None) -> dict[str, int]:
    """How many posts have a delivery in each status (only ``statuses``, if given: through
    the (status, post_id) index that costs what those states hold, not the whole table)."""
    query = select(DeliveryRow.status, func.count(func.distinct(DeliveryRow.post_id)))
    if statuses is not None:
        query = query.where(col(DeliveryRow.status).in_(list(statuses)))
    return dict(session.exec(query.group_by(DeliveryRow.status)).all())  # type: ignore[arg-type]


def posts_in(session: Session, status: str | None = None) -> list[PostRow]:
    """Every post, or those with a delivery in ``status``, by time."""
    query = select(PostRow).order_by(col(PostRow.at), col(PostRow.id))
    if status:
        ids = select(DeliveryRow.post_id).where(DeliveryRow.status == status)
        query = query.where(col(PostRow.id).in_(ids))
    return list(session.exec(query))


def next_due(session: Session, *, now: dt.datetime, limit: int = 5) -> list[PostRow]:
    # EXISTS, not IN: walked in time order, the first few waiting posts end the search.
    waiting = exists().where(
        col(DeliveryRow.post_id) == col(PostRow.id),
        col(DeliveryRow.status).in_([DeliveryStatus.SCHEDULED.value, DeliveryStatus.HELD.value]),
    )
    query = select(PostRow).where(waiting, col(PostRow.at) >= now)
    return list(session.exec(query.order_by(col(PostRow.at)).limit(limit)))


def post_record(session: Session, post_id: int) -> dict:
    """A post with its deliveries (and their attempts), verdicts and approvals, for its page."""
    post = found(store.get_post(session, post_id), f"post with id {post_id}")
    deliveries = store.deliveries_of(session, post_id)
    attempts = store.attempts_of_all(session, [d.id for d in deliveries if d.id is not None])
    approvals = select(ApprovalRow).where(ApprovalRow.post_id == post_id)
    return {
        "post": post,
        "deliveries": [(d, attempts.get(d.id or 0, [])) for d in deliveries],
        "verdicts": store.verdicts_of(session, post_id),
        "approvals": list(session.exec(approvals.order_by(col(ApprovalRow.id)))),
    }


def same_post_just_written(
    session: Session,
    *,
    text: str,
    link: str | None,
    at: dt.datetime,
    author: str,
    now: dt.datetime,
    within: dt.timedelta = dt.timedelta(minutes=10),
) -> int | None:
    """A post by this author with this text, link and time written in the last minutes and
    not cancelled: the same form sent again (a resend, the back button), never a new post."""
    live = select(DeliveryRow.post_id).where(
        col(DeliveryRow.status) != DeliveryStatus.CANCELLED.value
    )
    query = select(PostRow.id).where(
        PostRow.author == author,
        PostRow.text == text,
        PostRow.link == link if link else col(PostRow.link).is_(None),
        PostRow.at == at,
        col(PostRow.created_at) >= now - within,
        col(PostRow.id).in_(live),
    )
    return session.exec(query.order_by(col(PostRow.id))).first()
