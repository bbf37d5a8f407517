"""Users and sign-in: roles, argon2 password hashes and the throttle on failed sign-ins."""

from __future__ import annotations

import datetime as dt
import math
import secrets
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import update
from sqlmodel import Session, col, select

from guard.services import InputError, found, throttle
from guard.services import sign_in_failures as failures
from guard.services.record.audit import record
from guard.store.models_auth import UserRow

MIN_PASSWORD = 12
MAX_EMAIL = 320
DEMO_CLERK = "clerk@example.org"
HASHER = PasswordHasher()  # argon2id, the library's memory-hard defaults


@cache
def _dummy_hash() -> str:
    """Checked when the account does not exist, so timing does not reveal which emails do.

    Made on first use, not at import: hashing costs a tenth of a second.
    """
    return HASHER.hash("not-a-real-password-at-all")


class Role(StrEnum):
    """What a user may do: an admin also manages users and accounts; a clerk does everything
    about posts, elections, the register and reviews; a viewer reads."""

    ADMIN = "admin"
    CLERK = "clerk"
    VIEWER = "viewer"


@dataclass(frozen=True)
class SignIn:
    user: UserRow | None
    message: str | None  # why it was refused, as the person signing in may read it
    retry_after: int | None = None  # seconds the throttle asks the client to wait


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
    if len(email) > MAX_EMAIL:
        raise InputError(f"an email address has at most {MAX_EMAIL} characters")
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
    record(session, "user.add", "user", email, actor=actor, now=now, summary={"role": parsed.value})
    return user


def _existing(session: Session, email: str) -> UserRow:
    user = found(get_user(session, email), f"user {email.strip().lower()}")
    return user


def set_password(
    session: Session, *, email: str, password: str, actor: str, now: dt.datetime
) -> None:
    check_password(password)
    user = _existing(session, email)
    user.password_hash = HASHER.hash(password)
    user.updated_at = now
    _sessions_end(session, user, action="user.set-password", actor=actor, now=now)


def set_role(session: Session, *, email: str, role: str, actor: str, now: dt.datetime) -> None:
    """Give a user another role; their sessions end, so the new role applies at once."""
    parsed = parse_role(role)
    user = _existing(session, email)
    before = user.role
    if before == parsed.value:
        raise InputError(f"{user.email} is already {parsed.value}")
    user.role = parsed.value
    summary = {"from": before, "to": parsed.value}
    _sessions_end(session, user, action="user.set-role", actor=actor, now=now, summary=summary)


def _sessions_end(
    session: Session,
    user: UserRow,
    *,
    action: str,
    actor: str,
    now: dt.datetime,
    summary: dict[str, str] | None = None,
) -> None:
    """A change to the user saved, every session of theirs ended, and the change audited."""
    session.add(user)
    session.flush()
    end_sessions(session, user, now=now)
    record(session, action, "user", user.email, actor=actor, now=now, summary=summary)


def remove_user(session: Session, *, email: str, actor: str, now: dt.datetime) -> None:
    user = _existing(session, email)
    session.delete(user)
    record(
        session,
        "user.remove",
        "user",
        user.email,
        actor=actor,
        now=now,
        summary={"role": user.role},
    )


def sign_in(
    session: Session, *, email: str, password: str, client: str, now: dt.datetime
) -> SignIn:
    """Check a password after the throttle's delay; failures are counted, not audited one by one.

    The attempt is counted and committed before the password is checked, so parallel guesses
    cannot all be checked against the same count.
    """
    email = email.strip().lower()
    account_key = throttle.key_for("account", email)
    client_key = throttle.key_for("client", client)
    failures.summarise(session, now=now)
    throttle.forget_quiet(session, now=now)
    wait = throttle.claim(
        session, [(account_key, throttle.ACCOUNT_CAP), (client_key, throttle.CLIENT_CAP)], now=now
    )
    user = get_user(session, email) if email and len(email) <= MAX_EMAIL else None
    if wait is not None:
        failures.count(session, email=email, known=user is not None, delayed=True, now=now)
        session.commit()
        seconds = max(1, math.ceil(wait.total_seconds()))
        return SignIn(
            None, f"Too many failed attempts: try again in {seconds} seconds.", retry_after=seconds
        )
    session.commit()  # the attempt is counted before the (slow) password check
    if not _verify(user.password_hash if user else _dummy_hash(), password) or user is None:
        failures.count(session, email=email, known=user is not None, delayed=False, now=now)
        return SignIn(None, "That email and password do not match an account.")
    throttle.succeeded(session, account=account_key, client=client_key)
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    user.last_sign_in_at = now
    session.add(user)
    record(
        session,
        "sign-in",
        "user",
        user.email,
        actor=user.email,
        now=now,
        summary={"address": client},
    )
    return SignIn(user, None)


def end_sessions(session: Session, user: UserRow, *, now: dt.datetime) -> None:
    """Every cookie issued to this user stops working at its next request."""
    session.execute(
        update(UserRow)
        .where(col(UserRow.id) == user.id)
        .values(session_version=UserRow.session_version + 1, updated_at=now)  # type: ignore[operator]
    )
    session.refresh(user)


def session_token(user: UserRow) -> str:
    """What the session cookie holds: the user's random key and the current session version."""
    return f"{user.session_key}.{user.session_version}"


def user_for_token(session: Session, token: str) -> UserRow | None:
    """The user a session belongs to, or None once it has been ended (or was never valid)."""
    key, _, version = token.partition(".")
    if not key or not version.isdigit():
        return None
    user = session.exec(select(UserRow).where(col(UserRow.session_key) == key)).first()
    return user if user is not None and user.session_version == int(version) else None


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
