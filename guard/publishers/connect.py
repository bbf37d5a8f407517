"""What connecting an account yields, and its one error: the vendors' OAuth flows stay here.

A ConnectError's message is safe to show and to log: it never carries a token, a secret or a
URL with one in its query (the transport errors of requests do, so they are not passed on).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

import requests

# Tokens and app secrets travel in these libraries' headers and URLs (the Graph API's in the
# query), and they write them out at DEBUG: keep them quieter, so that turning on debug
# logging for the app never writes a secret.
for _name in ("oauthlib", "requests_oauthlib", "urllib3.connectionpool"):
    logging.getLogger(_name).setLevel(logging.INFO)


class ConnectError(Exception):
    """Connecting or checking an account failed; the message says why, without secrets."""


@dataclass(frozen=True)
class XRequest:
    """The first leg of X's OAuth 1.0a flow: where to send the admin, and the request token."""

    authorize_url: str
    token: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class XAccount:
    user_id: str
    username: str
    access_token: str = field(repr=False)
    access_token_secret: str = field(repr=False)


@dataclass(frozen=True)
class FacebookPage:
    id: str
    name: str
    access_token: str = field(repr=False)


@dataclass(frozen=True)
class TokenState:
    """What the platform says about a token: valid or not, and when it (or its data access) ends."""

    valid: bool
    label: str
    expires_at: dt.datetime | None = None  # None: it does not expire
    data_access_expires_at: dt.datetime | None = None


def transport_failure(platform: str, exc: requests.RequestException) -> ConnectError:
    # The exception's text may hold the request's URL with a code or a secret in its query.
    kind = "no answer in time" if isinstance(exc, requests.Timeout) else "could not connect"
    return ConnectError(f"{platform}: {kind} ({type(exc).__name__})")
