"""X's weighted length: the fast path agrees with twitter-text's parse_tweet on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from guard.domain.guard.platform_limits import weighted_length
from tests.hypothesis_profiles import examples

# Pieces that exercise every branch: links with and without a scheme, sentence dots, line
# endings, the weight-1 punctuation ranges, © and ® (emoji to twitter-text), emoji with
# joiners and variation selectors, CJK, and combining accents that NFC folds.
PIECES = [
    "Join us at the Town Hall",
    " ",
    ".",
    ". More",
    "example.org",
    "https://example.org/fair?day=sat",
    "http://t.co/abc",
    "www.council.gov.uk/news",
    "e.g.",
    "\r\n",
    "\r",
    "\n",
    "\u2014",
    "\u2019",
    "\u2026",
    "\u2033",
    "\u00a9",
    "\u00ae",
    "\u00e9",
    "e\u0301",
    "\u0394",
    "\u10ff",
    "\u1100",
    "\U0001f600",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "1\ufe0f\u20e3",
    "\u2764\ufe0f",
    "#",
    "@CllrBaker",
    "\u65e5\u672c",
    "\u200b",
]


@settings(max_examples=examples(600))
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=25))
def test_weighted_length_is_parse_tweets(parts: list[str]) -> None:
    text = "".join(parts)
    assert weighted_length(text) == parse_tweet(text).weightedLength


@given(st.text(alphabet=st.characters(max_codepoint=0x10FF), max_size=300))
def test_weight_one_text_is_parse_tweets(text: str) -> None:
    assert weighted_length(text) == parse_tweet(text).weightedLength


def test_known_lengths() -> None:
    assert weighted_length("abc") == 3
    assert weighted_length("See https://example.org/a/very/long/path/indeed") == 27
    assert weighted_length("a\r\nb") == 3
    assert weighted_length("\u00a9 2026") == 7
    assert weighted_length("\U0001f600") == 2 and weighted_length("\u65e5\u672c") == 4
