"""Candidates in the domain: linked to a councillor by name or account, scoped to their election."""

from __future__ import annotations

import dataclasses

from guard.domain.calendar.elections import Election, ElectionKind
from guard.domain.guard.candidates import Candidate, guarded, linked_councillor
from guard.domain.guard.register import Councillor
from guard.domain.guard.verdict import GuardContext, PostDraft, evaluate
from tests.guard_support import AFTER, DURING, REGISTER, period

OTHER = dataclasses.replace(
    period(),
    election=Election("County election", ElectionKind.LOCAL, period().election.poll_date, id=2),
)


def candidate(name: str, election_id: int = 1, **accounts: tuple[str, ...]) -> Candidate:
    return Candidate(election_id, Councillor(name, "Heanor East", **accounts))


def test_linked_by_name_or_by_a_shared_account():
    people = REGISTER.councillors
    assert people[linked_councillor(candidate("ann  BAKER"), people)].name == "Ann Baker"
    by_account = candidate("A. Baker-Smith", x_handles=("cllrannbaker",))
    assert people[linked_councillor(by_account, people)].name == "Ann Baker"
    assert linked_councillor(candidate("Sam Jones"), people) is None


def test_a_councillor_candidate_is_merged_never_duplicated():
    found = guarded(REGISTER, (candidate("Ann Baker", x_handles=("AnnBaker4HE",)),))
    assert len(found.register.councillors) == len(REGISTER.councillors)
    assert set(found.roles) == {"councillor"}


def test_a_candidate_counts_only_in_their_elections_period():
    sam = candidate("Sam Jones", election_id=2, x_handles=("SamJonesGreen",))
    own = GuardContext(REGISTER, (OTHER,), (sam,))
    other = GuardContext(REGISTER, (period(),), (sam,))
    post = PostDraft("Follow @SamJonesGreen")
    verdict = evaluate(post, own, at=DURING)
    assert verdict.outcome == "block"
    [finding] = verdict.findings
    assert (finding.person, finding.role, finding.election) == (
        "Sam Jones",
        "candidate",
        "County election",
    )
    assert "candidate Sam Jones" in finding.explanation and finding.clause
    assert evaluate(post, other, at=DURING).outcome == "allow"
    assert evaluate(post, own, at=AFTER).outcome == "allow"
