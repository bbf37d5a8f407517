"""Every form submits once: a one-time key in each form, recorded in the same transaction as
the change it made, so a repeated submit (a double click, a resend) changes nothing and shows
the first result."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from flask import Flask, flash, redirect, request
from markupsafe import Markup
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from werkzeug.wrappers import Response

from guard.services import InputError
from guard.store.models import FormSubmissionRow
from guard.web.context import actor, now, transaction

FIELD = "form_key"
_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
REPEATED = "That form had already been sent: nothing was done again. This is what it did."


class Repeated(Exception):
    """The form's key was used before; ``url`` shows what the first submit did, ``message``
    says why nothing was done again."""

    def __init__(self, url: str, message: str = REPEATED) -> None:
        super().__init__(url)
        self.url = url
        self.message = message


def field() -> Markup:
    """The hidden input; a form shown again after an error keeps the key it was sent with."""
    posted = request.form.get(FIELD, "") if request.method == "POST" else ""
    key = posted if _KEY.match(posted) else secrets.token_urlsafe(24)
    return Markup('<input type="hidden" name="{}" value="{}">').format(FIELD, key)


def claim(db: Session, form: str) -> FormSubmissionRow | None:
    """Record this submit's key first in the transaction; raise Repeated if it was used.

    A concurrent submit of the same key waits on the first one's row (PostgreSQL's unique
    index, SQLite's write lock), then finds it committed. A form without a key (an old page,
    a script) is handled as before.
    """
    key = request.form.get(FIELD, "")
    if not _KEY.match(key):
        return None
    row = FormSubmissionRow(key=key, form=form, actor=actor(), created_at=now())
    db.add(row)
    try:
        db.flush()
    except IntegrityError:
        # Nothing else is in this transaction yet (the key comes first), so roll it all back;
        # a savepoint would not do on SQLite, where the driver commits one begun on its own.
        db.rollback()
        first = db.get(FormSubmissionRow, key)
        raise Repeated(first.result_url if first and first.result_url else request.path) from None
    return row


def done(db: Session, row: FormSubmissionRow | None, url: str) -> str:
    """Remember where the first submit's result is shown; returns ``url``."""
    if row is not None:
        row.result_url = url
        db.add(row)
    return url


def act(form: str, back: str, change: Callable[[Session], str], *, refused: str) -> Response:
    """``change`` in one transaction, once per submit of ``form``; then ``back``, saying what
    ``change`` returned, or why nothing was done ("``refused``: the reason.")."""
    try:
        with transaction() as db:
            key = claim(db, form)
            said = change(db)
            done(db, key, back)
        flash(said)
    except InputError as exc:
        flash(f"{refused}: {exc}.")
    return redirect(back)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["once_field"] = field

    @app.errorhandler(Repeated)
    def repeated(error: Repeated) -> Response:
        flash(error.message)
        return redirect(error.url)
