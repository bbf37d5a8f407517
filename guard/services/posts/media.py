"""Images attached to a post: checked once when scheduled, stored base64 inside PostRow.media.

Each entry is {"name", "content_type", "alt_text", "people_tags", "sha256", "data_b64"}; the
bytes live in the post itself (no table of their own), so the limits below keep rows small.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from guard.domain.guard.media_limits import image_problem, in_mb
from guard.publishers import MediaFile
from guard.services import InputError

MAX_IMAGES = 4
MAX_BYTES = 5 * 1024 * 1024
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff(data: bytes) -> str | None:
    """The image type from the file's first bytes (never from its name), or None."""
    for magic, content_type in SIGNATURES:
        if data.startswith(magic):
            return content_type
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def media_entry(
    name: str, data: bytes, alt_text: str, people_tags: Iterable[str] = ()
) -> dict[str, Any]:
    """One checked image as stored in PostRow.media; InputError names the file and the problem."""
    if not alt_text.strip():
        raise InputError(f"{name}: an image needs alt text (--alt) so that everyone can read it")
    entry = image_entry(name, data)
    return {**entry, "alt_text": alt_text.strip(), "people_tags": list(people_tags)}


def image_entry(name: str, data: bytes) -> dict[str, Any]:
    """An image's bytes checked (size, and type from the bytes) before its alt text is known."""
    if len(data) > MAX_BYTES:
        size, most = in_mb(len(data)), in_mb(MAX_BYTES)
        raise InputError(f"{name}: {size} is over the limit of {most} per image")
    content_type = sniff(data)
    if content_type is None:
        raise InputError(f"{name}: not a JPEG, PNG, GIF or WebP image")
    return {
        "name": name,
        "content_type": content_type,
        "sha256": hashlib.sha256(data).hexdigest(),
        "data_b64": base64.b64encode(data).decode("ascii"),
    }


def load_media(paths: Sequence[Path], alts: Sequence[str]) -> list[dict[str, Any]]:
    """Images from files, each paired in order with its alt text."""
    if len(paths) > MAX_IMAGES:
        raise InputError(f"at most {MAX_IMAGES} images per post ({len(paths)} given)")
    entries = []
    for index, path in enumerate(paths):
        alt = alts[index] if index < len(alts) else ""
        if not alt.strip():
            raise InputError(
                f"{path.name}: an image needs alt text (--alt) so that everyone can read it"
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path.name}: cannot read the file: {exc.strerror}") from None
        entries.append(media_entry(path.name, data, alt))
    if len(alts) > len(paths):
        raise InputError(f"{len(alts)} --alt texts for {len(paths)} --media images")
    return entries


def check_media(media: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Re-check stored entries: the limits hold however the post was made."""
    if len(media) > MAX_IMAGES:
        raise InputError(f"at most {MAX_IMAGES} images per post ({len(media)} given)")
    checked = []
    for entry in media:
        if "data_b64" not in entry:  # a description only (no image to send): kept as it is
            checked.append(dict(entry))
            continue
        data = _decode(entry)
        tags = entry.get("people_tags", ())
        name = str(entry.get("name", "image"))
        checked.append(media_entry(name, data, str(entry.get("alt_text", "")), tags))
    return checked


def media_files(media: Sequence[dict[str, Any]]) -> tuple[MediaFile, ...]:
    """The images to send, decoded from the post (entries without bytes are not sent)."""
    return tuple(
        MediaFile(
            name=str(entry.get("name", "image")),
            content_type=str(entry["content_type"]),
            data=_decode(entry),
            alt_text=str(entry.get("alt_text", "")),
        )
        for entry in media
        if "data_b64" in entry
    )


def _decode(entry: dict[str, Any]) -> bytes:
    try:
        return base64.b64decode(entry["data_b64"], validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise InputError(f"{entry.get('name', 'image')}: the stored image is damaged") from None


def platform_problems(media: Sequence[dict[str, Any]], platforms: Sequence[str]) -> dict[int, str]:
    """Why the chosen platforms would refuse the images, by image index (each platform's rule
    is in ``domain.guard.media_limits``)."""
    problems: dict[int, str] = {}
    images = [m for m in media if "sha256" in m]
    for platform in platforms:
        for index, entry in enumerate(images):
            size = len(_decode(entry)) if "data_b64" in entry else 0
            problem = image_problem(platform, str(entry.get("content_type", "")), size)
            if problem is not None:
                problems.setdefault(index, f"{entry.get('name', 'image')}: {problem}")
    return problems


def check_for_platforms(media: Sequence[dict[str, Any]], platforms: Sequence[str]) -> None:
    """InputError naming the first image a chosen platform would refuse, and why."""
    problems = platform_problems(media, platforms)
    if problems:
        raise InputError("; ".join(problems.values()))
