"""The election table's state in one cheap query: a feed is rebuilt only when it changes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, case, func, select
from sqlmodel import Session, col

from guard.store.models import ElectionRow
from guard.store.types import UTCDateTime

Fingerprint = tuple[object, ...]
_changes = [0]  # elections written by this process: a cached feed here knows to look again


def elections_written() -> None:
    """Note that this process changed the election table (called by its writers)."""
    _changes[0] += 1


def local_changes() -> int:
    return _changes[0]


# Built once: this runs on every feed request, conditional ones included.
_FINGERPRINT = select(
    func.count(),
    func.max(col(ElectionRow.updated_at)),
    func.coalesce(func.sum(col(ElectionRow.sequence)), 0),
    func.count(case((col(ElectionRow.removed_at) >= bindparam("since", type_=UTCDateTime()), 1))),
).select_from(ElectionRow)


def calendar_fingerprint(session: Session, *, cancelled_since: dt.datetime) -> Fingerprint:
    """Changes whenever an election is added, edited or removed, or a removal leaves the window.

    Every edit and removal sets updated_at and raises the sequence; the sum of sequences
    catches two edits within one clock tick. The count of recent removals catches a cancelled
    election ageing out of the feed, when nothing in the table changes.
    """
    row = session.connection().execute(_FINGERPRINT, {"since": cancelled_since}).one()
    return tuple(row)
