"""Evasions: written variants of a promotion or a name are caught like the plain ones."""

from __future__ import annotations

import pytest

from tests.guard_support import check

BLOCKED = [
    "Thanks @cllrannbaker!",
    "Thanks @CLLRANNBAKER!",
    "Thanks @Cllr\u200bAnnBaker!",
    "Thanks @Cllr\u00adAnn\u2060Baker!",
    "Thanks @Cllr\u0410nnBaker",  # Cyrillic A
    "Thanks @CIlrAnnBaker",  # capital I for l
    "Thanks @Cllr_Ann_Baker",
    "Thanks ＠CllrAnnBaker",
    "Thanks @ＣｌｌｒＡｎｎＢａｋｅｒ",
    "Thanks @𝐂𝐥𝐥𝐫𝐀𝐧𝐧𝐁𝐚𝐤𝐞𝐫",
    "Thanks @AnnBaker",
    "Thanks @Ann Baker for coming",
    "See http://x.com/MarkBrownCllr",
    "See HTTPS://X.COM/MARKBROWNCLLR",
    "See www.twitter.com/MarkBrownCllr",
    "See mobile.twitter.com/MarkBrownCllr",
    "See https://twitter.com/MarkBrownCllr?ref_src=twsrc",
    "See https://x.com/MarkBrownCllr#top",
    "See https://x.com/%4D%61rkBrownCllr",
    "See x.com/MarkBrownCllr.",
    "See (x.com/MarkBrownCllr).",
    "See [his page](https://x.com/MarkBrownCllr)",
    "See <https://x.com/MarkBrownCllr>",
    "See x.com/MarkBrownCllr/status/123/photo/1",
    "See https://twitter.com/intent/user?screen_name=MarkBrownCllr",
    "See https://x.com/intent/follow?screen_name=markbrowncllr",
    "See https://twitter.com/share?text=hi&via=MarkBrownCllr",
    "See https://x.com/intent/tweet?text=Thanks%20%40MarkBrownCllr",
    "See https://l.facebook.com/l.php?u=https%3A%2F%2Fx.com%2FMarkBrownCllr&h=x",
    "See https://lm.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2Fann.baker.heanor",
    "See https://www.google.com/url?q=https://twitter.com/MarkBrownCllr&sa=D",
    "See https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fwww.facebook.com%2Fann.baker.heanor",
    "See fb.com/ann.baker.heanor",
    "See fb.me/ann.baker.heanor",
    "See web.facebook.com/ann.baker.heanor",
    "See mbasic.facebook.com/ann.baker.heanor",
    "See facebook.com/annbakerheanor",
    "See facebook.com/Ann.Baker.Heanor/posts/pfbid123",
    "See facebook.com/ann.baker.heanor/photos/a.123/456",
    "See facebook.com/100012345678",
    "See m.facebook.com/profile.php?id=100012345678&ref=x",
    "See facebook.com/people/Rajesh-Patel/100012345678/",
    "See instagram.com/jo.king.lma",
    "See instagr.am/jo.king.lma",
    "See @jo.king.lma on Instagram",
    "See gracefielding.org.uk/surgeries",
    "See www.gracefielding.org.uk",
    "See x.c\u043em/MarkBrownCllr",  # Cyrillic o in the host
    "See twitter.com/#!/MarkBrownCllr",
    "RT @MarkBrownCllr: hello",
    ".@MarkBrownCllr thanks",
    "Thanks @SiobhanONeill's team",
    "See x.com/\u200bMarkBrownCllr",
    "Great work @rnarkbrowncllr",  # 'rn' for 'm'
]

FLAGGED = [
    "Cllr Ann Baker opened the fete",
    "CLLR BAKER opened the fete",
    "Cllr. Baker opened the fete",
    "Councillor A. Baker opened the fete",
    "Cllrs Baker and Patel attended",
    "Councillors Smith, Mill and King attended",
    "ann baker opened it",
    "Ann  Baker opened it",
    "Ann\nBaker opened it",
    "Ann B\u0430ker opened it",
    "Ann Baker's speech",
    "Siobhan ONeill spoke",
    "Siobhan O Neill spoke",
    "Zoe Hart Williams spoke",
    "Zoe HartWilliams spoke",
    "Raj Patel spoke",
    "Dave Mill spoke",
    "Li Wei spoke",
    "LI WEI spoke",
    "Jo King spoke",
    "J0 King spoke",
    "#AnnBaker",
    "#annbaker",
    "#TeamAnnBaker",
    "#CllrBaker",
    "#VoteMarkBrown2027",
    "#ReElectLiWei",
    "Vote Green on 6 May",
    "VOTE LABOUR",
    "vote reform uk",
    "Vote for the Lib Dems",
    "Re-elect Cllr Smith",
    "Vote Smith!",
    "#VoteLabour",
    "Back Reform UK on polling day",
    "Read more: https://t.co/abc123",
    "tinyurl.com/xyz",
    "See https://bit.ly/abc",
    "Kev O’Brien opened it",
    "Peter Smith",
]


@pytest.mark.parametrize("text", BLOCKED)
def test_promotion_variant_is_blocked(text: str) -> None:
    verdict = check(text)
    assert verdict.outcome == "block", verdict.findings


@pytest.mark.parametrize("text", FLAGGED)
def test_naming_variant_is_flagged(text: str) -> None:
    verdict = check(text)
    assert verdict.outcome == "flag", verdict.findings
