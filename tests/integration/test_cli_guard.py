"""The register, `guard check` and `guard posts` as a clerk uses them from the shell."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES

REGISTER = str(FIXTURES / "councillors.csv")
IN_PERIOD = "2027-04-14T10:00"


@pytest.fixture
def with_register(run_guard):
    assert run_guard("councillors", "import", REGISTER).exit_code == 0
    out = run_guard(
        "elections",
        "add",
        "--title",
        "Town council elections",
        "--kind",
        "local",
        "--poll-date",
        "2027-05-06",
    )
    assert out.exit_code == 0, out.stderr
    return run_guard


def test_import_then_reimport_updates_by_name(run_guard, tmp_path):
    first = run_guard("councillors", "import", REGISTER)
    assert "12 added, 0 updated, 0 unchanged" in first.stdout
    changed = tmp_path / "changed.csv"
    text = (FIXTURES / "councillors.csv").read_text()
    changed.write_text(
        text.replace("Ann Baker,Heanor East,Independent", "Ann Baker,Heanor West,Independent")
    )
    again = run_guard("councillors", "import", str(changed))
    assert "0 added, 1 updated, 11 unchanged" in again.stdout
    listed = json.loads(run_guard("councillors", "list", "--json").stdout)
    ann = next(c for c in listed if c["name"] == "Ann Baker")
    assert ann["ward"] == "Heanor West" and ann["x_handles"] == ["CllrAnnBaker"]
    exported = run_guard("councillors", "export").stdout
    assert exported.splitlines()[0] == "name,ward,party,x,facebook,instagram,websites,aliases"
    assert len(exported.strip().splitlines()) == 13


def test_a_bad_row_rejects_the_whole_file_naming_its_line(run_guard, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,ward,party,x,facebook,instagram,websites,aliases\n"
        "New Person,Heanor East,Independent,@NewPerson,,,,\n"
        "Someone Else,Atlantis,Independent,,,,,\n"
    )
    out = run_guard("councillors", "import", str(bad))
    assert out.exit_code == 2
    assert f"{bad}:3:" in out.stderr and "Atlantis" in out.stderr
    assert json.loads(run_guard("councillors", "list", "--json").stdout) == []
    missing = run_guard("councillors", "import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2


@pytest.mark.parametrize(
    ("text", "verdict", "code"),
    [
        ("Follow @CllrAnnBaker for updates", "block", 4),
        ("Well done Rajesh Patel on the allotments", "flag", 3),
        ("Brown bins are collected on Tuesday", "allow", 0),
    ],
)
def test_check_exit_status_and_json(with_register, text, verdict, code):
    out = with_register("check", "--at", IN_PERIOD, "--json", text)
    assert out.exit_code == code
    data = json.loads(out.stdout)
    assert data["verdict"] == verdict
    if verdict == "block":
        finding = data["findings"][0]
        assert text[finding["start"] : finding["end"]] == "@CllrAnnBaker"
        assert finding["councillor"] == "Ann Baker"
        assert "will not promote" in finding["clause"]


def test_check_outside_the_period_allows_with_information(with_register):
    out = with_register("check", "--at", "2027-01-10T10:00", "--json", "Follow @CllrAnnBaker")
    assert out.exit_code == 0
    data = json.loads(out.stdout)
    assert data["verdict"] == "allow" and data["findings"][0]["severity"] == "info"


def test_check_jsonl_a_content_plan_in_order(with_register):
    plan = "\n".join(
        json.dumps(x)
        for x in [
            {"text": "Vote for Mark Brown!", "at": IN_PERIOD},
            {"text": "Bins on Tuesday", "at": IN_PERIOD, "platform": "x"},
            {"text": "x" * 300, "at": IN_PERIOD, "platform": "x"},
        ]
    )
    out = with_register("check", "--jsonl", input=plan)
    verdicts = [json.loads(line)["verdict"] for line in out.stdout.splitlines()]
    assert verdicts == ["flag", "allow", "block"]
    assert out.exit_code == 4


def test_check_refuses_a_time_that_does_not_exist_or_happens_twice(with_register):
    spring = with_register("check", "--at", "2027-03-28T01:30", "hello")
    assert spring.exit_code == 2 and "does not exist" in spring.stderr
    autumn = with_register("check", "--at", "2027-10-31T01:30", "hello")
    assert autumn.exit_code == 2 and "happens twice" in autumn.stderr
    ok = with_register("check", "--at", "2027-10-31T01:30+01:00", "hello")
    assert ok.exit_code == 0


def test_posts_schedule_list_approve_cancel(with_register):
    allowed = with_register(
        "posts",
        "schedule",
        "--at",
        "2027-03-29T09:00",
        "--to",
        "x,facebook",
        "Parks open late from today.",
    )
    assert allowed.exit_code == 0, allowed.stderr
    post_id, verdict = allowed.stdout.split()[:2]
    assert verdict == "allow"
    blocked = with_register(
        "posts", "schedule", "--at", IN_PERIOD, "--to", "x", "Follow @CllrAnnBaker"
    )
    assert blocked.exit_code == 4 and "@CllrAnnBaker" in blocked.stderr
    held = with_register(
        "posts",
        "schedule",
        "--at",
        IN_PERIOD,
        "--to",
        "x",
        "Thanks to Rajesh Patel for opening the fete",
    )
    held_id = held.stdout.split()[0]
    listed = {p["id"]: p for p in json.loads(with_register("posts", "list", "--json").stdout)}
    assert listed[int(post_id)]["at"] == "2027-03-29T08:00:00+00:00"  # 09:00 BST
    assert {d["platform"]: d["status"] for d in listed[int(post_id)]["deliveries"]} == {
        "x": "scheduled",
        "facebook": "scheduled",
    }
    assert set(listed[int(post_id)]["deliveries"][0]) == {
        "platform",
        "status",
        "attempts",
        "platform_post_id",
        "error",
    }
    assert listed[int(held_id)]["deliveries"][0]["status"] == "held"
    assert len(listed) == 2  # the blocked post was never written
    no_reason = with_register("posts", "approve", held_id, "--reason", " ")
    assert no_reason.exit_code == 2
    assert with_register("posts", "approve", held_id, "--reason", "public thanks").exit_code == 0
    assert with_register("posts", "cancel", post_id).exit_code == 0
    again = with_register("posts", "cancel", post_id)
    assert again.exit_code == 2 and "nothing left to cancel" in again.stderr
    spring = with_register("posts", "schedule", "--at", "2027-03-28T01:30", "--to", "x", "hi")
    assert spring.exit_code == 2 and "does not exist" in spring.stderr
    unknown = with_register("posts", "schedule", "--at", IN_PERIOD, "--to", "myspace", "hi")
    assert unknown.exit_code == 2 and "unknown platform 'myspace'" in unknown.stderr
