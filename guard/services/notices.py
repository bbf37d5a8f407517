"""What the clerk must be told: recorded in the same transaction as the event, mailed later."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from guard.store.models import NoticeRow, PostRow

SUBJECTS = {
    "held": "Post held for review",
    "blocked": "Post blocked at send time",
    "failed": "Post failed",
    "unconfirmed": "Post unconfirmed: please check the account",
    "missed": "Post missed",
    "worse": "A scheduled post's verdict got worse",
}


def add(session: Session, kind: str, post: PostRow | None, body: str, *, now: dt.datetime) -> None:
    subject = SUBJECTS.get(kind, kind)
    if post is not None:
        subject = f"{subject}: post {post.id}"
    session.add(
        NoticeRow(
            kind=kind, post_id=post.id if post else None, subject=subject, body=body, created_at=now
        )
    )
    session.flush()


def unmailed(session: Session) -> list[NoticeRow]:
    query = select(NoticeRow).where(col(NoticeRow.mailed_at).is_(None))
    return list(session.exec(query.order_by(col(NoticeRow.id))))


def undigested(session: Session) -> list[NoticeRow]:
    query = select(NoticeRow).where(col(NoticeRow.digested_at).is_(None))
    return list(session.exec(query.order_by(col(NoticeRow.id))))


def recent(session: Session, *, limit: int = 50) -> list[NoticeRow]:
    query = select(NoticeRow).order_by(col(NoticeRow.id).desc()).limit(limit)
    return list(session.exec(query))
