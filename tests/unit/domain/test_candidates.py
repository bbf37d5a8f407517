"""Candidates in the domain: linked to a councillor by name or account, scoped to their election."""

from __future__ import annotations

import dataclasses

from guard.domain.calendar.elections import Election, ElectionKind
from guard.domain.guard.candidates import (
    Candidate,
    guarded,
    linked_councillor,
    parse_candidates_csv,
)
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
    own = GuardContext(REGISTER, (OTHER,), candidates=(sam,))
    other = GuardContext(REGISTER, (period(),), candidates=(sam,))
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


def test_an_empty_ward_is_the_whole_area_and_errors_keep_their_lines():
    header = "name,ward,party,x,facebook,instagram,websites,aliases\n"
    found, errors = parse_candidates_csv(header + "Sam Jones,,Green Party,@SamJonesGreen,,,,\n", 4)
    assert errors == [] and found[0].person.ward == "" and found[0].election_id == 4
    _, errors = parse_candidates_csv(header + "\nSam Jones,,,,,,,\nBad,,,@no way,,,,\n", 4)
    assert [(e.line, "X handle" in e.message) for e in errors] == [(4, True)]


def test_linked_by_a_councillors_known_as_name():
    people = REGISTER.councillors
    assert people[linked_councillor(candidate("Raj Patel"), people)].name == "Rajesh Patel"
