"""Retention: delete evidence past its case type's period, unless held, and record the rule used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete
from sqlmodel import Session, col, func, select

from guard.services.record import audit
from guard.services.record.evidence import CASE_TYPES
from guard.settings import Settings
from guard.store.models_record import (
    EvidenceCaseRow,
    EvidenceFileRow,
    EvidenceItemRow,
    RetentionRunRow,
)


@dataclass(frozen=True)
class RuleOutcome:
    """What one rule (a case type and its period) deleted: ids and counts, no personal data."""

    rule: str
    case_type: str
    days: int
    case_ids: tuple[int, ...]
    items: int
    files: int


@dataclass(frozen=True)
class RetentionResult:
    at: dt.datetime
    dry_run: bool
    rules: tuple[RuleOutcome, ...]

    @property
    def cases(self) -> int:
        return sum(len(r.case_ids) for r in self.rules)


def rule_text(case_type: str, days: int) -> str:
    return f"{case_type}: {days} days after the case's last update (evidence.{_key(case_type)})"


def _key(case_type: str) -> str:
    return case_type.replace("-", "_") + "_days"


def due_cases(session: Session, settings: Settings, *, now: dt.datetime) -> dict[str, list[int]]:
    """For each case type, the ids of cases past their period and not on hold."""
    due: dict[str, list[int]] = {}
    for case_type in CASE_TYPES:
        cutoff = now - dt.timedelta(days=settings.evidence.retention_days(case_type))
        query = select(EvidenceCaseRow.id).where(
            col(EvidenceCaseRow.case_type) == case_type,
            col(EvidenceCaseRow.on_hold).is_(False),
            col(EvidenceCaseRow.updated_at) < cutoff,
        )
        ids = sorted(i for i in session.exec(query) if i is not None)
        if ids:
            due[case_type] = ids
    return due


def run_retention(
    session: Session, settings: Settings, *, now: dt.datetime, dry_run: bool = False
) -> RetentionResult:
    """Delete (files, items, case) every case that is due; a dry run only says what it would."""
    outcomes = []
    for case_type, case_ids in due_cases(session, settings, now=now).items():
        days = settings.evidence.retention_days(case_type)
        items = select(EvidenceItemRow.id).where(col(EvidenceItemRow.case_id).in_(case_ids))
        item_count = _count(session, select(func.count()).select_from(items.subquery()))
        file_count = _count(
            session,
            select(func.count(col(EvidenceFileRow.id))).where(
                col(EvidenceFileRow.item_id).in_(items)
            ),
        )
        outcome = RuleOutcome(
            rule_text(case_type, days), case_type, days, tuple(case_ids), item_count, file_count
        )
        outcomes.append(outcome)
        if dry_run:
            continue
        session.execute(delete(EvidenceFileRow).where(col(EvidenceFileRow.item_id).in_(items)))
        session.execute(delete(EvidenceItemRow).where(col(EvidenceItemRow.case_id).in_(case_ids)))
        session.execute(delete(EvidenceCaseRow).where(col(EvidenceCaseRow.id).in_(case_ids)))
        session.add(
            RetentionRunRow(
                at=now,
                rule=outcome.rule,
                cases_deleted=len(case_ids),
                items_deleted=item_count,
                files_deleted=file_count,
            )
        )
    result = RetentionResult(now, dry_run, tuple(outcomes))
    if outcomes and not dry_run:
        audit.record(
            session,
            "evidence.retention",
            "evidence",
            actor="retention",
            now=now,
            summary={
                "rules": [
                    {
                        "rule": o.rule,
                        "case_ids": list(o.case_ids),
                        "cases": len(o.case_ids),
                        "items": o.items,
                        "files": o.files,
                    }
                    for o in outcomes
                ]
            },
        )
    session.flush()
    session.expire_all()
    return result


def _count(session: Session, query: Select[Any]) -> int:
    return int(session.execute(query).scalar_one())
