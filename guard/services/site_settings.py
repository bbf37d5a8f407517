"""The council's details saved in the app (name, time zone, wards) laid over the settings file.

Read at every command's start and app's creation, so it reads one small table with SQLAlchemy
Core and imports neither the ORM nor the setup flow (``services.site``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import JSON, Column, MetaData, String, Table, inspect, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from guard.settings import Settings

COUNCIL_KEYS = ("name", "timezone", "wards")
SITE_SETTING = Table(
    "site_setting",
    MetaData(),
    Column("key", String, primary_key=True),
    Column("value", JSON),
)


def fixed(settings: Settings, key: str) -> bool:
    """True when the settings file or the environment sets council.<key>."""
    return f"council.{key}" in settings.explicit


def saved_council(connection: Connection) -> dict[str, Any]:
    """The council's details as saved by the setup page, by key."""
    query = select(SITE_SETTING.c.key, SITE_SETTING.c.value).where(
        SITE_SETTING.c.key.startswith("council.")
    )
    return {key.removeprefix("council."): value for key, value in connection.execute(query)}


def overlay(settings: Settings, saved: dict[str, Any]) -> Settings:
    """The settings with the saved details where the file and environment are silent."""
    changes = {k: saved[k] for k in COUNCIL_KEYS if k in saved and not fixed(settings, k)}
    if not changes:
        return settings
    if "wards" in changes:
        changes["wards"] = tuple(changes["wards"])
    return dataclasses.replace(settings, council=dataclasses.replace(settings.council, **changes))


def effective_from(engine: Engine, settings: Settings) -> Settings:
    """As ``overlay``, and the file's settings alone while the database is not migrated yet."""
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table(SITE_SETTING.name):
                return settings
            return overlay(settings, saved_council(connection))
    except OperationalError:
        # No database to read (a server that is down): commands that need it fail on their own.
        return settings
