"""A confirmation step before a change that cannot be undone: the form asks, then does."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request
from sqlmodel import Session
from werkzeug.wrappers import Response

from guard.services import InputError
from guard.web import once
from guard.web.context import transaction


def confirmed() -> bool:
    return request.method == "POST" and request.form.get("confirm") == "yes"


def ask(*, title: str, question: str, details: str, button: str, back: str) -> str:
    """The page that asks; its form posts back to this same address with confirm=yes."""
    return render_template(
        "confirm.html",
        title=title,
        question=question,
        details=details,
        button=button,
        action=request.path,
        back=back,
    )


def remove_after_asking(
    *, name: str, question: str, form: str, back: str, remove: Callable[[Session], str]
) -> str | Response:
    """Ask "Remove ``name``?"; once confirmed, ``remove`` it in one transaction (once per form
    submit) and go ``back`` saying so. 404 if it is already gone."""
    if not confirmed():
        return ask(
            title=f"Remove {name}?",
            question=question,
            details="",
            button=f"Yes, remove {name}",
            back=back,
        )
    try:
        with transaction() as db:
            key = once.claim(db, form)
            removed = remove(db)
            once.done(db, key, back)
    except InputError:
        abort(404)
    flash(f"Removed {removed}.")
    return redirect(back)
