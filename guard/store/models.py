"""The tables. Rows stay in the store; the rest of the program sees domain values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from guard.store.types import UTCDateTime, empty_list


class ElectionRow(SQLModel, table=True):
    __tablename__ = "election"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    poll_date: dt.date = Field(index=True)
    wards: list[str] = Field(default_factory=empty_list, sa_column=Column(JSON, nullable=False))
    notice_published: dt.date | None = Field(default=None)
    declared_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # A by-election entered from its vacancy; an election declared without a poll.
    vacancy_date: dt.date | None = Field(default=None)
    uncontested: bool = Field(default=False)
    created_at: dt.datetime = Field(sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)
    # A removed election is kept so that calendar feeds can announce the cancellation.
    removed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Raised whenever the period's dates or status change (the feed's SEQUENCE).
    sequence: int = Field(default=0)


def json_list() -> Any:
    """A JSON list column; declared by type, so each table that inherits it gets its own."""
    return Field(default_factory=empty_list, sa_type=JSON, nullable=False)


class PersonColumns(SQLModel):
    """A person's party and accounts: the same columns in the register and the candidates' table."""

    party: str = Field(default="", max_length=200)
    aliases: list[str] = json_list()
    x_handles: list[str] = json_list()
    facebook: list[str] = json_list()
    instagram: list[str] = json_list()
    websites: list[str] = json_list()


class CouncillorRow(PersonColumns, table=True):
    __tablename__ = "councillor"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    ward: str = Field(max_length=200)
    created_at: dt.datetime = Field(sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)


class PostRow(SQLModel, table=True):
    __tablename__ = "post"

    id: int | None = Field(default=None, primary_key=True)
    text: str
    link: str | None = Field(default=None, max_length=2000)
    # Media as [{"name", "alt_text", "people_tags"}]: what the guard reads of each item.
    media: list[dict[str, Any]] = json_list()
    # A text of its own for a platform ({"x": "..."}); the others are sent ``text``.
    platform_texts: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}")
    )
    at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    author: str = Field(max_length=200)
    content_hash: str = Field(max_length=64)
    created_at: dt.datetime = Field(sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)


_DELIVERY_VERSION = Column("version", Integer, nullable=False, default=1)


class DeliveryRow(SQLModel, table=True):
    __tablename__ = "delivery"
    __table_args__ = (
        UniqueConstraint("post_id", "platform"),
        Index("ix_delivery_due", "status", "next_attempt_at"),
        Index("ix_delivery_status_post", "status", "post_id"),
        Index("ix_delivery_status_sent_at", "status", "sent_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id")
    platform: str = Field(max_length=20)
    status: str = Field(max_length=20)
    attempts: int = Field(default=0)
    next_attempt_at: dt.datetime = Field(sa_type=UTCDateTime)
    claimed_by: str | None = Field(default=None, max_length=100)
    lease_until: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    platform_post_id: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=500)
    error: str | None = None
    sent_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The exact payload sent and the platform's answer: the archive of what was published.
    payload: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    response: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)
    # Every UPDATE checks and raises this, so two processes never both change one delivery.
    version: int = Field(default=1, sa_column=_DELIVERY_VERSION)

    __mapper_args__ = {"version_id_col": _DELIVERY_VERSION}


class AttemptRow(SQLModel, table=True):
    __tablename__ = "attempt"

    id: int | None = Field(default=None, primary_key=True)
    delivery_id: int = Field(foreign_key="delivery.id", index=True)
    started_at: dt.datetime = Field(sa_type=UTCDateTime)
    finished_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    outcome: str = Field(max_length=30)
    error: str | None = None


class VerdictRow(SQLModel, table=True):
    __tablename__ = "verdict"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    checked_at: dt.datetime = Field(sa_type=UTCDateTime)
    # When the post would go out: the instant the guard judged it for.
    for_time: dt.datetime = Field(sa_type=UTCDateTime)
    occasion: str = Field(max_length=20)  # compose, send, recheck
    platform: str | None = Field(default=None, max_length=20)
    verdict: str = Field(max_length=10)
    findings: list[dict[str, Any]] = json_list()


class ApprovalRow(SQLModel, table=True):
    __tablename__ = "approval"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    # Bound to the exact content and period: an edit or a new period voids it.
    content_hash: str = Field(max_length=64)
    period_key: str = Field(max_length=500)
    reason: str
    approved_by: str = Field(max_length=200)
    approved_at: dt.datetime = Field(sa_type=UTCDateTime)
    # Once voided (an edit, a new period) an approval is never used again by any path.
    voided_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    void_reason: str | None = None


class AccountRow(SQLModel, table=True):
    """A platform account's health: after an auth error it needs new credentials."""

    __tablename__ = "account"

    platform: str = Field(primary_key=True, max_length=20)
    needs_credentials: bool = Field(default=False)
    reason: str | None = None
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)


class NoticeRow(SQLModel, table=True):
    """Something the clerk must be told: mailed one by one and in the daily digest."""

    __tablename__ = "notice"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)
    post_id: int | None = Field(default=None, foreign_key="post.id")
    subject: str = Field(max_length=300)
    body: str
    created_at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    mailed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    digested_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Shown in the app until a clerk marks it read; mail is optional.
    read_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    read_by: str | None = Field(default=None, max_length=200)


class FormSubmissionRow(SQLModel, table=True):
    """A form's one-time key, written with the change it made: a repeat shows the first result."""

    __tablename__ = "form_submission"

    key: str = Field(primary_key=True, max_length=64)
    form: str = Field(max_length=50)
    actor: str = Field(max_length=200)
    result_url: str = Field(default="", max_length=500)
    created_at: dt.datetime = Field(sa_type=UTCDateTime, index=True)


class StateRow(SQLModel, table=True):
    """Small named values the processes share, e.g. the calendar fingerprint last re-checked."""

    __tablename__ = "state"

    name: str = Field(primary_key=True, max_length=100)
    value: str
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)


# The other tables live beside this module; importing them here registers them with the metadata.
from guard.store import (  # noqa: E402, F401
    models_auth,
    models_candidates,
    models_record,
    models_site,
)
