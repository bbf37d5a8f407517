"""Reading a date and time as the clerk means it: council time unless an offset is given."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def parse_datetime(text: str, zone: ZoneInfo) -> dt.datetime:
    """An aware datetime from ISO 8601 text; without an offset, wall-clock time in ``zone``.

    A wall-clock time that does not exist (the hour skipped in spring) or happens twice (the
    hour repeated in autumn) is refused: the clerk must say which instant is meant.
    """
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date and time "
            "(expected YYYY-MM-DDTHH:MM, optionally with an offset)"
        ) from None
    if value.tzinfo is not None:
        return value
    early, late = value.replace(tzinfo=zone, fold=0), value.replace(tzinfo=zone, fold=1)
    if early.utcoffset() != late.utcoffset():
        first = early.astimezone(dt.UTC)
        if first.astimezone(zone).replace(tzinfo=None) != value:
            raise ValueError(
                f"{text} does not exist in {zone.key}: the clocks go forward then; "
                "give another time or an offset"
            )
        raise ValueError(
            f"{text} happens twice in {zone.key} (the clocks go back): add the offset, "
            f"{early.isoformat()} or {late.isoformat()}"
        )
    return early
