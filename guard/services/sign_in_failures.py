"""Failed sign-ins, counted per hour and account and summarised in one audit record an hour.

One audit record per failure let anonymous visitors grow the (undeletable) chain with
whatever they typed. Here an attempt only adds one to a counter; a known account is named
by its email, an unknown email only by a short hash of its first 320 characters, and at most
``SAMPLED_UNKNOWN`` of those are told apart in an hour (the rest share one counter).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import delete, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from guard.services.record.audit import record
from guard.store.models_auth import SignInFailureRow

WINDOW = dt.timedelta(hours=1)
SAMPLED_UNKNOWN = 20
UNKNOWN_PREFIX = "unknown:"
OTHER_UNKNOWN = "unknown:other"


def window_of(at: dt.datetime) -> dt.datetime:
    at = at.astimezone(dt.UTC)
    return at.replace(minute=0, second=0, microsecond=0)


def fingerprint(email: str) -> str:
    """A short, stable hash of what was typed: enough to see one email tried again and again."""
    return hashlib.sha256(email[:320].encode("utf-8", "replace")).hexdigest()[:16]


def count(session: Session, *, email: str, known: bool, delayed: bool, now: dt.datetime) -> None:
    """Add one failed (or delayed) attempt to this hour's counters."""
    window = window_of(now)
    account = email if known else UNKNOWN_PREFIX + fingerprint(email)
    if not known and not _row_exists(session, window, account):
        sampled = session.exec(
            select(func.count())
            .select_from(SignInFailureRow)
            .where(
                col(SignInFailureRow.window_start) == window,
                col(SignInFailureRow.account).startswith(UNKNOWN_PREFIX),
            )
        ).one()
        if sampled >= SAMPLED_UNKNOWN:
            account = OTHER_UNKNOWN
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(SignInFailureRow).values(
        window_start=window, account=account, failures=0 if delayed else 1, delayed=int(delayed)
    )
    table = SignInFailureRow.__table__  # type: ignore[attr-defined]
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["window_start", "account"],
            set_={
                "failures": table.c.failures + (0 if delayed else 1),
                "delayed": table.c.delayed + int(delayed),
            },
        )
    )


def _row_exists(session: Session, window: dt.datetime, account: str) -> bool:
    return session.get(SignInFailureRow, (window, account)) is not None


def summarise(session: Session, *, now: dt.datetime) -> int:
    """Write one audit record for each finished hour with failures; returns how many."""
    current = window_of(now)
    windows = sorted(
        set(
            session.exec(
                select(SignInFailureRow.window_start).where(
                    col(SignInFailureRow.window_start) < current
                )
            )
        )
    )
    written = 0
    for window in windows:
        rows = list(
            session.exec(
                select(SignInFailureRow).where(col(SignInFailureRow.window_start) == window)
            )
        )
        taken = session.execute(
            delete(SignInFailureRow).where(col(SignInFailureRow.window_start) == window)
        )
        if not rows or taken.rowcount == 0:  # type: ignore[attr-defined]
            continue  # another request summarised this hour first
        accounts = {r.account: r.failures for r in rows if not r.account.startswith("unknown")}
        unknown = {r.account: r.failures for r in rows if r.account.startswith("unknown")}
        record(
            session,
            "sign-in.failures",
            "sign-in",
            window.isoformat(),
            actor="anonymous",
            now=now,
            summary={
                "from": window.isoformat(),
                "to": (window + WINDOW).isoformat(),
                "failed": sum(r.failures for r in rows),
                "delayed": sum(r.delayed for r in rows),
                "accounts": accounts,
                "unknown_emails": unknown,
            },
        )
        written += 1
    return written
