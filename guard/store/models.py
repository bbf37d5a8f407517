"""The tables. Rows stay in the store; the rest of the program sees domain values."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from guard.store.types import UTCDateTime


class ElectionRow(SQLModel, table=True):
    __tablename__ = "election"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    poll_date: dt.date = Field(index=True)
    wards: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    notice_published: dt.date | None = Field(default=None)
    declared_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: dt.datetime = Field(sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)
    # A removed election is kept so that calendar feeds can announce the cancellation.
    removed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Raised whenever the period's dates or status change (the feed's SEQUENCE).
    sequence: int = Field(default=0)
