"""An evidence case with one item and its files, stored as the service stores them."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from guard.services.record import evidence
from guard.settings import Settings


def case_with_files(
    session: Session,
    settings: Settings,
    files: list[evidence.Upload],
    *,
    case_type: str,
    now: dt.datetime,
) -> int:
    """A case opened by "c", one item seen on X with ``files``; the case's id."""
    case = evidence.open_case(session, title="T", case_type=case_type, actor="c", now=now)
    assert case.id is not None
    seen = evidence.SeenPost("x", "A", "T", now)
    evidence.add_item(session, settings, case.id, seen, files=files, actor="c", now=now)
    return case.id
