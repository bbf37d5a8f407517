"""Users and sign-in: roles, argon2 password hashes and the throttle on failed sign-ins."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from guard.services import InputError
from guard.services.record.audit import record
from guard.store.models_auth import SignInThrottleRow, UserRow

MIN_PASSWORD = 12
DEMO_CLERK = "clerk@example.org"
# Failures allowed in a window before the key is locked; an address serves several people.
ACCOUNT_LIMIT, ADDRESS_LIMIT = 5, 20
WINDOW = dt.timedelta(minutes=15)
LOCKOUT = dt.timedelta(minutes=15)
HASHER = PasswordHasher()  # argon2id, the library's memory-hard defaults


@cache
def _dummy_hash() -> str:
    """Checked when the account does not exist, so timing does not reveal which emails do.

    Made on first use, not at import: hashing costs a tenth of a second.
    """
    return HASHER.hash("not-a-real-password-at-all")


class Role(StrEnum):
    ADMIN = "admin"
    CLERK = "clerk"
    VIEWER = "viewer"


@dataclass(frozen=True)
class SignIn:
    user: UserRow | None
    message: str | None  # why it was refused, as the person signing in may read it


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InputError(f"unknown role {value!r}: expected admin, clerk or viewer") from None


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"the password must be at least {MIN_PASSWORD} characters long")


def normal_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email:
        raise InputError(f"{email!r} is not an email address")
    return email


def get_user(session: Session, email: str) -> UserRow | None:
    query = select(UserRow).where(col(UserRow.email) == email.strip().lower())
    return session.exec(query).first()


def list_users(session: Session) -> list[UserRow]:
    return list(session.exec(select(UserRow).order_by(col(UserRow.email))))


def add_user(
    session: Session, *, email: str, role: str, password: str, actor: str, now: dt.datetime
) -> UserRow:
    email, parsed = normal_email(email), parse_role(role)
    check_password(password)
    if get_user(session, email) is not None:
        raise InputError(f"there is already a user {email}")
    user = UserRow(
        email=email,
        role=parsed.value,
        password_hash=HASHER.hash(password),
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    session.flush()
    record(
        session,
        actor=actor,
        action="user.add",
        subject_type="user",
        subject_id=email,
        summary={"role": parsed.value},
        now=now,
    )
    return user


def _existing(session: Session, email: str) -> UserRow:
    user = get_user(session, email)
    if user is None:
        raise InputError(f"no user {email.strip().lower()}")
    return user


def set_password(
    session: Session, *, email: str, password: str, actor: str, now: dt.datetime
) -> None:
    check_password(password)
    user = _existing(session, email)
    user.password_hash = HASHER.hash(password)
    user.updated_at = now
    session.add(user)
    record(
        session,
        actor=actor,
        action="user.set-password",
        subject_type="user",
        subject_id=user.email,
        now=now,
    )


def remove_user(session: Session, *, email: str, actor: str, now: dt.datetime) -> None:
    user = _existing(session, email)
    session.delete(user)
    record(
        session,
        actor=actor,
        action="user.remove",
        subject_type="user",
        subject_id=user.email,
        summary={"role": user.role},
        now=now,
    )


def _throttle(session: Session, key: str, now: dt.datetime) -> SignInThrottleRow:
    row = session.get(SignInThrottleRow, key)
    if row is None or (now - row.window_started_at > WINDOW and not _locked(row, now)):
        row = row or SignInThrottleRow(key=key, window_started_at=now)
        row.failures, row.window_started_at, row.locked_until = 0, now, None
    return row


def _locked(row: SignInThrottleRow, now: dt.datetime) -> bool:
    return row.locked_until is not None and row.locked_until > now


def sign_in(
    session: Session, *, email: str, password: str, address: str, now: dt.datetime
) -> SignIn:
    """Check a password, throttled per account and per address; every attempt is audited."""
    email = email.strip().lower()
    keys = [(f"account:{email}", ACCOUNT_LIMIT), (f"address:{address}", ADDRESS_LIMIT)]
    rows = [(_throttle(session, key, now), limit) for key, limit in keys]
    if any(_locked(row, now) for row, _ in rows):
        record(
            session,
            actor=email or "unknown",
            action="sign-in.throttled",
            subject_type="user",
            subject_id=email,
            summary={"address": address},
            now=now,
        )
        return SignIn(None, "Too many failed attempts: wait 15 minutes, then try again.")
    user = get_user(session, email) if email else None
    if not _verify(user.password_hash if user else _dummy_hash(), password) or user is None:
        for row, limit in rows:
            row.failures += 1
            if row.failures >= limit:
                row.locked_until = now + LOCKOUT
            session.add(row)
        record(
            session,
            actor=email or "unknown",
            action="sign-in.failed",
            subject_type="user",
            subject_id=email,
            summary={"address": address},
            now=now,
        )
        return SignIn(None, "That email and password do not match an account.")
    rows[0][0].failures, rows[0][0].locked_until = 0, None
    session.add(rows[0][0])
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    user.last_sign_in_at = now
    session.add(user)
    record(
        session,
        actor=user.email,
        action="sign-in",
        subject_type="user",
        subject_id=user.email,
        summary={"address": address},
        now=now,
    )
    return SignIn(user, None)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def ensure_demo_clerk(session: Session, *, now: dt.datetime) -> str | None:
    """Create the demo clerk if missing; its new password, or None if it was there."""
    if get_user(session, DEMO_CLERK) is not None:
        return None
    password = secrets.token_urlsafe(12)
    add_user(session, email=DEMO_CLERK, role="clerk", password=password, actor="demo", now=now)
    return password


def demo_clerk_exists(session: Session) -> bool:
    return get_user(session, DEMO_CLERK) is not None
