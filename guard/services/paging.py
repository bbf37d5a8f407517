"""One page of a list: the rows a page shows, counted and fetched in SQL, never the whole table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlmodel import Session

T = TypeVar("T")
PER_PAGE = 50


@dataclass(frozen=True)
class Page(Generic[T]):
    """The items on page ``number`` (from 1), ``size`` a page, and whether another follows.

    No total is counted: a count reads every matching row, and a page should cost what it
    shows however many rows there are.
    """

    items: Sequence[T]
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def map(self, convert: Callable[[Sequence[T]], Sequence[Any]]) -> Page[Any]:
        """The same page with its items converted in one call (so related rows load in bulk)."""
        return Page(convert(self.items), self.number, self.size, self.has_next)


def fetch_page(session: Session, query: Any, *, number: int, size: int = PER_PAGE) -> Page[Any]:
    """Page ``number`` of the rows ``query`` (ordered) matches: one more row than a page is
    read, to know whether another page follows."""
    number = max(1, number)
    rows = list(session.exec(query.limit(size + 1).offset((number - 1) * size)).all())
    return Page(rows[:size], number, size, len(rows) > size)
