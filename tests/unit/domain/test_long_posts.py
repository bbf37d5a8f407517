"""A long post with many vote phrases and parties in one sentence: each vote phrase is tied
to the nearest mention of each party, so findings grow with the post, not with its square."""

from __future__ import annotations

import datetime as dt

from guard.domain.guard.register import Councillor, make_register
from guard.domain.guard.verdict import GuardContext, PostDraft, evaluate

AT = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
REGISTER = make_register(
    [Councillor("Ann Baker", "Heanor East", party="Labour", x_handles=("CllrAnnBaker",))], ()
)


def _findings(units: int) -> list:
    text = "Cllr Baker vote Labour and support Labour " * units  # one sentence, no full stops
    return list(evaluate(PostDraft(text, "facebook"), GuardContext(REGISTER, ()), at=AT).findings)


def test_findings_grow_with_the_post_not_its_square():
    small, large = len(_findings(50)), len(_findings(400))
    assert large <= 8 * small + 50  # 8 times the text: about 8 times the findings (not 64)


def test_a_vote_phrase_still_names_a_party_later_in_its_sentence():
    text = "Please vote on Thursday, and remember the Labour manifesto"
    verdict = evaluate(PostDraft(text, "facebook"), GuardContext(REGISTER, ()), at=AT)
    assert any(f.rule == "electioneering" for f in verdict.findings)
