"""Images for X: tweepy's v1.1 API uploads them (the v2 Client cannot) and sets their alt text.

The v1.1 API builds its URLs from ``upload_host`` (https://upload.twitter.com/1.1/...); the
rebased session sends them to ``[x] api_base_url`` like the v2 Client's, always with a timeout.
An upload that fails happens before any tweet is made, so nothing was posted.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import requests
import tweepy

from guard.publishers import ErrorKind, MediaFile, PublishError
from guard.publishers.http import rebased_session, transport_error
from guard.settings import XSettings

UPLOAD_BASE = "https://upload.twitter.com"


class XMediaUploader:
    def __init__(self, settings: XSettings) -> None:
        auth = tweepy.OAuth1UserHandler(
            settings.consumer_key,
            settings.consumer_secret,
            settings.access_token,
            settings.access_token_secret,
        )
        # Never wait_on_rate_limit and never retry inside tweepy: that is the scheduler's call.
        self.api = tweepy.API(
            auth,
            timeout=settings.timeout_seconds,
            retry_count=0,
            wait_on_rate_limit=False,
        )
        self.api.session = rebased_session(
            UPLOAD_BASE, settings.api_base_url, settings.timeout_seconds
        )

    def upload(self, media: tuple[MediaFile, ...]) -> list[str]:
        """Upload each image and set its alt text; the media ids, in order."""
        ids = []
        for item in media:
            uploaded = _upload_call(self.api.simple_upload, item.name, file=io.BytesIO(item.data))
            media_id = str(uploaded.media_id_string)
            if item.alt_text:
                _upload_call(self.api.create_media_metadata, media_id, item.alt_text[:1000])
            ids.append(media_id)
        return ids


def _upload_call(method: Any, *args: Any, **kwargs: Any) -> Any:
    """Map an upload failure to the taxonomy. No tweet exists yet, so none is ever UNKNOWN."""
    try:
        return method(*args, **kwargs)
    except tweepy.TooManyRequests as exc:
        reset = exc.response.headers.get("x-rate-limit-reset")
        retry_at = dt.datetime.fromtimestamp(int(reset), dt.UTC) if reset else None
        raise PublishError(ErrorKind.RETRYABLE, _describe(exc), retry_at, 429) from None
    except tweepy.Unauthorized as exc:
        raise PublishError(ErrorKind.AUTH, _describe(exc), status=401) from None
    except tweepy.TwitterServerError as exc:
        status = exc.response.status_code
        raise PublishError(ErrorKind.RETRYABLE, _describe(exc), status=status) from None
    except tweepy.HTTPException as exc:
        status = exc.response.status_code
        raise PublishError(ErrorKind.REJECTED, _describe(exc), status=status) from None
    except tweepy.TweepyException as exc:
        # tweepy wraps transport errors ("Failed to send request: ...") around the original.
        cause = exc.__context__
        if isinstance(cause, requests.RequestException):
            error = transport_error(cause, "X")
            # A lost upload leaves an orphan image at most, never a post: safe to try again.
            raise PublishError(ErrorKind.RETRYABLE, f"image upload: {error.message}") from None
        raise PublishError(ErrorKind.REJECTED, f"X image upload failed: {exc}") from None


def _describe(exc: tweepy.HTTPException) -> str:
    parts = [*exc.api_messages] or [str(exc)]
    return f"X image upload {exc.response.status_code}: " + "; ".join(parts)
