"""Tables the guard reads beside the register: candidates per election, text read in images."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from guard.store.models import PersonColumns
from guard.store.types import UTCDateTime


class CandidateRow(PersonColumns, table=True):
    __tablename__ = "candidate"
    __table_args__ = (UniqueConstraint("election_id", "name", name="uq_candidate_election_name"),)

    id: int | None = Field(default=None, primary_key=True)
    election_id: int = Field(foreign_key="election.id", index=True)
    name: str = Field(max_length=200)
    ward: str = Field(max_length=200)  # the electoral area the candidate stands in
    # A withdrawn candidate stays guarded to the poll: the row is kept, marked.
    withdrawn_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: dt.datetime = Field(sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)


class ImageTextRow(SQLModel, table=True):
    """What OCR read in an image, by the image's SHA-256: each picture is read once."""

    __tablename__ = "image_text"

    sha256: str = Field(primary_key=True, max_length=64)
    text: str
    reader: str = Field(max_length=100)
    read_at: dt.datetime = Field(sa_type=UTCDateTime)
