"""The council's details saved in the app (name, time zone, wards) laid over the settings file.

Read at every command's start and app's creation, so it reads one small table in plain SQL
(``store.guard_sql``) and imports neither the ORM nor the setup flow (``services.site``), and
SQLAlchemy only where an engine is given.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import TYPE_CHECKING, Any

from guard.settings import Settings
from guard.store.guard_sql import saved_council

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

COUNCIL_KEYS = ("name", "timezone", "wards")


def fixed(settings: Settings, key: str) -> bool:
    """True when the settings file or the environment sets council.<key>."""
    return f"council.{key}" in settings.explicit


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
    from sqlalchemy import inspect
    from sqlalchemy.exc import OperationalError

    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("site_setting"):
                return settings
            return overlay(settings, saved_council(connection))
    except OperationalError:
        # No database to read (a server that is down): commands that need it fail on their own.
        return settings


def overlay_saved(settings: Settings, connection: sqlite3.Connection) -> Settings:
    """As ``effective_from``, through a SQLite file already open (``guard check``)."""
    try:
        return overlay(settings, saved_council(connection))
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # not migrated yet: the file's settings alone
            return settings
        raise
