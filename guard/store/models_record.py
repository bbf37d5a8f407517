"""Tables for the tamper-evident record: the audit chain and evidence with retention."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary
from sqlmodel import Field, SQLModel

from guard.store.types import UTCDateTime


class AuditRow(SQLModel, table=True):
    """One change or decision. Append-only: no code path updates or deletes a row."""

    __tablename__ = "audit"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=320, index=True)
    action: str = Field(max_length=100)
    subject_type: str = Field(max_length=50)
    subject_id: str | None = Field(default=None, max_length=100, index=True)
    summary: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # SHA-256 of the previous record's hash and of this record's canonical form.
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64, unique=True)
    # "sha256" (plain, as every record was before keying) or "hmac-sha256" (keyed).
    scheme: str = Field(
        default="sha256", max_length=20, sa_column_kwargs={"server_default": "sha256"}
    )


class EvidenceCaseRow(SQLModel, table=True):
    __tablename__ = "evidence_case"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=300)
    case_type: str = Field(max_length=40)  # disciplinary, audit, criminal, code-of-conduct, other
    on_hold: bool = Field(default=False)
    hold_reason: str | None = None
    created_by: str = Field(max_length=320)
    created_at: dt.datetime = Field(sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)


class EvidenceItemRow(SQLModel, table=True):
    __tablename__ = "evidence_item"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="evidence_case.id", index=True)
    url: str | None = Field(default=None, max_length=2000)
    platform: str = Field(max_length=50)
    author_as_written: str = Field(max_length=300)
    text_seen: str
    seen_at: dt.datetime = Field(sa_type=UTCDateTime)
    notes: str = ""
    created_by: str = Field(max_length=320)
    created_at: dt.datetime = Field(sa_type=UTCDateTime)


class EvidenceFileRow(SQLModel, table=True):
    """An uploaded screenshot or file: kept exactly as received, with its hash."""

    __tablename__ = "evidence_file"

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="evidence_item.id", index=True)
    filename: str = Field(max_length=300)
    content_type: str = Field(max_length=200)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: dt.datetime = Field(sa_type=UTCDateTime)


class RetentionRunRow(SQLModel, table=True):
    """What a retention run deleted, under which rule: counts only, no personal data."""

    __tablename__ = "retention_run"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(sa_type=UTCDateTime)
    rule: str = Field(max_length=200)
    cases_deleted: int = 0
    items_deleted: int = 0
    files_deleted: int = 0
