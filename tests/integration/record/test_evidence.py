"""Evidence: files kept exactly, refused when too big, exported as a zip whose hashes hold."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import zipfile

import pytest
from sqlmodel import Session

from guard.services import InputError
from guard.services.record import audit, evidence
from guard.services.record.evidence_export import export_case
from tests.evidence_cases import case_with_files

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)
SCREENSHOT = bytes(range(256)) * 40 + b"\x00\xff PNG-ish"


def test_the_cli_captures_a_post_and_its_exported_hash_matches(run_guard, engine, tmp_path):
    shot = tmp_path / "screenshot.png"
    shot.write_bytes(SCREENSHOT)
    note = tmp_path / "note.txt"
    note.write_bytes(os.urandom(1000))
    opened = run_guard("evidence", "open", "--type", "code-of-conduct", "--title", "Complaint 7")
    assert opened.exit_code == 0, opened.stderr
    case_id = opened.stdout.strip()
    added = run_guard(
        "evidence", "add", case_id,
        "--url", "https://x.com/someone/status/1",
        "--platform", "x",
        "--author", "@Some_One (Cllr)",
        "--text", "An offensive post\nover two lines",
        "--seen-at", "2026-01-10T21:15",
        "--notes", "reported by a resident",
        "--file", str(shot), "--file", str(note),
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    out = tmp_path / "bundle.zip"
    exported = run_guard("evidence", "export", case_id, "--out", str(out))
    assert exported.exit_code == 0, exported.stderr
    with zipfile.ZipFile(out) as bundle:
        assert bundle.testzip() is None
        manifest = json.loads(bundle.read("manifest.json"))
        summary = bundle.read("summary.txt").decode()
        files = {f["filename"]: f for f in manifest["items"][0]["files"]}
        for path, original in ((shot, SCREENSHOT), (note, note.read_bytes())):
            entry = files[path.name]
            content = bundle.read(entry["path"])
            assert content == original
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]
            assert entry["size"] == len(original) and entry["unchanged"] is True
    assert manifest["items"][0]["author_as_written"] == "@Some_One (Cllr)"
    assert manifest["items"][0]["seen_at"] == "2026-01-10T21:15:00+00:00"
    assert "Type of investigation: code-of-conduct" in summary
    assert hashlib.sha256(SCREENSHOT).hexdigest() in summary
    assert "An offensive post" in summary
    listed = run_guard("evidence", "list", "--json")
    assert json.loads(listed.stdout)[0]["items"] == 1
    with Session(engine) as session:
        trail = [r.action for r in audit.entries(session, subject=("evidence_case", case_id))]
        assert audit.verify(session).ok
    assert trail == ["evidence.open", "evidence.add", "evidence.export"]


def test_a_file_over_the_limit_is_refused_and_nothing_is_written(run_guard, tmp_path, monkeypatch):
    monkeypatch.setenv("GUARD_EVIDENCE_MAX_UPLOAD_BYTES", "100")
    big = tmp_path / "big.png"
    big.write_bytes(b"x" * 101)
    case_id = run_guard("evidence", "open", "--type", "other", "--title", "T").stdout.strip()
    result = run_guard(
        "evidence", "add", case_id, "--platform", "facebook", "--author", "A", "--text", "T",
        "--seen-at", "2026-01-10T10:00", "--file", str(big),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "is 101 bytes; the largest allowed is 100 bytes (evidence.max_upload_bytes)" in (
        result.stderr
    )
    assert json.loads(run_guard("evidence", "list", "--json").stdout)[0]["items"] == 0


def test_the_service_refuses_too_big_a_file_and_a_bad_type(engine, settings):
    from dataclasses import replace

    from guard.settings import EvidenceSettings

    small = replace(settings, evidence=EvidenceSettings(max_upload_bytes=10))
    with Session(engine) as session:
        with pytest.raises(InputError, match="unknown case type 'gossip'"):
            evidence.open_case(session, title="T", case_type="gossip", actor="c", now=NOW)
        case = evidence.open_case(session, title="T", case_type="audit", actor="c", now=NOW)
        assert case.id is not None
        with pytest.raises(InputError, match="largest allowed is 10 bytes"):
            seen = evidence.SeenPost("x", "A", "T", NOW)
            files = [evidence.Upload("a.png", b"x" * 11)]
            evidence.add_item(session, small, case.id, seen, files=files, actor="c", now=NOW)


def test_viewing_holding_and_releasing_are_audited(engine, settings, tmp_path):
    with Session(engine) as session:
        files = [evidence.Upload("a.png", b"abc")]
        case_id = case_with_files(session, settings, files, case_type="criminal", now=NOW)
        later = NOW + dt.timedelta(days=3)
        evidence.set_hold(session, case_id, hold=True, reason="police", actor="mo", now=later)
        viewed = evidence.view_case(session, case_id, actor="mo", now=later)
        assert viewed.items[0].files[0].sha256 == hashlib.sha256(b"abc").hexdigest()
        evidence.set_hold(session, case_id, hold=False, reason="closed", actor="mo", now=later)
        result = export_case(session, settings, case_id, tmp_path / "c.zip", actor="mo", now=later)
        session.commit()
        trail = [(r.actor, r.action) for r in audit.entries(session)]
    assert trail[-4:] == [
        ("mo", "evidence.hold"),
        ("mo", "evidence.view"),
        ("mo", "evidence.release"),
        ("mo", "evidence.export"),
    ]
    assert result["sha256"] == hashlib.sha256((tmp_path / "c.zip").read_bytes()).hexdigest()


def test_a_file_altered_in_the_database_is_shown_as_changed_in_the_export(
    engine, settings, tmp_path
):
    from sqlalchemy import update

    from guard.store.models_record import EvidenceFileRow

    with Session(engine) as session:
        files = [evidence.Upload("a.png", b"original")]
        case_id = case_with_files(session, settings, files, case_type="audit", now=NOW)
        session.execute(update(EvidenceFileRow).values(content=b"doctored"))
        export_case(session, settings, case_id, tmp_path / "c.zip", actor="c", now=NOW)
        session.commit()
    with zipfile.ZipFile(tmp_path / "c.zip") as bundle:
        [entry] = json.loads(bundle.read("manifest.json"))["items"][0]["files"]
        summary = bundle.read("summary.txt").decode()
    assert entry["sha256"] == hashlib.sha256(b"original").hexdigest()
    assert entry["sha256_now"] == hashlib.sha256(b"doctored").hexdigest()
    assert entry["unchanged"] is False
    assert "DOES NOT MATCH ITS RECORDED HASH" in summary
