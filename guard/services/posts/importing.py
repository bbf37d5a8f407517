"""Importing a content plan: every line judged against one guard context, then all or nothing.

A plan with any problem (an unreadable line, a bad time, a blocked post) writes nothing and
names every problem. Otherwise each line becomes a post with one delivery per account,
scheduled, or held for review if the guard flags it, with its verdicts and an audit record,
written in a few bulk statements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlmodel import Session

from guard.domain.guard.verdict import GuardContext, Outcome, Verdict, finding_to_dict
from guard.domain.sending.delivery import DeliveryStatus
from guard.services.posts.judge import content_hash, drafts_of, explain, guard_context, judge
from guard.services.posts.plan import BLOCKED, LineProblem, PlanLine
from guard.services.record import audit
from guard.settings import Settings
from guard.store.models import DeliveryRow, PostRow, VerdictRow


@dataclass(frozen=True)
class LineVerdict:
    line: PlanLine
    outcome: Outcome
    verdicts: list[Verdict]  # one per account, in the line's order

    def reasons(self) -> list[str]:
        return sorted({reason for v in self.verdicts for reason in explain(v)})


@dataclass(frozen=True)
class PlanResult:
    checked: list[LineVerdict]
    problems: list[LineProblem]
    post_ids: list[int] = field(default_factory=list)  # empty unless written

    @property
    def only_blocks(self) -> bool:
        return bool(self.problems) and all(p.kind == BLOCKED for p in self.problems)


def check_plan(
    lines: Sequence[PlanLine], context: GuardContext
) -> tuple[list[LineVerdict], list[LineProblem]]:
    """Each line's verdicts on each of its accounts; a blocked line is also a problem."""
    checked, problems = [], []
    for line in lines:
        drafts = drafts_of(line.text, line.link, [], [p.value for p in line.platforms])
        judgement = judge(drafts, context, at=line.at)
        judged = LineVerdict(line, judgement.outcome, judgement.verdicts)
        checked.append(judged)
        if judged.outcome is Outcome.BLOCK:
            reasons = [r for r in judged.reasons() if r.startswith("block")]
            problems.append(LineProblem(line.line, BLOCKED, "; ".join(reasons)))
    return checked, problems


def import_plan(
    session: Session,
    settings: Settings,
    lines: Sequence[PlanLine],
    problems: Sequence[LineProblem],
    *,
    author: str,
    now: dt.datetime,
    dry_run: bool = False,
) -> PlanResult:
    """Judge every line; unless this is a dry run or anything is wrong, write them all."""
    checked, blocked = check_plan(lines, guard_context(session, settings))
    found = sorted([*problems, *blocked], key=lambda p: p.line)
    if found or dry_run:
        return PlanResult(checked, found)
    return PlanResult(checked, [], _write(session, checked, author=author, now=now))


def _write(
    session: Session, checked: Sequence[LineVerdict], *, author: str, now: dt.datetime
) -> list[int]:
    posts = [
        PostRow(
            text=item.line.text,
            link=item.line.link,
            media=[],
            at=item.line.at,
            author=author,
            content_hash=content_hash(item.line.text, item.line.link, []),
            created_at=now,
            updated_at=now,
        )
        for item in checked
    ]
    session.add_all(posts)
    session.flush()  # one multi-row INSERT; the posts get their ids
    rows: list[DeliveryRow | VerdictRow] = []
    records = []
    for post, item in zip(posts, checked, strict=True):
        assert post.id is not None
        status = DeliveryStatus.HELD if item.outcome is Outcome.FLAG else DeliveryStatus.SCHEDULED
        for platform, verdict in zip(item.line.platforms, item.verdicts, strict=True):
            rows.append(_verdict_row(post, verdict, platform.value, now))
            rows.append(
                DeliveryRow(
                    post_id=post.id,
                    platform=platform.value,
                    status=status.value,
                    next_attempt_at=post.at,
                    updated_at=now,
                )
            )
        records.append(
            {
                "action": "post.schedule",
                "subject_type": "post",
                "subject_id": post.id,
                "summary": {
                    "content_hash": post.content_hash,
                    "at": post.at.isoformat(),
                    "platforms": [p.value for p in item.line.platforms],
                    "verdict": item.outcome.value,
                    "status": status.value,
                    "plan_line": item.line.line,
                },
            }
        )
    session.add_all(rows)
    session.flush()
    audit.record_many(session, records, actor=author, now=now)
    return [p.id for p in posts if p.id is not None]


def _verdict_row(post: PostRow, verdict: Verdict, platform: str, now: dt.datetime) -> VerdictRow:
    assert post.id is not None
    return VerdictRow(
        post_id=post.id,
        checked_at=now,
        for_time=post.at,
        occasion="compose",
        platform=platform,
        verdict=verdict.outcome.value,
        findings=[finding_to_dict(f) for f in verdict.findings],
    )
