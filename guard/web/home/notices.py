"""Notices in the app: the unread count in the navigation, and marking notices read."""

from __future__ import annotations

from flask import Blueprint, Flask, flash, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from guard.services.sending import inbox
from guard.web.context import actor, now, session, transaction
from guard.web.home import forms
from guard.web.users.forms import local_path

bp = Blueprint("notices", __name__)


@bp.post("/notices/read")
def mark_read() -> Response:
    """One notice (notice=ID) or all unread ones; back to the page the clerk was on."""
    try:
        ids = forms.notice_ids(request.form)
    except forms.NotANotice:
        flash("Nothing marked read: that is not a notice's number.")
    else:
        with transaction() as db:
            done = inbox.mark_read(db, ids, user=actor(), now=now())
        flash(f"{done} notice{'' if done == 1 else 's'} marked read.")
    return redirect(local_path(request.form.get("back"), url_for("home.index")))


def init_app(app: Flask) -> None:
    @app.context_processor
    def unread() -> dict:
        if not current_user.is_authenticated:
            return {"unread_notices": 0}
        with session() as db:
            return {"unread_notices": inbox.unread_count(db)}
