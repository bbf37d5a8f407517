"""The posts: a list filtered by state, each post's page, and cancelling one."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from guard.domain.sending.delivery import DeliveryStatus
from guard.services import InputError
from guard.services.posts import read as post_queries
from guard.services.posts import write as service
from guard.services.sending.settle import settle_unconfirmed
from guard.web.context import actor, now, services, session, transaction

bp = Blueprint("posts", __name__)
SETTLED = {
    "sent": "Recorded as sent.",
    "scheduled": "It will be sent now.",
    "failed": "It is overdue, so it was not sent: give the post a new time.",
}


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


@bp.post("/posts/<int:post_id>/settle")
def settle(post_id: int) -> Response:
    """The clerk looked at the account: the post is there, or it is not and is sent now."""
    platform, found = request.form.get("platform", ""), request.form.get("found", "")
    if found not in ("on-platform", "not-on-platform"):
        abort(400)
    missed = dt.timedelta(minutes=services().settings.scheduler.missed_after_minutes)
    try:
        with transaction() as db:
            status = settle_unconfirmed(
                db,
                post_id,
                platform,
                on_platform=found == "on-platform",
                url=request.form.get("url"),
                missed_after=missed,
                actor=actor(),
                now=now(),
            )
        flash(SETTLED.get(status, status))
    except InputError as exc:
        flash(f"Not settled: {exc}.")
    return redirect(url_for("posts.show", post_id=post_id))


@bp.post("/posts/<int:post_id>/cancel")
def cancel(post_id: int) -> Response:
    try:
        with transaction() as db:
            cancelled = service.cancel_post(db, post_id, now=now(), actor=actor())
        flash(f"Cancelled on {', '.join(cancelled)}.")
    except InputError as exc:
        flash(f"Not cancelled: {exc}.")
    return redirect(url_for("posts.show", post_id=post_id))
