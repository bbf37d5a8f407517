"""Tables for sign-in: users with roles, the throttle on sign-ins and the failures' summary."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlmodel import Field, SQLModel

from guard.store.types import UTCDateTime


class UserRow(SQLModel, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True)
    role: str = Field(max_length=20)  # admin, clerk, viewer
    password_hash: str = Field(max_length=500)
    created_at: dt.datetime = Field(sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)
    last_sign_in_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # What a session cookie names instead of the id: random, so a removed user's cookie can
    # never open the account of someone who later gets the same id (SQLite reuses ids).
    session_key: str = Field(
        default_factory=lambda: secrets.token_hex(16), max_length=64, unique=True
    )
    # Raised to end every session of the user: sign-out, new password, new role.
    session_version: int = Field(default=0)


class SignInThrottleRow(SQLModel, table=True):
    """Sign-in attempts not yet followed by a success, per hashed key (account or client).

    ``locked_until`` is when the next attempt may be made (a delay, never a lockout);
    ``window_started_at`` is when the key was last tried, so quiet keys can be forgotten.
    """

    __tablename__ = "sign_in_throttle"

    key: str = Field(primary_key=True, max_length=400)
    failures: int = Field(default=0)
    window_started_at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    locked_until: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class SignInFailureRow(SQLModel, table=True):
    """Failed sign-ins counted per window and account, until the window's audit summary.

    An unknown email is never stored: all of them share one row per window (``account`` is
    empty), so anonymous visitors cannot grow the database by typing.
    """

    __tablename__ = "sign_in_failure"

    window_start: dt.datetime = Field(sa_type=UTCDateTime, primary_key=True)
    account: str = Field(primary_key=True, max_length=320)
    failures: int = Field(default=0)
    delayed: int = Field(default=0)  # attempts refused because the delay had not passed
