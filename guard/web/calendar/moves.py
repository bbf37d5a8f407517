"""Moving a post to another day, from its page or the month (a form; drag and drop posts it).

A move is an edit of the post's time: the guard runs again through the edit service, so an
approval given for the old time no longer counts. A move into the past or to a blocked
verdict is refused and nothing is changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, request, url_for
from sqlmodel import Session
from werkzeug.wrappers import Response

from guard.domain.calendar.council_time import in_words
from guard.domain.guard.verdict import Outcome
from guard.domain.sending.delivery import DeliveryStatus
from guard.services import InputError
from guard.services.posts.edit import EDITABLE, edit_post
from guard.services.posts.judge import explain
from guard.services.posts.write import Refused, ScheduledPost, parse_platforms
from guard.store import posts as post_store
from guard.store.models import DeliveryRow
from guard.web import once
from guard.web.calendar.forms import read_move
from guard.web.context import actor, now, services, transaction
from guard.web.users.security import clerk_required

bp = Blueprint("moves", __name__)
S = DeliveryStatus
# A draft keeps its own state until the clerk schedules it from the composer: a move through
# the edit service would schedule it, so drafts are moved by editing them.
MOVABLE = EDITABLE - {S.DRAFT}
VERDICT_WORDS = {
    Outcome.ALLOW: "allowed: it is scheduled",
    Outcome.FLAG: "flagged: it is held for review (an approval given before no longer counts)",
}


@bp.post("/posts/<int:post_id>/move")
@clerk_required
def move(post_id: int) -> Response:
    zone = services().settings.council.zone
    back = _back(post_id)
    try:
        with transaction() as db:
            key = once.claim(db, "move")
            at, moved = _move(db, post_id, zone)
            once.done(db, key, back)
    except Refused as exc:
        flash(f"Not moved: {exc}. Nothing was changed.")
    except InputError as exc:
        flash(f"Not moved: {exc}. Nothing was changed.")
    else:
        flash(f"Moved to {in_words(at, zone)}. The guard checked it again: {_verdict(moved)}")
    return redirect(back)


def _move(db: Session, post_id: int, zone: ZoneInfo) -> tuple[dt.datetime, ScheduledPost]:
    """The post as it stands in this transaction, at the time the form asks for."""
    post = post_store.get_post(db, post_id)
    if post is None:
        abort(404)
    deliveries = post_store.deliveries_of(db, post_id)
    if not can_move(d.status for d in deliveries):
        raise InputError(
            f"post {post_id} is {_states(deliveries)}: only a post still to go can move"
        )
    at, problem = read_move(request.form, post.at, zone)
    if at is None:
        raise InputError(problem)
    try:
        return at, edit_post(
            db,
            services().settings,
            post_id,
            text=post.text,
            link=post.link,
            at=at,
            platforms=parse_platforms([d.platform for d in deliveries if d.status != S.CANCELLED]),
            user=actor(),
            now=now(),
        )
    except Refused as exc:
        raise Refused(f"on {in_words(at, zone)} {exc}", exc.verdicts) from None


def can_move(statuses: Iterable[str]) -> bool:
    """Every delivery still to go can be edited (so moved): none sent, sending or a draft."""
    live = [S(status) for status in statuses if status != S.CANCELLED]
    return bool(live) and all(status in MOVABLE for status in live)


def _states(deliveries: list[DeliveryRow]) -> str:
    return ", ".join(f"{d.status} on {d.platform}" for d in deliveries)


def _verdict(moved: ScheduledPost) -> str:
    reasons = sorted({line for v in moved.verdicts for line in explain(v)})
    said = VERDICT_WORDS.get(moved.outcome, moved.outcome.value)
    return said + "." + "".join(f" {r[:1].upper()}{r[1:]}." for r in reasons)


def _back(post_id: int) -> str:
    """Where the form came from (a page of this app), else the post's page."""
    wanted = request.form.get("next", "")
    if wanted.startswith("/") and not wanted.startswith(("//", "/\\")):
        return wanted
    return url_for("posts.show", post_id=post_id)
