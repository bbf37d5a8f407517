"""The images Meta fetches for an Instagram post: the signing key, and the image as a JPEG.

Instagram takes an image only by its address. The publisher signs one per image
(`publishers/media_links.py`); the web app answers it here. Only an image of a post being
sent to Instagram now is served, so a leaked address shows nothing else, even while valid.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import io
import logging
import math

from PIL import Image, UnidentifiedImageError
from PIL.Image import DecompressionBombError
from sqlmodel import Session, col, select

from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import Platform
from guard.publishers.media_links import Check, check
from guard.services import InputError
from guard.services.accounts.vault import open_vault
from guard.settings import Settings
from guard.store.models import DeliveryRow, PostRow

log = logging.getLogger(__name__)
JPEG_QUALITY = 90
# Instagram refuses an image narrower than 4:5 (portrait) or wider than 1.91:1 (landscape).
NARROWEST, WIDEST = 4 / 5, 1.91


def media_key(settings: Settings) -> str:
    """The secret the addresses are signed with: the setting's, else derived from the accounts'
    key (the same in every process that can read the connected accounts)."""
    if settings.instagram.media_url_secret:
        return settings.instagram.media_url_secret
    return open_vault(settings.accounts).derive("instagram media urls").hex()


def with_media_key(settings: Settings) -> Settings:
    """The settings a publisher is made from: the signing key filled in when Instagram is used."""
    ig = settings.instagram
    if not ig.user_id or ig.media_url_secret:
        return settings
    try:
        key = media_key(settings)
    except InputError as exc:  # the publisher then refuses, naming the missing key
        log.error("Instagram's image addresses cannot be signed: %s", exc)
        return settings
    return dataclasses.replace(settings, instagram=dataclasses.replace(ig, media_url_secret=key))


@dataclasses.dataclass(frozen=True)
class Served:
    check: Check
    jpeg: bytes | None = None  # None: no such image is being sent


def image_for_meta(
    session: Session,
    settings: Settings,
    *,
    sha256: str,
    expires: str,
    signature: str,
    now: dt.datetime,
) -> Served:
    """The image an address names, as a JPEG, if its signature is good and it is being sent."""
    try:
        key = media_key(settings).encode()
    except InputError:
        return Served(Check.FORGED)
    said = check(key, sha256, expires, signature, now=now)
    if said is not Check.GOOD:
        return Served(said)
    query = (
        select(PostRow.media)
        .join(DeliveryRow, col(DeliveryRow.post_id) == col(PostRow.id))
        .where(
            DeliveryRow.platform == Platform.INSTAGRAM.value,
            DeliveryRow.status == DeliveryStatus.SENDING.value,
        )
    )
    for media in session.exec(query):
        for entry in media or []:
            if entry.get("sha256") == sha256 and "data_b64" in entry:
                try:
                    return Served(Check.GOOD, as_jpeg(base64.b64decode(entry["data_b64"])))
                except InputError as exc:  # Meta's container then fails, and says so
                    log.error("image %s cannot be sent to Instagram: %s", sha256, exc)
    return Served(Check.GOOD)


def as_jpeg(data: bytes) -> bytes:
    """The image as a JPEG, the only format Instagram takes, within its shapes.

    A JPEG of an accepted shape is sent as it is. Any other (PNG, GIF's first frame, WebP) is
    drawn on white, since JPEG has no transparency; one too tall or too wide is set in white
    margins to the nearest accepted shape, never cropped: nothing the guard read is cut off.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            fits = NARROWEST <= width / height <= WIDEST
            if image.format == "JPEG" and fits:
                return data
            image.seek(0)
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, DecompressionBombError, OSError, ValueError) as exc:
        raise InputError(f"the image cannot be read: {exc}") from None
    size = (width, height)
    if width / height > WIDEST:
        size = (width, math.ceil(width / WIDEST))
    elif width / height < NARROWEST:
        size = (math.ceil(height * NARROWEST), height)
    flat = Image.new("RGB", size, (255, 255, 255))
    flat.paste(rgba, ((size[0] - width) // 2, (size[1] - height) // 2), rgba.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()
