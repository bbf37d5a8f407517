"""A post's audit records: every change to a post is recorded the same way, the post its subject."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import Session

from guard.services.record import audit


def audit_post(
    session: Session,
    post_id: int | None,
    action: str,
    *,
    actor: str,
    now: dt.datetime,
    summary: dict[str, Any],
) -> None:
    """Append ``action`` on post ``post_id`` to the audit chain, in the caller's transaction."""
    audit.record(session, action, "post", post_id, actor=actor, now=now, summary=summary)
