"""Importing a content plan: every line judged against one guard context, then all or nothing.

A plan with any problem (an unreadable line, a bad time, a blocked post, a post the plan or
the app already has) writes nothing and names every problem. Otherwise each line becomes a
post with one delivery per account, scheduled, or held for review if the guard flags it, with
its verdicts and an audit record, written in a few bulk statements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlmodel import Session, col

from guard.domain.guard.verdict import GuardContext, Outcome, Verdict, finding_to_dict
from guard.domain.sending.delivery import DeliveryStatus
from guard.services.posts.judge import content_hash, drafts_of, explain, guard_context, judge
from guard.services.posts.plan import BLOCKED, REPEATED, LineProblem, PlanLine
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
    blocked_lines = {p.line for p in blocked}
    repeated = repeated_lines(session, [line for line in lines if line.line not in blocked_lines])
    found = sorted([*problems, *blocked, *repeated], key=lambda p: p.line)
    if found or dry_run:
        return PlanResult(checked, found)
    return PlanResult(checked, [], _write(session, checked, author=author, now=now))


def repeated_lines(session: Session, lines: Sequence[PlanLine]) -> list[LineProblem]:
    """Lines that would send a post twice: the same text, link and time to the same account as
    an earlier line of the plan, or as a post already in the app and not cancelled (the plan
    sent again)."""
    if not lines:
        return []
    columns = [col(c) for c in (PostRow.id, PostRow.text, PostRow.link, PostRow.at)]
    columns.append(col(DeliveryRow.platform))
    rows = session.execute(
        select(*columns)
        .join(DeliveryRow, col(DeliveryRow.post_id) == PostRow.id)
        .where(
            col(PostRow.at) >= min(line.at for line in lines),
            col(PostRow.at) <= max(line.at for line in lines),
            col(DeliveryRow.status) != DeliveryStatus.CANCELLED.value,
        )
    )
    seen: dict[tuple, str] = {}
    for post_id, text, link, at, platform in rows:
        seen.setdefault((text, link or None, at, platform), f"post {post_id}, already in the app")
    problems = []
    for line in lines:
        keys = [(line.text, line.link or None, line.at, p.value) for p in line.platforms]
        if earlier := next((seen[key] for key in keys if key in seen), None):
            message = f"the same text, time and account as {earlier}"
            problems.append(LineProblem(line.line, REPEATED, message))
        else:
            seen.update(dict.fromkeys(keys, f"line {line.line}"))
    return problems


def _write(
    session: Session, checked: Sequence[LineVerdict], *, author: str, now: dt.datetime
) -> list[int]:
    """Insert the posts, their deliveries and verdicts as multi-row Core INSERTs: building
    ORM objects one by one costs more than judging the posts."""
    posts: list[dict[str, object]] = [
        {
            "text": item.line.text,
            "link": item.line.link,
            "media": [],
            "at": item.line.at,
            "author": author,
            "content_hash": content_hash(item.line.text, item.line.link, []),
            "created_at": now,
            "updated_at": now,
        }
        for item in checked
    ]
    table = PostRow.__table__  # type: ignore[attr-defined]
    inserted = session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), posts
    )
    ids = [row[0] for row in inserted]
    deliveries, verdicts, records = [], [], []
    for post_id, post, item in zip(ids, posts, checked, strict=True):
        status = DeliveryStatus.HELD if item.outcome is Outcome.FLAG else DeliveryStatus.SCHEDULED
        for platform, verdict in zip(item.line.platforms, item.verdicts, strict=True):
            verdicts.append(_verdict_row(post_id, item.line.at, verdict, platform.value, now))
            deliveries.append(
                {
                    "post_id": post_id,
                    "platform": platform.value,
                    "status": status.value,
                    "attempts": 0,
                    "next_attempt_at": item.line.at,
                    "updated_at": now,
                    "version": 1,
                }
            )
        records.append(
            {
                "action": "post.schedule",
                "subject_type": "post",
                "subject_id": post_id,
                "summary": {
                    "content_hash": post["content_hash"],
                    "at": item.line.at.isoformat(),
                    "platforms": [p.value for p in item.line.platforms],
                    "verdict": item.outcome.value,
                    "status": status.value,
                    "plan_line": item.line.line,
                },
            }
        )
    session.execute(insert(DeliveryRow.__table__), deliveries)  # type: ignore[attr-defined]
    session.execute(insert(VerdictRow.__table__), verdicts)  # type: ignore[attr-defined]
    audit.record_many(session, records, actor=author, now=now)
    return ids


def _verdict_row(
    post_id: int, at: dt.datetime, verdict: Verdict, platform: str, now: dt.datetime
) -> dict[str, object]:
    return {
        "post_id": post_id,
        "checked_at": now,
        "for_time": at,
        "occasion": "compose",
        "platform": platform,
        "verdict": verdict.outcome.value,
        "findings": [finding_to_dict(f) for f in verdict.findings],
    }
