"""The posts: a list filtered by state, each post's page, and cancelling one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from guard.domain.sending.delivery import DeliveryStatus
from guard.publishers import Platform
from guard.services import InputError
from guard.services.posts import read as post_queries
from guard.services.posts import write as service
from guard.services.posts.listing import PostFilters, page_of_posts
from guard.web.context import actor, now, session, transaction
from guard.web.paging import day_args, page_number

bp = Blueprint("posts", __name__)


@bp.get("/posts")
def index() -> tuple[str, int]:
    status = request.args.get("status") or None
    platform = request.args.get("platform") or None
    if status is not None and status not in {s.value for s in DeliveryStatus}:
        abort(404)
    if platform is not None and platform not in {p.value for p in Platform}:
        abort(404)
    form, days, errors = day_args("since", "until")
    filters = PostFilters(status, platform, days["since"], days["until"])
    with session() as db:
        page = page_of_posts(db, filters, number=page_number())
    form.update(status=status or "", platform=platform or "")
    states = [s.value for s in DeliveryStatus]
    html = render_template(
        "posts.html", page=page, status=status, form=form, errors=errors, states=states
    )
    return html, 422 if errors else 200


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
