"""X (Twitter) through tweepy's v2 Client, OAuth 1.0a user context."""

from __future__ import annotations

import datetime as dt
from typing import Any

import tweepy

from guard.publishers import (
    ErrorKind,
    Payload,
    Platform,
    PublishError,
    Receipt,
    ReconcileUnsupported,
)
from guard.publishers.http import rebased_session
from guard.publishers.x_errors import call_x
from guard.publishers.x_media import XMediaUploader
from guard.settings import XSettings

VENDOR_BASE = "https://api.twitter.com"


class XPublisher:
    platform = Platform.X

    def __init__(self, settings: XSettings) -> None:
        # Never wait_on_rate_limit: tweepy would sleep and then re-post at once.
        self.client = tweepy.Client(
            consumer_key=settings.consumer_key,
            consumer_secret=settings.consumer_secret,
            access_token=settings.access_token,
            access_token_secret=settings.access_token_secret,
            wait_on_rate_limit=False,
        )
        self.client.session = rebased_session(
            VENDOR_BASE, settings.api_base_url, settings.timeout_seconds
        )
        self.uploader = XMediaUploader(settings)

    def publish(self, payload: Payload) -> Receipt:
        # The text is sent as rendered and checked (guard.domain.guard.payload): X has no link
        # field, so the renderer has already put the link in the text.
        if payload.link:
            raise PublishError(ErrorKind.REJECTED, "X has no link field: render the payload first")
        text = payload.text
        # Images first: a failed upload raises before any tweet exists, so nothing was posted.
        media_ids = self.uploader.upload(payload.media) if payload.media else None
        response = self._call(
            self.client.create_tweet, text=text, media_ids=media_ids, user_auth=True, posting=True
        )
        data = getattr(response, "data", None)
        if not isinstance(data, dict) or not data.get("id"):
            # Accepted (2xx) but the answer does not say which post: it may well exist.
            raise PublishError(
                ErrorKind.UNKNOWN, f"X answered without a post id: {response!r}"[:500]
            )
        post_id = str(data["id"])
        return Receipt(post_id, f"https://x.com/i/web/status/{post_id}", {"data": dict(data)})

    def find(self, payload: Payload, *, since: dt.datetime) -> Receipt | None:
        """Look in the account's recent posts (needs an API tier that allows reading)."""
        try:
            me = self._call(self.client.get_me, user_auth=True)
            tweets = self._call(
                self.client.get_users_tweets,
                me.data["id"],
                start_time=since.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                max_results=100,
                user_auth=True,
            )
        except PublishError as exc:
            raise ReconcileUnsupported(str(exc)) from None
        expected = payload.text
        for tweet in tweets.data or []:
            if _same_text(tweet["text"], expected):
                post_id = str(tweet["id"])
                return Receipt(post_id, f"https://x.com/i/web/status/{post_id}", dict(tweet))
        return None

    def _call(self, method: Any, *args: Any, posting: bool = True, **kwargs: Any) -> Any:
        return call_x(method, *args, posting=posting, **kwargs)


def _same_text(found: str, expected: str) -> bool:
    # X shortens links to t.co in the stored text, so compare the words before any link.
    return found.split("http")[0].strip() == expected.split("http")[0].strip()
