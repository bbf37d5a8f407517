"""Findings cite the clause that is their real reason, quoted from the council's nation's Code."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guard.domain.guard import codes
from guard.domain.guard.rules import POLICY
from guard.domain.guard.verdict import GuardContext, PostDraft, evaluate
from tests.guard_support import DURING, REGISTER, period


def findings(text: str, nation: codes.Nation = codes.Nation.ENGLAND):
    context = GuardContext(REGISTER, (period(),), nation=nation)
    return {f.rule: f for f in evaluate(PostDraft(text), context, at=DURING).findings}


def test_an_unverifiable_link_cites_the_policys_promotion_clause_not_the_code():
    found = findings("More at https://bit.ly/3xYz")
    assert found["unverifiable-link"].clause == POLICY
    assert "para 33" not in found["unverifiable-link"].clause


def test_english_councils_quote_the_2011_code_by_paragraph():
    found = findings("Vote for Ann Baker on Thursday")
    assert found["names-councillor"].clause.endswith("(2011), para 34)")
    assert found["electioneering"].clause.startswith(
        "In general, local authorities should not issue any publicity which seeks to influence "
        "voters. …"
    )


def test_welsh_councils_quote_the_welsh_code():
    found = findings("Vote for Ann Baker on Thursday", codes.Nation.WALES)
    for rule in ("names-councillor", "electioneering"):
        assert "(Wales)" in found[rule].clause
        assert "2011" not in found[rule].clause
    # The promotion clause is the council's own policy, the same in either nation.
    assert (
        findings("Thanks @CllrAnnBaker", codes.Nation.WALES)["promotes-councillor-account"].clause
        == POLICY
    )


def _quoted(passage: str) -> str:
    return passage.rsplit(" (Code of Recommended Practice", 1)[0]


@pytest.mark.parametrize(
    "passage",
    [
        codes.ENGLAND_PARA_33,
        codes.ENGLAND_PARA_34,
        codes.ENGLAND_PARA_35,
        codes.WALES_ELECTION_PERIOD,
    ],
)
def test_each_quotation_names_its_code_and_paragraph_and_marks_omissions(passage):
    assert re.search(r"\((Code of Recommended Practice[^()]*(\([^()]*\))?[^()]*)\)$", passage)
    body = _quoted(passage)
    assert "..." not in body  # one ellipsis character, never three dots
    # A cut ends with the ellipsis, never with a bare sentence that the Code carries on from.
    if passage in (codes.ENGLAND_PARA_35, codes.WALES_ELECTION_PERIOD):
        assert body.endswith("…")


@given(
    st.sampled_from(list(codes.Nation)),
    st.sampled_from([codes.INDIVIDUALS, codes.INFLUENCE, codes.FACTUAL]),
)
def test_every_reason_has_a_passage_in_every_nations_code(nation, reason):
    passage = codes.quotation(nation, reason)
    expected = "(Wales)" if nation is codes.Nation.WALES else "(2011)"
    assert expected in passage


def test_a_picture_that_campaigns_cites_para_35_and_one_that_names_cites_para_34():
    from guard.domain.guard.verdict import Media

    context = GuardContext(REGISTER, (period(),))
    post = PostDraft("Our new play area", media=(Media("Vote for Ann Baker"),))
    clauses = {
        f.text: f.clause
        for f in evaluate(post, context, at=DURING).findings
        if f.rule.startswith("media")
    }
    assert clauses["Ann Baker"].endswith("para 34)")
    campaigning = [c for text, c in clauses.items() if text != "Ann Baker"]
    assert campaigning and all(c.endswith("para 35)") for c in campaigning)


def test_a_pictures_findings_read_as_sentences():
    """The text printed on a picture is one thing (it names); a description or tags, several
    (they name)."""
    from guard.domain.guard.verdict import Media

    context = GuardContext(REGISTER, (period(),))
    printed = Media("A fete", image_text="Ann Baker opens the fete")
    described = Media("Ann Baker at the fete")
    post = PostDraft("Our new play area", media=(printed, described))
    words = sorted(
        f.explanation for f in evaluate(post, context, at=DURING).findings if f.text == "Ann Baker"
    )
    assert len(words) == 2
    assert words[0].startswith("In image 1, the text printed on the picture names councillor ")
    assert words[1].startswith("In image 2, the picture's description or tags name councillor ")
