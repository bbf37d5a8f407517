"""The scan's fast paths agree with the plain definitions they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from guard.domain.guard.matching.mentions import COMPOUND, camel_spans, sigils
from guard.domain.guard.matching.register_terms import Terms, folded, spaced_words
from guard.domain.guard.matching.search_terms import Term, councillor_terms, words
from guard.domain.guard.matching.word_positions import WordPositions
from guard.domain.guard.register import Councillor
from guard.domain.text.links import facebook_key, instagram_key, x_key
from guard.domain.text.normalise import WORD, blank_non_words, fold_text, word_stream
from tests.guard_support import REGISTER

TEXT = st.text(alphabet="aZb_ .,\t@#é1’-^\u200b", max_size=30)
_CAMEL = re.compile(r"(?<![\w#@＠＃])[A-Za-z]*[a-z][A-Z]\w*")


@given(TEXT)
def test_the_word_stream_is_the_regex_words(text: str) -> None:
    spaced = blank_non_words(text)
    assert len(spaced) == len(text)
    assert [m.span() for m in WORD.finditer(spaced)] == [m.span() for m in WORD.finditer(text)]
    assert word_stream(spaced) == " " + " ".join(WORD.findall(text)) + " "


@given(TEXT, st.data())
def test_word_positions_are_the_regex_starts(text: str, data: st.DataObject) -> None:
    spaced = blank_non_words(text)
    stream = word_stream(spaced)
    tokens = stream.split()
    if not tokens:
        return
    at = [i for i in range(1, len(stream)) if stream[i - 1] == " " and stream[i] != " "]
    seed = data.draw(st.integers(0, len(tokens) - 1))
    positions = WordPositions(spaced, stream, {seed: at[seed]})
    order = data.draw(st.permutations(range(len(tokens))))
    want = [m.start() for m in WORD.finditer(text)]
    assert [positions[k] for k in order] == [want[k] for k in order]


@given(TEXT)
def test_sigils_are_the_regex_matches(text: str) -> None:
    assert [m.span() for m in sigils(text)] == [m.span() for m in COMPOUND.finditer(text)]


@given(TEXT)
def test_camel_spans_are_the_regex_matches(text: str) -> None:
    assert list(camel_spans(text)) == [m.span() for m in _CAMEL.finditer(text)]


@given(st.lists(TEXT, max_size=6))
def test_bulk_folding_is_item_by_item(items: list[str]) -> None:
    assert spaced_words(items) == [" ".join(words(i)) for i in items]
    assert folded(items) == [fold_text(i) for i in items]


def test_account_keys_match_the_link_keys() -> None:
    people = [
        Councillor(
            "Ann Baker",
            "East",
            x_handles=("CllrAnnBaker",),
            facebook=("https://www.facebook.com/Ann.Baker.Heanor", "100012345678"),
            instagram=("ann.baker",),
        ),
        Councillor("Raj Patel", "West", facebook=("https://m.facebook.com/profile.php?id=42",)),
    ]
    assert Terms(people).accounts == {
        x_key("CllrAnnBaker"): 0,
        facebook_key("ann.baker.heanor"): 0,
        facebook_key("100012345678"): 0,
        instagram_key("ann.baker"): 0,
        facebook_key("42"): 1,
    }


def test_bulk_terms_are_the_per_councillor_terms() -> None:
    people = [
        *REGISTER.councillors,
        Councillor(
            "Mary-Jane O'Hara Smith", "East", aliases=("MJ", "Mary Jane"), x_handles=("MJ_OHara",)
        ),
        Councillor("Bo", "West", aliases=("B. O'Day-Lewis",)),
    ]
    built = Terms(people)
    stream: dict[str, list[tuple[int, int, Term]]] = {}
    compact: dict[str, list[Term]] = {}
    for i, c in enumerate(people):
        terms, run_together = councillor_terms(i, c)
        for term, value in terms:
            entry = (len(term) + 2, term.count(" ") + 1, value)
            found = stream.setdefault(f" {term} ", [])
            found += [] if entry in found else [entry]
        for term, value in run_together:
            compact.setdefault(term, []).append(value)
    assert built.stream == stream
    assert built.compact == compact


def _mention_pieces() -> list[str]:
    people = REGISTER.councillors
    handles = [f"@{h}" for c in people for h in (*c.x_handles, *c.instagram)][:12]
    names = [c.name for c in people][:6]
    other = ["Cllr", "vote for", "Labour", "thanks", "on X", "follow", "@ ", "@HeanorLoscoeTC"]
    return [*handles, *names, *other, " ", ". ", ", ", "\n", "#", "_", "the park"]


@given(st.lists(st.sampled_from(_mention_pieces()), max_size=12))
def test_words_inside_a_found_mention_are_skipped_without_changing_the_hits(parts) -> None:
    """The scan leaves out the word pass when all it found lies inside @mentions already found
    as accounts; the hits are the same as when every word is placed and pruned."""
    from guard.domain.guard.matching import matcher as module

    text = " ".join(parts)
    scan = module.matcher_for(REGISTER).scan
    quick = scan(text)
    original = module.terms_inside_mentions
    module.terms_inside_mentions = lambda found, known, spaced, stream, mentions: False
    try:
        assert scan(text) == quick
    finally:
        module.terms_inside_mentions = original


def _plain_pieces() -> list[str]:
    people = REGISTER.councillors
    handles = [f"@{h}" for c in people for h in (*c.x_handles, *c.instagram)][:10]
    upper = [h.upper() for h in handles[:3]]
    names = [c.name for c in people][:4]
    joined = [c.name.replace(" ", "") for c in people][:2]  # 'AnnBaker': a name run together
    other = ["@HeanorLoscoeTC", "@heanor_fc", "@ Ann", "#Vote", "x.com/Name", "vote for"]
    odd = ["Labour", "Cllr", "dot", "|", "\n", "a b c", "aA", "Q1", "@", "_", "'s", "The Park"]
    plain = ["the gala", "thanks", "bins", "on Tuesday", "see you there", "our new", "play area"]
    return [*handles, *upper, *names, *joined, *other, *odd, *plain, *plain, *plain]


def _full_scan(text: str) -> list[object]:
    from guard.domain.guard.matching import matcher as module

    matcher = module.matcher_for(REGISTER)
    original = module.Matcher._plain
    module.Matcher._plain = lambda self, *args: None  # type: ignore[method-assign]
    try:
        return list(matcher.scan(text))
    finally:
        module.Matcher._plain = original  # type: ignore[method-assign]


@given(st.lists(st.sampled_from(_plain_pieces()), max_size=10), st.sampled_from([" ", ", ", ""]))
def test_a_plain_post_is_read_as_the_full_reading_reads_it(parts: list[str], gap: str) -> None:
    """The short pass for plain posts gives the full reading's hits, or leaves it to it."""
    from guard.domain.guard.matching import matcher as module

    text = gap.join(parts)
    assert module.matcher_for(REGISTER).scan(text) == _full_scan(text)


def test_posts_that_only_mention_accounts_take_the_short_pass() -> None:
    from guard.domain.guard.matching import matcher as module

    handle = REGISTER.councillors[0].x_handles[0]
    matcher = module.matcher_for(REGISTER)
    calls: list[object] = []
    original = module.Matcher._plain

    def spy(self: module.Matcher, *args: object) -> object:
        calls.append(result := original(self, *args))  # type: ignore[arg-type]
        return result

    module.Matcher._plain = spy  # type: ignore[method-assign]
    try:
        matcher.scan(f"Thanks @{handle} and @HeanorLoscoeTC for the gala in the park")
        matcher.scan("Bins go out on Tuesday this week")
        matcher.scan("Thanks AnnBaker")  # run together outside a mention: the full reading
    finally:
        module.Matcher._plain = original  # type: ignore[method-assign]
    assert [None if c is None else len(c) for c in calls] == [1, 0, None]  # type: ignore[arg-type]


@given(st.lists(st.text(alphabet="ab1é_", min_size=1, max_size=3), max_size=12))
def test_three_one_letter_words_are_found_as_the_regex_finds_them(parts: list[str]) -> None:
    from guard.domain.guard.matching.disguises import THREE_LETTERS, three_letters

    stream = " " + " ".join(parts) + " "
    assert three_letters(stream) == (THREE_LETTERS.search(stream) is not None)
