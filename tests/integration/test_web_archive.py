"""The archive page: search what was sent, download the FOI bundle; the data-protection page."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

from sqlmodel import Session

from tests.refusals import refused
from tests.sending import add_post_row

SENT = dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)


def sent_post(engine, text: str) -> None:
    with Session(engine) as session:
        add_post_row(
            session,
            text,
            SENT,
            status="sent",
            attempts=1,
            sent_at=SENT,
            platform_post_id="123",
            url="https://x.com/i/web/status/123",
            payload={"text": text, "link": None},
            response={"id": "123"},
        )
        session.commit()


def test_search_and_download_the_foi_bundle(clerk, engine):
    sent_post(engine, "Library opening hours change")
    sent_post(engine, "Bin day moves")
    page = clerk.get("/archive?q=library").get_data(as_text=True)
    assert "Library opening hours change" in page and "Bin day moves" not in page
    refused(clerk.get("/archive?since=yesterday"), "is not a date (YYYY-MM-DD)")
    response = clerk.get("/archive/foi-bundle.zip?since=2026-11-01&until=2026-11-30")
    assert response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        for name, facts in manifest["files"].items():
            assert hashlib.sha256(bundle.read(name)).hexdigest() == facts["sha256"]
        lines = bundle.read("archive.jsonl").decode().splitlines()
    assert manifest["deliveries"] == 2 and len(lines) == 2
    assert "Exported the archive (for an FOI request): 2 deliveries" in clerk.get(
        "/audit"
    ).get_data(as_text=True)


def test_data_protection_page_is_public(client):
    page = client.get("/data-protection")
    assert page.status_code == 200
    assert "<table>" in page.get_data(as_text=True)
    assert "guard privacy erase" in page.get_data(as_text=True)
