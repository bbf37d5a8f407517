"""The council's details saved in the app, read with SQLAlchemy Core alone: every command reads
them, and `guard check` must stay light (no ORM, no models)."""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import JSON, String, column, inspect, select, table
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from guard.settings import Settings

COUNCIL_KEYS = ("name", "timezone", "wards")
SITE_SETTING = table("site_setting", column("key", String), column("value", JSON))


def saved_council(engine: Engine) -> dict[str, Any]:
    """The saved council keys; none while the database is not migrated, or cannot be reached."""
    try:
        if not inspect(engine).has_table("site_setting"):
            return {}
        query = select(SITE_SETTING.c.key, SITE_SETTING.c.value).where(
            SITE_SETTING.c.key.startswith("council.")
        )
        with engine.connect() as connection:
            rows = connection.execute(query).all()
    except OperationalError:
        # A server that is down: the commands that need it fail on their own.
        return {}
    return {key.removeprefix("council."): value for key, value in rows}


def overlay(settings: Settings, saved: dict[str, Any]) -> Settings:
    """The saved values where the settings file and the environment are silent."""
    changes = {
        k: saved[k] for k in COUNCIL_KEYS if k in saved and f"council.{k}" not in settings.explicit
    }
    if not changes:
        return settings
    if "wards" in changes:
        changes["wards"] = tuple(changes["wards"])
    return dataclasses.replace(settings, council=dataclasses.replace(settings.council, **changes))


def effective_from(engine: Engine, settings: Settings) -> Settings:
    return overlay(settings, saved_council(engine))
