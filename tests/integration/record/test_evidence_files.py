"""Evidence files: names made safe for any archive, types read from the bytes."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

from sqlmodel import Session, col, select

from guard.services.record import evidence
from guard.services.record.evidence_export import export_case
from guard.store.models_record import EvidenceFileRow
from tests.evidence_cases import case_with_files

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)
HOSTILE = ["..\\..\\boot.ini", "../../../etc/cron.d/x", "C:\\evil\\shot.png", "a\x00b.png", "CON"]


def test_hostile_names_are_stored_and_exported_safely(engine, settings, tmp_path):
    with Session(engine) as session:
        files = [evidence.Upload(n, b"<html>" + n.encode()) for n in HOSTILE]
        case_id = case_with_files(session, settings, files, case_type="other", now=NOW)
        # A name stored before names were made safe is made safe on export too.
        by_id = select(EvidenceFileRow).order_by(col(EvidenceFileRow.id))
        old = session.exec(by_id).first()
        assert old is not None
        old.filename = "..\\..\\legacy.png"
        session.add(old)
        session.commit()
        # Listed by id: without an order PostgreSQL returns an updated row last.
        stored = [f.filename for f in session.exec(by_id)]
        export_case(session, settings, case_id, tmp_path / "c.zip", actor="c", now=NOW)
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", n) for n in stored[1:])
    with zipfile.ZipFile(tmp_path / "c.zip") as bundle:
        for name in bundle.namelist():
            assert "\\" not in name and ".." not in name.split("/") and not name.startswith("/")
            assert re.fullmatch(r"[A-Za-z0-9._/-]+", name), name


def test_the_type_is_what_the_bytes_are_not_what_the_name_says(run_guard, engine, tmp_path):
    disguised = tmp_path / "photo.png"
    disguised.write_bytes(b"<html><script>alert(1)</script></html>")
    real = tmp_path / "scan.bin"
    real.write_bytes(b"%PDF-1.7\n%...")
    case_id = run_guard("evidence", "open", "--type", "other", "--title", "T").stdout.strip()
    added = run_guard(
        "evidence", "add", case_id, "--platform", "x", "--author", "A", "--text", "T",
        "--seen-at", "2026-01-10T21:15", "--file", str(disguised), "--file", str(real),
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    with Session(engine) as session:
        kinds = {f.filename: f.content_type for f in session.exec(select(EvidenceFileRow))}
    assert kinds == {"photo.png": "text/plain", "scan.bin": "application/pdf"}
