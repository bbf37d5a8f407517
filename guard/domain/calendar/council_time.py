"""Reading a date and time as the clerk means it: council time unless an offset is given."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

_BRITISH = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+|T)(\d{1,2})[:.](\d{2})\s*")


def _british(text: str) -> dt.datetime | None:
    """'14/04/2027 10:00' (the day first, as written in Britain), or None for other forms."""
    found = _BRITISH.fullmatch(text)
    if found is None:
        return None
    day, month, year, hour, minute = map(int, found.groups())
    return dt.datetime(year, month, day, hour, minute)


def parse_datetime(text: str, zone: ZoneInfo) -> dt.datetime:
    """An aware datetime from ISO 8601 text, or a British '14/04/2027 10:00'; without an
    offset, wall-clock time in ``zone``.

    A wall-clock time that does not exist (the hour skipped in spring) or happens twice (the
    hour repeated in autumn) is refused: the clerk must say which instant is meant.
    """
    try:
        value = _british(text) or dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date and time: write it as 2027-04-14 10:00 or "
            "14/04/2027 10:00 (the day first)"
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


def in_words(at: dt.datetime, zone: ZoneInfo) -> str:
    """An instant as the clerk reads it, in council time: "Friday 20 November 2026, 9:00"."""
    local = at.astimezone(zone)
    return f"{local:%A} {local.day} {local:%B %Y}, {local.hour}:{local:%M}"


class RepeatedHour(ValueError):
    """A wall-clock time that happens twice (autumn): ``choices`` name the two, in order."""

    def __init__(self, message: str, choices: tuple[tuple[str, str], tuple[str, str]]) -> None:
        super().__init__(message)
        self.choices = choices


def wall_clock(day: dt.date, time: dt.time, zone: ZoneInfo, *, which: str = "") -> dt.datetime:
    """The instant of a date and time in council time, in words when it cannot be had.

    ``which`` ("first" or "second") picks one of the two when the clocks go back; without it
    the repeated hour raises RepeatedHour with the two choices in words.
    """
    naive = dt.datetime.combine(day, time)
    early, late = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    # In UTC: Python compares and subtracts two times of one zone by the wall clock, fold unseen.
    if early.utcoffset() == late.utcoffset():
        return early.astimezone(dt.UTC)
    clock = f"{time.hour:02d}:{time.minute:02d}"
    if early.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValueError(
            f"{clock} does not happen on {day:%A} {day.day} {day:%B %Y}: the clocks go forward "
            "an hour then. Choose another time."
        )
    if which in ("first", "second"):
        return (early if which == "first" else late).astimezone(dt.UTC)
    choices = (
        ("first", f"{clock} {early.tzname()}, the first time"),
        ("second", f"{clock} {late.tzname()}, the second time"),
    )
    raise RepeatedHour(
        f"{clock} happens twice on {day:%A} {day.day} {day:%B %Y} (the clocks go back an "
        "hour): choose which one you mean.",
        choices,
    )
