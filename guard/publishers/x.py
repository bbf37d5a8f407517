"""X (Twitter) through tweepy's v2 Client, OAuth 1.0a user context."""

from __future__ import annotations

import datetime as dt
from typing import Any

import requests
import tweepy

from guard.publishers import (
    ErrorKind,
    Payload,
    Platform,
    PublishError,
    Receipt,
    ReconcileUnsupported,
)
from guard.publishers.http import rebased_session, transport_error
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
        text = payload.text if not payload.link else f"{payload.text}\n{payload.link}"
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
        expected = payload.text if not payload.link else f"{payload.text}\n{payload.link}"
        for tweet in tweets.data or []:
            if _same_text(tweet["text"], expected):
                post_id = str(tweet["id"])
                return Receipt(post_id, f"https://x.com/i/web/status/{post_id}", dict(tweet))
        return None

    def _call(self, method: Any, *args: Any, posting: bool = False, **kwargs: Any) -> Any:
        """Call tweepy; every failure leaves as a PublishError of the taxonomy.

        ``posting``: the call creates a post, so an answer that does not say it failed
        before acceptance (a 5xx, a gateway's page, a body that cannot be read) is *unknown*.
        """
        try:
            return method(*args, **kwargs)
        except tweepy.TooManyRequests as exc:
            reset = exc.response.headers.get("x-rate-limit-reset")
            retry_at = dt.datetime.fromtimestamp(int(reset), dt.UTC) if reset else None
            raise PublishError(ErrorKind.RATE_LIMITED, _describe(exc), retry_at, 429) from None
        except tweepy.Unauthorized as exc:
            raise PublishError(ErrorKind.AUTH, _describe(exc), status=401) from None
        except tweepy.Forbidden as exc:
            kind = (
                ErrorKind.DUPLICATE if "duplicate" in _describe(exc).lower() else ErrorKind.REJECTED
            )
            raise PublishError(kind, _describe(exc), status=403) from None
        except tweepy.TwitterServerError as exc:
            status = exc.response.status_code
            # A 5xx after the request was sent may hide a post that was made (X answers 502
            # and 503 for posts it then publishes): unknown, to be looked for, never re-sent.
            kind = ErrorKind.UNKNOWN if posting else ErrorKind.RETRYABLE
            raise PublishError(kind, _describe(exc), status=status) from None
        except tweepy.HTTPException as exc:
            raise PublishError(
                ErrorKind.REJECTED, _describe(exc), status=exc.response.status_code
            ) from None
        except requests.RequestException as exc:
            raise transport_error(exc, "X") from None
        except (tweepy.TweepyException, ValueError, KeyError, TypeError) as exc:
            # An answer the SDK could not read: after the request left, it may have posted.
            kind = ErrorKind.UNKNOWN if posting else ErrorKind.RETRYABLE
            raise PublishError(kind, f"X answered unreadably: {exc!r}"[:500]) from None


def _describe(exc: tweepy.HTTPException) -> str:
    parts = [*exc.api_messages] or [str(exc)]
    return f"X {exc.response.status_code}: " + "; ".join(parts)


def _same_text(found: str, expected: str) -> bool:
    # X shortens links to t.co in the stored text, so compare the words before any link.
    return found.split("http")[0].strip() == expected.split("http")[0].strip()
