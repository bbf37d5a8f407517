"""What each platform will receive, rendered once: the guard judges it, the publishers send it.

The guard must read exactly what goes out (DESIGN: "The guard judges the rendered payload"):
a link the publisher appended after the check would escape both the length rule and the
guard. So the post's parts are put together here, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Media:
    """One image as the guard reads it: its description, people tags and the text inside it."""

    alt_text: str = ""
    people_tags: tuple[str, ...] = ()
    image_text: str = ""  # what OCR read in the picture ("" when not read or no text)
    sent: bool = True  # False: a description kept without the picture (nothing uploaded)


@dataclass(frozen=True)
class PostDraft:
    """A post as the clerk wrote it: the text, a link, images, and per-platform texts."""

    text: str
    platform: str | None = None  # "x", "facebook", "instagram"; None: no platform limits checked
    link: str | None = None
    media: tuple[Media, ...] = ()
    platform_texts: tuple[tuple[str, str], ...] = ()  # (platform, text) overriding ``text``


class Rendered(NamedTuple):
    """Exactly what one platform receives: the message, a link field, the images' alt texts."""

    platform: str | None
    text: str  # the message, byte for byte (the link included where the platform needs it)
    link: str | None  # a separate link field (Facebook's link preview); None on X
    alt_texts: tuple[str, ...]


def post_text(post: PostDraft) -> str:
    """The text written for this platform, or the post's text."""
    if not post.platform_texts:
        return post.text
    texts: Mapping[str, str] = dict(post.platform_texts)
    return texts.get(post.platform or "", post.text)


def render(post: PostDraft) -> Rendered:
    """The payload ``post.platform`` will receive.

    X has no link field, so the link goes on a line of its own after the text. Facebook takes a
    feed post's link as a field of its own (the preview card), but a single photo is posted with
    its caption as the message, so the link then follows the text as on X. Instagram has no
    link field and its captions' links are not clickable: the link is written out on its own
    line, as on X, for the reader to copy."""
    if not post.link and not post.media and not post.platform_texts:  # most posts: the text
        return tuple.__new__(Rendered, (post.platform, post.text, None, ()))  # half the cost
    text, link = post_text(post), post.link or None
    images = [m for m in post.media if m.sent]
    alt_texts = tuple(m.alt_text for m in images)
    platform = (post.platform or "").lower()
    own_line = platform in ("x", "twitter", "instagram")
    if link and (own_line or (platform == "facebook" and len(images) == 1)):
        return Rendered(post.platform, f"{text}\n{link}", None, alt_texts)
    return Rendered(post.platform, text, link, alt_texts)
