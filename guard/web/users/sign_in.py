"""Signing in and out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from guard.services import site, users
from guard.store.models_auth import UserRow
from guard.web.context import now, transaction
from guard.web.context import session as db_session
from guard.web.users import forms, sessions
from guard.web.users.security import user_of

bp = Blueprint("auth", __name__)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> str | Response | tuple[str, int] | tuple[str, int, dict[str, str]]:
    with db_session() as db:
        demo = users.demo_clerk_exists(db)
        fresh = site.needs_setup(db)
    if request.method == "GET":
        return render_template("sign_in.html", demo=demo, fresh=fresh, email="", error=None)
    form = forms.sign_in(request.form)
    email = form.email
    with transaction() as db:
        result = users.sign_in(
            db,
            email=email,
            password=form.password,
            client=request.remote_addr or "unknown",  # the real client: see [web] trusted_proxies
            now=now(),
        )
        signed_in = user_of(result.user) if result.user else None
    if signed_in is None:
        page = render_template(
            "sign_in.html", demo=demo, email=email[: users.MAX_EMAIL], error=result.message
        )
        if result.retry_after is not None:
            return page, 429, {"Retry-After": str(result.retry_after)}
        return page, 401
    session.clear()  # nothing from before sign-in carries over into the new session
    login_user(signed_in)
    sessions.begin(now())
    return redirect(forms.local_path(request.args.get("next"), url_for("home.index")))


@bp.post("/sign-out")
def sign_out() -> Response:
    """Signing out ends every session of the user, not only this browser's cookie."""
    if current_user.is_authenticated:
        with transaction() as db:
            row = db.get(UserRow, current_user.id)
            if row is not None:
                users.end_sessions(db, row, now=now())
    logout_user()
    session.clear()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))
