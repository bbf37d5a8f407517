"""The guard as the rest of the program uses it: context from the store, verdicts recorded."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from guard.domain.calendar.elections import RestrictedPeriod
from guard.domain.guard.payload import Rendered, render
from guard.domain.guard.verdict import (
    GuardContext,
    Media,
    Outcome,
    PostDraft,
    Verdict,
    evaluate,
    finding_to_dict,
)
from guard.publishers import Payload
from guard.services.posts.context import load_context
from guard.settings import Settings

if TYPE_CHECKING:  # the ORM is for writing verdicts: `guard check` only reads, through Core
    from sqlmodel import Session

    from guard.store.models import PostRow, VerdictRow

RANK = {Outcome.ALLOW: 0, Outcome.FLAG: 1, Outcome.BLOCK: 2}


def guard_context(session: Session, settings: Settings) -> GuardContext:
    """The register, the candidates and every restricted period, as they are now in the store,
    with the council's ``[guard]`` choices (see ``services.posts.context``)."""
    return load_context(session.connection(), settings)


def drafts_of(
    text: str,
    link: str | None,
    media: Sequence[dict[str, Any]],
    platforms: Sequence[str | None],
    platform_texts: Mapping[str, str] | None = None,
) -> list[PostDraft]:
    """One draft per platform, from a post's parts as they are stored (media entries as
    ``services.posts.media`` makes them, with the text read inside each image; a platform's
    own text where the clerk wrote one)."""
    images = tuple(
        Media(
            str(m.get("alt_text", "")),
            tuple(m.get("people_tags", ())),
            str(m.get("image_text", "")),
            sent="data_b64" in m or "sha256" in m,  # the live check sends no bytes
        )
        for m in media
    )
    texts = tuple(sorted((platform_texts or {}).items()))
    return [PostDraft(text, p, link or None, images, texts) for p in platforms or [None]]


def post_drafts(
    session: Session, post: PostRow, platforms: Sequence[str | None], *, now: dt.datetime
) -> list[PostDraft]:
    """The post's drafts with the text inside its images, read now for any image stored
    before it was read (from the cache when another post had the same image)."""
    from guard.services.posts.image_text import with_image_text

    media = post.media
    if any("data_b64" in m and "image_text" not in m for m in media):
        media = with_image_text(session, media, now=now)
    return drafts_of(post.text, post.link, media, platforms, post.platform_texts)


@dataclass(frozen=True)
class Judgement:
    """Each platform's verdict on its rendered payload, and the worst of them."""

    outcome: Outcome
    verdicts: list[Verdict]
    rendered: list[Rendered]


def judge(drafts: Sequence[PostDraft], context: GuardContext, *, at: dt.datetime) -> Judgement:
    """The one way the program judges a post: the composer's preview, scheduling, editing,
    re-checks, dispatch and `guard check` all come here, and each verdict is on the payload
    ``render`` makes, which is what the publishers are given (see ``payload_of``)."""
    verdicts = [evaluate(d, context, at=at) for d in drafts]
    worst = max((v.outcome for v in verdicts), key=RANK.__getitem__, default=Outcome.ALLOW)
    return Judgement(worst, verdicts, [render(d) for d in drafts])


def payload_of(rendered: Rendered, media: Sequence[dict[str, Any]]) -> Payload:
    """What the publisher sends: the rendered text and link, with the images' bytes."""
    from guard.services import InputError
    from guard.services.posts.media import media_files

    files = media_files(media)
    if tuple(f.alt_text for f in files) != rendered.alt_texts:  # only a hand-edited row
        raise InputError("the images are not the ones that were checked")
    return Payload(rendered.text, rendered.link, files)


def record_verdict(
    session: Session,
    post: PostRow,
    verdict: Verdict,
    *,
    occasion: str,
    platform: str | None,
    for_time: dt.datetime,
    now: dt.datetime,
) -> VerdictRow:
    assert post.id is not None
    from guard.store.models import VerdictRow

    row = VerdictRow(
        post_id=post.id,
        checked_at=now,
        for_time=for_time,
        occasion=occasion,
        platform=platform,
        verdict=verdict.outcome.value,
        findings=[finding_to_dict(f) for f in verdict.findings],
    )
    session.add(row)
    session.flush()
    return row


def content_hash(
    text: str,
    link: str | None,
    media: Sequence[dict],
    platform_texts: Mapping[str, str] | None = None,
) -> str:
    """Names what a clerk approved: the text, the link, the images (not the text read
    inside them, which is derived from the images' bytes) and each platform's own text
    (named only when there is one, so the hashes of posts without any stay as they were)."""
    images = [{k: v for k, v in m.items() if k != "image_text"} for m in media]
    content: dict[str, Any] = {"text": text, "link": link, "media": images}
    if platform_texts:
        content["platform_texts"] = dict(platform_texts)
    canonical = json.dumps(content, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def period_key(periods: Sequence[RestrictedPeriod], at: dt.datetime) -> str:
    """Names the periods in force at ``at``: an approval given for one set is void for another."""
    active = sorted(
        f"{p.election.id}:{p.start.isoformat()}:{p.end.isoformat()}"
        for p in periods
        if p.contains(at)
    )
    return ";".join(active) or "none"


def explain(verdict: Verdict) -> list[str]:
    """One line per finding that matters, for the CLI and mail."""
    return [
        f"{f.severity.value}: {f.explanation}" + (f' ("{f.text}")' if f.text else "")
        for f in verdict.findings
        if f.severity.value != "info"
    ]


def preview(
    session: Session,
    settings: Settings,
    *,
    text: str,
    link: str | None,
    platforms: Sequence[str],
    at: dt.datetime,
    media: Sequence[dict[str, Any]] = (),
    platform_texts: Mapping[str, str] | None = None,
) -> tuple[Judgement, list[RestrictedPeriod]]:
    """The judgement a post would get at ``at`` (nothing stored), with each platform's
    rendered payload, and the periods in force then."""
    context = guard_context(session, settings)
    drafts = drafts_of(text, link, media, list(platforms), platform_texts)
    judged = judge(drafts, context, at=at)
    return judged, [p for p in context.periods if p.contains(at)]
