"""The composer: write a post, see the guard's verdict and each platform's preview as you
type, then schedule it or keep it as a draft."""

from __future__ import annotations

import re

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from guard.domain.guard.payload import Rendered, render
from guard.domain.guard.platform_limits import X_LIMIT, weighted_length
from guard.domain.guard.previews import preview_of
from guard.domain.guard.verdict import Finding, Outcome, Verdict, platform_name
from guard.services import InputError
from guard.services.posts.image_text import known_texts, with_image_text
from guard.services.posts.judge import drafts_of, preview
from guard.services.posts.read import same_post_just_written
from guard.services.posts.write import Refused, schedule_post
from guard.web import once
from guard.web.context import actor, now, services, session, transaction
from guard.web.posts.forms import (
    PLATFORMS,
    SLOTS,
    Draft,
    Image,
    account,
    alt_errors,
    read_draft,
    sentence,
    whole,
)
from guard.web.posts.prefill import draft_fields
from guard.web.users.security import clerk_required

bp = Blueprint("compose", __name__)
BLOCKED = "The guard blocks this post: edit it before it can be scheduled."


bp.add_app_template_filter(platform_name, "platform_name")


def _form() -> dict:
    return {**request.form.to_dict(), "platforms": request.form.getlist("platforms")}


def highlight(text: str, findings: list[Finding]) -> list[tuple[str, str | None]]:
    """The text cut into pieces, each marked with the worst severity of a finding over it."""
    rank = {"info": 1, "flag": 2, "block": 3}
    marks = [0] * len(text)
    for f in (f for f in findings if f.source == "text" and f.text):
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


def split(pieces: list[tuple[str, str | None]], at: int) -> tuple[list, list]:
    """``pieces`` as two lists: the first ``at`` characters, and the rest."""
    before: list[tuple[str, str | None]] = []
    after: list[tuple[str, str | None]] = []
    seen = 0
    for piece, mark in pieces:
        cut = max(0, min(len(piece), at - seen))
        if piece[:cut]:
            before.append((piece[:cut], mark))
        if piece[cut:]:
            after.append((piece[cut:], mark))
        seen += len(piece)
    return before, after


def where(source: str) -> str:
    """Where in the post a finding is, in words ("in image 2")."""
    if source.startswith("media["):
        number = int(source[6 : source.index("]")]) + 1
        if source.endswith(".alt_text"):
            return f"in image {number}'s alt text"
        if ".people_tags[" in source:
            return f"in image {number}'s people tags"
        return f"in image {number}"
    return "" if source == "text" else f"in the {source}"


def _media(draft: Draft, *, read: bool) -> list[dict]:
    """The draft's images as the guard reads them: with the text printed in them, read now
    (``read``: a page rendered after an upload) or only as already read (the live check)."""
    media = draft.media
    if read and any("data_b64" in m for m in media):
        with transaction() as db:
            return with_image_text(db, media, now=now())
    with session() as db:
        texts = known_texts(db, [str(m.get("sha256", "")) for m in media])
    return [
        {**m, "image_text": texts[m["sha256"]]} if m.get("sha256") in texts else m for m in media
    ]


def judge(draft: Draft, *, read: bool = True) -> dict:
    """Everything the page shows about a draft: each platform's preview and the verdict."""
    platforms, link, texts = draft.platforms, draft.link or None, draft.platform_texts
    media = _media(draft, read=read)
    result: dict = {"length": weighted_length(draft.text), "limit": X_LIMIT}
    verdicts: list[Verdict] = []
    rendered = [render(d) for d in drafts_of(draft.text, link, media, platforms, texts)]
    if draft.at is not None and draft.text.strip() and platforms:
        with session() as db:
            judged, periods = preview(
                db,
                services().settings,
                text=draft.text,
                link=link,
                platforms=platforms,
                at=draft.at,
                media=media,
                platform_texts=texts,
            )
        rendered, verdicts = judged.rendered, judged.verdicts
        result |= {"outcome": judged.outcome.value, "periods": periods}
    found: list[Verdict | None] = list(verdicts) or [None] * len(rendered)
    previews = [_preview(r, v) for r, v in zip(rendered, found, strict=True)]
    result["previews"] = previews
    x = next((p["preview"] for p in previews if p["preview"].platform == "x"), None)
    result["length"] = x.count if x is not None else result["length"]
    result["findings"] = _findings(platforms, verdicts)
    return result


def _preview(rendered: Rendered, verdict: Verdict | None) -> dict:
    shown = preview_of(rendered)
    pieces = highlight(rendered.text, list(verdict.findings) if verdict else [])
    before, after = split(pieces, len(shown.shown))
    return {"preview": shown, "shown": before, "hidden": after}


def _findings(platforms: list[str], verdicts: list[Verdict]) -> list[dict]:
    """Each finding once, with where it is and, when not on every platform, which."""
    found: dict[tuple, dict] = {}
    for platform, verdict in zip(platforms, verdicts, strict=False):
        for f in verdict.findings:
            key = (f.rule, f.start, f.end, f.source, f.text, f.severity)
            item = found.setdefault(key, {"finding": f, "where": where(f.source), "on": []})
            item["on"].append(platform_name(platform))
    for item in found.values():
        item["on"] = "" if len(item["on"]) == len(platforms) else " and ".join(item["on"])
    return list(found.values())


def page(draft: Draft, code: int = 200, **extra: object) -> tuple[str, int]:
    fields = {"platforms": PLATFORMS, "account": account, "slots": SLOTS}
    html = render_template("compose.html", draft=draft, judged=judge(draft), **fields, **extra)
    return html, code


@bp.get("/compose")
@clerk_required
def compose() -> tuple[str, int]:
    return page(Draft(**draft_fields(request.args)))  # a day from the calendar, a post to copy


@bp.post("/compose")
@clerk_required
def submit() -> tuple[str, int] | Response:
    draft = read_draft(_form(), request.files.to_dict())
    action = request.form.get("action")
    if draft.errors or action not in ("schedule", "draft"):
        return page(draft, 422 if draft.errors else 200)
    assert draft.at is not None
    try:
        with transaction() as db:
            key = once.claim(db, "compose")
            first = same_post_just_written(
                db, text=draft.text, link=draft.link or None, at=draft.at, author=actor(), now=now()
            )
            if first is not None:  # the same post again, from a new form or one without its key
                raise once.Repeated(
                    url_for("posts.show", post_id=first),
                    f"You scheduled this same post a few minutes ago (post {first}): it was not "
                    "scheduled again. This is the one you scheduled.",
                )
            fields = draft.to_save(as_draft=action == "draft")
            post = schedule_post(db, services().settings, **fields, author=actor(), now=now())
            url = once.done(db, key, url_for("posts.show", post_id=post.post_id))
    except Refused:
        draft.errors["text"] = BLOCKED
        return page(draft, 422)
    except InputError as exc:
        draft.errors[field_of(str(exc))] = sentence(str(exc))
        return page(draft, 422)
    flash(saved(post.outcome, draft=action == "draft"))
    for warning in draft.warnings:
        flash(f"Note: {warning}")
    return redirect(url)


def field_of(message: str) -> str:
    """The field an error from the services is about."""
    if "past" in message:
        return "when"
    return "images" if "image" in message else "text"


def saved(outcome: Outcome, *, draft: bool, edited: bool = False) -> str:
    if draft:
        return "Saved as a draft: it will not be sent until you schedule it."
    if outcome is Outcome.FLAG:
        return "Saved; held for review." if edited else "Held for review: a clerk must approve it."
    return "Saved and scheduled." if edited else "Scheduled."


@bp.post("/compose/check")
def check() -> Response:
    if not current_user.can_change:
        return jsonify(error="not allowed"), 403  # type: ignore[return-value]
    data = request.get_json(silent=True)
    data = data if isinstance(data, dict) else {}
    platforms = data.get("platforms")
    draft = read_draft({**data, "platforms": platforms if isinstance(platforms, list) else []})
    images = data.get("images")
    images = images if isinstance(images, list) else []
    draft.images = [_described(i) for i in images if isinstance(i, dict)][:4]
    alt_errors(draft)
    judged = judge(draft, read=False)
    judged["unread"] = sum(1 for image in draft.images if not image.entry["sha256"])
    return jsonify(
        outcome=judged.get("outcome"),
        length=judged["length"],
        limit=judged["limit"],
        errors=draft.errors,
        html=render_template("_verdict.html", draft=draft, judged=judged),
    )


def _described(image: dict) -> Image:
    """An image the live check knows by its hash and alt text (its bytes stay in the form)."""
    sha256 = whole(image.get("sha256"))
    sha256 = sha256 if re.fullmatch("[0-9a-f]{64}", sha256) else ""  # a hash, or a new file
    return Image({"name": "image", "sha256": sha256}, whole(image.get("alt_text")))
