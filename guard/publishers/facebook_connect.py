"""Connecting the council's Facebook Page: facebook-sdk's login URL and code exchange, then the
long-lived Page token of the page the admin picks.

facebook-sdk 3.1.0 accepts only Graph versions up to 3.1 in its constructor and sets no
timeout: the version is set afterwards and the session is rebased with a timeout, as the
publisher does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import facebook
import requests

from guard.publishers.connect import ConnectError, FacebookPage, TokenState
from guard.publishers.connect import transport_failure as _transport
from guard.publishers.facebook import VENDOR_BASE
from guard.publishers.http import rebased_session
from guard.settings import FacebookSettings

# What the app needs of the page: list the admin's pages and post to the chosen one.
PERMISSIONS = ("pages_show_list", "pages_read_engagement", "pages_manage_posts")
VENDOR_WWW = facebook.FACEBOOK_WWW_URL.rstrip("/")


def _graph(settings: FacebookSettings, token: str | None = None) -> facebook.GraphAPI:
    session = rebased_session(VENDOR_BASE, settings.graph_url, settings.timeout_seconds)
    graph = facebook.GraphAPI(access_token=token, timeout=settings.timeout_seconds, session=session)
    graph.version = settings.graph_version
    return graph


def login_url(settings: FacebookSettings, app_id: str, redirect_uri: str, state: str) -> str:
    """Where the admin logs in to Facebook and allows the app to post for their pages."""
    url = _graph(settings).get_auth_url(app_id, redirect_uri, list(PERMISSIONS), state=state)
    return settings.www_url.rstrip("/") + url.removeprefix(VENDOR_WWW)


def pages_for_code(
    settings: FacebookSettings, app_id: str, app_secret: str, code: str, redirect_uri: str
) -> list[FacebookPage]:
    """Trade the login's code for a long-lived user token, then list the pages it manages.

    Page tokens obtained through a long-lived user token do not expire on a date.
    """
    short = _call(
        _graph(settings).get_access_token_from_code, code, redirect_uri, app_id, app_secret
    )
    user = _graph(settings, short["access_token"])
    long_lived = _call(user.extend_access_token, app_id, app_secret)["access_token"]
    pages = _call(_graph(settings, long_lived).get_connections, "me", "accounts", limit=100)
    found = [
        FacebookPage(str(p["id"]), p.get("name", str(p["id"])), p["access_token"])
        for p in pages.get("data", [])
        if p.get("access_token")
    ]
    if not found:
        raise ConnectError("Facebook: this login manages no page the app may post to")
    return found


def check(settings: FacebookSettings, app_id: str, app_secret: str, token: str) -> TokenState:
    """What Facebook says about the page token: valid, and when it or its data access ends."""
    info = _call(_graph(settings).debug_access_token, token, app_id, app_secret).get("data", {})
    if not info.get("is_valid"):
        reason = (info.get("error") or {}).get("message", "not valid")
        return TokenState(False, f"Facebook refused the token: {reason}")
    page = _call(_graph(settings, token).get_object, "me", fields="id,name")
    return TokenState(
        True,
        page.get("name", ""),
        _instant(info.get("expires_at")),
        _instant(info.get("data_access_expires_at")),
    )


def _instant(value: Any) -> dt.datetime | None:
    """Facebook's 0 means "never"."""
    return dt.datetime.fromtimestamp(int(value), dt.UTC) if value else None


def _call(method: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return method(*args, **kwargs)
    except facebook.GraphAPIError as exc:
        raise ConnectError(f"Facebook: {exc.message}") from None
    except requests.RequestException as exc:
        raise _transport("Facebook", exc) from None
    except (KeyError, ValueError) as exc:
        raise ConnectError(f"Facebook answered badly ({type(exc).__name__})") from None


def instagram_account(
    settings: FacebookSettings, page_id: str, token: str, user_id: str = ""
) -> tuple[str, str]:
    """(id, username) of the Instagram business account: the one linked to the Page, or the
    id entered, checked with the Page's token (which the linked account takes)."""
    graph = _graph(settings, token)
    if not user_id:
        page = _call(graph.get_object, page_id, fields="instagram_business_account{id,username}")
        linked = page.get("instagram_business_account") or {}
        if not linked.get("id"):
            raise ConnectError(
                "Facebook: no Instagram business account is linked to this Page; link one in "
                "the Page's settings, or enter its id"
            )
        return str(linked["id"]), str(linked.get("username") or linked["id"])
    if not user_id.isdigit():
        raise ConnectError(f"Instagram: {user_id!r} is not an account id (a number)")
    account = _call(graph.get_object, user_id, fields="id,username")
    return str(account["id"]), str(account.get("username") or account["id"])
