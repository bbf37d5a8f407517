"""Erasure removes a person's data and audits the fact with counts and a hash, not the name."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from sqlmodel import Session, select

from guard.services.record import audit, evidence
from guard.store.models import CouncillorRow
from guard.store.models_auth import UserRow
from guard.store.models_record import EvidenceItemRow
from tests.sending import load_register

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)


def test_erase_by_name_and_email(run_guard, engine, settings):
    load_register(engine, settings, NOW)
    with Session(engine) as session:
        session.add(
            UserRow(
                email="Jo.King@example.org",
                role="viewer",
                password_hash="x",
                created_at=NOW,
                updated_at=NOW,
            )
        )
        free = evidence.open_case(session, title="A", case_type="other", actor="c", now=NOW)
        held = evidence.open_case(session, title="B", case_type="other", actor="c", now=NOW)
        for case, author in ((free, "jo  KING"), (held, "Jo King"), (free, "Someone Else")):
            assert case.id is not None
            seen = evidence.SeenPost("x", author, "t", NOW)
            files = [evidence.Upload("a.png", b"a")]
            evidence.add_item(session, settings, case.id, seen, files=files, actor="c", now=NOW)
        assert held.id is not None
        evidence.set_hold(session, held.id, hold=True, reason="claim", actor="c", now=NOW)
        session.commit()
    result = run_guard("privacy", "erase", "--name", "Jo King", "--email", "jo.king@example.org")
    assert result.exit_code == 0, result.stderr
    assert "1 councillor(s), 1 evidence item(s) with 1 file(s), 1 user account(s)" in result.stdout
    assert "kept: 1 evidence item(s)" in result.stdout
    with Session(engine) as session:
        assert "Jo King" not in {c.name for c in session.exec(select(CouncillorRow))}
        assert session.exec(select(UserRow)).all() == []
        authors = sorted(i.author_as_written for i in session.exec(select(EvidenceItemRow)))
        assert authors == ["Jo King", "Someone Else"]
        [erasure] = [r for r in audit.entries(session) if r.action == "privacy.erase"]
        assert audit.verify(session).ok
        trail = json.dumps([r.summary for r in audit.entries(session)]).casefold()
    assert "jo king" not in trail and "jo.king" not in trail
    assert erasure.summary["name_sha256"] == hashlib.sha256(b"jo king").hexdigest()
    assert erasure.summary["councillors"] == 1 and erasure.summary["users"] == 1


def test_erase_needs_a_name_or_an_email(run_guard):
    result = run_guard("privacy", "erase")
    assert result.exit_code == 2
    assert "a name, an email address or both" in result.stderr
