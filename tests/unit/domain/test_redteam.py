"""A red-team corpus of new posts (not the fixtures), one line per case, with its verdict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.guard_support import AFTER, check

CORPUS = Path(__file__).resolve().parents[2] / "data" / "redteam_posts.jsonl"
CASES = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_verdict_in_the_period(case):
    verdict = check(case["text"])
    assert verdict.outcome == case["expect"], [(f.rule, f.text) for f in verdict.findings]
    for finding in verdict.findings:
        if finding.severity != "info":
            assert finding.clause and finding.election == "Town council election"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_allowed_outside_every_period(case):
    assert check(case["text"], at=AFTER).outcome == "allow"


def test_the_corpus_covers_every_class():
    classes = {c["class"] for c in CASES}
    assert classes == {
        "links", "unwrap", "unverifiable", "naming", "electioneering", "factual", "benign",
    }  # fmt: skip
