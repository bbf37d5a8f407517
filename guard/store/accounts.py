"""The health of the council's platform accounts."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from guard.store.models import AccountRow


def needs_credentials(session: Session, platform: str) -> str | None:
    """Why the account needs new credentials, or None if it is fine."""
    row = session.get(AccountRow, platform)
    return row.reason or "auth failed" if row is not None and row.needs_credentials else None


def mark_needs_credentials(
    session: Session, platform: str, reason: str, *, now: dt.datetime
) -> None:
    row = session.get(AccountRow, platform) or AccountRow(platform=platform, updated_at=now)
    row.needs_credentials = True
    row.reason = reason
    row.updated_at = now
    session.add(row)
    session.flush()


def credentials_renewed(session: Session, platform: str, *, now: dt.datetime) -> None:
    row = session.get(AccountRow, platform)
    if row is not None:
        row.needs_credentials = False
        row.reason = None
        row.updated_at = now
        session.add(row)
        session.flush()
