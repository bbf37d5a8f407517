"""Connecting, testing and disconnecting the council's X account, Facebook Page and the
Instagram business account linked to that Page (reached with the Page's token).

The app keys (X's consumer key and secret, Facebook's app id and secret) come from the settings
when set there, or are entered once in the app. Every secret is stored sealed by the vault,
never shown again and never put in the audit trail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from typing import Any

from sqlmodel import Session

from guard.publishers import facebook_connect, x_connect
from guard.publishers.connect import ConnectError, TokenState
from guard.services import InputError
from guard.services.accounts.vault import Vault
from guard.services.record.audit import record
from guard.settings import Settings
from guard.store import accounts as account_health
from guard.store.models_site import CredentialRow, SiteSettingRow

APP = {"x": "x.app", "facebook": "facebook.app", "instagram": "facebook.app"}
ACCOUNT = {"x": "x.account", "facebook": "facebook.page", "instagram": "instagram.account"}
PENDING_X, PENDING_FACEBOOK = "pending.x", "pending.facebook"


def app_keys(session: Session, vault: Vault, settings: Settings, platform: str) -> tuple[str, str]:
    """The platform app's key and secret: the settings' if set there, else those entered here."""
    platform = "facebook" if platform == "instagram" else platform  # the same Meta app
    given = (
        (settings.x.consumer_key, settings.x.consumer_secret)
        if platform == "x"
        else (settings.facebook.app_id, settings.facebook.app_secret)
    )
    if all(given):
        return given
    row = session.get(CredentialRow, APP[platform])
    if row is None:
        raise InputError(f"enter the {_title(platform)} app's key and secret first")
    sealed = vault.open(row.secret, f"{_title(platform)} app key")
    return sealed["key"], sealed["secret"]


def save_app_keys(
    session: Session,
    vault: Vault,
    platform: str,
    key: str,
    secret: str,
    *,
    actor: str,
    now: dt.datetime,
) -> None:
    key, secret = key.strip(), secret.strip()
    if not key or not secret:
        raise InputError(f"the {_title(platform)} app needs both its key and its secret")
    label = f"app {key[:4]}…" if platform == "x" else f"app {key}"
    _store(session, vault, APP[platform], {"key": key, "secret": secret}, label, "", actor, now)


def start_x(
    session: Session, vault: Vault, settings: Settings, callback: str, *, now: dt.datetime
) -> str:
    """The first leg: a request token, kept sealed until X sends the admin back."""
    key, secret = app_keys(session, vault, settings, "x")
    request = _platform(x_connect.start, settings.x, key, secret, callback)
    _pend(session, vault, PENDING_X, {"token": request.token, "secret": request.secret}, now)
    return request.authorize_url


def finish_x(
    session: Session,
    vault: Vault,
    settings: Settings,
    *,
    token: str,
    verifier: str,
    actor: str,
    now: dt.datetime,
) -> str:
    pending = _take(session, vault, PENDING_X)
    if pending is None or not secrets.compare_digest(pending["token"], token) or not verifier:
        raise InputError("that X sign-in is not the one this app started: connect again")
    key, secret = app_keys(session, vault, settings, "x")
    account = _platform(
        x_connect.finish, settings.x, key, secret, (pending["token"], pending["secret"]), verifier
    )
    sealed = {"token": account.access_token, "secret": account.access_token_secret}
    _store(session, vault, ACCOUNT["x"], sealed, account.username, account.user_id, actor, now)
    return account.username


def start_facebook(
    session: Session, vault: Vault, settings: Settings, redirect_uri: str, *, now: dt.datetime
) -> str:
    app_id, _ = app_keys(session, vault, settings, "facebook")
    state = secrets.token_urlsafe(24)  # ties Facebook's answer to this request
    _pend(session, vault, PENDING_FACEBOOK, {"state": state}, now)
    return facebook_connect.login_url(settings.facebook, app_id, redirect_uri, state)


def finish_facebook(
    session: Session,
    vault: Vault,
    settings: Settings,
    *,
    state: str,
    code: str,
    redirect_uri: str,
    now: dt.datetime,
) -> list[tuple[str, str]]:
    """The pages the login manages (id, name), kept sealed until the admin picks one."""
    pending = _take(session, vault, PENDING_FACEBOOK)
    if (
        pending is None
        or "state" not in pending
        or not secrets.compare_digest(pending["state"], state)
    ):
        raise InputError("that Facebook login is not the one this app started: connect again")
    if not code:
        raise InputError("Facebook did not give the app access: connect again and allow it")
    app_id, app_secret = app_keys(session, vault, settings, "facebook")
    pages = _platform(
        facebook_connect.pages_for_code, settings.facebook, app_id, app_secret, code, redirect_uri
    )
    kept = [{"id": p.id, "name": p.name, "token": p.access_token} for p in pages]
    _pend(session, vault, PENDING_FACEBOOK, {"pages": kept}, now)
    return [(p.id, p.name) for p in pages]


def pending_pages(session: Session, vault: Vault) -> list[tuple[str, str]]:
    row = session.get(SiteSettingRow, PENDING_FACEBOOK)
    pages = vault.open(str(row.value), "Facebook login").get("pages", []) if row else []
    return [(p["id"], p["name"]) for p in pages]


def choose_page(
    session: Session,
    vault: Vault,
    settings: Settings,
    page_id: str,
    *,
    actor: str,
    now: dt.datetime,
) -> str:
    pending = _take(session, vault, PENDING_FACEBOOK) or {}
    page = next((p for p in pending.get("pages", []) if p["id"] == page_id), None)
    if page is None:
        raise InputError("that page is not one the Facebook login offered: connect again")
    app_id, app_secret = app_keys(session, vault, settings, "facebook")
    state = _platform(facebook_connect.check, settings.facebook, app_id, app_secret, page["token"])
    sealed = {"token": page["token"]}
    row = _store(session, vault, ACCOUNT["facebook"], sealed, page["name"], page["id"], actor, now)
    row.expires_at, row.data_access_expires_at = state.expires_at, state.data_access_expires_at
    return str(page["name"])


def connect_instagram(
    session: Session,
    vault: Vault,
    settings: Settings,
    user_id: str,
    *,
    actor: str,
    now: dt.datetime,
) -> str:
    """The Instagram account linked to the connected Page (or the id entered), checked."""
    page_id, token = _page(session, vault, settings)
    ig_id, username = _platform(
        facebook_connect.instagram_account, settings.facebook, page_id, token, user_id.strip()
    )
    # No token of its own: the Page's is used, so connecting the Page again renews both.
    via = {"via": "facebook.page"}
    _store(session, vault, ACCOUNT["instagram"], via, username, ig_id, actor, now)
    return username


def _page(session: Session, vault: Vault, settings: Settings) -> tuple[str, str]:
    fb = connected_settings(session, vault, settings).facebook
    if not fb.page_id or not fb.page_access_token:
        raise InputError("connect the council's Facebook Page first: Instagram goes through it")
    return fb.page_id, fb.page_access_token


def test_connection(
    session: Session, vault: Vault, settings: Settings, platform: str
) -> TokenState:
    """Ask the platform about the stored token; the answer's dates are kept for the warnings."""
    row = session.get(CredentialRow, ACCOUNT[platform])
    if row is None:
        raise InputError(f"no {_title(platform)} account is connected in the app")
    if platform == "instagram":
        page_id, token = _page(session, vault, settings)
        args = (settings.facebook, page_id, token, row.account_id)
        return TokenState(True, _platform(facebook_connect.instagram_account, *args)[1])
    sealed = vault.open(row.secret, f"{_title(platform)} token")
    key, secret = app_keys(session, vault, settings, platform)
    if platform == "x":
        return _platform(
            x_connect.check, settings.x, key, secret, sealed["token"], sealed["secret"]
        )
    state = _platform(facebook_connect.check, settings.facebook, key, secret, sealed["token"])
    if state.valid:
        row.expires_at, row.data_access_expires_at = state.expires_at, state.data_access_expires_at
        session.add(row)
    return state


def disconnect(session: Session, platform: str, *, actor: str, now: dt.datetime) -> None:
    row = session.get(CredentialRow, ACCOUNT[platform])
    if row is None:
        raise InputError(f"no {_title(platform)} account is connected in the app")
    session.delete(row)
    record(
        session,
        "account.disconnect",
        "account",
        ACCOUNT[platform],
        actor=actor,
        now=now,
        summary={"label": row.label},
    )


def connected_settings(session: Session, vault: Vault, settings: Settings) -> Settings:
    """The settings with the credentials connected in the app where the settings have none."""
    x, fb = settings.x, settings.facebook
    if not x.access_token and (row := session.get(CredentialRow, ACCOUNT["x"])):
        key, secret = app_keys(session, vault, settings, "x")
        sealed = vault.open(row.secret, "X token")
        x = dataclasses.replace(
            x,
            consumer_key=key,
            consumer_secret=secret,
            access_token=sealed["token"],
            access_token_secret=sealed["secret"],
        )
    if not fb.page_access_token and (row := session.get(CredentialRow, ACCOUNT["facebook"])):
        sealed = vault.open(row.secret, "Facebook token")
        fb = dataclasses.replace(fb, page_id=row.account_id, page_access_token=sealed["token"])
    ig = settings.instagram
    if not ig.user_id and (row := session.get(CredentialRow, ACCOUNT["instagram"])):
        ig = dataclasses.replace(ig, user_id=row.account_id)
    return dataclasses.replace(settings, x=x, facebook=fb, instagram=ig)


def _store(
    session: Session,
    vault: Vault,
    name: str,
    sealed: dict[str, Any],
    label: str,
    account_id: str,
    actor: str,
    now: dt.datetime,
) -> CredentialRow:
    row = session.get(CredentialRow, name) or CredentialRow(
        name=name, secret="", connected_by=actor, connected_at=now
    )
    row.secret, row.label, row.account_id = vault.seal(sealed), label, account_id
    row.connected_by, row.connected_at = actor, now
    row.expires_at = row.data_access_expires_at = None
    session.add(row)
    platform = name.partition(".")[0]
    if name == ACCOUNT[platform]:
        # Sends stopped after an auth error may go again with the new credentials.
        account_health.credentials_renewed(session, platform, now=now)
        if platform == "facebook":  # Instagram is reached with the Page's token
            account_health.credentials_renewed(session, "instagram", now=now)
    record(
        session,
        "account.connect",
        "account",
        name,
        actor=actor,
        now=now,
        summary={"label": label, "account_id": account_id},
    )
    return row


def _pend(
    session: Session, vault: Vault, key: str, value: dict[str, Any], now: dt.datetime
) -> None:
    row = session.get(SiteSettingRow, key) or SiteSettingRow(key=key, value="", updated_at=now)
    row.value, row.updated_at = vault.seal(value), now
    session.add(row)


def _take(session: Session, vault: Vault, key: str) -> dict[str, Any] | None:
    """A pending step, used once."""
    row = session.get(SiteSettingRow, key)
    if row is None:
        return None
    session.delete(row)
    return vault.open(str(row.value), "pending connection")


def _platform(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except ConnectError as exc:
        raise InputError(str(exc)) from None


def _title(platform: str) -> str:
    return {"x": "X", "facebook": "Facebook", "instagram": "Instagram"}[platform]
