"""The rendered payload: what each platform receives, and the guard's holds that read it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guard.domain.guard.payload import Media, PostDraft, render
from guard.domain.guard.platform_limits import weighted_length
from guard.domain.guard.verdict import GuardContext, evaluate
from tests.guard_support import AFTER, DURING, REGISTER, period
from tests.hypothesis_profiles import examples

LINK = "https://heanor.example/news/winter"
IMAGE = Media("The new play area", image_text="")


def test_x_gets_the_link_in_its_text_and_facebook_as_a_field():
    assert render(PostDraft("Hi", "x", LINK)).text == f"Hi\n{LINK}"
    feed = render(PostDraft("Hi", "facebook", LINK))
    assert (feed.text, feed.link) == ("Hi", LINK)
    photo = render(PostDraft("Hi", "facebook", LINK, (IMAGE,)))
    assert (photo.text, photo.link, photo.alt_texts) == (
        f"Hi\n{LINK}",
        None,
        ("The new play area",),
    )
    assert render(PostDraft("Hi", "x", platform_texts=(("x", "Hi X"),))).text == "Hi X"


def test_the_x_limit_counts_the_link_the_publisher_sends():
    text = "a" * 260  # fits alone; with the link (23) and its line break it does not
    post = PostDraft(text, "x", LINK)
    verdict = evaluate(post, GuardContext(REGISTER, ()), at=AFTER)
    assert verdict.outcome == "block" and verdict.findings[0].rule == "x-length"
    assert evaluate(PostDraft(text, "x"), GuardContext(REGISTER, ()), at=AFTER).outcome == "allow"


def test_a_link_that_promotes_an_account_is_judged_inside_the_rendered_text():
    post = PostDraft("Thanks for coming", "x", "https://x.com/CllrAnnBaker")
    verdict = evaluate(post, GuardContext(REGISTER, (period(),)), at=DURING)
    assert verdict.outcome == "block"


@settings(max_examples=examples(150), deadline=None, database=None)
@given(
    text=st.text(min_size=1, max_size=300),
    link=st.none() | st.just(LINK),
    platform=st.sampled_from(["x", "facebook", None]),
    images=st.integers(0, 3),
)
def test_the_rendered_payload_keeps_every_part_once(text, link, platform, images):
    post = PostDraft(text, platform, link, (IMAGE,) * images)
    rendered = render(post)
    assert rendered.text.startswith(text)
    assert (rendered.text + (rendered.link or "")).count(LINK) == (1 if link else 0) + text.count(
        LINK
    )
    assert rendered.alt_texts == ("The new play area",) * images
    if platform == "x":
        verdict = evaluate(post, GuardContext(REGISTER, ()), at=AFTER)
        too_long = weighted_length(rendered.text) > 280
        assert any(f.rule == "x-length" for f in verdict.findings) == too_long


def test_images_are_held_inside_a_period_unless_the_council_turns_it_off():
    post = PostDraft("Our new play area", media=(IMAGE, IMAGE))
    held = evaluate(post, GuardContext(REGISTER, (period(),)), at=DURING)
    assert held.outcome == "flag"
    assert [f.source for f in held.findings] == ["media[0]", "media[1]"]
    assert "Image 2" in held.findings[1].explanation and held.findings[1].election
    assert held.findings[0].clause.endswith("para 34)")
    off = GuardContext(REGISTER, (period(),), hold_images=False)
    assert evaluate(post, off, at=DURING).outcome == "allow"
    assert evaluate(post, GuardContext(REGISTER, (period(),)), at=AFTER).outcome == "allow"


def test_strict_mode_holds_every_post_in_a_period_with_the_reason():
    strict = GuardContext(REGISTER, (period(),), hold_all=True)
    verdict = evaluate(PostDraft("Bins go out on Tuesday"), strict, at=DURING)
    assert verdict.outcome == "flag" and "hold_all_in_period" in verdict.findings[0].explanation
    assert evaluate(PostDraft("Bins go out on Tuesday"), strict, at=AFTER).outcome == "allow"


def test_text_printed_in_an_image_is_guarded_and_says_which_image():
    poster = Media("A poster", image_text="Follow\n@CllrAnnBaker")
    post = PostDraft("Come along", media=(IMAGE, poster))
    off = GuardContext(REGISTER, (period(),), hold_images=False)
    verdict = evaluate(post, off, at=DURING)
    assert verdict.outcome == "block"
    [finding] = verdict.findings
    assert finding.source == "media[1].image_text" and "In image 2" in finding.explanation
    named = PostDraft("Come along", media=(Media("A poster", image_text="Meet Cllr Baker"),))
    assert evaluate(named, off, at=DURING).outcome == "flag"
    assert evaluate(post, off, at=AFTER).outcome == "allow"
