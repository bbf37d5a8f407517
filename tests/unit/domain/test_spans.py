"""Spans: every finding slices the original text to the words that were matched."""

from __future__ import annotations

import pytest

from tests.guard_support import check

CASES = [
    ("Thanks to @CllrAnnBaker for opening it", "@CllrAnnBaker"),
    ("Thanks to @Cllr\u200bAnn\u00adBaker for opening it", "@Cllr\u200bAnn\u00adBaker"),
    ("Well done Zoë Hart‑Williams!", "Zoë Hart‑Williams"),
    ("Ｃｌｌｒ Ｂａｋｅｒ spoke", "Ｃｌｌｒ Ｂａｋｅｒ"),
    ("Hello 𝐀𝐧𝐧 𝐁𝐚𝐤𝐞𝐫 and friends", "𝐀𝐧𝐧 𝐁𝐚𝐤𝐞𝐫"),
    ("Summer fun. Read (x.com/MarkBrownCllr).", "x.com/MarkBrownCllr"),
    ("é ü ñ then [x](https://twitter.com/MarkBrownCllr) ok", "https://twitter.com/MarkBrownCllr"),
    ("Turn to #VoteJoKing now", "#VoteJoKing"),
    ("Vote Labour on 6 May!", "Vote Labour"),
    ("More at bit.ly/3xYzAbc.", "bit.ly/3xYzAbc"),
    ("The modern market, then Cllr Smith", "Cllr Smith"),
]


@pytest.mark.parametrize(("text", "matched"), CASES)
def test_span_slices_the_original_text(text: str, matched: str) -> None:
    finding = check(text).findings[0]
    assert text[finding.start : finding.end] == matched == finding.text
