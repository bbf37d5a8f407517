"""Notices in the app: every event that is mailed is also listed for the clerk until marked
read, so nothing depends on mail being set up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from guard.store.models import NoticeRow


def unread_count(session: Session, *, post_id: int | None = None) -> int:
    query = select(func.count()).select_from(NoticeRow).where(col(NoticeRow.read_at).is_(None))
    if post_id is not None:
        query = query.where(NoticeRow.post_id == post_id)
    return int(session.exec(query).one())


def listed(
    session: Session, *, post_id: int | None = None, unread_only: bool = False, limit: int = 50
) -> list[NoticeRow]:
    """Newest first."""
    query = select(NoticeRow)
    if post_id is not None:
        query = query.where(NoticeRow.post_id == post_id)
    if unread_only:
        query = query.where(col(NoticeRow.read_at).is_(None))
    return list(session.exec(query.order_by(col(NoticeRow.id).desc()).limit(limit)))


def mark_read(session: Session, ids: Sequence[int] | None, *, user: str, now: dt.datetime) -> int:
    """Mark these notices (None: every unread one) read; returns how many changed."""
    query = update(NoticeRow).where(col(NoticeRow.read_at).is_(None))
    if ids is not None:
        query = query.where(col(NoticeRow.id).in_(list(ids)))
    done = session.execute(
        query.values(read_at=now, read_by=user).execution_options(synchronize_session=False)
    )
    return int(done.rowcount)  # type: ignore[attr-defined]
