"""The Flask app factory: settings, the database, security and one blueprint per area."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from guard.services.record.audit_key import bind_key, load_key
from guard.settings import Settings, load_settings
from guard.store.db import make_engine

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Services:
    """What the views need, made once per app: the settings and the engine."""

    settings: Settings
    engine: Engine


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> Flask:
    settings = settings or load_settings()
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config["SECRET_KEY"] = settings.web.secret_key or secrets.token_hex(32)
    app.extensions["guard"] = Services(settings, engine or make_engine(settings.database.url))
    bind_key(app.extensions["guard"].engine, load_key(settings.audit))  # the audit chain's key
    if settings.web.trusted_proxies:
        # The client's address and scheme as the proxies saw them, never as a client claims.
        hops = settings.web.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    from guard.web import errors, limits, once
    from guard.web.calendar import candidates, elections, feeds
    from guard.web.calendar import views as calendar
    from guard.web.home import health, notices
    from guard.web.home import views as home
    from guard.web.posts import compose, edit, review
    from guard.web.posts import views as posts
    from guard.web.record import archive, audit, evidence
    from guard.web.register import views as councillors
    from guard.web.users import security, sign_in
    from guard.web.users import views as users

    limits.init_app(app)  # first: the limit must be set before CSRF reads the form
    security.init_app(app)
    for area in (
        health,
        sign_in,
        home,
        notices,
        feeds,
        calendar,
        compose,
        edit,
        posts,
        review,
        elections,
        candidates,
        councillors,
        audit,
        archive,
        evidence,
        users,
    ):
        app.register_blueprint(area.bp)
    home.init_app(app)
    notices.init_app(app)
    errors.init_app(app)
    once.init_app(app)
    return app
