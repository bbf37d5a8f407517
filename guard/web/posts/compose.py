"""The composer: write a post, see the guard's verdict as you type, and schedule it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from guard.domain.calendar.council_time import RepeatedHour, wall_clock
from guard.domain.guard.platform_limits import X_LIMIT, weighted_length
from guard.domain.guard.verdict import Outcome, Verdict
from guard.publishers import Platform
from guard.services import InputError
from guard.services.posts.judge import preview
from guard.services.posts.read import same_post_just_written
from guard.services.posts.write import Refused, check_input, parse_platforms, schedule_post
from guard.services.warnings import post_warnings
from guard.web import once
from guard.web.context import actor, now, services, session, transaction
from guard.web.posts.prefill import draft_fields
from guard.web.users.security import clerk_required

bp = Blueprint("compose", __name__)
PLATFORMS = ("x", "facebook", "instagram")
DEFAULT_PLATFORMS = ("x", "facebook")  # Instagram needs an image: chosen, never assumed


@dataclass
class Draft:
    """The composer's fields as typed, and what is wrong with them."""

    text: str = ""
    link: str = ""
    date: str = ""
    time: str = ""
    platforms: list[str] = field(default_factory=lambda: list(DEFAULT_PLATFORMS))
    errors: dict[str, str] = field(default_factory=dict)
    at: dt.datetime | None = None
    which: str = ""  # "first" or "second": which of an autumn night's repeated hour
    choices: tuple = ()  # the two, in words, when the time given is one of them
    warnings: list[str] = field(default_factory=list)


def read_draft(form: dict) -> Draft:
    """The fields as typed, with every error the submit would give (the live check uses this)."""
    draft = Draft(
        text=form.get("text", ""),
        link=form.get("link", "").strip(),
        date=form.get("date", "").strip(),
        time=form.get("time", "").strip(),
        platforms=[p for p in PLATFORMS if p in form.get("platforms", [])],
        which=str(form.get("which") or ""),
    )
    if not draft.text.strip():
        draft.errors["text"] = "Write the post's text."
    if not draft.platforms:
        draft.errors["platforms"] = "Choose at least one account to post to."
    if not draft.date or not draft.time:
        draft.errors["when"] = "Give the date and the time to post it."
        return draft
    zone = services().settings.council.zone
    try:
        day, time = dt.date.fromisoformat(draft.date), dt.time.fromisoformat(draft.time)
        draft.at = wall_clock(day, time, zone, which=draft.which)
    except RepeatedHour as exc:
        draft.errors["when"], draft.choices = str(exc), exc.choices
        return draft
    except ValueError as exc:
        words = "Give the date as a day of the calendar and the time as hours and minutes."
        draft.errors["when"] = str(exc) if "clocks" in str(exc) else words
        return draft
    try:
        check_input(
            text="(the time alone)", platforms=[Platform.X], at=draft.at, now=now(), zone=zone
        )
    except InputError as exc:
        draft.errors["when"] = sentence(str(exc))
    draft.warnings = post_warnings(draft.at, now=now(), zone=zone)
    return draft


def sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


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
    draft = Draft(**draft_fields(request.args))  # a day from the calendar, a post to copy
    return render_template("compose.html", draft=draft, judged=judge(draft))


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
            key = once.claim(db, "compose")
            first = same_post_just_written(
                db, text=draft.text, link=draft.link or None, at=draft.at, author=actor(), now=now()
            )
            if first is not None:  # the same form again without its key (back button, a script)
                raise once.Repeated(url_for("posts.show", post_id=first))
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
            url = once.done(db, key, url_for("posts.show", post_id=post.post_id))
    except Refused:
        draft.errors["text"] = "The guard blocks this post: edit it before it can be scheduled."
        return render_template("compose.html", draft=draft, judged=judged), 422
    except InputError as exc:
        draft.errors["when" if "past" in str(exc) else "text"] = sentence(str(exc))
        return render_template("compose.html", draft=draft, judged=judged), 422
    held = post.outcome is Outcome.FLAG
    flash("Held for review: a clerk must approve it." if held else "Scheduled.")
    for warning in draft.warnings:
        flash(f"Note: {warning}")
    return redirect(url)


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
