"""A confirmation step before a change that cannot be undone: the form asks, then does."""

from __future__ import annotations

from flask import render_template, request


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
