"""The composer: write a post, see the guard's verdict as you type, and schedule it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from guard.domain.calendar.council_time import parse_datetime
from guard.domain.guard.platform_limits import X_LIMIT, weighted_length
from guard.domain.guard.verdict import Outcome, Verdict
from guard.services import InputError
from guard.services.posts.judge import preview
from guard.services.posts.write import Refused, parse_platforms, schedule_post
from guard.web.context import actor, now, services, session, transaction
from guard.web.users.security import clerk_required

bp = Blueprint("compose", __name__)
PLATFORMS = ("x", "facebook")


@dataclass
class Draft:
    """The composer's fields as typed, and what is wrong with them."""

    text: str = ""
    link: str = ""
    date: str = ""
    time: str = ""
    platforms: list[str] = field(default_factory=lambda: list(PLATFORMS))
    errors: dict[str, str] = field(default_factory=dict)
    at: dt.datetime | None = None


def read_draft(form: dict) -> Draft:
    draft = Draft(
        text=form.get("text", ""),
        link=form.get("link", "").strip(),
        date=form.get("date", "").strip(),
        time=form.get("time", "").strip(),
        platforms=[p for p in PLATFORMS if p in form.get("platforms", [])],
    )
    if not draft.text.strip():
        draft.errors["text"] = "Write the post's text."
    if not draft.platforms:
        draft.errors["platforms"] = "Choose at least one account to post to."
    if not draft.date or not draft.time:
        draft.errors["when"] = "Give the date and the time to post it."
    else:
        try:
            draft.at = parse_datetime(
                f"{draft.date}T{draft.time}", services().settings.council.zone
            )
        except ValueError as exc:
            draft.errors["when"] = str(exc)
    return draft


def _form() -> dict:
    return {**request.form.to_dict(), "platforms": request.form.getlist("platforms")}


def highlight(text: str, verdicts: list[Verdict]) -> list[tuple[str, str | None]]:
    """The text cut into pieces, each marked with the worst severity of a finding over it."""
    rank = {"info": 1, "flag": 2, "block": 3}
    marks = [0] * len(text)
    for f in (f for v in verdicts for f in v.findings if f.source == "text" and f.text):
        for i in range(max(0, f.start), min(len(text), f.end)):
            marks[i] = max(marks[i], rank[f.severity.value])
    names = {0: None, 1: "info", 2: "flag", 3: "block"}
    pieces: list[tuple[str, str | None]] = []
    for char, mark in zip(text, marks, strict=True):
        if pieces and pieces[-1][1] == names[mark]:
            pieces[-1] = (pieces[-1][0] + char, names[mark])
        else:
            pieces.append((char, names[mark]))
    return pieces


def judge(draft: Draft) -> dict:
    """Everything the page shows about a draft's verdict."""
    result: dict = {"length": weighted_length(draft.text), "limit": X_LIMIT}
    if draft.at is None or not draft.text.strip():
        return result
    with session() as db:
        outcome, verdicts, periods = preview(
            db,
            services().settings,
            text=draft.text,
            link=draft.link or None,
            platforms=draft.platforms,
            at=draft.at,
        )
    findings = {(f.rule, f.start, f.end, f.source): f for v in verdicts for f in v.findings}
    return {
        **result,
        "outcome": outcome.value,
        "findings": list(findings.values()),
        "pieces": highlight(draft.text, verdicts),
        "periods": periods,
    }


@bp.get("/compose")
@clerk_required
def compose() -> str:
    return render_template("compose.html", draft=Draft(), judged=judge(Draft()))


@bp.post("/compose")
@clerk_required
def submit() -> str | Response | tuple[str, int]:
    draft = read_draft(_form())
    judged = judge(draft)
    if draft.errors or request.form.get("action") != "schedule":
        code = 422 if draft.errors else 200
        return render_template("compose.html", draft=draft, judged=judged), code
    assert draft.at is not None
    try:
        with transaction() as db:
            post = schedule_post(
                db,
                services().settings,
                text=draft.text,
                at=draft.at,
                author=actor(),
                platforms=parse_platforms(draft.platforms),
                link=draft.link or None,
                now=now(),
            )
    except Refused:
        draft.errors["text"] = "The guard blocks this post: edit it before it can be scheduled."
        return render_template("compose.html", draft=draft, judged=judged), 422
    except InputError as exc:
        draft.errors["when" if "time" in str(exc) else "text"] = str(exc)
        return render_template("compose.html", draft=draft, judged=judged), 422
    held = post.outcome is Outcome.FLAG
    flash("Held for review: a clerk must approve it." if held else "Scheduled.")
    return redirect(url_for("posts.show", post_id=post.post_id))


@bp.post("/compose/check")
def check() -> Response:
    if not current_user.can_change:
        return jsonify(error="not allowed"), 403  # type: ignore[return-value]
    data = request.get_json(silent=True) or {}
    draft = read_draft({**data, "platforms": data.get("platforms") or []})
    judged = judge(draft)
    return jsonify(
        outcome=judged.get("outcome"),
        length=judged["length"],
        limit=judged["limit"],
        errors=draft.errors,
        html=render_template("_verdict.html", draft=draft, judged=judged),
    )
