"""The forms' one-time keys (see ``guard.web.once``): kept long enough to catch a resend."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlmodel import Session, col

from guard.store.models import FormSubmissionRow

# A form left open in a tab for a month and sent again is the longest resend worth catching.
KEPT_FOR = dt.timedelta(days=30)


def forget_old(session: Session, *, now: dt.datetime) -> int:
    """Delete the keys written more than ``KEPT_FOR`` ago; returns how many went."""
    result = session.execute(
        delete(FormSubmissionRow).where(col(FormSubmissionRow.created_at) < now - KEPT_FOR)
    )
    return int(getattr(result, "rowcount", 0) or 0)
