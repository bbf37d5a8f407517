"""Facebook through facebook-sdk: posts to the page's feed with a page access token."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import facebook
import requests

from guard.publishers import (
    ErrorKind,
    MediaFile,
    Payload,
    Platform,
    PublishError,
    Receipt,
    ReconcileUnsupported,
)
from guard.publishers.http import rebased_session, transport_error
from guard.settings import FacebookSettings

VENDOR_BASE = "https://graph.facebook.com"
RATE_LIMIT_CODES = {4, 17, 32, 613}
AUTH_CODES = {190, 102}
DUPLICATE_CODES = {506}
RETRYABLE_CODES = {1, 2}  # "unknown error" and "service temporarily unavailable"


class FacebookPublisher:
    platform = Platform.FACEBOOK

    def __init__(self, settings: FacebookSettings) -> None:
        session = rebased_session(VENDOR_BASE, settings.graph_url, settings.timeout_seconds)
        self.graph = facebook.GraphAPI(
            access_token=settings.page_access_token,
            timeout=settings.timeout_seconds,
            session=session,
        )
        # facebook-sdk 3.1.0 only accepts versions up to 3.1 in its constructor; the path
        # prefix is all it uses the version for, so set the current one afterwards.
        self.graph.version = settings.graph_version
        self.page_id = settings.page_id

    def publish(self, payload: Payload) -> Receipt:
        data: dict[str, Any] = {"message": payload.text}
        if len(payload.media) == 1:
            # One image: the photo is the post, with the text as its caption. A photo has no
            # link field: the renderer has put the link in the text, as it was checked.
            if payload.link:
                raise PublishError(
                    ErrorKind.REJECTED, "a single photo has no link field: render the payload"
                )
            result = self._put_photo(payload.media[0], **data)
            post_id = str(result.get("post_id") or result["id"])
            return Receipt(post_id, f"https://www.facebook.com/{post_id}", dict(result))
        if payload.link:
            data["link"] = payload.link
        if payload.media:
            # Several: each uploaded unpublished, then one feed post that attaches them all.
            ids = [self._upload_unpublished(item) for item in payload.media]
            data["attached_media"] = json.dumps([{"media_fbid": i} for i in ids])
        result = self._call(self.graph.put_object, self.page_id, "feed", **data)
        post_id = str(result["id"])
        return Receipt(post_id, f"https://www.facebook.com/{post_id}", dict(result))

    def _put_photo(self, item: MediaFile, **data: Any) -> dict[str, Any]:
        return self._call(
            self.graph.put_photo,
            (item.name, item.data, item.content_type),
            album_path=f"{self.page_id}/photos",
            alt_text_custom=item.alt_text,
            **data,
        )

    def _upload_unpublished(self, item: MediaFile) -> str:
        """An unpublished photo is not a post: any failure here means nothing was posted."""
        try:
            result = self._put_photo(item, published="false")
        except PublishError as exc:
            if exc.kind is ErrorKind.UNKNOWN:
                raise PublishError(ErrorKind.RETRYABLE, f"image upload: {exc.message}") from None
            raise
        return str(result["id"])

    def find(self, payload: Payload, *, since: dt.datetime) -> Receipt | None:
        """Look in the page's feed for a post with this message made since ``since``."""
        try:
            feed = self._call(
                self.graph.get_connections,
                self.page_id,
                "feed",
                fields="id,message,created_time",
                since=int(since.timestamp()),
                limit=100,
            )
        except PublishError as exc:
            raise ReconcileUnsupported(str(exc)) from None
        expected = {payload.text.strip()}
        for item in feed.get("data", []):
            if item.get("message", "").strip() in expected:
                post_id = str(item["id"])
                return Receipt(post_id, f"https://www.facebook.com/{post_id}", dict(item))
        return None

    def _call(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except facebook.GraphAPIError as exc:
            raise _classify(exc) from None
        except requests.RequestException as exc:
            raise transport_error(exc, "Facebook") from None
        except ValueError as exc:  # a body that is not JSON: a proxy's or gateway's error page
            raise PublishError(ErrorKind.RETRYABLE, f"Facebook answered badly: {exc}") from None


def _classify(exc: facebook.GraphAPIError) -> PublishError:
    result = exc.result if isinstance(exc.result, dict) else {}
    error = result.get("error", {}) if isinstance(result.get("error"), dict) else {}
    code = error.get("code")
    message = f"Facebook error {code}: {exc.message}" if code else f"Facebook: {exc.message}"
    if code in RATE_LIMIT_CODES:
        # The Graph API gives no reset time in the body; an hour is its usual window.
        retry_at = dt.datetime.fromtimestamp(time.time() + 3600, dt.UTC)
        return PublishError(ErrorKind.RATE_LIMITED, message, retry_at)
    if code in AUTH_CODES:
        return PublishError(ErrorKind.AUTH, message)
    if code in DUPLICATE_CODES:
        return PublishError(ErrorKind.DUPLICATE, message)
    if code in RETRYABLE_CODES or error.get("is_transient"):
        return PublishError(ErrorKind.RETRYABLE, message)
    if not error:
        # Not a Graph error body at all: an HTML error page from a gateway.
        return PublishError(ErrorKind.RETRYABLE, message)
    return PublishError(ErrorKind.REJECTED, message)
