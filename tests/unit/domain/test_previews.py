"""Each platform's preview: made from the rendered payload, folded where a reader sees one
character end, never inside one."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from guard.domain.guard.media_limits import image_problem, in_mb
from guard.domain.guard.payload import Media, PostDraft, render
from guard.domain.guard.platform_limits import X_LIMIT, weighted_length
from guard.domain.guard.previews import FOLDS, boundary, fold_at, preview_of

MB = 1024 * 1024
# Pieces a reader sees as one character, and plain ones around them.
CLUSTERS = [
    "a",
    " ",
    "\n",
    "\r\n",
    "e\u0301",  # e and a combining acute
    "\U0001f44d\U0001f3fd",  # thumbs up, medium skin tone
    "\U0001f469\u200d\U0001f467\u200d\U0001f466",  # a family joined by ZWJs
    "\U0001f1ec\U0001f1e7",  # the UK flag: two regional indicators
    "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",  # England's flag
    "\u2764\ufe0f",  # a heart with emoji presentation
    "\u1100\u1161\u11a8",  # a Hangul syllable from its jamo
    "\ud55c",  # a precomposed Hangul syllable
    "\u0915\u094d\u0937",  # Devanagari with a virama
    "1\ufe0f\u20e3",  # a keycap
]
clustered = st.lists(st.sampled_from(CLUSTERS), max_size=400)


def _ends(clusters: list[str]) -> set[int]:
    ends, at = {0}, 0
    for cluster in clusters:
        at += len(cluster)
        ends.add(at)
    return ends


@given(clustered, st.integers(min_value=0, max_value=700), st.none() | st.integers(1, 8))
def test_a_fold_never_cuts_inside_what_a_reader_sees_as_one_character(clusters, chars, lines):
    text = "".join(clusters)
    at = fold_at(text, chars, lines)
    assert at in _ends(clusters)
    assert at <= max(chars, 0) or at == 0
    if lines is not None:
        assert text[:at].count("\n") < lines or at == 0


@given(clustered)
def test_the_boundaries_found_are_the_clusters_edges(clusters):
    """Adjacent clusters from the list never join (each starts with a base character)."""
    text = "".join(clusters)
    ends = _ends(clusters)
    assert {i for i in range(len(text) + 1) if boundary(text, i)} == ends


@given(st.text(max_size=900), st.sampled_from(["facebook", "instagram"]))
def test_shown_and_hidden_are_exactly_the_text_sent(text, platform):
    draft = PostDraft(text, platform)
    shown = preview_of(render(draft))
    assert shown.shown + shown.hidden == render(draft).text
    fold = FOLDS[platform]
    assert len(shown.shown) <= fold.chars
    if fold.lines is not None:
        assert shown.shown.count("\n") < fold.lines
    assert bool(shown.hidden) == bool(shown.more)
    # Never a lone code point of a pair split: the shown part is whole text.
    assert not shown.shown or unicodedata.category(shown.shown[-1]) != "Cs"


@settings(deadline=None)  # the first call imports twitter-text
@given(
    st.text(max_size=300),
    st.none() | st.sampled_from(["https://heanor.example/bins", "http://x.co/a?b=c"]),
)
def test_x_s_count_is_the_weighted_length_of_what_x_receives(text, link):
    shown = preview_of(render(PostDraft(text, "x", link)))
    sent = f"{text}\n{link}" if link else text
    assert shown.count == weighted_length(sent) and shown.limit == X_LIMIT
    assert shown.shown == sent and not shown.more


def test_each_platform_shows_its_own_text_and_folds_it_its_own_way():
    long = "Bins go out on Tuesday. " * 30
    texts = (("facebook", long), ("instagram", long), ("x", "Bins: Tuesday"))
    previews = {
        p: preview_of(render(PostDraft("Bins", p, platform_texts=texts)))
        for p in ("x", "facebook", "instagram")
    }
    assert previews["x"].shown == "Bins: Tuesday" and previews["x"].count == 13
    assert previews["facebook"].more == "See more" and len(previews["facebook"].shown) == 480
    assert previews["instagram"].more == "more" and len(previews["instagram"].shown) == 125
    five_lines = "one\ntwo\nthree\nfour\nfive\nsix"
    assert preview_of(render(PostDraft(five_lines, "facebook"))).hidden == "\nsix"


def test_images_are_counted_in_the_preview():
    draft = PostDraft("Play area", "facebook", media=(Media("A slide"), Media("A swing")))
    assert preview_of(render(draft)).images == 2


def test_each_platforms_image_limits_are_named():
    assert image_problem("x", "image/webp", 5 * MB) is None
    assert image_problem("facebook", "image/png", 4 * MB + 1) == (
        "Facebook takes images up to 4 MB; this one is 4.01 MB"
    )
    assert image_problem("facebook", "image/webp", 10) == (
        "Facebook does not take WebP images (it takes JPEG, PNG, GIF)"
    )
    assert image_problem("instagram", "image/png", 7 * MB) is None
    assert image_problem("instagram", "image/png", 9 * MB) == (
        "Instagram takes images up to 8 MB; this one is 9 MB"
    )
    assert in_mb(5 * MB) == "5 MB"
