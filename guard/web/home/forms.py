"""The home area's form: which notices to mark read."""

from __future__ import annotations

from collections.abc import Mapping


class NotANotice(ValueError):
    """The form named something that is not a notice's number: nothing is marked read."""


def notice_ids(form: Mapping[str, str]) -> list[int] | None:
    """One notice (notice=ID), or None for every unread one: never "all" by mistake."""
    wanted = form.get("notice")
    if wanted is None:
        return None
    if not wanted.isdigit():
        raise NotANotice(wanted)
    return [int(wanted)]
