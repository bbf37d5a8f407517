"""The archive of what was published: search it, and download the FOI bundle."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import IO

from flask import Blueprint, Response, render_template, request
from flask_login import login_required
from markupsafe import Markup
from werkzeug.wrappers import Response as AnyResponse

from guard import resources
from guard.services.record import archive, foi_export
from guard.web.context import actor, now, session, transaction
from guard.web.paging import day_args, page_number, past_the_end
from guard.web.record import forms

bp = Blueprint("archive", __name__)
DATA_PROTECTION = (resources.DOCS, "data-protection.md")  # shipped in the package


def _filters() -> tuple[dict[str, str], dict, dict[str, str]]:
    """The search form as typed, the service's arguments, and errors naming bad dates."""
    form, bounds, errors = day_args("since", "until")
    form.update(forms.fields(request.args, forms.ARCHIVE_FIELDS))
    return form, {**forms.archive_search(form), **bounds}, errors


@bp.get("/archive")
@login_required
def index() -> tuple[str, int] | AnyResponse:
    form, filters, errors = _filters()
    page = None
    if not errors:
        with session() as db:
            page = archive.published_page(db, number=page_number(), **filters)
        if back := past_the_end(page):
            return back
    html = render_template("archive.html", page=page, form=form, errors=errors)
    return html, 422 if errors else 200


@bp.get("/archive/foi-bundle.zip")
@login_required
def bundle() -> Response | tuple[str, int]:
    _, filters, errors = _filters()
    if errors:
        return index()
    with transaction() as db:
        zipped = foi_export.zipped_bundle(
            db, since=filters["since"], until=filters["until"], actor=actor(), now=now()
        )
    return Response(
        _chunks(zipped),
        mimetype="application/zip",
        headers={"Content-Disposition": "attachment; filename=foi-bundle.zip"},
    )


def _chunks(file: IO[bytes]) -> Iterator[bytes]:
    """The file a piece at a time, then closed (and so deleted), even if the client goes away."""
    with file:
        while chunk := file.read(1 << 16):
            yield chunk


@cache
def _data_protection_html(package: str, name: str) -> Markup:
    import markdown

    text = resources.read_text(package, name)
    return Markup(markdown.markdown(text, extensions=["tables"]))


@bp.get("/data-protection")
def data_protection() -> str:
    """Public: what personal data the program holds, why, for how long, and how to erase it."""
    return render_template("data_protection.html", body=_data_protection_html(*DATA_PROTECTION))
