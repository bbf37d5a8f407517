"""The sign-in throttle: an exponential delay per account and per client, never a lockout.

Every attempt is counted *before* its password is checked, by a compare-and-set on the key's
count, so parallel guesses queue behind one another instead of all being checked against the
same count. Keys are hashes of fixed size, so a huge email cannot make a huge row, and keys
left quiet for a day are forgotten. The right password is only ever made to wait, never
refused for good: the account's delay is capped at two minutes.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from guard.store.models_auth import SignInThrottleRow

# Attempts allowed at once before the delays begin (a person mistypes a password or two).
FREE_ATTEMPTS = 3
BASE_DELAY = dt.timedelta(seconds=1)
# An attacker guessing one account from many places gets one guess per ACCOUNT_CAP, and the
# owner with the right password waits no longer than that. One client's cap is longer.
ACCOUNT_CAP = dt.timedelta(minutes=2)
CLIENT_CAP = dt.timedelta(minutes=15)
FORGET_AFTER = dt.timedelta(days=1)
LONGEST_EMAIL = 320  # RFC 5321's limit: anything longer is cut before it is hashed
_TRIES = 20  # compare-and-set rounds before an attempt under heavy contention is refused


def key_for(kind: str, value: str) -> str:
    """A fixed-size key for an account (its email) or a client (its address)."""
    digest = hashlib.sha256(value[:LONGEST_EMAIL].encode("utf-8", "replace")).hexdigest()
    return f"{kind}:{digest}"


def delay_after(attempts: int, cap: dt.timedelta) -> dt.timedelta:
    """How long the next attempt must wait after ``attempts`` unsuccessful ones."""
    if attempts < FREE_ATTEMPTS:
        return dt.timedelta(0)
    return min(cap, BASE_DELAY * 2 ** min(attempts - FREE_ATTEMPTS, 30))


def claim(
    session: Session, keys: list[tuple[str, dt.timedelta]], *, now: dt.datetime
) -> dt.timedelta | None:
    """Count one attempt on every key; or, if any key is still waiting, how long is left.

    The caller commits at once, so the count holds even if the request then fails.
    """
    for key, _ in keys:
        _ensure_row(session, key, now)
    for key, cap in keys:
        wait = _take(session, key, cap, now)
        if wait is not None:
            return wait
    return None


def succeeded(session: Session, *, account: str, client: str) -> None:
    """The password was right: the account's count starts again; the client's attempt is undone."""
    session.execute(
        update(SignInThrottleRow)
        .where(col(SignInThrottleRow.key) == account)
        .values(failures=0, locked_until=None)
    )
    session.execute(
        update(SignInThrottleRow)
        .where(col(SignInThrottleRow.key) == client, col(SignInThrottleRow.failures) > 0)
        .values(failures=SignInThrottleRow.failures - 1)  # type: ignore[operator]
    )


def forget_quiet(session: Session, *, now: dt.datetime) -> None:
    session.execute(
        delete(SignInThrottleRow).where(
            col(SignInThrottleRow.window_started_at) < now - FORGET_AFTER
        )
    )


def _ensure_row(session: Session, key: str, now: dt.datetime) -> None:
    """Insert the key's row unless it exists: one statement, safe when two requests race."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(SignInThrottleRow).values(
        key=key, failures=0, window_started_at=now, locked_until=None
    )
    session.execute(statement.on_conflict_do_nothing(index_elements=["key"]))


def _take(session: Session, key: str, cap: dt.timedelta, now: dt.datetime) -> dt.timedelta | None:
    for _ in range(_TRIES):
        row = session.get(SignInThrottleRow, key, populate_existing=True)
        assert row is not None
        if row.locked_until is not None and row.locked_until > now:
            return row.locked_until - now
        seen = row.failures
        counted = 1 if now - row.window_started_at > FORGET_AFTER else seen + 1
        # Only if nobody else counted an attempt since we read: otherwise read again.
        changed = session.execute(
            update(SignInThrottleRow)
            .where(col(SignInThrottleRow.key) == key, col(SignInThrottleRow.failures) == seen)
            .values(
                failures=counted,
                window_started_at=now,
                locked_until=now + delay_after(counted, cap),
            )
        )
        if changed.rowcount == 1:  # type: ignore[attr-defined]
            return None
    return BASE_DELAY
