"""First run from the browser: the one-time link `guard serve` prints creates the first admin and
saves the council's name, time zone and wards."""

from __future__ import annotations

import dataclasses

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask import session as browser_session
from flask_login import login_user
from werkzeug.wrappers import Response

from guard.services import InputError, site, users
from guard.web.context import now, services, session, transaction
from guard.web.setup import forms
from guard.web.users import sessions
from guard.web.users.security import user_of

bp = Blueprint("setup", __name__)


@bp.route("/setup/<token>", methods=["GET", "POST"])
def setup(token: str) -> str | Response | tuple[str, int]:
    with session() as db:
        if not site.setup_token_valid(db, token):
            abort(404)  # a used, replaced or mistyped link: nothing to say about which
    settings = services().settings
    if request.method == "GET":
        return _page(forms.first_shown(settings.council), error=None)
    form = forms.posted(request.form)
    email = form.email
    if (mismatch := form.mismatch()) is not None:
        return _page(form.shown, error=mismatch), 400
    try:
        with transaction() as db:
            site.complete_setup(
                db,
                settings,
                email=email,
                password=form.password,
                council=form.council,
                actor=f"setup:{email.strip().lower()}",
                now=now(),
            )
            admin = users.get_user(db, email)
            assert admin is not None
            signed_in = user_of(admin)
    except InputError as exc:
        return _page(form.shown, error=f"Nothing was saved: {exc}."), 400
    # This process shows the new details at once; other running processes on their restart.
    fresh = site.effective_from(services().engine, settings)
    current_app.extensions["guard"] = dataclasses.replace(services(), settings=fresh)
    browser_session.clear()  # nothing from before sign-in carries over into the new session
    login_user(signed_in)
    sessions.begin(now())  # a server-checked session, as after signing in
    flash("The app is set up. Next, connect the council's X and Facebook accounts.")
    return redirect(url_for("accounts.index"))


def _page(form: dict, *, error: str | None) -> str:
    settings = services().settings
    fixed = {key for key in site.COUNCIL_KEYS if site.fixed(settings, key)}
    return render_template("setup.html", form=form, error=error, fixed=fixed)
