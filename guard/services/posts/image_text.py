"""The text printed in a post's images: read once per image (by its SHA-256), kept for the guard.

Reading an image takes seconds, so it happens where nobody waits on a page: when a post is
scheduled or checked from the shell, or in the scheduler for a post stored before images were
read. The result is kept in the ``image_text`` table, shared by every process.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from guard.image_text import READER, ImageReader, ImageTextError, read_image_text
from guard.store.models_candidates import ImageTextRow

log = logging.getLogger(__name__)
_MEMORY: dict[str, str] = {}  # this process's copy of the table's recent rows
_MEMORY_SIZE = 512


def text_of(
    session: Session,
    sha256: str,
    data: bytes,
    *,
    now: dt.datetime,
    reader: ImageReader = read_image_text,
) -> str | None:
    """The text in the image, from the cache or read now; None if it can't be read."""
    if (found := _MEMORY.get(sha256)) is not None:
        return found
    row = session.get(ImageTextRow, sha256)
    if row is None:
        try:
            text = reader(data)
        except ImageTextError as exc:
            log.warning("image %s: %s", sha256[:12], exc)
            return None
        row = ImageTextRow(sha256=sha256, text=text, reader=READER, read_at=now)
        try:
            with session.begin_nested():
                session.add(row)
        except IntegrityError:
            pass  # another process read the same image meanwhile: same text
    if len(_MEMORY) >= _MEMORY_SIZE:
        _MEMORY.pop(next(iter(_MEMORY)))
    _MEMORY[sha256] = row.text
    return row.text


def with_image_text(
    session: Session,
    media: Sequence[dict[str, Any]],
    *,
    now: dt.datetime,
    reader: ImageReader = read_image_text,
) -> list[dict[str, Any]]:
    """The entries with ``image_text`` filled in for every image that has bytes."""
    out = []
    for entry in media:
        if "data_b64" not in entry or "image_text" in entry:
            out.append(dict(entry))
            continue
        try:
            data = base64.b64decode(entry["data_b64"], validate=True)
        except (binascii.Error, ValueError, TypeError):
            out.append(dict(entry))  # a damaged image fails at send time, with its own error
            continue
        text = text_of(session, str(entry["sha256"]), data, now=now, reader=reader)
        out.append({**entry, "image_text": text} if text is not None else dict(entry))
    return out


def known_texts(session: Session, hashes: Sequence[str]) -> dict[str, str]:
    """The text already read in each of these images, without reading any (the live check)."""
    found = {h: _MEMORY[h] for h in hashes if h in _MEMORY}
    missing = [h for h in hashes if h and h not in found]
    if missing:
        query = select(ImageTextRow).where(col(ImageTextRow.sha256).in_(missing))
        found.update({row.sha256: row.text for row in session.exec(query)})
    return found
