"""`guard candidates …` with `guard check`: candidates guarded in their election's period only."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES

REGISTER = str(FIXTURES / "councillors.csv")
IN_PERIOD = "2027-04-14T10:00"
AFTER = "2027-06-14T10:00"
HEADER = "name,ward,party,x,facebook,instagram,websites,aliases\n"
SOPN = (
    HEADER + "Sam Jones,Heanor East,Green Party,@SamJonesGreen,,,,\n"
    "Priya Nair,Heanor West,Independent,,https://www.facebook.com/priya.nair.heanor,,"
    "https://priyanair.org.uk,\n"
    "Tom Hughes,Heanor and Loscoe,Labour,@TomHughes4LL,,tom.hughes.loscoe,,Tommy Hughes\n"
    "Ann Baker,Heanor East,Independent,@AnnBaker4HE,,,,\n"
)


@pytest.fixture
def election(run_guard, tmp_path):
    assert run_guard("councillors", "import", REGISTER).exit_code == 0
    out = run_guard(
        "elections", "add", "--title", "Town council elections", "--kind", "local",
        "--poll-date", "2027-05-06",
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    election_id = json.loads(run_guard("elections", "list", "--json").stdout)[0]["id"]
    sopn = tmp_path / "sopn.csv"
    sopn.write_text(SOPN)
    out = run_guard("candidates", "import", "--election", str(election_id), str(sopn))
    assert out.exit_code == 0, out.stderr
    assert "4 added, 0 updated, 0 unchanged" in out.stdout
    return election_id


def check(run_guard, text: str, at: str = IN_PERIOD) -> tuple[int, dict]:
    out = run_guard("check", "--at", at, "--json", text)
    return out.exit_code, json.loads(out.stdout)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Follow @SamJonesGreen for the latest", 4),
        ("Read more at priyanair.org.uk/about", 4),
        ("See instagram.com/tom.hughes.loscoe", 4),
        ("Follow @AnnBaker4HE", 4),  # a councillor's campaign account, added by the SOPN
        ("Thanks to Sam Jones for the litter pick", 3),
        ("Well done Tommy Hughes", 3),
        ("Bins are collected on Tuesday", 0),
    ],
)
def test_candidates_are_guarded_in_their_period(run_guard, election, text, code):
    got, data = check(run_guard, text)
    assert got == code, data
    if code:
        finding = data["findings"][0]
        assert finding["election"] == "Town council elections"
        assert finding["person"] and finding["clause"]
        assert finding["person"] in finding["explanation"]


def test_outside_the_period_a_candidate_who_is_not_a_councillor_is_not_guarded(run_guard, election):
    assert check(run_guard, "Follow @SamJonesGreen", AFTER)[0] == 0
    assert check(run_guard, "Follow @CllrAnnBaker", AFTER)[0] == 0  # info only, as before


def test_a_factual_candidate_list_is_allowed(run_guard, election):
    text = (
        "Statement of persons nominated for Heanor East: Sam Jones (Green Party), "
        "Ann Baker (Independent), Priya Nair (Independent)."
    )
    code, data = check(run_guard, text)
    assert code == 0, data


def test_a_candidate_who_is_a_councillor_is_linked_not_duplicated(run_guard, election):
    listed = json.loads(
        run_guard("candidates", "list", "--election", str(election), "--json").stdout
    )
    by_name = {c["name"]: c for c in listed}
    assert by_name["Ann Baker"]["councillor"] == "Ann Baker"
    assert by_name["Sam Jones"]["councillor"] is None
    _, data = check(run_guard, "Thanks Ann Baker")
    assert [f["person"] for f in data["findings"]] == ["Ann Baker"]
    assert data["findings"][0]["role"] == "councillor"


def test_withdrawn_stays_guarded_and_a_mistake_is_removed(run_guard, election):
    out = run_guard("candidates", "remove", "--election", str(election), "Sam Jones")
    assert out.exit_code == 0 and "guarded to the poll" in out.stdout
    assert check(run_guard, "Follow @SamJonesGreen")[0] == 4
    text = run_guard("candidates", "list", "--election", str(election)).stdout
    assert "Sam Jones" in text and "withdrawn" in text
    out = run_guard("candidates", "remove", "--election", str(election), "Sam Jones", "--mistake")
    assert out.exit_code == 0
    assert check(run_guard, "Follow @SamJonesGreen")[0] == 0
    missing = run_guard("candidates", "remove", "--election", str(election), "Nobody")
    assert missing.exit_code == 2 and "no candidate called 'Nobody'" in missing.stderr


def test_a_bad_row_rejects_the_file_naming_its_line(run_guard, election, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER + "New Person,Heanor East,,@NewPerson,,,,\nBroken,Heanor East,,@no way,,,,\n"
    )
    out = run_guard("candidates", "import", "--election", str(election), str(bad))
    assert out.exit_code == 2 and f"{bad}:3:" in out.stderr and "X handle" in out.stderr
    listed = run_guard("candidates", "list", "--election", str(election), "--json").stdout
    assert "New Person" not in listed
    nowhere = run_guard("candidates", "import", "--election", "999", str(bad))
    assert nowhere.exit_code == 2 and "no election with id 999" in nowhere.stderr


def test_privacy_erase_removes_a_candidate(run_guard, election):
    out = run_guard("privacy", "erase", "--name", "sam  JONES")
    assert out.exit_code == 0 and "1 candidate(s)" in out.stdout
    assert check(run_guard, "Follow @SamJonesGreen")[0] == 0
