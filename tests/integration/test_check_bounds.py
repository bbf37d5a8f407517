"""Bounded checks: text over a platform's limit refused before matching, and a content plan
(--jsonl) that reports each bad line in its place and goes on."""

from __future__ import annotations

import json

import pytest

from guard.domain.guard import verdict as verdict_module
from guard.domain.guard.platform_limits import FACEBOOK_LIMIT, X_LIMIT

IN_PERIOD = "2027-04-14T10:00"


@pytest.fixture
def with_register(guard_with_register):
    return guard_with_register


@pytest.mark.parametrize(
    ("platform", "length"),
    [("x", X_LIMIT + 1), ("x", 1_000_000), ("facebook", FACEBOOK_LIMIT + 1), (None, 1_000_000)],
)
def test_text_over_the_limit_is_refused_without_being_read(
    with_register, monkeypatch, platform, length
):
    def no_matching(*_args, **_kwargs):
        raise AssertionError("the text was matched")

    monkeypatch.setattr(verdict_module, "_evidence", no_matching)
    args = ["check", "--json", "-"] + (["--platform", platform] if platform else [])
    text = "Cllr Baker " * (length // 11 + 1)
    out = with_register(*args, input=text)
    data = json.loads(out.stdout)
    assert out.exit_code == 4 and data["verdict"] == "block"
    assert [f["rule"] for f in data["findings"]] == [f"{platform or 'post'}-length"]
    assert f"this post has {len(text)}" in data["findings"][0]["explanation"]


def test_the_longest_facebook_post_is_still_checked(with_register):
    text = ("Ann Baker opened the fete. " * 3000)[:FACEBOOK_LIMIT]
    out = with_register("check", "--json", "--platform", "facebook", "-", input=text)
    data = json.loads(out.stdout)
    assert any(f["councillor"] == "Ann Baker" for f in data["findings"])


def test_jsonl_reports_each_bad_line_in_its_place_and_goes_on(with_register):
    good = json.dumps({"text": "Bins on Tuesday", "at": IN_PERIOD}).encode()
    lines = [
        good,
        b"{not json",
        json.dumps({"text": 5}).encode(),
        json.dumps({"text": "x", "at": 5}).encode(),
        json.dumps({"text": "x", "at": "9999-99-99T99:99"}).encode(),
        json.dumps({"text": "x", "platform": ["x"]}).encode(),
        b'{"text": "caf\xe9 \xff"}',
        json.dumps(["a list"]).encode(),
        json.dumps({"text": "y" * 100_000, "platform": "x"}).encode(),
        good,
    ]
    out = with_register("check", "--jsonl", input=b"\n".join(lines) + b"\n")
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(answers) == len(lines)
    assert answers[0]["verdict"] == "allow" and answers[-1]["verdict"] == "allow"
    errors = {a["line"]: a["error"] for a in answers if "error" in a}
    assert sorted(errors) == [2, 3, 4, 5, 6, 7, 8]
    assert errors[7] == "not UTF-8 text"
    assert answers[8]["verdict"] == "block"  # over X's limit: refused, not an error
    assert out.exit_code == 2
