"""A requests adapter that gives the vendor SDKs a base URL of our choosing and a timeout."""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from guard.publishers import ErrorKind, PublishError


class RebasingAdapter(HTTPAdapter):
    """Sends requests for ``vendor_base`` to ``base_url`` instead, always with a timeout.

    tweepy's v2 Client hard-codes https://api.twitter.com and facebook-sdk hard-codes
    https://graph.facebook.com/, and neither sets a timeout; this is how the app talks to a
    proxy or a local stand-in, and never hangs on a platform.
    """

    def __init__(self, vendor_base: str, base_url: str, timeout: float) -> None:
        super().__init__(max_retries=0)  # retrying is the scheduler's decision, never the SDK's
        self.vendor_base = vendor_base.rstrip("/")
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if request.url and request.url.startswith(self.vendor_base):
            request.url = self.base_url + request.url[len(self.vendor_base) :]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


def rebased_session(vendor_base: str, base_url: str, timeout: float) -> requests.Session:
    session = requests.Session()
    adapter = RebasingAdapter(vendor_base, base_url, timeout)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def never_reached_platform(exc: requests.RequestException) -> bool:
    """True when the request certainly did not reach the platform (refused, DNS, connect timeout).

    A connection dropped after the request was written (a reset, a read timeout) is not:
    the platform may have made the post.
    """
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError) and not isinstance(exc, requests.ReadTimeout):
        reason = exc.args[0] if exc.args else None
        inner = getattr(reason, "reason", reason)
        return isinstance(inner, NewConnectionError | NameResolutionError | ConnectTimeoutError)
    return False


def transport_error(exc: requests.RequestException, platform: str) -> PublishError:
    """A failure below HTTP in the taxonomy: retryable only if nothing reached the platform."""
    if never_reached_platform(exc):
        return PublishError(ErrorKind.RETRYABLE, f"could not connect to {platform}: {exc}")
    return PublishError(
        ErrorKind.UNKNOWN, f"no answer from {platform} in time; the post may have been made: {exc}"
    )
