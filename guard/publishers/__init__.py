"""Publishers: one port, one module per platform, one error taxonomy. Vendor types stay here."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class Platform(StrEnum):
    """The platforms the council posts to, by the names settings, forms and records use."""

    X = "x"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"


@dataclass(frozen=True)
class MediaFile:
    """An image to attach, with the alt text that describes it (required for accessibility)."""

    name: str
    content_type: str
    data: bytes = field(repr=False)
    alt_text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def summary(self) -> dict[str, Any]:
        """What the archive keeps: everything but the bytes, which the digest identifies."""
        return {
            "name": self.name,
            "content_type": self.content_type,
            "sha256": self.sha256,
            "alt_text": self.alt_text,
        }


@dataclass(frozen=True)
class Payload:
    """Exactly what is sent: kept in the archive as it was (the images by their digest)."""

    text: str
    link: str | None = None
    media: tuple[MediaFile, ...] = ()

    def summary(self) -> dict[str, Any]:
        summary: dict[str, Any] = {"text": self.text, "link": self.link}
        if self.media:
            summary["media"] = [m.summary() for m in self.media]
        return summary


@dataclass(frozen=True)
class Receipt:
    platform_post_id: str
    url: str | None = None
    response: dict[str, Any] = field(default_factory=dict)


class ErrorKind(StrEnum):
    RETRYABLE = "retryable"  # known not to have posted: connection refused, 5xx before acceptance
    RATE_LIMITED = "rate-limited"  # 429 or the Graph API's throttling codes: wait for the reset
    DUPLICATE = "duplicate"  # the platform already has this content
    REJECTED = "rejected"  # the content or request is invalid: do not retry
    AUTH = "auth"  # the credentials are expired or revoked: the account needs new ones
    UNKNOWN = "unknown"  # the request may have been acted on (a read timeout): never re-send


@dataclass
class PublishError(Exception):
    kind: ErrorKind
    message: str
    retry_at: dt.datetime | None = None
    status: int | None = None
    # A wait counted from the answer (the Graph API's usage headers), for the sender's clock.
    retry_after: dt.timedelta | None = None

    def retry_time(self, now: dt.datetime) -> dt.datetime | None:
        if self.retry_at is not None:
            return self.retry_at
        return now + self.retry_after if self.retry_after is not None else None

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


class ReconcileUnsupported(Exception):
    """The platform (or this API tier) cannot tell us whether a post was made."""


class Publisher(Protocol):
    platform: Platform

    def publish(self, payload: Payload) -> Receipt:
        """Publish, or raise PublishError with its kind."""
        ...

    def find(self, payload: Payload, *, since: dt.datetime) -> Receipt | None:
        """Look for a post with this payload made since ``since`` (reconciliation)."""
        ...
