"""tweepy's errors in the one taxonomy, for posting a tweet and for uploading its images.

The difference between the two is the law of "never twice": a failed upload made no tweet, so it is
always safe to try again, while a failed tweet may have been made and must not be sent blind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import requests
import tweepy

from guard.publishers import ErrorKind, PublishError
from guard.publishers.http import transport_error

T = TypeVar("T")


def call_x(method: Callable[..., T], *args: Any, posting: bool, **kwargs: Any) -> T:
    """Call tweepy; any failure leaves as a PublishError. ``posting`` is True for a tweet."""
    what = "X" if posting else "X image upload"
    try:
        return method(*args, **kwargs)
    except tweepy.TooManyRequests as exc:
        reset = exc.response.headers.get("x-rate-limit-reset")
        retry_at = dt.datetime.fromtimestamp(int(reset), dt.UTC) if reset else None
        kind = ErrorKind.RATE_LIMITED if posting else ErrorKind.RETRYABLE
        raise PublishError(kind, _describe(exc, what), retry_at, 429) from None
    except tweepy.Unauthorized as exc:
        raise PublishError(ErrorKind.AUTH, _describe(exc, what), status=401) from None
    except tweepy.Forbidden as exc:
        duplicate = posting and "duplicate" in _describe(exc, what).lower()
        kind = ErrorKind.DUPLICATE if duplicate else ErrorKind.REJECTED
        raise PublishError(kind, _describe(exc, what), status=403) from None
    except tweepy.TwitterServerError as exc:
        status = exc.response.status_code
        # Any 5xx after a tweet was sent may hide a tweet that was made (X answers 502 and
        # 503 for tweets it then publishes): unknown, to be looked for, never re-sent. An
        # upload never makes a tweet.
        kind = ErrorKind.UNKNOWN if posting else ErrorKind.RETRYABLE
        raise PublishError(kind, _describe(exc, what), status=status) from None
    except tweepy.HTTPException as exc:
        status = exc.response.status_code
        raise PublishError(ErrorKind.REJECTED, _describe(exc, what), status=status) from None
    except requests.RequestException as exc:
        raise _transport(exc, posting) from None
    except tweepy.TweepyException as exc:
        # tweepy's v1.1 API wraps transport errors ("Failed to send request: ...").
        if isinstance(exc.__context__, requests.RequestException):
            raise _transport(exc.__context__, posting) from None
        raise PublishError(ErrorKind.REJECTED, f"{what} failed: {exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        # An answer the SDK could not read: after a tweet was sent, it may have been made.
        kind = ErrorKind.UNKNOWN if posting else ErrorKind.RETRYABLE
        raise PublishError(kind, f"{what} answered unreadably: {exc!r}"[:500]) from None


def _transport(exc: requests.RequestException, posting: bool) -> PublishError:
    error = transport_error(exc, "X")
    if posting:
        return error
    # A lost upload leaves an orphan image at most, never a post: safe to try again.
    return PublishError(ErrorKind.RETRYABLE, f"image upload: {error.message}")


def _describe(exc: tweepy.HTTPException, what: str) -> str:
    parts = [*exc.api_messages] or [str(exc)]
    return f"{what} {exc.response.status_code}: " + "; ".join(parts)
