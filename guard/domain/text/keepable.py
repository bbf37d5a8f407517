"""Text that can be kept, counted and sent: no NUL and no half of a character."""

from __future__ import annotations

import re

# Not characters anyone can type or a database can keep: NUL (PostgreSQL's text has none) and
# a lone UTF-16 surrogate (JSON's "\ud83d" alone, or bytes that were not UTF-8).
UNKEEPABLE = re.compile("[\x00\ud800-\udfff]")


def keepable(text: str) -> str:
    """``text`` with each unkeepable character made U+FFFD, as undecodable bytes would be."""
    return UNKEEPABLE.sub("\ufffd", text)


def first_unkeepable(text: str) -> int | None:
    """The position (from 1) of the first unkeepable character, or None."""
    found = UNKEEPABLE.search(text)
    return None if found is None else found.start() + 1
