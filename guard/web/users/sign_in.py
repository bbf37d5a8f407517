"""Signing in and out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response

from guard.services import users
from guard.web.context import now, session, transaction
from guard.web.users.security import user_of

bp = Blueprint("auth", __name__)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> str | Response | tuple[str, int]:
    with session() as db:
        demo = users.demo_clerk_exists(db)
    if request.method == "GET":
        return render_template("sign_in.html", demo=demo, email="", error=None)
    email = request.form.get("email", "")
    with transaction() as db:
        result = users.sign_in(
            db,
            email=email,
            password=request.form.get("password", ""),
            address=request.remote_addr or "unknown",
            now=now(),
        )
        signed_in = user_of(result.user) if result.user else None
    if signed_in is None:
        return render_template("sign_in.html", demo=demo, email=email, error=result.message), 401
    login_user(signed_in)
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/sign-out")
def sign_out() -> Response:
    logout_user()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return url_for("home.index")
    parts = urlsplit(target)
    return target if not parts.netloc and not parts.scheme else url_for("home.index")
