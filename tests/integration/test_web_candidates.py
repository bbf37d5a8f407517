"""An election's candidates page: import the Statement of Persons Nominated, withdraw, remove."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from tests.refusals import refused

NOW = dt.datetime.now(dt.UTC)
SOPN = (
    b"name,ward,party,x,facebook,instagram,websites,aliases\n"
    b"Sam Jones,Heanor East,Green Party,@SamJonesGreen,,,,\n"
    b"Ann Baker,Heanor East,Independent,,,,,\n"
)


@pytest.fixture
def election_id(by_election_now):
    return by_election_now


def test_import_list_withdraw_and_remove(clerk, election_id):
    base = f"/elections/{election_id}/candidates"
    assert base in clerk.get("/elections").get_data(as_text=True)
    done = clerk.post(base + "/import", data={"file": (io.BytesIO(SOPN), "sopn.csv")})
    assert done.status_code == 302
    page = clerk.get(base).get_data(as_text=True)
    assert "Sam Jones" in page and "@SamJonesGreen" in page and "Councillor Ann Baker" in page
    when = (NOW + dt.timedelta(days=3)).date().isoformat()
    draft = {"text": "Follow @SamJonesGreen", "platforms": ["x"], "date": when, "time": "12:00"}
    assert clerk.post("/compose/check", json=draft).get_json()["outcome"] == "block"
    clerk.post(base + "/remove", data={"name": "Sam Jones"})
    assert "Withdrawn: still guarded to the poll" in clerk.get(base).get_data(as_text=True)
    clerk.post(base + "/remove", data={"name": "Sam Jones", "mistake": "yes"})
    assert "@SamJonesGreen" not in clerk.get(base).get_data(as_text=True)


def test_bad_rows_are_shown_by_line(clerk, election_id):
    bad = b"name,ward,party,x,facebook,instagram,websites,aliases\nSam Jones,,,@not a handle,,,,\n"
    upload = {"file": (io.BytesIO(bad), "s.csv")}
    refused(clerk.post(f"/elections/{election_id}/candidates/import", data=upload), "Line 2")
    assert clerk.get("/elections/999/candidates").status_code == 404


def test_viewer_sees_but_cannot_change(viewer, election_id):
    page = viewer.get(f"/elections/{election_id}/candidates").get_data(as_text=True)
    assert "Import a CSV file" not in page
    refused = viewer.post(
        f"/elections/{election_id}/candidates/import",
        data={"file": (io.BytesIO(SOPN), "sopn.csv")},
    )
    assert refused.status_code in (400, 403)
