"""Posts: schedule, approve, cancel, list. Each post has one delivery per target account."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlmodel import Session

from guard.domain.calendar.council_time import in_words
from guard.domain.guard.verdict import Outcome, Verdict
from guard.domain.sending.delivery import FINAL, DeliveryStatus
from guard.domain.text.keepable import first_unkeepable, link_problem
from guard.publishers import Platform
from guard.services import InputError, found
from guard.services.posts.image_text import with_image_text
from guard.services.posts.judge import (
    content_hash,
    drafts_of,
    explain,
    guard_context,
    judge,
    record_verdict,
)
from guard.services.posts.media import check_for_platforms, check_media

# Approving lives in review.py; re-exported here, where the views and the CLI call it.
from guard.services.posts.review import approve_post as approve_post
from guard.services.record import audit
from guard.settings import Settings
from guard.store import posts as store
from guard.store.models import DeliveryRow, PostRow

UTC_ZONE = ZoneInfo("UTC")
PLATFORM_NAMES = ", ".join(p.value for p in Platform)


class Refused(Exception):
    """The guard blocks the post: it is not scheduled. ``verdicts`` say why."""

    def __init__(self, message: str, verdicts: Sequence[Verdict]) -> None:
        super().__init__(message)
        self.verdicts = list(verdicts)


@dataclass(frozen=True)
class ScheduledPost:
    post_id: int
    outcome: Outcome
    statuses: dict[str, str]
    verdicts: list[Verdict] = field(default_factory=list)


def parse_platforms(value: str | Sequence[str]) -> list[Platform]:
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip().lower() for n in names if n.strip()]
    if not names:
        raise InputError(f"choose at least one account to post to: {PLATFORM_NAMES}")
    try:
        return sorted({Platform(n) for n in names})
    except ValueError:
        bad = next(n for n in names if n not in {p.value for p in Platform})
        raise InputError(f"unknown platform {bad!r}: expected one of {PLATFORM_NAMES}") from None


def check_input(
    *,
    text: str,
    platforms: Sequence[Platform],
    at: dt.datetime,
    now: dt.datetime,
    zone: ZoneInfo = UTC_ZONE,
    link: str | None = None,
    platform_texts: Mapping[str, str] | None = None,
    media: Sequence[Mapping] = (),
) -> None:
    """What every post needs before the guard looks at it; the error names what is missing.
    The composer's live check calls this too, so it shows what the submit would refuse."""
    if not text.strip():
        raise InputError("the post has no text")
    if link and (problem := link_problem(link)):
        raise InputError(f"the link: {problem}")
    fields = {"the post's text": text, "the link": link or ""}
    fields |= {f"the text for {p}": t for p, t in (platform_texts or {}).items()}
    fields |= {
        f"image {n}'s alt text": str(m.get("alt_text") or "") for n, m in enumerate(media, 1)
    }
    for name, value in fields.items():
        if (position := first_unkeepable(value)) is not None:
            raise InputError(
                f"{name} has something that is not a character at position {position} (a NUL, "
                "or half of an emoji or other character cut in two): type that part again"
            )
    if not platforms:
        raise InputError(f"choose at least one account to post to: {PLATFORM_NAMES}")
    if at < now - dt.timedelta(minutes=1):
        raise InputError(f"{in_words(at, zone)} is in the past: choose a later time")


@dataclass(frozen=True)
class Fields:
    """A post's fields as given to schedule or edit it (``media`` None: keep the post's)."""

    text: str
    platforms: Sequence[Platform]
    at: dt.datetime
    link: str | None
    platform_texts: Mapping[str, str] | None
    media: Sequence[dict] | None


def checked(
    session: Session,
    settings: Settings,
    fields: Fields,
    *,
    now: dt.datetime,
    draft: bool,
    kept_media: Sequence[dict] = (),
) -> tuple[list[str], dict[str, str], list[dict]]:
    """The checks scheduling and editing share: every field, the texts per platform and the
    images (``kept_media`` when ``fields.media`` is None), with the words read in them.

    Returns the platforms' names, the texts that differ from the post's and the images."""
    check_input(
        text=fields.text,
        platforms=fields.platforms,
        at=fields.at,
        now=now,
        zone=settings.council.zone,
        link=fields.link,
        platform_texts=fields.platform_texts,
        media=fields.media or (),
    )
    names = [p.value for p in fields.platforms]
    texts = own_texts(fields.text, fields.platform_texts, names)
    media = list(kept_media) if fields.media is None else check_media(fields.media)
    if not draft:
        check_for_platforms(media, names)
    return names, texts, with_image_text(session, media, now=now)


def schedule_post(
    session: Session,
    settings: Settings,
    *,
    text: str,
    at: dt.datetime,
    platforms: Sequence[Platform],
    author: str,
    now: dt.datetime,
    link: str | None = None,
    media: Sequence[dict] = (),
    platform_texts: Mapping[str, str] | None = None,
    draft: bool = False,
) -> ScheduledPost:
    """Check and store a post. Blocked: refused, nothing written. Flagged: held for review.

    A draft is judged and stored with its verdict, blocked or not, but its deliveries stay
    *draft*: nothing is sent until it is edited and scheduled."""
    fields = Fields(text, platforms, at, link, platform_texts, media)
    names, texts, media = checked(session, settings, fields, now=now, draft=draft)
    post = PostRow(
        text=text,
        link=link or None,
        media=list(media),
        platform_texts=texts,
        at=at,
        author=author,
        content_hash=content_hash(text, link or None, media, texts),
        created_at=now,
        updated_at=now,
    )
    context = guard_context(session, settings)
    judged = judge(drafts_of(text, link, media, names, texts), context, at=at)
    outcome, verdicts = judged.outcome, judged.verdicts
    if outcome is Outcome.BLOCK and not draft:
        lines = sorted({line for v in verdicts for line in explain(v) if line.startswith("block")})
        raise Refused("the guard blocks this post: " + "; ".join(lines), verdicts)
    session.add(post)
    session.flush()
    assert post.id is not None
    status = DeliveryStatus.HELD if outcome is Outcome.FLAG else DeliveryStatus.SCHEDULED
    status = DeliveryStatus.DRAFT if draft else status
    for platform, verdict in zip(platforms, verdicts, strict=True):
        record_verdict(
            session,
            post,
            verdict,
            occasion="draft" if draft else "compose",
            platform=platform.value,
            for_time=at,
            now=now,
        )
        session.add(
            DeliveryRow(
                post_id=post.id,
                platform=platform.value,
                status=status.value,
                next_attempt_at=at,
                updated_at=now,
            )
        )
    session.flush()
    summary = {
        "content_hash": post.content_hash,
        "at": at.isoformat(),
        "platforms": [p.value for p in platforms],
        "verdict": outcome.value,
        "status": status.value,
    }
    action = "post.draft" if draft else "post.schedule"
    audit.record(session, action, "post", post.id, actor=author, now=now, summary=summary)
    return ScheduledPost(post.id, outcome, {p.value: status.value for p in platforms}, verdicts)


def own_texts(
    text: str, platform_texts: Mapping[str, str] | None, platforms: Sequence[str]
) -> dict[str, str]:
    """The platforms' own texts worth keeping: for a chosen platform, and not the same as the
    post's text. Each must have text, as the post must."""
    texts = {}
    for platform, own in (platform_texts or {}).items():
        if platform not in platforms or own == text:
            continue
        if not own.strip():
            raise InputError(f"the text for {platform} is empty: write one or use the post's text")
        texts[platform] = own
    return texts


def _post(session: Session, post_id: int) -> PostRow:
    post = found(store.get_post(session, post_id), f"post with id {post_id}")
    return post


def cancel_post(
    session: Session, post_id: int, *, now: dt.datetime, actor: str = "system"
) -> list[str]:
    _post(session, post_id)
    deliveries = store.deliveries_of(session, post_id)
    if any(d.status == DeliveryStatus.SENDING for d in deliveries):
        raise InputError(f"post {post_id} is being sent now; it cannot be cancelled")
    cancelled = []
    for delivery in deliveries:
        if DeliveryStatus(delivery.status) not in FINAL and delivery.status != "unconfirmed":
            store.move(session, delivery, DeliveryStatus.CANCELLED, now=now)
            cancelled.append(delivery.platform)
    if not cancelled:
        raise InputError(f"post {post_id} has nothing left to cancel")
    summary = {"platforms": cancelled}
    audit.record(session, "post.cancel", "post", post_id, actor=actor, now=now, summary=summary)
    return cancelled


def send_back(
    session: Session, post_id: int, *, now: dt.datetime, actor: str = "system"
) -> list[str]:
    """A held post goes back to draft: it will not be sent until it is scheduled again."""
    held = [d for d in store.deliveries_of(session, post_id) if d.status == DeliveryStatus.HELD]
    if not held:
        raise InputError(f"post {post_id} is not held for review")
    for delivery in held:
        store.move(session, delivery, DeliveryStatus.DRAFT, now=now)
    platforms = [d.platform for d in held]
    summary = {"platforms": platforms}
    audit.record(session, "post.send_back", "post", post_id, actor=actor, now=now, summary=summary)
    return platforms
