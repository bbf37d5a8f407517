"""Users (admin only): who may sign in, with which role."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from guard.services import InputError
from guard.services import users as service
from guard.web.context import actor, now, session, transaction
from guard.web.users import forms
from guard.web.users.security import admins_only

bp = Blueprint("users", __name__)
bp.before_request(admins_only)


@bp.get("/users")
def index() -> str:
    with session() as db:
        rows = service.list_users(db)
    return render_template("users.html", rows=rows, form={}, error=None)


@bp.post("/users")
def add() -> str | Response | tuple[str, int]:
    form = forms.new_user(request.form)
    try:
        with transaction() as db:
            service.add_user(db, **form, actor=actor(), now=now())
    except InputError as exc:
        with session() as db:
            rows = service.list_users(db)
        form["password"] = ""
        return render_template("users.html", rows=rows, form=form, error=str(exc)), 422
    flash(f"Added {form['email'].strip().lower()}.")
    return redirect(url_for("users.index"))


@bp.post("/users/role")
def set_role() -> Response:
    """A new role ends the user's sessions, so it applies from their next request."""
    named = forms.named_user(request.form)
    if named.is_self(actor()):
        flash("You cannot change your own role.")
        return redirect(url_for("users.index"))
    try:
        with transaction() as db:
            service.set_role(db, email=named.email, role=named.role, actor=actor(), now=now())
        flash(f"{named.email} is now {named.role}; they must sign in again.")
    except InputError as exc:
        flash(f"Role not changed: {exc}.")
    return redirect(url_for("users.index"))


@bp.post("/users/remove")
def remove() -> Response:
    named = forms.named_user(request.form)
    if named.is_self(actor()):
        flash("You cannot remove your own account.")
        return redirect(url_for("users.index"))
    try:
        with transaction() as db:
            service.remove_user(db, email=named.email, actor=actor(), now=now())
        flash(f"Removed {named.email}.")
    except InputError as exc:
        flash(f"Not removed: {exc}.")
    return redirect(url_for("users.index"))
