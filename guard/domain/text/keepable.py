"""Text that can be kept, counted and sent: no NUL and no half of a character; a link that
is a web address."""

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


# A scheme before the address ("javascript:", "data:", "mailto:"): letters first, no dot.
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+-]*):")


def link_problem(link: str) -> str | None:
    """Why ``link`` can't be a post's link (a web address, ``https://`` or ``http://``, or one
    without a scheme, as a clerk types it), or None."""
    scheme = _SCHEME.match(link)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return f'"{scheme.group(1)}:" is not a web address: give one starting https://'
    if any(ch.isspace() for ch in link.strip()):
        return "a web address has no spaces in it"
    return None
