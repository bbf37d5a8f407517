"""The posts: a list filtered by state, each post's page, and cancelling one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from guard.domain.sending.delivery import DeliveryStatus
from guard.services import InputError
from guard.services.posts import read as post_queries
from guard.services.posts import write as service
from guard.web.context import actor, now, session, transaction

bp = Blueprint("posts", __name__)


@bp.get("/posts")
def index() -> str:
    status = request.args.get("status") or None
    if status is not None and status not in {s.value for s in DeliveryStatus}:
        abort(404)
    with session() as db:
        posts = [
            (p, post_queries.post_record(db, p.id or 0)) for p in post_queries.posts_in(db, status)
        ]
    return render_template("posts.html", posts=posts, status=status)


@bp.get("/posts/<int:post_id>")
def show(post_id: int) -> str:
    with session() as db:
        try:
            record = post_queries.post_record(db, post_id)
        except InputError:
            abort(404)
    return render_template("post.html", **record)


@bp.post("/posts/<int:post_id>/cancel")
def cancel(post_id: int) -> Response:
    try:
        with transaction() as db:
            cancelled = service.cancel_post(db, post_id, now=now(), actor=actor())
        flash(f"Cancelled on {', '.join(cancelled)}.")
    except InputError as exc:
        flash(f"Not cancelled: {exc}.")
    return redirect(url_for("posts.show", post_id=post_id))
