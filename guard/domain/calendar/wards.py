"""Wards by name and by slug: the slug is a ward's name in URLs (feeds, links)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def ward_slug(name: str) -> str:
    """Lower-case ASCII letters and digits, each run of anything else one hyphen.

    "Langley Mill and Aldercar" -> "langley-mill-and-aldercar".
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def ward_for_slug(wards: Iterable[str], slug: str) -> str | None:
    """The ward whose slug is exactly ``slug``, or None."""
    return next((ward for ward in wards if ward_slug(ward) == slug), None)


def find_ward(wards: Iterable[str], name_or_slug: str) -> str | None:
    """The ward named ``name_or_slug`` (any case) or with that slug, or None."""
    wanted = name_or_slug.strip()
    wards = tuple(wards)
    by_name = next((w for w in wards if w.casefold() == wanted.casefold()), None)
    return by_name or ward_for_slug(wards, ward_slug(wanted))
