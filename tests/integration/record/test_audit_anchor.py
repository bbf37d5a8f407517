"""The audit chain keyed with a secret outside the database, and its head anchored outside it:
tampering with the chain, its head or its tail is detected."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from guard.services.record import anchor, audit
from guard.services.record.audit_key import bind_key
from guard.services.sending.notices import mail_digest
from guard.store.models import StateRow
from guard.store.models_record import AuditRow
from tests.audit_records import write_records

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)
KEY = "a-long-random-secret-kept-outside-the-database"


def _write(engine, count: int, start: int = 0) -> None:
    write_records(engine, count, first_at=NOW, start=start)


@pytest.fixture
def keyed(engine, monkeypatch, guard_env):
    """A chain begun unkeyed (as before this change), then continued with a key."""
    _write(engine, 3)
    bind_key(engine, KEY.encode())
    monkeypatch.setenv("GUARD_AUDIT_KEY", KEY)
    _write(engine, 4, start=3)
    yield engine
    bind_key(engine, None)


def _rows(engine) -> list[AuditRow]:
    with Session(engine) as session:
        return list(session.exec(select(AuditRow).order_by(col(AuditRow.id))))


def test_old_records_stay_plain_and_new_ones_are_keyed(keyed, run_guard):
    assert [r.scheme for r in _rows(keyed)] == ["sha256"] * 3 + ["hmac-sha256"] * 4
    result = run_guard("audit", "verify")
    assert result.exit_code == 0, result.stderr
    assert "7 records (4 keyed, 3 unkeyed)" in result.stdout


def test_without_the_key_a_keyed_chain_cannot_be_verified(keyed, run_guard, monkeypatch):
    monkeypatch.delenv("GUARD_AUDIT_KEY")
    result = run_guard("audit", "verify")
    assert result.exit_code == 1 and "give its key" in result.stderr


def _forge(engine, row_id: int, **values) -> None:
    """Rewrite a record as someone with the database but not the key would: plain SHA-256."""
    with Session(engine) as session:
        row = session.get(AuditRow, row_id)
        assert row is not None
        for name, value in values.items():
            setattr(row, name, value)
        row.hash = hashlib.sha256(audit.canonical(row).encode()).hexdigest()
        session.add(row)
        session.commit()


@pytest.mark.parametrize("scheme", ["hmac-sha256", "sha256"])
def test_a_record_rewritten_without_the_key_is_named(keyed, run_guard, scheme):
    target = _rows(keyed)[4].id
    _forge(keyed, target, summary={"n": "rewritten"}, scheme=scheme)
    result = run_guard("audit", "verify")
    assert result.exit_code == 1 and f"record {target}" in result.stderr


def test_a_deleted_tail_with_a_rewritten_head_is_caught_by_the_anchor(engine, run_guard, tmp_path):
    _write(engine, 5)
    anchors = tmp_path / "anchors.jsonl"
    assert run_guard("audit", "anchor", "--file", str(anchors)).exit_code == 0
    rows = _rows(engine)
    with Session(engine) as session:  # delete the two newest and point the head at the rest
        session.execute(delete(AuditRow).where(col(AuditRow.id) > rows[2].id))
        session.execute(
            update(StateRow).where(col(StateRow.name) == audit.HEAD).values(value=rows[2].hash)
        )
        session.commit()
    assert run_guard("audit", "verify").exit_code == 0  # the database alone cannot tell
    result = run_guard("audit", "verify", "--anchor", str(anchors))
    assert result.exit_code == 1
    assert f"record {rows[4].id}" in result.stderr and "deleted" in result.stderr


def test_a_chain_rewritten_from_scratch_is_caught_by_the_anchor(engine, run_guard, tmp_path):
    _write(engine, 4)
    anchors = tmp_path / "anchors.jsonl"
    run_guard("audit", "anchor", "--file", str(anchors))
    with Session(engine) as session:  # rebuild every record with a changed summary
        rows = list(session.exec(select(AuditRow).order_by(col(AuditRow.id))))
        previous = audit.GENESIS
        for row in rows:
            row.summary = {"n": "forged"}
            row.prev_hash = previous
            row.hash = audit.digest(row)
            previous = row.hash
            session.add(row)
        session.execute(
            update(StateRow).where(col(StateRow.name) == audit.HEAD).values(value=previous)
        )
        session.commit()
    assert run_guard("audit", "verify").exit_code == 0
    result = run_guard("audit", "verify", "--anchor", str(anchors))
    assert result.exit_code == 1 and "rewritten" in result.stderr


def test_later_records_keep_an_anchor_valid(engine, run_guard, tmp_path):
    _write(engine, 2)
    anchors = tmp_path / "anchors.jsonl"
    run_guard("audit", "anchor", "--file", str(anchors))
    _write(engine, 3, start=2)
    run_guard("audit", "anchor", "--file", str(anchors))
    assert len(anchors.read_text().splitlines()) == 2
    result = run_guard("audit", "verify", "--anchor", str(anchors))
    assert result.exit_code == 0 and "every anchor" in result.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not an anchor\n")
    assert run_guard("audit", "verify", "--anchor", str(bad)).exit_code == 1


class _Mailbox:
    def __init__(self) -> None:
        self.sent: list[dict] = []

    def send(self, **message) -> None:
        self.sent.append(message)


def test_the_head_is_mailed_in_the_digest_even_on_a_quiet_day(engine, settings):
    _write(engine, 2)
    mailbox = _Mailbox()
    with Session(engine) as session:
        head = anchor.current(session, now=NOW)
        mail_digest(session, mailbox, settings, now=NOW, audit_head=head.line())  # type: ignore[arg-type]
    [message] = mailbox.sent
    assert json.loads(head.line())["hash"] in message["body"]
