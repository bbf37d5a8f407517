"""Signed, expiring addresses of a post's images, for a platform that fetches them (Instagram).

The address names the image by its SHA-256 and carries its end as a Unix time; the signature
(HMAC-SHA256 over both) proves this app made it. The web app checks it before it serves
anything, so the address cannot be guessed, changed to another image, or used after its end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from enum import StrEnum
from urllib.parse import urlencode

PATH = "/media/{sha256}.jpg"
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Check(StrEnum):
    GOOD = "good"
    EXPIRED = "expired"  # signed by us, but its time is over
    FORGED = "forged"  # not signed by us, or changed since


def signature(key: bytes, sha256: str, expires: int) -> str:
    message = f"instagram-media:{sha256}:{expires}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def signed_url(public_url: str, key: bytes, sha256: str, *, now: dt.datetime, minutes: int) -> str:
    """The address Meta fetches the image from, good for ``minutes`` from ``now``."""
    expires = int((now + dt.timedelta(minutes=minutes)).timestamp())
    query = urlencode({"expires": expires, "signature": signature(key, sha256, expires)})
    return public_url.rstrip("/") + PATH.format(sha256=sha256) + "?" + query


def check(key: bytes, sha256: str, expires: str, given: str, *, now: dt.datetime) -> Check:
    """Whether an address's signature is ours, and still in time."""
    if not key or not SHA256.match(sha256) or not expires.isdigit() or len(expires) > 12:
        return Check.FORGED
    if not hmac.compare_digest(signature(key, sha256, int(expires)), given):
        return Check.FORGED
    return Check.GOOD if now.timestamp() <= int(expires) else Check.EXPIRED
