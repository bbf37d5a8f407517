"""The audit chain's key: read from the settings (never the database) and tied to an engine.

Every process that writes audit records (the web app, the CLI, the scheduler) binds the key
to its engine once, so the many services that append records need not carry it.
"""

from __future__ import annotations

import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection, Engine

from guard.settings import AuditSettings, SettingsError

if TYPE_CHECKING:  # binding the key happens at every command's start: no ORM import for it
    from sqlmodel import Session

_KEYS: weakref.WeakKeyDictionary[Engine, bytes] = weakref.WeakKeyDictionary()


def load_key(settings: AuditSettings) -> bytes | None:
    """The key from [audit] key (GUARD_AUDIT_KEY) or key_file; None when neither is set."""
    if settings.key:
        return settings.key.encode()
    if settings.key_file:
        try:
            key = Path(settings.key_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingsError(f"audit.key_file = {settings.key_file!r}: {exc}") from None
        if not key:
            raise SettingsError(f"audit.key_file = {settings.key_file!r}: the file is empty")
        return key.encode()
    return None


def bind_key(engine: Engine, key: bytes | None) -> None:
    if key is None:
        _KEYS.pop(engine, None)
    else:
        _KEYS[engine] = key


def key_for(session: Session) -> bytes | None:
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    return _KEYS.get(engine)  # type: ignore[arg-type]
