"""The archive of what was published: search it, and download the FOI bundle."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, render_template, request
from flask_login import login_required
from markupsafe import Markup

from guard.services.record import archive
from guard.web import ROOT
from guard.web.context import actor, now, services, session, transaction

bp = Blueprint("archive", __name__)
DATA_PROTECTION = ROOT / "docs" / "data-protection.md"


def _filters() -> tuple[dict[str, str], dict, dict[str, str]]:
    """The search form as typed, the service's arguments, and errors naming bad dates."""
    form = {k: request.args.get(k, "").strip() for k in ("q", "since", "until", "platform")}
    zone = services().settings.council.zone
    errors: dict[str, str] = {}
    bounds: dict[str, dt.datetime | None] = {"since": None, "until": None}
    for key in bounds:
        if form[key]:
            try:
                day = dt.date.fromisoformat(form[key]) + dt.timedelta(days=key == "until")
                bounds[key] = dt.datetime.combine(day, dt.time(), zone)
            except ValueError:
                errors[key] = f"{form[key]!r} is not a date (YYYY-MM-DD)."
    platform = form["platform"] if form["platform"] in ("x", "facebook") else None
    return form, {"text": form["q"] or None, "platform": platform, **bounds}, errors


@bp.get("/archive")
@login_required
def index() -> tuple[str, int]:
    form, filters, errors = _filters()
    entries = []
    if not errors:
        with session() as db:
            entries = archive.published(db, **filters)
    page = render_template("archive.html", entries=entries, form=form, errors=errors)
    return page, 422 if errors else 200


@bp.get("/archive/foi-bundle.zip")
@login_required
def bundle() -> Response | tuple[str, int]:
    _, filters, errors = _filters()
    if errors:
        return index()
    with transaction() as db:
        contents, _ = archive.bundle(
            db, since=filters["since"], until=filters["until"], actor=actor(), now=now()
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    return Response(
        buffer.getvalue(),
        mimetype="application/zip",
        headers={"Content-Disposition": "attachment; filename=foi-bundle.zip"},
    )


@cache
def _data_protection_html(path: Path) -> Markup:
    import markdown

    return Markup(markdown.markdown(path.read_text(encoding="utf-8"), extensions=["tables"]))


@bp.get("/data-protection")
def data_protection() -> str:
    """Public: what personal data the program holds, why, for how long, and how to erase it."""
    return render_template("data_protection.html", body=_data_protection_html(DATA_PROTECTION))
