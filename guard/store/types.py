"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An instant: stored in UTC, always returned timezone-aware.

    Naive datetimes are refused rather than guessed at: a wall-clock time without its zone
    is exactly the daylight-saving bug this program must not have.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: instants must be timezone-aware")
        utc = value.astimezone(dt.UTC)
        # SQLite has no time zones: store naive UTC there, aware UTC elsewhere.
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def empty_list() -> list[Any]:
    """A JSON list column's default. Not the builtin ``list``: pydantic reads a default
    factory's signature each time it makes a row, and a builtin's is parsed from its text
    (a tenth of a millisecond per column per row); a plain function's is read at once."""
    return []
