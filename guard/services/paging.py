"""One page of a list: the rows a page shows, counted and fetched in SQL, never the whole table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select
from sqlmodel import Session

T = TypeVar("T")
PER_PAGE = 50


@dataclass(frozen=True)
class Page(Generic[T]):
    """The items on page ``number`` (from 1) of ``total`` matching rows, ``size`` a page."""

    items: Sequence[T]
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    def map(self, convert: Callable[[Sequence[T]], Sequence[Any]]) -> Page[Any]:
        """The same page with its items converted in one call (so related rows load in bulk)."""
        return Page(convert(self.items), self.number, self.size, self.total)


def fetch_page(session: Session, query: Any, *, number: int, size: int = PER_PAGE) -> Page[Any]:
    """Count the rows ``query`` matches, then fetch page ``number`` of them (clamped to 1..last).

    ``query`` must be ordered; the count runs on the same query without its ORDER BY.
    """
    counted = select(func.count()).select_from(query.order_by(None).subquery())
    total = int(session.scalar(counted) or 0)
    last = max(1, -(-total // size))
    number = min(max(1, number), last)
    rows = session.exec(query.limit(size).offset((number - 1) * size)).all()
    return Page(list(rows), number, size, total)
