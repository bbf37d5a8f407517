"""The Flask app factory: settings, the database, security and one blueprint per area."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import Flask
from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from sqlalchemy.engine import Engine

from guard import resources
from guard.paths import UnsafeSecretFile, data_dir, own_secret
from guard.services.record.audit_key import bind_key, load_key
from guard.settings import Settings, SettingsError, load_settings
from guard.store.db import make_engine


@dataclass(frozen=True)
class Services:
    """What the views need, made once per app: the settings and the engine."""

    settings: Settings
    engine: Engine


def kept_secret_key() -> str:
    """The key that signs sessions when none is configured: made once per install and kept in
    the data folder, so a restart (or a second process) does not sign everyone out."""
    path = data_dir() / "web-secret.key"
    try:
        return own_secret(path, lambda: secrets.token_hex(32).encode(), "the web key").decode()
    except UnsafeSecretFile as exc:
        raise SettingsError(f"[web] secret_key is empty and {exc}") from None


class CompiledTemplates(BytecodeCache):
    """Each template compiled once per process, however many apps are made in it (the tests make
    one per test; each app has its own Jinja environment, all with this factory's same options).
    Keyed by the template's name and its source: an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = CompiledTemplates()


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> Flask:
    from guard.services import site_settings as site

    settings = settings or load_settings()
    engine = engine or make_engine(settings.database.url)
    # The council's details saved by the setup page, where the file and environment are silent.
    settings = site.effective_from(engine, settings)
    app = Flask(
        __name__,
        template_folder=resources.folder(resources.TEMPLATES),
        static_folder=resources.folder(resources.STATIC),
    )
    app.jinja_env.bytecode_cache = TEMPLATES
    app.config["SECRET_KEY"] = settings.web.secret_key or kept_secret_key()
    app.extensions["guard"] = Services(settings, engine)
    bind_key(engine, load_key(settings.audit))  # the audit chain's key

    from guard.web import errors, limits, once, proxy
    from guard.web.accounts import views as accounts
    from guard.web.calendar import candidates, elections, feeds, moves
    from guard.web.calendar import views as calendar
    from guard.web.home import health, notices
    from guard.web.home import views as home
    from guard.web.media import views as media
    from guard.web.posts import compose, edit, plans, review
    from guard.web.posts import views as posts
    from guard.web.record import archive, audit, evidence
    from guard.web.register import views as councillors
    from guard.web.setup import views as setup
    from guard.web.users import security, sign_in
    from guard.web.users import views as users

    limits.init_app(app)  # first: the limit must be set before CSRF reads the form
    proxy.init_app(app)
    security.init_app(app)
    for area in (
        health,
        media,
        sign_in,
        home,
        notices,
        feeds,
        calendar,
        compose,
        edit,
        posts,
        moves,
        plans,
        review,
        elections,
        candidates,
        councillors,
        audit,
        archive,
        evidence,
        users,
        setup,
        accounts,
    ):
        app.register_blueprint(area.bp)
    home.init_app(app)
    notices.init_app(app)
    errors.init_app(app)
    once.init_app(app)
    return app
