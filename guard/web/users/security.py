"""Sign-in sessions, roles, CSRF and the security headers every response carries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, redirect, request, url_for
from flask_login import LoginManager, UserMixin, current_user
from flask_wtf.csrf import CSRFProtect

from guard.services.users import session_token, user_for_token
from guard.store.models_auth import UserRow
from guard.web.users import sessions

PUBLIC = {
    "auth.sign_in",
    "health.healthz",
    "ical.subscribe",
    "ical.council_feed",
    "ical.ward_feed",
    "archive.data_protection",
    "setup.setup",
    "media.signed_image",  # Meta fetches Instagram's images: the address's signature is the key
    "static",
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
csrf = CSRFProtect()
login = LoginManager()


@dataclass
class User(UserMixin):
    """The signed-in person, detached from the database session."""

    id: int
    email: str
    role: str
    token: str  # the user's session key and version: see services.users.session_token

    def get_id(self) -> str:
        return self.token

    @property
    def can_change(self) -> bool:
        return self.role in ("admin", "clerk")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def user_of(row: UserRow) -> User:
    assert row.id is not None
    return User(row.id, row.email, row.role, session_token(row))


def secure_cookies(public_url: str) -> bool:
    """Secure cookies unless the app is served over plain HTTP on this machine (the demo).

    Browsers drop Secure cookies on http://, so `make run` on 127.0.0.1 could not sign in;
    a loopback address never crosses a network, so there is nothing to intercept.
    """
    parts = urlsplit(public_url)
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    return not (parts.scheme == "http" and local)


def init_app(app: Flask) -> None:
    web = app.extensions["guard"].settings.web
    secure = secure_cookies(web.public_url)
    app.config.update(
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=web.session_lifetime_hours),
        HSTS=urlsplit(web.public_url).scheme == "https",
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
    )
    csrf.init_app(app)
    login.init_app(app)
    login.login_view = "auth.sign_in"
    login.login_message = "Sign in to see that page."
    login.user_loader(_load_user)
    app.before_request(_require_sign_in)
    app.after_request(_headers)


def _load_user(token: str) -> User | None:
    from guard.web.context import now, session

    if not sessions.still_fresh(now()):
        return None
    with session() as db:
        row = user_for_token(db, token)
        return user_of(row) if row is not None else None


def _require_sign_in() -> Any:
    if request.endpoint in PUBLIC or request.endpoint is None:
        return None
    if not current_user.is_authenticated:
        if request.method in SAFE_METHODS and not request.path.startswith("/compose/check"):
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        abort(401)
    changing = request.method not in SAFE_METHODS and request.endpoint != "auth.sign_out"
    if changing and not current_user.can_change:
        abort(403)  # viewers are read-only
    return None


# Sent with every response (the feeds' fast path sends them too).
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)


def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    for name, value in SECURITY_HEADERS:
        response.headers[name] = value
    if request.is_secure or current_app.config.get("HSTS"):
        # Whenever the public address is https, even when a proxy speaks http to the app.
        response.headers["Strict-Transport-Security"] = "max-age=31536000"
    if current_user and getattr(current_user, "is_authenticated", False):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def clerk_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """For pages that only exist to change things (the composer): viewers get 403."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.can_change:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def admins_only() -> None:
    """A blueprint's ``before_request`` (after the app's sign-in check): admins only, else 403."""
    if not current_user.is_admin:
        abort(403)
