"""Names in the word stream: titles, first names, places.

The matcher finds the register's words; this module decides whether a run of them names a
person: 'Cllr Ann', 'Mayor Rahman' and 'Councillors Ann, Jo and Li' do; 'councillor. Baker
Street' and 'Where to vote: Mill Road' don't. Campaign phrases ('Vote for Ann', 'Re-elect our
councillors', 'the Labour group proposes') are read in ``campaigning``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from guard.domain.guard.matching.search_terms import PLURAL_TITLES, TITLES, Term
from guard.domain.text.normalise import fold_text

FOLDED_TITLES = frozenset(fold_text(t) for t in TITLES) | PLURAL_TITLES
# Titles written short: a dot after them is the abbreviation's, not a sentence's end.
_ABBREVIATED = frozenset(fold_text(t) for t in ("cllr", "clr", "cr", "coun", "cllrs", "clrs"))
# A surname followed by one of these is a place ('Mill Road', 'Baker Street'), not a person.
PLACES = frozenset(
    fold_text(w)
    for w in (
        "street",
        "st",
        "road",
        "rd",
        "lane",
        "ln",
        "avenue",
        "ave",
        "way",
        "close",
        "drive",
        "dr",
        "hall",
        "school",
        "centre",
        "center",
        "church",
        "chapel",
        "park",
        "court",
        "crescent",
        "terrace",
        "grove",
        "gardens",
        "place",
        "square",
        "walk",
        "row",
        "mews",
        "hill",
        "bridge",
        "house",
        "library",
        "surgery",
        "pond",
        "wood",
        "farm",
        "estate",
        "academy",
        "college",
        "primary",
        "infants",
        "juniors",
        "institute",
        "club",
        "pavilion",
        "allotments",
        "brook",
    )
)
# A handle written without its '@' still promotes the account in these phrases.
_PROMOTING = frozenset(fold_text(w) for w in ("follow", "find", "search", "message", "dm", "visit"))
_PLATFORMS = frozenset(
    fold_text(w) for w in ("x", "twitter", "instagram", "insta", "ig", "facebook", "fb", "threads")
)
_SENTENCE_END = re.compile(r"[.!?;:\n]")
PERSON_KINDS = frozenset({"surname", "first"})


class Found(NamedTuple):
    k: int  # first word
    n: int  # number of words
    term: Term


class Words:
    """The folded words of one text with what the automaton found among them."""

    def __init__(
        self,
        tokens: list[str],
        found: list[Found],
        gap: Callable[[int, int], str],
        capital: Callable[[int], bool],
        name_words: frozenset[str],
    ) -> None:
        self.tokens = tokens
        self.found = found
        self.gap = gap  # the folded text between the end of word i and the start of word j
        self.capital = capital  # whether word k starts with a capital letter as written
        self.name_words = name_words

    def place_after(self, end: int) -> bool:
        return end < len(self.tokens) and self.tokens[end] in PLACES

    def same_sentence(self, a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return lo == hi or _SENTENCE_END.search(self.gap(lo, hi)) is None

    def sentence_of(self) -> list[int]:
        """Each word's sentence number, from one pass over the gaps between neighbours: the
        same answer as ``same_sentence`` for every pair, at the cost of the text's length."""
        numbers, current = [0] * len(self.tokens), 0
        for k in range(1, len(self.tokens)):
            if _SENTENCE_END.search(self.gap(k - 1, k)) is not None:
                current += 1
            numbers[k] = current
        return numbers

    def title_before(self, k: int) -> int | None:
        """Where the title is for a surname or first name: 'Cllr Baker', 'Cllr A Baker',
        'Mayor Rahman', 'Councillors Ann, Jo and Li'; None when it stands alone or a sentence
        ends between ('every councillor. Baker Street')."""
        tokens = self.tokens
        for title in (k - 1, k - 2):
            if title < 0 or tokens[title] not in FOLDED_TITLES:
                continue
            if title == k - 2 and len(tokens[k - 1]) != 1:
                continue  # 'Cllr A Baker' only: one initial between
            between = self.gap(title, title + 1)  # 'Cllr A. Baker': the initial's dot is fine
            if _SENTENCE_END.search(between.replace(".", "", tokens[title] in _ABBREVIATED)):
                return None
            return title
        j = k - 1
        while j >= 0 and k - j <= 12:
            if tokens[j] in PLURAL_TITLES:
                return k
            if tokens[j] != "and" and tokens[j] not in self.name_words:
                return None
            j -= 1
        return None


_BEFORE_FIRST_NAMES = frozenset({"title", "plural", "vote"})
_MOST_NAMESAKES = 50  # bounds the cost of a common first name in a very large register


def first_names(
    tokens: list[str], found: list[tuple[int, int, Term]], first: dict[str, list[Term]]
) -> list[tuple[int, int, Term]]:
    """First and known-as names where they can name someone: after a title ('Cllr Ann', 'Cllr
    A Ann' is not), after a vote word ('Vote for Ann'), or in a titled list ('Councillors Ann,
    Jo and Li'). Looked up only there, so a common first name costs nothing elsewhere."""
    # A title or a vote word is one of the automaton's terms: without one, nothing to look at.
    if not any(t.kind in _BEFORE_FIRST_NAMES for _, _, t in found):
        return []
    votes = {k + n for k, n, t in found if t.kind == "vote"}
    out = []
    listing = False
    for k, token in enumerate(tokens):
        if token in PLURAL_TITLES:
            listing = True
            continue
        after_title = k >= 1 and tokens[k - 1] in FOLDED_TITLES
        if token in first and (after_title or k in votes or listing):
            out += [(k, 1, term) for term in first[token][:_MOST_NAMESAKES]]
        elif listing and token != "and" and token not in first:
            listing = False
    return out


def promoted(tokens: list[str], k: int, n: int) -> bool:
    """'Follow CllrAnnBaker', 'CllrAnnBaker on X': a bare handle pointed at as an account."""
    before = tokens[max(0, k - 3) : k]
    after = tokens[k + n : k + n + 2]
    return bool((_PROMOTING | _PLATFORMS) & set(before)) or (
        len(after) == 2 and after[0] == "on" and after[1] in _PLATFORMS
    )


def _initial_next_to(words: Words, f: Found) -> int | None:
    """'A. Baker' or 'Baker A.' for Ann Baker: where the first name's initial is, with its dot,
    beside the surname; None otherwise ('a baker')."""
    k, tokens = f.k, words.tokens
    initial = fold_text(f.term.label[:1])
    if f.term.kind != "surname" or not words.capital(k):
        return None
    if k >= 1 and tokens[k - 1] == initial and "." in words.gap(k - 1, k):
        return k - 1
    first = fold_text(f.term.label.split()[0])
    if k >= 2 and len(tokens[k - 1]) == 1 and tokens[k - 2] == first:  # 'Ann J. Baker'
        return k - 2
    end = k + f.n
    if end < len(tokens) and tokens[end] == initial and words.capital(end):
        return end
    return None


def people(words: Words) -> list[Found]:
    """Every person named: full names and handles, titled surnames or first names, and a
    surname beside its first name's initial."""
    out = [f for f in words.found if f.term.kind in ("name", "titled", "handle-word")]
    for f in words.found:
        if f.term.kind in PERSON_KINDS and not words.place_after(f.k + f.n):
            initial = _initial_next_to(words, f)
            if initial is not None:
                lo, hi = min(initial, f.k), max(initial + 1, f.k + f.n)
                out.append(Found(lo, hi - lo, Term("titled", f.term.who, f.term.label)))
                continue
            title = words.title_before(f.k)
            if title is not None:
                out.append(
                    Found(title, f.n + f.k - title, Term("titled", f.term.who, f.term.label))
                )
    return out
