"""The shared fixture corpus: every case's expected verdict."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.guard_support import cases, check


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["id"])
def test_fixture_case(case: dict) -> None:
    wards = frozenset(case["election_wards"] or ())
    verdict = check(case["text"], dt.datetime.fromisoformat(case["at"]), wards)
    assert verdict.outcome == case["expect"], verdict.findings


def test_outside_every_period_findings_are_information() -> None:
    verdict = check("Thanks to @CllrAnnBaker", dt.datetime(2027, 6, 15, 10, tzinfo=dt.UTC))
    assert verdict.outcome == "allow"
    assert verdict.findings and all(f.severity == "info" for f in verdict.findings)
    assert verdict.findings[0].election is None
