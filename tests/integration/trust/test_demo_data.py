"""The demo writes data the rest of the program accepts: the archive, FOI export and audit
commands and pages all work on it, and what it says was sent was sent in the past."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from sqlmodel import Session, select

from guard.store.models import AttemptRow, DeliveryRow, PostRow


def test_past_posts_have_a_sent_time_and_an_attempt_all_in_the_past(run_guard, engine):
    before = dt.datetime.now(dt.UTC)
    assert run_guard("demo").exit_code == 0
    with Session(engine) as session:
        rows = session.exec(select(DeliveryRow, PostRow).where(DeliveryRow.post_id == PostRow.id))
        done = [(d, p) for d, p in rows if d.status in ("sent", "failed")]
        assert {d.status for d, _ in done} == {"sent", "failed"}
        for delivery, post in done:
            assert post.at < before
            attempts = session.exec(
                select(AttemptRow).where(AttemptRow.delivery_id == delivery.id)
            ).all()
            assert attempts and all(a.started_at < before for a in attempts)
            if delivery.status == "sent":
                assert delivery.sent_at is not None and post.at <= delivery.sent_at < before
                assert delivery.payload == {"text": post.text, "link": None}


def test_archive_commands_work_on_the_demo(run_guard, tmp_path):
    assert run_guard("demo").exit_code == 0
    found = run_guard("archive", "search", "--json")
    assert found.exit_code == 0, found.stderr
    [entry] = json.loads(found.stdout)
    assert "Christmas lights" in entry["text"]
    assert run_guard("archive", "search", "--text", "christmas").exit_code == 0
    out = run_guard("archive", "export", "--out", str(tmp_path / "foi"))
    assert out.exit_code == 0, out.stderr
    assert "wrote 1 deliveries" in out.stdout
    assert "Christmas lights" in (tmp_path / "foi" / "archive.csv").read_text()
    assert run_guard("audit", "verify").exit_code == 0
    since = (dt.date.today() - dt.timedelta(days=7)).isoformat()
    exported = run_guard("audit", "export", "--since", since, "--format", "jsonl")
    assert exported.exit_code == 0 and "delivery.sent" in exported.stdout


def test_archive_page_foi_bundle_and_audit_work_on_the_demo(run_guard, clerk):
    assert run_guard("demo").exit_code == 0
    page = clerk.get("/archive")
    assert page.status_code == 200
    assert "Christmas lights" in page.get_data(as_text=True)
    assert "+00:00" not in page.get_data(as_text=True)  # times in council time, in words
    bundle = clerk.get("/archive/foi-bundle.zip")
    assert bundle.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(bundle.data)).namelist()
    assert "archive.csv" in names
    assert clerk.get("/audit").status_code == 200
    assert clerk.get("/posts?status=sent").status_code == 200
