"""The site's own settings: the first-run setup, and the council's details kept in the database.

A fresh install has no users. `guard serve` then prints a one-time setup link (only its digest
is stored); the setup page, or `guard init`, creates the first admin and saves the council's
name, time zone and wards. Saved values override the built-in defaults, never a key that the
settings file or the environment set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from sqlmodel import Session, select

from guard.services import InputError
from guard.services.record.audit import record
from guard.services.site_settings import (  # noqa: F401  (re-exported for the setup flow)
    COUNCIL_KEYS,
    effective_from,
    fixed,
    overlay,
    saved_council,
)
from guard.services.users import add_user
from guard.settings import CouncilSettings, Settings, SettingsError, build_settings
from guard.store.models_auth import UserRow
from guard.store.models_site import SiteSettingRow

SETUP_TOKEN = "setup.token_sha256"


def needs_setup(session: Session) -> bool:
    return session.exec(select(UserRow.id).limit(1)).first() is None


def issue_setup_token(session: Session, *, now: dt.datetime) -> str | None:
    """A new one-time setup token while there are no users (it replaces any earlier one)."""
    if not needs_setup(session):
        return None
    token = secrets.token_urlsafe(24)
    _put(session, SETUP_TOKEN, _digest(token), now=now)
    return token


def setup_token_valid(session: Session, token: str) -> bool:
    row = session.get(SiteSettingRow, SETUP_TOKEN)
    if row is None or not needs_setup(session):
        return False
    return hmac.compare_digest(str(row.value), _digest(token))


def check_council(name: str, timezone: str, wards: list[str]) -> CouncilSettings:
    """The council's details as the settings would take them; a bad one names the problem."""
    wards = [w.strip() for w in wards if w.strip()]
    if not name.strip():
        raise InputError("the council's name is empty")
    table = {"name": name.strip(), "timezone": timezone.strip(), "wards": wards}
    try:
        return build_settings({"council": table}, {}).council
    except SettingsError as exc:
        raise InputError(str(exc).removeprefix("council.")) from None


def complete_setup(
    session: Session,
    settings: Settings,
    *,
    email: str,
    password: str,
    council: dict[str, Any],
    actor: str,
    now: dt.datetime,
) -> None:
    """Create the first admin and save the council's details, in the caller's transaction."""
    if not needs_setup(session):
        raise InputError("this installation is already set up: sign in instead")
    checked = check_council(council["name"], council["timezone"], list(council["wards"]))
    add_user(session, email=email, role="admin", password=password, actor=actor, now=now)
    save_council(session, settings, checked, actor=actor, now=now)
    row = session.get(SiteSettingRow, SETUP_TOKEN)
    if row is not None:
        session.delete(row)  # one time only
    session.flush()


def save_council(
    session: Session, settings: Settings, council: CouncilSettings, *, actor: str, now: dt.datetime
) -> None:
    """Keep the keys the file and environment leave free; record what changed."""
    saved = {k: _plain(getattr(council, k)) for k in COUNCIL_KEYS if not fixed(settings, k)}
    for key, value in saved.items():
        _put(session, f"council.{key}", value, now=now)
    record(session, "council.set", "site", "council", actor=actor, now=now, summary=saved)


def effective(session: Session, settings: Settings) -> Settings:
    """The settings with the council's saved details where the file and environment are silent."""
    return overlay(settings, saved_council(session.connection()))


def _put(session: Session, key: str, value: Any, *, now: dt.datetime) -> None:
    row = session.get(SiteSettingRow, key) or SiteSettingRow(key=key, value=value, updated_at=now)
    row.value, row.updated_at = value, now
    session.add(row)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
