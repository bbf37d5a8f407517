"""Stand-ins for the platforms' sign-in flows, on 127.0.0.1 like the APIs in platforms.py.

X: OAuth 1.0a's request token, authorize page and access token, with every signature checked
(HMAC-SHA1 over the URL the client signed), and GET /2/users/me for the token it issued.
Facebook: the login dialog, the code and long-lived token exchanges, /me/accounts, debug_token.
The authorize and dialog pages answer as a person who allows the app would: a redirect back.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any
from urllib.parse import urlencode

from oauthlib.common import Request
from oauthlib.oauth1.rfc5849 import signature, utils

from tests.fakes.platforms import FakeGraph, FakeX, graph_error

X_VENDOR = "https://api.twitter.com"


def oauth_signed(headers: dict[str, str], method: str, uri: str, secrets_: tuple[str, str]):
    """The OAuth parameters of a request signed with these secrets, or None."""
    auth = headers.get("Authorization", "")
    if not auth.startswith("OAuth "):
        return None
    params = {k: utils.unescape(v) for k, v in utils.parse_authorization_header(auth)}
    request = Request(uri, method, "", {"Authorization": auth})
    request.params = [(k, v) for k, v in params.items() if k != "oauth_signature"]
    request.signature = params.get("oauth_signature", "")
    return params if signature.verify_hmac_sha1(request, *secrets_) else None


class FakeXOAuth(FakeX):
    """X with its OAuth 1.0a endpoints; an app whose key and secret are below."""

    consumer = ("stand-in-app-key", "stand-in-app-secret")
    username = "HeanorCouncil"

    def __init__(self) -> None:
        super().__init__()
        self.request_tokens: dict[str, tuple[str, str]] = {}  # token → (secret, callback)
        self.verifiers: dict[str, str] = {}
        self.access: dict[str, str] = {}  # access token → its secret
        self.deny = False  # the account says no on the authorize page

    def route(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        headers = self.received[-1].headers
        if path == "/oauth/request_token":
            params = oauth_signed(headers, method, self.url + path, (self.consumer[1], ""))
            if not params or params["oauth_consumer_key"] != self.consumer[0]:
                return 401, b"Could not authenticate you.", {}
            token, secret = secrets.token_hex(8), secrets.token_hex(16)
            self.request_tokens[token] = (secret, params["oauth_callback"])
            answer = {"oauth_token": token, "oauth_token_secret": secret}
            return 200, urlencode(answer | {"oauth_callback_confirmed": "true"}).encode(), {}
        if path == "/oauth/authorize":
            token = body.get("oauth_token", "")
            if token not in self.request_tokens:
                return 400, b"This page is no longer valid.", {}
            callback = self.request_tokens[token][1]
            if self.deny:
                return 302, b"", {"Location": f"{callback}?denied={token}"}
            self.verifiers[token] = secrets.token_hex(8)
            query = urlencode({"oauth_token": token, "oauth_verifier": self.verifiers[token]})
            return 302, b"", {"Location": f"{callback}?{query}"}
        if path == "/oauth/access_token":
            token = _oauth_token(headers)
            secret = self.request_tokens.get(token, ("", ""))[0]
            params = oauth_signed(headers, method, self.url + path, (self.consumer[1], secret))
            if not params or params.get("oauth_verifier") != self.verifiers.pop(token, None):
                return 401, b"Invalid request token.", {}
            access, access_secret = f"{self.user_id}-{secrets.token_hex(8)}", secrets.token_hex(16)
            self.access[access] = access_secret
            answer = {"oauth_token": access, "oauth_token_secret": access_secret}
            return 200, urlencode(answer | {"user_id": self.user_id}).encode(), {}
        if path in ("/2/users/me", "/2/tweets", "/2/media/upload", "/2/media/metadata"):
            token = _oauth_token(headers)
            owner = (self.consumer[1], self.access.get(token, "not-issued"))
            if not oauth_signed(headers, method, X_VENDOR + path, owner):
                return 401, {"title": "Unauthorized", "detail": "Unauthorized", "status": 401}, {}
            if path == "/2/users/me":
                data = {"id": self.user_id, "name": "Council", "username": self.username}
                return 200, {"data": data}, {}
        return super().route(method, path, body)


def _oauth_token(headers: dict[str, str]) -> str:
    auth = headers.get("Authorization", "")
    if not auth:
        return ""
    return utils.unescape(dict(utils.parse_authorization_header(auth)).get("oauth_token", ""))


class FakeFacebookLogin(FakeGraph):
    """The Graph API with Facebook Login: one server for the dialog and the Graph calls."""

    app = ("1234567890", "stand-in-app-secret")
    page_name = "Heanor & Loscoe Town Council"

    def __init__(self) -> None:
        super().__init__()
        self.codes: dict[str, str] = {}  # code → redirect_uri it was given for
        self.user_tokens: dict[str, str] = {}  # token → "short" or "long"
        self.page_token = "page-" + secrets.token_hex(12)
        self.other_page = ("9988776655", "Heanor Bowls Club", "page-" + secrets.token_hex(12))
        now = dt.datetime.now(dt.UTC)
        self.data_access_expires_at = int((now + dt.timedelta(days=90)).timestamp())
        self.token_expires_at = 0  # page tokens from a long-lived user token do not expire
        self.versions_seen: set[str] = set()

    def route(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any, dict]:
        version, _, rest = path.lstrip("/").partition("/")
        self.versions_seen.add(version)
        if rest == "dialog/oauth":
            if body.get("client_id") != self.app[0]:
                return 400, b"Invalid App ID", {}
            code = secrets.token_hex(12)
            self.codes[code] = body["redirect_uri"]
            query = urlencode({"code": code, "state": body.get("state", "")})
            return 302, b"", {"Location": f"{body['redirect_uri']}?{query}"}
        if rest == "oauth/access_token":
            if (body.get("client_id"), body.get("client_secret")) != self.app:
                return graph_error(101, "Error validating application. Invalid application ID.")
            if body.get("grant_type") == "fb_exchange_token":
                if self.user_tokens.get(body.get("fb_exchange_token", "")) != "short":
                    return graph_error(190, "Invalid OAuth access token.")
                return 200, self._user_token("long", 5_184_000), {}
            if self.codes.pop(body.get("code", ""), None) != body.get("redirect_uri"):
                return graph_error(100, "Invalid verification code format.")
            return 200, self._user_token("short", 3600), {}
        token = body.get("access_token", "")
        if rest == "me/accounts":
            if self.user_tokens.get(token) != "long":
                return graph_error(190, "Invalid OAuth access token.")
            pages = [(self.page_id, self.page_name, self.page_token), self.other_page]
            return 200, {"data": [{"id": i, "name": n, "access_token": t} for i, n, t in pages]}, {}
        if rest == "debug_token":
            if token != "|".join(self.app):
                return graph_error(190, "Invalid OAuth access token.")
            valid = body.get("input_token") in (self.page_token, self.other_page[2])
            data = {
                "app_id": self.app[0],
                "is_valid": valid,
                "expires_at": self.token_expires_at,
                "data_access_expires_at": self.data_access_expires_at,
            }
            if not valid:
                data["error"] = {"code": 190, "message": "The session has been invalidated."}
            return 200, {"data": data}, {}
        if rest == "me":
            if token != self.page_token:
                return graph_error(190, "Invalid OAuth access token.")
            return 200, {"id": self.page_id, "name": self.page_name}, {}
        if rest.endswith(("/feed", "/photos")) and method == "POST" and token != self.page_token:
            return graph_error(190, "Invalid OAuth access token.")
        return super().route(method, path, body)

    def _user_token(self, kind: str, seconds: int) -> dict[str, Any]:
        token = f"{kind}-user-" + secrets.token_hex(12)
        self.user_tokens[token] = kind
        return {"access_token": token, "token_type": "bearer", "expires_in": seconds}
