"""The posts: a list searched and filtered, each post's page, cancelling and retrying one."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from sqlmodel import Session
from werkzeug.wrappers import Response

from guard.domain.guard.verdict import platform_name
from guard.domain.sending.delivery import DeliveryStatus
from guard.services import InputError
from guard.services.posts import read as post_queries
from guard.services.posts import write as service
from guard.services.posts.listing import page_of_posts
from guard.services.posts.retry import retry_failed, settle_unconfirmed
from guard.services.sending import inbox
from guard.web import once
from guard.web.calendar.moves import can_move
from guard.web.confirm import ask, confirmed
from guard.web.context import actor, now, services, session
from guard.web.paging import page_number, past_the_end
from guard.web.posts.filters import PLATFORMS, STATES, read_filters
from guard.web.users.security import clerk_required

bp = Blueprint("posts", __name__)
S = DeliveryStatus
# A post still to go out can be edited or cancelled; sent, cancelled, missed or unconfirmed
# ones are finished (or wait for the clerk to say what the platform has), and offer neither.
OPEN = {S.DRAFT, S.SCHEDULED, S.HELD, S.BLOCKED, S.FAILED}


@bp.get("/posts")
def index() -> tuple[str, int] | Response:
    form, filters, errors = read_filters()
    page = None
    if not errors:
        with session() as db:
            page = page_of_posts(db, filters, number=page_number())
        if back := past_the_end(page):
            return back
    html = render_template(
        "posts.html", page=page, form=form, errors=errors, states=STATES, platforms=PLATFORMS
    )
    return html, 422 if errors else 200


def _record(post_id: int) -> dict:
    with session() as db:
        try:
            record = post_queries.post_record(db, post_id)
        except InputError:
            abort(404)
        record["notices"] = inbox.listed(db, post_id=post_id, unread_only=True)
    statuses = {S(d.status) for d, _ in record["deliveries"]}
    record["open"] = bool(statuses & OPEN)
    record["can_retry"] = S.FAILED in statuses
    record["can_move"] = can_move(statuses)
    record["unconfirmed"] = S.UNCONFIRMED in statuses
    return record


@bp.get("/posts/<int:post_id>")
def show(post_id: int) -> str:
    return render_template("post.html", **_record(post_id))


@bp.route("/posts/<int:post_id>/cancel", methods=["GET", "POST"])
@clerk_required
def cancel(post_id: int) -> str | Response:
    back = url_for("posts.show", post_id=post_id)
    if not confirmed():
        post = _record(post_id)["post"]
        due = post.at.astimezone(services().settings.council.zone)
        return ask(
            title=f"Cancel post {post_id}?",
            question="It will not be sent to any account it is still waiting for. "
            "This cannot be undone: to send it later, write it again.",
            details=f"“{post.text[:200]}”, due {due:%A %-d %B %Y, %-H:%M}.",
            button="Yes, cancel this post",
            back=back,
        )

    def cancel_it(db: Session) -> str:
        cancelled = service.cancel_post(db, post_id, now=now(), actor=actor())
        return f"Cancelled on {', '.join(cancelled)}."

    return once.act("cancel", back, cancel_it, refused="Not cancelled")


@bp.post("/posts/<int:post_id>/retry")
@clerk_required
def retry(post_id: int) -> Response:
    def send_again(db: Session) -> str:
        platforms = retry_failed(db, services().settings, post_id, user=actor(), now=now())
        names = ", ".join(platform_name(p) for p in platforms)
        return f"Sending again to {names}: the guard checks it once more first."

    back = url_for("posts.show", post_id=post_id)
    return once.act("retry", back, send_again, refused="Not retried")


@bp.post("/posts/<int:post_id>/settle")
@clerk_required
def settle(post_id: int) -> Response:
    """The clerk says what the account shows for an unconfirmed send."""
    published = request.form.get("published") == "yes"

    def record(db: Session) -> str:
        settle_unconfirmed(db, post_id, published=published, user=actor(), now=now())
        return "Recorded as sent." if published else "Recorded as not sent: you may retry it."

    back = url_for("posts.show", post_id=post_id)
    return once.act("settle", back, record, refused="Not recorded")
