"""Editing a post from its page: the composer again, filled in, with the guard re-run."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from werkzeug.wrappers import Response

from guard.domain.guard.verdict import platform_name
from guard.domain.sending.delivery import DeliveryStatus
from guard.services import InputError
from guard.services.posts.edit import edit_post
from guard.services.posts.write import Refused
from guard.store import posts as post_store
from guard.web import once
from guard.web.context import actor, now, services, session, transaction
from guard.web.home.views import STATE_WORDS
from guard.web.posts.compose import BLOCKED, field_of, page, saved
from guard.web.posts.forms import Draft, Image, read_draft, sentence
from guard.web.posts.views import OPEN
from guard.web.users.security import clerk_required

bp = Blueprint("edit", __name__)


def _page(post_id: int, draft: Draft, code: int = 200) -> tuple[str, int]:
    with session() as db:
        statuses = {d.status for d in post_store.deliveries_of(db, post_id)}
    action = url_for("edit.submit", post_id=post_id)
    is_draft = DeliveryStatus.DRAFT.value in statuses
    return page(draft, code, form_action=action, editing=post_id, is_draft=is_draft)


@bp.get("/posts/<int:post_id>/edit")
@clerk_required
def show(post_id: int) -> tuple[str, int] | Response:
    zone = services().settings.council.zone
    with session() as db:
        post = post_store.get_post(db, post_id)
        if post is None:
            abort(404)
        deliveries = post_store.deliveries_of(db, post_id)
    if not {DeliveryStatus(d.status) for d in deliveries} & OPEN:
        flash(f"Post {post_id} is finished ({_states(deliveries)}): it can no longer be edited.")
        return redirect(url_for("posts.show", post_id=post_id))
    platforms = [d.platform for d in deliveries if d.status != "cancelled"]
    local = post.at.astimezone(zone)
    draft = Draft(
        text=post.text,
        link=post.link or "",
        date=f"{local:%Y-%m-%d}",
        time=f"{local:%H:%M}",
        platforms=platforms,
        texts=dict(post.platform_texts),
        images=[Image.of(entry) for entry in post.media],
        at=post.at,
        which="second" if local.fold else "first",  # which 01:30 of an autumn night it is
    )
    return _page(post_id, draft)


def _states(deliveries: list) -> str:
    words = (
        f"{platform_name(d.platform)}: {STATE_WORDS.get(d.status, d.status)}" for d in deliveries
    )
    return ", ".join(words)


@bp.post("/posts/<int:post_id>/edit")
@clerk_required
def submit(post_id: int) -> tuple[str, int] | Response:
    with session() as db:
        if post_store.get_post(db, post_id) is None:
            abort(404)
    form = {**request.form.to_dict(), "platforms": request.form.getlist("platforms")}
    draft = read_draft(form, request.files.to_dict())
    action = request.form.get("action")
    if draft.errors or action not in ("schedule", "draft") or draft.at is None:
        return _page(post_id, draft, 422 if draft.errors else 200)
    try:
        with transaction() as db:
            key = once.claim(db, "edit")
            fields = draft.to_save(as_draft=action == "draft")
            result = edit_post(db, services().settings, post_id, **fields, user=actor(), now=now())
            url = once.done(db, key, url_for("posts.show", post_id=post_id))
    except Refused:
        draft.errors["text"] = BLOCKED
        return _page(post_id, draft, 422)
    except InputError as exc:
        draft.errors[field_of(str(exc))] = sentence(str(exc))
        return _page(post_id, draft, 422)
    flash(saved(result.outcome, draft=action == "draft", edited=True))
    return redirect(url)
