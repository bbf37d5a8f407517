"""The composer opened filled in: on a day pressed in the calendar (``?date=``), or as a copy
of another post (``?from=``). The copy is a new post: it is judged and approved afresh."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from flask import abort

from guard.domain.sending.delivery import DeliveryStatus
from guard.store import posts as post_store
from guard.web.context import session
from guard.web.posts.forms import Image


def draft_fields(args: Mapping[str, str]) -> dict[str, Any]:
    """The composer's fields (as ``Draft`` takes them) that the address asks for."""
    fields: dict[str, Any] = {}
    source = args.get("from", "")
    if source:
        fields |= copied(int(source) if source.isdigit() else 0)
    with suppress(ValueError):  # no day, or not one: the clerk picks it in the form
        fields["date"] = dt.date.fromisoformat(args.get("date", "")).isoformat()
    return fields


def copied(post_id: int) -> dict[str, Any]:
    """A post's text, each platform's own text, link, images with their alt text and accounts
    (not its time, approvals or verdicts): what a duplicate starts from. 404 if there is no
    such post."""
    with session() as db:
        post = post_store.get_post(db, post_id) if 0 < post_id < 2**31 else None
        if post is None:
            abort(404)
        deliveries = post_store.deliveries_of(db, post_id)
    platforms = [d.platform for d in deliveries if d.status != DeliveryStatus.CANCELLED]
    return {
        "text": post.text,
        "texts": dict(post.platform_texts),
        "images": [Image.of(entry) for entry in post.media],
        "link": post.link or "",
        "platforms": platforms or [d.platform for d in deliveries],
    }
