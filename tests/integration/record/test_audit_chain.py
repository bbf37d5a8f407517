"""Tampering with the audit table directly is caught by `guard audit verify`, naming the record."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re

import pytest
from sqlalchemy import delete, update
from sqlmodel import Session, col

from guard.services.record import audit
from guard.store.models import StateRow
from guard.store.models_record import AuditRow
from tests.audit_records import write_records
from tests.conftest import ROOT

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def chain(engine) -> list[int]:
    """Five records written as the services write them."""
    return write_records(engine, 5, first_at=NOW, summary=lambda n: {"n": n, "text": f"step {n}"})


def tamper(engine, *statements) -> None:
    """Change the table behind the services' back, as someone with database access could."""
    with Session(engine) as session:
        for statement in statements:
            session.execute(statement)
        session.commit()


def verify_fails(run_guard) -> str:
    """`guard audit verify` exits 1; what it says."""
    result = run_guard("audit", "verify")
    assert result.exit_code == 1
    return result.stderr


def test_an_intact_chain_verifies(run_guard, chain):
    result = run_guard("audit", "verify")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().startswith("chain intact: 5 records")


@pytest.mark.parametrize(
    "values",
    [
        {"summary": {"n": 2, "text": "step two, rewritten"}},
        {"actor": "someone-else@example.org"},
        {"action": "test.other"},
        {"subject_id": "99"},
        {"at": NOW + dt.timedelta(days=1)},
    ],
    ids=["summary", "actor", "action", "subject", "time"],
)
def test_an_altered_record_is_named(engine, run_guard, chain, values):
    target = chain[2]
    tamper(engine, update(AuditRow).where(col(AuditRow.id) == target).values(**values))
    assert f"record {target} was altered" in verify_fails(run_guard)


def test_two_records_swapped_are_caught_at_the_first(engine, run_guard, chain):
    first, second = chain[1], chain[2]
    fields = ("at", "actor", "action", "subject_type", "subject_id", "summary", "prev_hash")
    with Session(engine) as session:
        a, b = (session.get(AuditRow, i) for i in (first, second))
        assert a is not None and b is not None
        a_values = {f: getattr(a, f) for f in (*fields, "hash")}
        b_values = {f: getattr(b, f) for f in (*fields, "hash")}
        session.expunge_all()
        table = update(AuditRow)
        session.execute(table.where(col(AuditRow.id) == first).values(hash="x" * 64))
        session.execute(table.where(col(AuditRow.id) == second).values(**a_values))
        session.execute(table.where(col(AuditRow.id) == first).values(**b_values))
        session.commit()
    assert f"record {first} does not follow record {chain[0]}" in verify_fails(run_guard)


def test_a_deleted_middle_record_is_caught_at_the_next(engine, run_guard, chain):
    tamper(engine, delete(AuditRow).where(col(AuditRow.id) == chain[2]))
    assert f"record {chain[3]} does not follow record {chain[1]}" in verify_fails(run_guard)


def test_a_deleted_last_record_is_caught(engine, run_guard, chain):
    tamper(engine, delete(AuditRow).where(col(AuditRow.id) == chain[-1]))
    error = verify_fails(run_guard)
    assert "newest records were removed" in error
    assert f"record {chain[-2]}" in error


def test_a_deleted_last_record_and_head_are_caught(engine, run_guard, chain):
    tamper(
        engine,
        delete(AuditRow).where(col(AuditRow.id) == chain[-1]),
        delete(StateRow).where(col(StateRow.name) == audit.HEAD),
    )
    assert "head (audit.head) is missing" in verify_fails(run_guard)


def test_no_code_path_updates_or_deletes_an_audit_record():
    pattern = re.compile(r"(update|delete)\(\s*AuditRow|AuditRow\)\.(update|delete)")
    for path in (ROOT / "guard").rglob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_export_as_csv_and_json_lines_carries_the_hashes(engine, run_guard, chain):
    as_csv = run_guard("audit", "export", "--since", "2027-01-11", "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    as_jsonl = run_guard("audit", "export", "--since", "2027-01-11", "--format", "jsonl")
    lines = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert [int(r["id"]) for r in rows] == [r["id"] for r in lines] == chain
    assert rows[0]["prev_hash"] == audit.GENESIS
    for earlier, later in itertools.pairwise(lines):
        assert later["prev_hash"] == earlier["hash"]
    assert json.loads(rows[3]["summary"]) == {"n": 3, "text": "step 3"}
    later = run_guard("audit", "export", "--since", "2027-01-12", "--format", "jsonl")
    assert later.exit_code == 0 and later.stdout == ""
