"""What the Accounts page and the dashboard show: each account's state, and the warnings due."""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlmodel import Session

from guard.domain.sending.graph_versions import version_warning
from guard.services.accounts.connections import ACCOUNT, APP
from guard.settings import Settings
from guard.store import accounts as account_health
from guard.store.models_site import CredentialRow

# A Facebook token (or its data access) this close to its end is worth a warning.
TOKEN_WARN_BEFORE = dt.timedelta(days=14)


@dataclass(frozen=True)
class AccountState:
    platform: str  # "x", "facebook" or "instagram"
    title: str
    app_from_settings: bool  # the app's key comes from the settings file or environment
    app_entered: bool  # entered in the app
    from_settings: bool  # the account's token comes from the settings file or environment
    connected: CredentialRow | None  # connected in the app
    warnings: tuple[str, ...]
    stopped: str | None = None  # why sending stopped (an auth error), until new credentials

    @property
    def has_app(self) -> bool:
        return self.app_from_settings or self.app_entered


def account_states(session: Session, settings: Settings, *, now: dt.datetime) -> list[AccountState]:
    x_app = bool(settings.x.consumer_key and settings.x.consumer_secret)
    fb_app = bool(settings.facebook.app_id and settings.facebook.app_secret)
    states = []
    for platform, title, app_given, token_given in (
        ("x", "X", x_app, bool(settings.x.access_token)),
        ("facebook", "Facebook Page", fb_app, bool(settings.facebook.page_access_token)),
        ("instagram", "Instagram", fb_app, bool(settings.instagram.user_id)),
    ):
        row = session.get(CredentialRow, ACCOUNT[platform])
        states.append(
            AccountState(
                platform,
                title,
                app_given,
                session.get(CredentialRow, APP[platform]) is not None,
                token_given,
                row,
                tuple(_token_warnings(row, now)) if row else (),
                account_health.needs_credentials(session, platform),
            )
        )
    return states


def warnings(session: Session, settings: Settings, *, now: dt.datetime) -> list[str]:
    """Everything the dashboard should say about the accounts and the Graph API version."""
    found: list[str] = []
    for state in account_states(session, settings, now=now):
        found += state.warnings
        if state.stopped:
            found.append(f"Posts to {state.title} have stopped: {state.stopped}. Connect it again.")
        if state.platform == "instagram" and (state.connected or state.from_settings):
            found += _unreachable(settings.web.public_url)
    version = version_warning(settings.facebook.graph_version, now.date())
    return [*found, version] if version else found


def _unreachable(public_url: str) -> list[str]:
    """Meta fetches Instagram's images from [web] public_url: not from a private address."""
    host = urlsplit(public_url).hostname or ""
    try:
        address = ipaddress.ip_address(host)
        private = address.is_private or address.is_loopback or address.is_link_local
    except ValueError:
        private = host == "localhost" or "." not in host or host.endswith((".local", ".internal"))
    if not private:
        return []
    return [
        f"Instagram cannot fetch images from {public_url}: set [web] public_url to this app's "
        "address on the internet, or posts to Instagram will fail."
    ]


def _token_warnings(row: CredentialRow, now: dt.datetime) -> list[str]:
    found = []
    for when, what in (
        (row.expires_at, "token"),
        (row.data_access_expires_at, "access to the page's data"),
    ):
        if when is None or when - now > TOKEN_WARN_BEFORE:
            continue
        tense = "ended" if when <= now else "ends"
        found.append(
            f"The Facebook Page {row.label}: its {what} {tense} on {when:%-d %B %Y}; "
            "connect the page again on the Accounts page."
        )
    return found
