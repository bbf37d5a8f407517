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

from PIL import Image, UnidentifiedImageError
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
                return Served(Check.GOOD, as_jpeg(base64.b64decode(entry["data_b64"])))
    return Served(Check.GOOD)


def as_jpeg(data: bytes) -> bytes:
    """The image as a JPEG, the only format Instagram takes: a JPEG is sent as it is; any other
    (PNG, GIF's first frame, WebP) is drawn on white, since JPEG has no transparency."""
    if data.startswith(b"\xff\xd8\xff"):
        return data
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.seek(0)
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputError(f"the image cannot be read: {exc}") from None
    flat = Image.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()
