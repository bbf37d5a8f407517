"""Connect, test and disconnect the council's X account, Facebook Page and Instagram account
(admins only). The forms are read in forms.py."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response

from guard.services import InputError
from guard.services.accounts import connections, status
from guard.services.accounts.vault import Vault, open_vault
from guard.web.accounts import forms
from guard.web.context import actor, now, services, session, transaction
from guard.web.users.security import CSP, admins_only

bp = Blueprint("accounts", __name__, url_prefix="/accounts")
bp.before_request(admins_only)
PLATFORMS = ("x", "facebook", "instagram")


@bp.app_context_processor
def x_prices() -> dict:
    """The composer states what X charges for the post as written (see x_prices.py)."""
    from guard.domain.sending import x_prices as prices

    def x_price(text: str, link: str | None) -> str:
        return prices.post_price(has_link=prices.has_link(text or "", link))

    return {"x_price": x_price, "x_prices": prices}


def _vault() -> Vault:
    return open_vault(services().settings.accounts)


def _platform(name: str) -> str:
    if name not in PLATFORMS:
        abort(404)
    return name


@bp.get("")
def index() -> Response:
    settings = services().settings
    with session() as db:
        states = status.account_states(db, settings, now=now())
        try:
            pages = connections.pending_pages(db, _vault())
        except InputError as exc:
            flash(str(exc))
            pages = []
        notes = status.warnings(db, settings, now=now())
    page = make_response(
        render_template(
            "accounts.html",
            states=states,
            pages=pages,
            warnings=notes,
            public_url=settings.web.public_url,
        )
    )
    # The Connect buttons are forms whose answer redirects to X's or Facebook's sign-in page;
    # browsers apply form-action to that redirect too, so those origins are allowed here.
    hosts = " ".join(_origin(u) for u in (settings.x.api_base_url, settings.facebook.www_url))
    page.headers["Content-Security-Policy"] = CSP.replace(
        "form-action 'self'", f"form-action 'self' {hosts}"
    )
    return page


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@bp.post("/<platform>/app")
def save_app(platform: str) -> Response:
    keys = forms.app_keys(request.form)
    return _do(
        lambda db: connections.save_app_keys(
            db, _vault(), _platform(platform), keys.key, keys.secret, actor=actor(), now=now()
        ),
        "The app's key and secret are saved; they will not be shown again.",
    )


@bp.post("/x/connect")
def connect_x() -> Response:
    return _start("X", "accounts.x_callback", connections.start_x)


@bp.post("/facebook/connect")
def connect_facebook() -> Response:
    return _start("Facebook", "accounts.facebook_callback", connections.start_facebook)


def _start(title: str, callback: str, start: Callable[..., str]) -> Response:
    """Send the admin to the platform's sign-in, to come back to ``callback``."""
    back = url_for(callback, _external=True)
    try:
        with transaction() as db:
            url = start(db, _vault(), services().settings, back, now=now())
    except InputError as exc:
        return _not_connected(title, str(exc))
    return redirect(url)


def _not_connected(title: str, why: str) -> Response:
    flash(f"{title} was not connected: {why}.")
    return redirect(url_for("accounts.index"))


@bp.get("/x/callback")
def x_callback() -> Response:
    answer = forms.x_answer(request.args)
    if answer.refused:
        return _not_connected("X", "the account did not allow the app")
    return _do(
        lambda db: (
            "Connected the X account "
            + connections.finish_x(
                db,
                _vault(),
                services().settings,
                token=answer.token,
                verifier=answer.verifier,
                actor=actor(),
                now=now(),
            )
        ),
        None,
    )


@bp.get("/facebook/callback")
def facebook_callback() -> Response:
    answer = forms.facebook_answer(request.args)
    if answer.refused:
        return _not_connected("Facebook", "the login did not allow the app")
    back = url_for("accounts.facebook_callback", _external=True)
    return _do(
        lambda db: (
            connections.finish_facebook(
                db,
                _vault(),
                services().settings,
                state=answer.state,
                code=answer.code,
                redirect_uri=back,
                now=now(),
            )
            and None
        ),
        "Facebook answered: choose the council's page below.",
    )


@bp.post("/facebook/page")
def choose_page() -> Response:
    page = forms.page_choice(request.form)
    return _connect("Connected the Facebook Page ", connections.choose_page, page)


@bp.post("/instagram/connect")
def connect_instagram() -> Response:
    entered = forms.instagram_id(request.form)
    return _connect("Connected the Instagram account ", connections.connect_instagram, entered)


def _connect(words: str, connect: Callable[..., str], chosen: str) -> Response:
    """Connect the account the admin chose; the flash names it."""
    settings = services().settings
    return _do(
        lambda db: words + connect(db, _vault(), settings, chosen, actor=actor(), now=now()), None
    )


@bp.post("/<platform>/test")
def test(platform: str) -> Response:
    def check(db) -> str:
        state = connections.test_connection(db, _vault(), services().settings, _platform(platform))
        return f"Test passed: connected as {state.label}." if state.valid else state.label

    return _do(check, None)


@bp.post("/<platform>/disconnect")
def disconnect(platform: str) -> Response:
    return _do(
        lambda db: connections.disconnect(db, _platform(platform), actor=actor(), now=now()),
        "Disconnected; the token is deleted from this app.",
    )


def _do(step, done: str | None) -> Response:
    """One transaction; the step's words (or ``done``) flashed, or its error and nothing saved."""
    try:
        with transaction() as db:
            said = step(db)
        flash(done or said)
    except InputError as exc:
        flash(f"Nothing was changed: {exc}.")
    return redirect(url_for("accounts.index"))
