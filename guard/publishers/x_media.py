"""Images for X through the v2 media API: POST /2/media/upload, then POST /2/media/metadata for
the alt text, signed with the same OAuth 1.0a user context tweepy's Client uses.

X deprecated the v1.1 upload, and tweepy (4.17) has no v2 upload yet, so the requests are made
here with tweepy's own signing and its own exceptions (mapped once in x_errors.py). The session
is rebased to ``[x] api_base_url`` with a timeout, like the Client's. An upload that fails
happens before any tweet is made, so nothing was posted.
"""

from __future__ import annotations

from typing import Any

import requests
import tweepy

from guard.publishers import ErrorKind, MediaFile, PublishError
from guard.publishers.http import rebased_session
from guard.publishers.x_errors import call_x
from guard.settings import XSettings

VENDOR_BASE = "https://api.twitter.com"  # what tweepy's Client uses; the session rebases it
ALT_TEXT_LIMIT = 1000
CATEGORIES = {"image/gif": "tweet_gif"}  # everything else the app accepts is a tweet_image


class XMediaUploader:
    def __init__(self, settings: XSettings) -> None:
        self.auth = tweepy.OAuth1UserHandler(
            settings.consumer_key,
            settings.consumer_secret,
            settings.access_token,
            settings.access_token_secret,
        ).apply_auth()
        self.session = rebased_session(VENDOR_BASE, settings.api_base_url, settings.timeout_seconds)

    def upload(self, media: tuple[MediaFile, ...]) -> list[str]:
        """Upload each image and set its alt text; the media ids, in order."""
        ids = []
        for item in media:
            answer = call_x(
                self._post,
                "/2/media/upload",
                files={"media": (item.name, item.data, item.content_type)},
                data={
                    "media_category": CATEGORIES.get(item.content_type, "tweet_image"),
                    "media_type": item.content_type,
                },
                posting=False,
            )
            media_id = str((answer.get("data") or {}).get("id") or "")
            if not media_id:
                raise PublishError(ErrorKind.RETRYABLE, "X image upload: no media id came back")
            if item.alt_text:
                metadata = {"alt_text": {"text": item.alt_text[:ALT_TEXT_LIMIT]}}
                call_x(
                    self._post,
                    "/2/media/metadata",
                    json={"id": media_id, "metadata": metadata},
                    posting=False,
                )
            ids.append(media_id)
        return ids

    def _post(self, route: str, **kwargs: Any) -> dict[str, Any]:
        response = self.session.post(VENDOR_BASE + route, auth=self.auth, **kwargs)
        _raise_like_tweepy(response)
        try:
            return response.json()
        except ValueError:
            return {}


def _raise_like_tweepy(response: requests.Response) -> None:
    """The exceptions tweepy's Client raises for these statuses, so one mapping serves both."""
    status = response.status_code
    errors: dict[int, type[tweepy.HTTPException]] = {
        400: tweepy.BadRequest,
        401: tweepy.Unauthorized,
        403: tweepy.Forbidden,
        404: tweepy.NotFound,
        429: tweepy.TooManyRequests,
    }
    if status in errors:
        raise errors[status](response)
    if status >= 500:
        raise tweepy.TwitterServerError(response)
    if not 200 <= status < 300:
        raise tweepy.HTTPException(response)
