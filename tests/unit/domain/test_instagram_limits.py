"""Instagram's own limits in the guard: an image required, a 2,200-character caption, 30
hashtags and 20 @mentions; and its caption carries the link on a line of its own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guard.domain.guard.payload import Media, PostDraft, render
from guard.domain.guard.platform_limits import (
    INSTAGRAM_HASHTAGS,
    INSTAGRAM_LIMIT,
    INSTAGRAM_MENTIONS,
)
from guard.domain.guard.verdict import GuardContext, evaluate
from tests.guard_support import AFTER, REGISTER
from tests.hypothesis_profiles import examples

LINK = "https://heanor.example/news/winter"
IMAGE = Media("The new play area")
CONTEXT = GuardContext(REGISTER, ())


def rules(post: PostDraft) -> set[str]:
    verdict = evaluate(post, CONTEXT, at=AFTER)
    found = {f.rule for f in verdict.findings}
    assert (verdict.outcome == "block") == any(r.startswith("instagram-") for r in found)
    return found


def test_the_link_goes_on_its_own_line_of_the_caption():
    rendered = render(PostDraft("Winter opening hours", "instagram", LINK, (IMAGE,)))
    assert (rendered.text, rendered.link) == (f"Winter opening hours\n{LINK}", None)
    assert rendered.alt_texts == ("The new play area",)


def test_a_post_without_an_image_is_refused_with_the_reason():
    verdict = evaluate(PostDraft("Bins on Tuesday", "instagram"), CONTEXT, at=AFTER)
    assert verdict.outcome == "block"
    [finding] = verdict.findings
    assert finding.rule == "instagram-image" and "no text-only posts" in finding.explanation
    assert verdict.limit_findings == (finding,)
    # A description kept without its picture sends no image either.
    kept = Media("A poster", sent=False)
    assert "instagram-image" in rules(PostDraft("Bins on Tuesday", "instagram", media=(kept,)))
    # The same post is fine where text alone may go.
    assert evaluate(PostDraft("Bins on Tuesday", "facebook"), CONTEXT, at=AFTER).outcome == "allow"


def test_the_caption_limit_counts_the_link_written_into_it():
    text = "a" * (INSTAGRAM_LIMIT - 10)
    assert rules(PostDraft(text, "instagram", media=(IMAGE,))) == set()
    assert rules(PostDraft(text, "instagram", LINK, (IMAGE,))) == {"instagram-length"}


@settings(max_examples=examples(40), deadline=None)
@given(
    hashtags=st.integers(0, INSTAGRAM_HASHTAGS + 5),
    mentions=st.integers(0, INSTAGRAM_MENTIONS + 5),
    words=st.lists(
        st.sampled_from(["park", "&amp;#38", "&#38;", "#2027", "a#b", "me@example.org"]),
        max_size=5,
    ),
)
def test_hashtags_and_mentions_are_counted_as_instagram_counts_them(hashtags, mentions, words):
    """Only real tags count: not an e-mail address, an entity, a number or a # inside a word."""
    text = " ".join(
        [*(f"#tag{i}" for i in range(hashtags)), *(f"@user_{i}" for i in range(mentions)), *words]
    )
    found = rules(PostDraft(text or "x", "instagram", media=(IMAGE,)))
    assert ("instagram-hashtags" in found) == (hashtags > INSTAGRAM_HASHTAGS)
    assert ("instagram-mentions" in found) == (mentions > INSTAGRAM_MENTIONS)
