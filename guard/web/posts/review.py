"""The review queue: held posts with their findings; approve with a reason, or send back."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlmodel import Session
from werkzeug.wrappers import Response

from guard.services import InputError
from guard.services.posts import write as service
from guard.services.posts.listing import held_page
from guard.web import once
from guard.web.context import actor, now, services, session, transaction
from guard.web.paging import page_number, past_the_end

bp = Blueprint("review", __name__)


@bp.get("/review")
def queue() -> str | Response:
    with session() as db:
        page = held_page(db, number=page_number())
    if back := past_the_end(page):
        return back
    return render_template("review.html", page=page, errors={}, reasons={})


@bp.post("/review/<int:post_id>/approve")
def approve(post_id: int) -> str | Response | tuple[str, int]:
    reason = request.form.get("reason", "").strip()
    try:
        with transaction() as db:
            key = once.claim(db, "approve")
            service.approve_post(
                db, services().settings, post_id, reason=reason, user=actor(), now=now()
            )
            once.done(db, key, url_for("review.queue"))
    except InputError as exc:
        with session() as db:
            page = held_page(db, number=page_number())
        if not any(item.post.id == post_id for item in page.items):
            flash(f"Not approved: {exc}.")  # not on the page: say so above the queue
            return redirect(url_for("review.queue"))
        errors, reasons = {post_id: f"Not approved: {exc}."}, {post_id: reason}
        return render_template("review.html", page=page, errors=errors, reasons=reasons), 422
    flash(f"Post {post_id} approved: it is scheduled.")
    return redirect(url_for("review.queue"))


@bp.post("/review/<int:post_id>/send-back")
def send_back(post_id: int) -> Response:
    def send_it_back(db: Session) -> str:
        service.send_back(db, post_id, now=now(), actor=actor())
        return f"Post {post_id} sent back to draft: it will not go out."

    return once.act("send-back", url_for("review.queue"), send_it_back, refused="Not sent back")
