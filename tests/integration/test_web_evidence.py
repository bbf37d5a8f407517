"""Evidence in the web app: open a case, capture posts with files and hashes, hold, export."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile

from sqlmodel import Session, select

from guard.services.record import audit
from guard.store.models_record import EvidenceItemRow
from tests.refusals import refused

SCREENSHOT = b"\x89PNG\r\n\x1a\n" + b"pretend screenshot" * 50
PDF = b"%PDF-1.4\n" + b"a letter" * 20


def _open(client, title="Posts about the by-election", case_type="code-of-conduct") -> str:
    response = client.post("/evidence", data={"title": title, "case_type": case_type})
    assert response.status_code == 302
    return response.headers["Location"]


def _item(**overrides):
    data = {
        "platform": "Facebook",
        "author": "A. Resident",
        "url": "https://www.facebook.com/some.post/1",
        "seen_at": "2026-11-20T09:30",
        "text": "Vote for my friend!",
        "notes": "Shared in the village group.",
    }
    data.update(overrides)
    return data


def _items(engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(EvidenceItemRow)).all())


def test_viewers_cannot_reach_evidence(viewer):
    assert viewer.get("/evidence").status_code == 403
    assert viewer.post("/evidence", data={"title": "x", "case_type": "other"}).status_code == 403
    assert viewer.get("/evidence/1").status_code == 403
    assert "/evidence" not in viewer.get("/").get_data(as_text=True)


def test_clerks_and_admins_find_evidence_in_the_navigation(clerk):
    assert 'href="/evidence"' in clerk.get("/").get_data(as_text=True)
    page = clerk.get("/evidence")
    assert page.status_code == 200
    # Retention in words a clerk reads: whole years as years.
    assert "disciplinary (kept 6 years after its last change)" in page.get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/evidence")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_case_needs_a_title_and_a_kind(clerk):
    response = clerk.post("/evidence", data={"title": " ", "case_type": "gossip"})
    refused(response, "Give the case a title", "Choose the kind of case", "No cases yet")


def test_capture_a_post_with_files_and_see_their_hashes(clerk, engine):
    case_url = _open(clerk)
    data = {
        **_item(),
        "files": [
            (io.BytesIO(SCREENSHOT), "screenshot.png", "image/png"),
            (io.BytesIO(PDF), "letter.pdf", "application/pdf"),
        ],
    }
    response = clerk.post(
        case_url + "/items", data=data, content_type="multipart/form-data", follow_redirects=True
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert hashlib.sha256(SCREENSHOT).hexdigest() in page
    assert hashlib.sha256(PDF).hexdigest() in page
    assert "Vote for my friend!" in page and "A. Resident" in page
    listing = clerk.get("/evidence").get_data(as_text=True)
    assert "Posts about the by-election" in listing and "code-of-conduct" in listing


def test_a_bad_item_is_refused_with_reasons_and_nothing_is_written(clerk, engine):
    case_url = _open(clerk)
    for bad, words in (
        ({"seen_at": "yesterday"}, "is not a date and time"),
        ({"seen_at": "2999-01-01T10:00"}, "seen, Tuesday 1 January 2999, 10:00, is in the future"),
        ({"seen_at": "2026-03-29T01:30"}, "does not exist"),
        ({"text": ""}, "Copy the words of the post"),
        ({"author": ""}, "author"),
        ({"url": "javascript:alert(1)"}, "starts with https://"),
    ):
        refused(clerk.post(case_url + "/items", data=_item(**bad)), words)
    assert _items(engine) == 0


def test_hold_needs_a_reason_and_stops_the_retention_date(clerk):
    case_url = _open(clerk)
    assert "Kept until" in clerk.get(case_url).get_data(as_text=True)
    refused(clerk.post(case_url + "/hold", data={"action": "hold", "reason": ""}), "Say why")
    held = clerk.post(
        case_url + "/hold",
        data={"action": "hold", "reason": "Police enquiry"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "On hold" in held and "Police enquiry" in held and "Kept until" not in held
    released = clerk.post(
        case_url + "/hold",
        data={"action": "release", "reason": "Enquiry closed"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Kept until" in released


def test_export_is_a_zip_whose_manifest_hashes_match_the_files(clerk, engine):
    case_url = _open(clerk)
    data = {**_item(), "files": [(io.BytesIO(SCREENSHOT), "screenshot.png", "image/png")]}
    clerk.post(case_url + "/items", data=data, content_type="multipart/form-data")
    assert clerk.get(case_url).status_code == 200
    response = clerk.get(case_url + "/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        stored = [n for n in bundle.namelist() if n.startswith("files/")]
        assert [bundle.read(n) for n in stored] == [SCREENSHOT]
    assert hashlib.sha256(SCREENSHOT).hexdigest() in json.dumps(manifest)
    case_id = re.search(r"/evidence/(\d+)", case_url).group(1)
    with Session(engine) as session:
        actions = [r.action for r in audit.entries(session, subject=("evidence_case", case_id))]
    assert {"evidence.open", "evidence.add", "evidence.view", "evidence.export"} <= set(actions)


def test_unknown_cases_are_not_found(clerk):
    assert clerk.get("/evidence/999").status_code == 404
    assert clerk.get("/evidence/999/export.zip").status_code == 404
    assert clerk.post("/evidence/999/hold", data={"reason": "x"}).status_code == 404
    assert clerk.post("/evidence/999/items", data=_item()).status_code == 404
