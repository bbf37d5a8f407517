"""Tables for sign-in: users with roles, and the throttle on failed sign-ins."""

from __future__ import annotations

import datetime as dt

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


class SignInThrottleRow(SQLModel, table=True):
    """Failed sign-ins per key ("account:EMAIL" or "address:IP") within a window."""

    __tablename__ = "sign_in_throttle"

    key: str = Field(primary_key=True, max_length=400)
    failures: int = Field(default=0)
    window_started_at: dt.datetime = Field(sa_type=UTCDateTime)
    locked_until: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
