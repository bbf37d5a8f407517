"""Tables for what is set up in the app: the site's own settings and the platform credentials."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Text
from sqlmodel import Field, SQLModel

from guard.store.types import UTCDateTime


class SiteSettingRow(SQLModel, table=True):
    """A value set in the app (the council's name, zone and wards; the one-time setup link)."""

    __tablename__ = "site_setting"

    key: str = Field(primary_key=True, max_length=100)
    value: Any = Field(sa_column=Column(JSON, nullable=False))
    updated_at: dt.datetime = Field(sa_type=UTCDateTime)


class CredentialRow(SQLModel, table=True):
    """A platform credential obtained in the app, encrypted at rest (never shown again).

    ``name`` is "x.app", "x.account", "facebook.app" or "facebook.page"; ``secret`` is the
    Fernet token of its JSON; the other columns are what the page may show.
    """

    __tablename__ = "platform_credential"

    name: str = Field(primary_key=True, max_length=40)
    secret: str = Field(sa_column=Column(Text, nullable=False))
    label: str = Field(default="", max_length=300)
    account_id: str = Field(default="", max_length=100)
    connected_by: str = Field(max_length=320)
    connected_at: dt.datetime = Field(sa_type=UTCDateTime)
    expires_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    data_access_expires_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
