"""Connecting the council's X account: tweepy's OAuth 1.0a three-legged flow.

tweepy's handler hard-codes https://api.twitter.com/oauth/ and sets no timeout; the subclass
below sends the flow to ``[x] api_base_url`` (a proxy or a local stand-in) with one.
"""

from __future__ import annotations

from typing import Any

import requests
import tweepy

from guard.publishers.connect import ConnectError, TokenState, XAccount, XRequest
from guard.publishers.connect import transport_failure as _transport
from guard.publishers.http import RebasingAdapter
from guard.publishers.x import VENDOR_BASE
from guard.settings import XSettings


class _Handler(tweepy.OAuth1UserHandler):
    def __init__(self, settings: XSettings, *args: Any, **kwargs: Any) -> None:
        self._settings = settings
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def oauth(self) -> requests.Session:
        return self._oauth

    @oauth.setter
    def oauth(self, session: requests.Session) -> None:
        # tweepy makes a new session for the access token: every one gets the timeout.
        adapter = RebasingAdapter(
            VENDOR_BASE, self._settings.api_base_url, self._settings.timeout_seconds
        )
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        self._oauth = session

    def _get_oauth_url(self, endpoint: str) -> str:
        return f"{self._settings.api_base_url.rstrip('/')}/oauth/{endpoint}"


def start(settings: XSettings, key: str, secret: str, callback: str) -> XRequest:
    """Ask X for a request token; the admin is sent to ``authorize_url`` to allow the app."""
    handler = _Handler(settings, key, secret, callback=callback)
    url = _call(handler.get_authorization_url)
    token = handler.request_token
    return XRequest(url, token["oauth_token"], token["oauth_token_secret"])


def finish(
    settings: XSettings, key: str, secret: str, request: tuple[str, str], verifier: str
) -> XAccount:
    """Trade the verifier for the account's access token, then ask X whose account it is."""
    handler = _Handler(settings, key, secret)
    handler.request_token = {"oauth_token": request[0], "oauth_token_secret": request[1]}
    token, token_secret = _call(handler.get_access_token, verifier)
    state, user_id = _whoami(settings, key, secret, token, token_secret)
    return XAccount(user_id, state.label, token, token_secret)


def check(settings: XSettings, key: str, secret: str, token: str, token_secret: str) -> TokenState:
    """Ask X who the stored token belongs to: the test of the connection."""
    return _whoami(settings, key, secret, token, token_secret)[0]


def _whoami(
    settings: XSettings, key: str, secret: str, token: str, token_secret: str
) -> tuple[TokenState, str]:
    from guard.publishers.http import rebased_session

    client = tweepy.Client(
        consumer_key=key,
        consumer_secret=secret,
        access_token=token,
        access_token_secret=token_secret,
        wait_on_rate_limit=False,
    )
    client.session = rebased_session(VENDOR_BASE, settings.api_base_url, settings.timeout_seconds)
    try:
        me = _call(client.get_me, user_auth=True)
    except ConnectError as exc:
        if "401" in str(exc):
            return TokenState(False, f"X refused the token: {exc}"), ""
        raise
    # OAuth 1.0a user tokens do not expire: they last until the account revokes the app.
    return TokenState(True, f"@{me.data['username']}"), str(me.data["id"])


def _call(method: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return method(*args, **kwargs)
    except tweepy.HTTPException as exc:
        messages = "; ".join(exc.api_messages) or exc.response.reason
        raise ConnectError(f"X answered {exc.response.status_code}: {messages}") from None
    except requests.RequestException as exc:
        raise _transport("X", exc) from None
    except tweepy.TweepyException as exc:
        # The handler wraps every failure, sometimes twice; the first cause says what it was.
        cause: BaseException | None = exc
        while isinstance(cause, tweepy.TweepyException) and cause.__context__ is not None:
            cause = cause.__context__
        if isinstance(cause, requests.RequestException):
            raise _transport("X", cause) from None
        status = getattr(getattr(cause, "response", None), "status_code", None)
        if status is None:
            status = getattr(cause, "status_code", None)
        reason = f"X refused the request ({status})" if status else "X refused the request"
        raise ConnectError(
            f"{reason}: check the app's key and secret and its callback URL"
        ) from None
