"""The guard as the rest of the program uses it: context from the store, verdicts recorded."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence

from sqlmodel import Session

from guard.domain.calendar.elections import RestrictedPeriod
from guard.domain.guard.codes import Nation
from guard.domain.guard.verdict import (
    GuardContext,
    Media,
    Outcome,
    PostDraft,
    Verdict,
    evaluate,
    finding_to_dict,
)
from guard.services.calendar import elections as calendar
from guard.settings import Settings
from guard.store import register as register_store
from guard.store.models import PostRow, VerdictRow

RANK = {Outcome.ALLOW: 0, Outcome.FLAG: 1, Outcome.BLOCK: 2}


def guard_context(session: Session, settings: Settings) -> GuardContext:
    """The register and every restricted period, as they are now in the store."""
    register = register_store.load_register(session, settings.council.own_accounts)
    periods = tuple(calendar.restricted_periods(session, settings))
    return GuardContext(register, periods, Nation(settings.council.nation))


def draft_of(post: PostRow, platform: str | None) -> PostDraft:
    media = tuple(Media(m.get("alt_text", ""), tuple(m.get("people_tags", ()))) for m in post.media)
    return PostDraft(post.text, platform, post.link, media)


def check_all(
    drafts: Sequence[PostDraft], context: GuardContext, *, at: dt.datetime
) -> tuple[Outcome, list[Verdict]]:
    """Each platform's verdict and the worst of them."""
    verdicts = [evaluate(d, context, at=at) for d in drafts]
    worst = max((v.outcome for v in verdicts), key=RANK.__getitem__, default=Outcome.ALLOW)
    return worst, verdicts


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


def content_hash(text: str, link: str | None, media: Sequence[dict]) -> str:
    canonical = json.dumps({"text": text, "link": link, "media": list(media)}, sort_keys=True)
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
) -> tuple[Outcome, list[Verdict], list[RestrictedPeriod]]:
    """The verdict a post would get at ``at`` (nothing stored), and the periods in force then."""
    context = guard_context(session, settings)
    drafts = [PostDraft(text, p, link or None) for p in platforms or [None]]  # type: ignore[list-item]
    outcome, verdicts = check_all(drafts, context, at=at)
    return outcome, verdicts, [p for p in context.periods if p.contains(at)]
