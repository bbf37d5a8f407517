"""Retention deletes exactly the cases past their period and not on hold, and says so."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, func, select

from guard.services.record import audit, evidence
from guard.services.record.retention import run_retention
from guard.store.models_record import (
    EvidenceCaseRow,
    EvidenceFileRow,
    EvidenceItemRow,
    RetentionRunRow,
)

NOW = dt.datetime(2030, 6, 1, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def make_case(session, settings, case_type: str, updated: dt.datetime, *, hold: bool = False):
    case = evidence.open_case(
        session, title=f"{case_type} case", case_type=case_type, actor="clerk", now=updated
    )
    assert case.id is not None
    seen = evidence.SeenPost(
        "x", "Private Person", "something said", updated, url="https://x.com/a/status/1"
    )
    files = [evidence.Upload("shot.png", b"png"), evidence.Upload("b.pdf", b"pdf")]
    evidence.add_item(session, settings, case.id, seen, files=files, actor="clerk", now=updated)
    if hold:
        evidence.set_hold(session, case.id, hold=True, reason="tribunal", actor="mo", now=updated)
    return case.id


def counts(session) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        session.exec(select(func.count()).select_from(t)).one()
        for t in (EvidenceCaseRow, EvidenceItemRow, EvidenceFileRow)
    )


def test_retention_deletes_what_is_due_and_nothing_on_hold(engine, settings):
    days = settings.evidence
    with Session(engine) as session:
        due_other = make_case(session, settings, "other", NOW - (days.other_days + 1) * DAY)
        due_audit = make_case(session, settings, "audit", NOW - (days.audit_days + 1) * DAY)
        not_yet = make_case(session, settings, "other", NOW - (days.other_days - 1) * DAY)
        held = make_case(session, settings, "other", NOW - 4000 * DAY, hold=True)
        criminal = make_case(session, settings, "criminal", NOW - (days.audit_days + 1) * DAY)
        session.commit()

        dry = run_retention(session, settings, now=NOW, dry_run=True)
        assert {r.case_type: r.case_ids for r in dry.rules} == {
            "audit": (due_audit,),
            "other": (due_other,),
        }
        assert counts(session) == (5, 5, 10)

        result = run_retention(session, settings, now=NOW)
        session.commit()
        remaining = set(session.exec(select(EvidenceCaseRow.id)))
        assert remaining == {not_yet, held, criminal}
        assert counts(session) == (3, 3, 6)
        assert result.cases == 2
        runs = session.exec(select(RetentionRunRow).order_by(RetentionRunRow.rule)).all()
        assert [(r.cases_deleted, r.items_deleted, r.files_deleted) for r in runs] == [
            (1, 1, 2),
            (1, 1, 2),
        ]
        assert runs[0].rule.startswith("audit: 2190 days")
        [record] = [r for r in audit.entries(session) if r.action == "evidence.retention"]
        text = str(record.summary) + " ".join(r.rule for r in runs)
        assert "Private Person" not in text and "something said" not in text
        assert record.actor == "retention"
        assert audit.verify(session).ok

        again = run_retention(session, settings, now=NOW)
        assert again.rules == ()


def test_releasing_a_hold_restarts_the_period(engine, settings):
    with Session(engine) as session:
        old = NOW - 4000 * DAY
        case_id = make_case(session, settings, "disciplinary", old, hold=True)
        evidence.set_hold(session, case_id, hold=False, reason="done", actor="mo", now=NOW)
        session.commit()
        assert run_retention(session, settings, now=NOW + 10 * DAY).rules == ()
        later = NOW + (settings.evidence.disciplinary_days + 1) * DAY
        assert run_retention(session, settings, now=later).cases == 1


def test_the_cli_dry_run_reports_and_keeps(run_guard, engine, settings):
    with Session(engine) as session:
        make_case(session, settings, "other", dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        session.commit()
    dry = run_guard("evidence", "retention", "--dry-run")
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.startswith("would delete 1 case(s), 1 item(s), 2 file(s) under other: 365")
    done = run_guard("evidence", "retention")
    assert done.stdout.startswith("deleted 1 case(s)")
    assert run_guard("evidence", "retention").stdout.strip() == "nothing is due for deletion"
