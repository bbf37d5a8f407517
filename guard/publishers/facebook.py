"""Facebook through facebook-sdk: posts to the page's feed with a page access token."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Mapping
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
RATE_LIMIT_CODES = {4, 17, 32, 613, 80001}
AUTH_CODES = {190, 102}
DUPLICATE_CODES = {506}
# "Unknown error" and "service temporarily unavailable": for a post, the Graph API gives
# these for posts it then publishes, so they are unknown outcomes there, retryable elsewhere.
SERVER_CODES = {1, 2}
USAGE_HEADERS = ("x-business-use-case-usage", "x-page-usage", "x-app-usage")


class _ServerAnswer(Exception):
    """A 5xx from the Graph API or a gateway before it, whatever its body says."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(f"Facebook {status}: {text[:200]}")
        self.status = status


class FacebookPublisher:
    platform = Platform.FACEBOOK

    def __init__(self, settings: FacebookSettings) -> None:
        session = rebased_session(VENDOR_BASE, settings.graph_url, settings.timeout_seconds)
        # facebook-sdk ignores the HTTP status and drops the headers: read both here.
        self._last = threading.local()
        session.hooks["response"].append(self._inspect)
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
            post_id = _post_id(result, "post_id", "id")
            return Receipt(post_id, f"https://www.facebook.com/{post_id}", dict(result))
        if payload.link:
            data["link"] = payload.link
        if payload.media:
            # Several: each uploaded unpublished, then one feed post that attaches them all.
            ids = [self._upload_unpublished(item) for item in payload.media]
            data["attached_media"] = json.dumps([{"media_fbid": i} for i in ids])
        result = self._call(self.graph.put_object, self.page_id, "feed", posting=True, **data)
        post_id = _post_id(result, "id")
        return Receipt(post_id, f"https://www.facebook.com/{post_id}", dict(result))

    def _put_photo(self, item: MediaFile, **data: Any) -> dict[str, Any]:
        return self._call(
            self.graph.put_photo,
            (item.name, item.data, item.content_type),
            posting=data.get("published") != "false",
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
        if not isinstance(result, dict) or not result.get("id"):
            raise PublishError(ErrorKind.RETRYABLE, f"image upload answered {result!r}"[:300])
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
        if not isinstance(feed, dict) or not isinstance(feed.get("data"), list):
            raise ReconcileUnsupported(f"Facebook answered the feed with {feed!r}"[:300])
        for item in feed["data"]:
            if item.get("message", "").strip() in expected:
                post_id = str(item["id"])
                return Receipt(post_id, f"https://www.facebook.com/{post_id}", dict(item))
        return None

    @staticmethod
    def classify(
        exc: facebook.GraphAPIError, unsure: ErrorKind, headers: Mapping[str, str]
    ) -> PublishError:
        """The Graph API's error in the taxonomy (Instagram's publisher adds its own codes)."""
        return _classify(exc, unsure, headers)

    def _inspect(self, response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        self._last.headers = response.headers
        if response.status_code >= 500:
            raise _ServerAnswer(response.status_code, response.text)

    def _call(self, method: Any, *args: Any, posting: bool = False, **kwargs: Any) -> Any:
        """Call facebook-sdk; every failure leaves as a PublishError of the taxonomy.

        ``posting``: the call makes a post, so any answer that does not prove it failed before
        acceptance (a 5xx, code 1 or 2, a gateway's page, an unreadable body) is *unknown*.
        """
        unsure = ErrorKind.UNKNOWN if posting else ErrorKind.RETRYABLE
        self._last.headers = {}
        try:
            return method(*args, **kwargs)
        except _ServerAnswer as exc:
            raise PublishError(unsure, str(exc), status=exc.status) from None
        except facebook.GraphAPIError as exc:
            raise self.classify(exc, unsure, getattr(self._last, "headers", {})) from None
        except requests.RequestException as exc:
            raise transport_error(exc, "Facebook") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            # A body or headers facebook-sdk could not read (no Content-Type, not JSON).
            raise PublishError(unsure, f"Facebook answered unreadably: {exc!r}"[:500]) from None


def _post_id(result: Any, *names: str) -> str:
    for name in names:
        if isinstance(result, dict) and result.get(name):
            return str(result[name])
    # Accepted, but the answer does not say which post: it may well exist.
    raise PublishError(ErrorKind.UNKNOWN, f"Facebook answered without a post id: {result!r}"[:500])


def regain_access_in(headers: Mapping[str, str]) -> dt.timedelta | None:
    """How long the Graph API's usage headers say to wait before calling again, if they say."""
    minutes = 0
    for name in USAGE_HEADERS:
        try:
            usage = json.loads(headers.get(name) or "null")
        except ValueError:
            continue
        entries = [e for v in usage.values() for e in v] if isinstance(usage, dict) else []
        for entry in entries if entries else [usage]:
            if isinstance(entry, dict):
                wait = entry.get("estimated_time_to_regain_access")
                if isinstance(wait, int | float) and wait > minutes:
                    minutes = int(wait)
    return dt.timedelta(minutes=minutes) if minutes else None


def _classify(
    exc: facebook.GraphAPIError, unsure: ErrorKind, headers: Mapping[str, str]
) -> PublishError:
    result = exc.result if isinstance(exc.result, dict) else {}
    error = result.get("error", {}) if isinstance(result.get("error"), dict) else {}
    code = error.get("code")
    message = f"Facebook error {code}: {exc.message}" if code else f"Facebook: {exc.message}"
    if code in RATE_LIMIT_CODES:
        # The window to wait is in the usage headers; without them the scheduler backs off.
        wait = regain_access_in(headers)
        return PublishError(ErrorKind.RATE_LIMITED, message, retry_after=wait)
    if code in AUTH_CODES:
        return PublishError(ErrorKind.AUTH, message)
    if code in DUPLICATE_CODES:
        return PublishError(ErrorKind.DUPLICATE, message)
    if code in SERVER_CODES or error.get("is_transient") or not error:
        # No Graph error at all is a gateway's page ("Maintype was not text…").
        return PublishError(unsure, message)
    return PublishError(ErrorKind.REJECTED, message)
