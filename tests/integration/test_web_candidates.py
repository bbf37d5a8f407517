"""An election's candidates page: import the Statement of Persons Nominated, withdraw, remove."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlmodel import Session

from guard.domain.calendar.elections import Election, ElectionKind
from guard.services.calendar.elections import add_election, list_elections
from guard.services.register import import_csv
from tests.conftest import FIXTURES

NOW = dt.datetime.now(dt.UTC)
SOPN = (
    b"name,ward,party,x,facebook,instagram,websites,aliases\n"
    b"Sam Jones,Heanor East,Green Party,@SamJonesGreen,,,,\n"
    b"Ann Baker,Heanor East,Independent,,,,,\n"
)


@pytest.fixture
def election_id(engine, settings):
    with Session(engine) as session:
        poll = (NOW + dt.timedelta(days=10)).date()
        add_election(session, settings, Election("By-election", ElectionKind.LOCAL, poll), now=NOW)
        import_csv(session, settings, (FIXTURES / "councillors.csv").read_text(), now=NOW)
        session.commit()
        [election] = list_elections(session)
    return election.id


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
    page = clerk.post(
        f"/elections/{election_id}/candidates/import", data={"file": (io.BytesIO(bad), "s.csv")}
    )
    assert page.status_code == 422 and "Line 2" in page.get_data(as_text=True)
    assert clerk.get("/elections/999/candidates").status_code == 404


def test_viewer_sees_but_cannot_change(viewer, election_id):
    page = viewer.get(f"/elections/{election_id}/candidates").get_data(as_text=True)
    assert "Import a CSV file" not in page
    refused = viewer.post(
        f"/elections/{election_id}/candidates/import",
        data={"file": (io.BytesIO(SOPN), "sopn.csv")},
    )
    assert refused.status_code in (400, 403)
