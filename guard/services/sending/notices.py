"""What the clerk must be told: recorded in the same transaction as the event, mailed later."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from guard.mail import Mailer
from guard.settings import Settings
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


def mail_pending(session: Session, mailer: Mailer, settings: Settings, *, now: dt.datetime) -> int:
    """Mail each notice not yet mailed, one message per event; returns how many went."""
    sent = 0
    for notice in unmailed(session):
        mailer.send(
            subject=f"[{settings.council.name}] {notice.subject}",
            body=notice.body,
            to=settings.mail.clerk_addresses,
        )
        notice.mailed_at = now
        session.add(notice)
        session.commit()  # one at a time: a failure later must not re-send these
        sent += 1
    return sent


def mail_digest(
    session: Session,
    mailer: Mailer,
    settings: Settings,
    *,
    now: dt.datetime,
    audit_head: str | None = None,
) -> int:
    """One message listing every notice since the last digest; returns how many it listed.

    With ``audit_head`` (the day's anchor of the audit chain) it is sent every day, so a
    copy of the head also lives in the clerks' mailboxes, out of reach of the database.
    """
    pending = undigested(session)
    if not pending and audit_head is None:
        return 0
    zone = settings.council.zone
    lines = [
        f"{n.created_at.astimezone(zone):%d %b %Y %H:%M}  {n.subject}\n    {n.body}"
        for n in pending
    ]
    mailer.send(
        subject=f"[{settings.council.name}] Pre-election guard: daily digest ({len(pending)})",
        body=(
            "What needed your attention since the last digest:\n\n"
            + ("\n\n".join(lines) or "Nothing.")
            + (f"\n\nThe audit chain's head today (keep it): {audit_head}" if audit_head else "")
        ),
        to=settings.mail.clerk_addresses,
    )
    for notice in pending:
        notice.digested_at = now
        session.add(notice)
    session.commit()
    return len(pending)
