"""What images each platform takes: the formats, the size of one image, whether one is needed.

Keyed by the platform's name as a string, so a platform the publishers add later ("instagram")
has its rule here before its enum member exists. A platform not named takes what X takes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

MB = 1024 * 1024
JPEG, PNG, GIF, WEBP = "image/jpeg", "image/png", "image/gif", "image/webp"
FORMAT_NAMES = {JPEG: "JPEG", PNG: "PNG", GIF: "GIF", WEBP: "WebP"}


@dataclass(frozen=True)
class ImageLimits:
    """One platform's rules for a post's images."""

    name: str  # as the clerk knows it
    formats: tuple[str, ...]
    max_bytes: int


# X: JPEG, PNG, GIF and WebP up to 5 MB (X's media upload documentation). Facebook's Graph API
# takes a page photo up to 4 MB, as JPEG, PNG or GIF (BMP and TIFF too, which the guard
# does not accept). Instagram publishes JPEG only, up to 8 MB: the app converts the others
# (that a post there needs an image is a finding of the verdict: platform_limits.py).
IMAGE_LIMITS: dict[str, ImageLimits] = {
    "x": ImageLimits("X", (JPEG, PNG, GIF, WEBP), 5 * MB),
    "facebook": ImageLimits("Facebook", (JPEG, PNG, GIF), 4 * MB),
    "instagram": ImageLimits("Instagram", (JPEG, PNG, GIF, WEBP), 8 * MB),
}


def limits_for(platform: str) -> ImageLimits:
    """The platform's rule; one not named here is held to X's."""
    return IMAGE_LIMITS.get(platform.lower()) or replace(IMAGE_LIMITS["x"], name=platform)


def image_problem(platform: str, content_type: str, size: int) -> str | None:
    """Why ``platform`` would refuse one image, in words, or None when it takes it."""
    rule = limits_for(platform)
    if content_type not in rule.formats:
        kind = FORMAT_NAMES.get(content_type, content_type)
        takes = ", ".join(FORMAT_NAMES.get(f, f) for f in rule.formats)
        return f"{rule.name} does not take {kind} images (it takes {takes})"
    if size > rule.max_bytes:
        return f"{rule.name} takes images up to {in_mb(rule.max_bytes)}; this one is {in_mb(size)}"
    return None


def in_mb(size: int) -> str:
    """A size as people say it: "4 MB", "4.01 MB" (rounded up, so over a limit never reads
    as the limit itself)."""
    if size % MB == 0:
        return f"{size // MB} MB"
    return f"{math.ceil(size * 100 / MB) / 100:.2f} MB"
