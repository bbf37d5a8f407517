"""Names and campaign phrases in the word stream: titles, first names, parties, places.

The matcher finds the register's words; this module decides what a run of them means: 'Cllr
Ann', 'Mayor Rahman' and 'Councillors Ann, Jo and Li' name people; 'Vote for Ann', 'Re-elect
our councillors' and 'the Labour group proposes' campaign; 'councillor. Baker Street' and
'Where to vote: Mill Road' do neither.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from guard.domain.guard.matching.automaton import Hit
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
# Words that make a party a group of members (Code para 34: "groups of members").
GROUP_WORDS = frozenset(
    fold_text(w)
    for w in (
        "group",
        "groups",
        "councillors",
        "councilors",
        "members",
        "administration",
        "team",
        "opposition",
    )
)
OURS = frozenset({"our", "your", "my"})
# Capitalised words that may follow a party's name without making it part of another name.
_AFTER_PARTY = frozenset(
    fold_text(w)
    for w in (
        "party",
        "uk",
        "group",
        "groups",
        "councillors",
        "councillor",
        "candidate",
        "candidates",
        "members",
        "on",
        "in",
        "at",
        "this",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "may",
        "june",
    )
)
# A handle written without its '@' still promotes the account in these phrases.
_PROMOTING = frozenset(fold_text(w) for w in ("follow", "find", "search", "message", "dm", "visit"))
_PLATFORMS = frozenset(
    fold_text(w) for w in ("x", "twitter", "instagram", "insta", "ig", "facebook", "fb", "threads")
)
_SENTENCE_END = re.compile(r"[.!?;:\n]")
PERSON_KINDS = frozenset({"surname", "first"})
_CAMPAIGN_KINDS = frozenset({"vote", "campaign", "party", "party-strong"})


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


def _party_ok(words: Words, f: Found) -> bool:
    """A party as a party: a one-word party only with a capital ('Green', not 'green space')
    and not as part of a place ('Green Lane')."""
    end = f.k + f.n
    if words.place_after(end):
        return False
    if f.term.kind == "party-strong":
        return True
    # 'Green Space Awards', 'Independent Living Week': a capitalised name, not the party
    named = end < len(words.tokens) and words.capital(end) and words.tokens[end] not in _AFTER_PARTY
    return words.capital(f.k) and not named


def electioneering(words: Words, named: Sequence[Found], hit: Callable[..., Hit]) -> Iterator[Hit]:
    """Code para 35 (publicity "which seeks to influence voters") and para 34 ("views or
    proposals ... identified with ... groups of members"), phrase by phrase.

    Pairs are looked up by position (sorted lists, a sentence number per word), never by
    comparing every phrase with every party or name, so a long post costs its length; a vote
    phrase is tied to the nearest mention of each party in its sentence, not to every one.
    """
    found, tokens = words.found, words.tokens
    if not any(f.term.kind in _CAMPAIGN_KINDS for f in found):
        return  # every phrase below starts from a vote word, a campaign word or a party
    parties = [f for f in found if f.term.kind in ("party", "party-strong") and _party_ok(words, f)]
    parties.sort(key=lambda f: f.k)
    party_ks = [p.k for p in parties]
    ordered_named = sorted(named, key=lambda g: g.k)
    named_ks = [g.k for g in ordered_named]
    people_at: dict[int, list[Found]] = {}
    for g in found:
        if g.term.kind in PERSON_KINDS:
            people_at.setdefault(g.k, []).append(g)
    sentence = words.sentence_of() if any(f.term.kind == "vote" for f in found) else []
    # Per sentence, each party's mentions in order: the nearest is found by bisection.
    in_sentence: dict[int, dict[str, list[Found]]] = {}
    for p in parties:
        if sentence:
            in_sentence.setdefault(sentence[p.k], {}).setdefault(p.term.label, []).append(p)
    for f in found:
        if f.term.kind not in ("vote", "campaign"):
            continue
        after = f.k + f.n
        near = parties[bisect_left(party_ks, f.k - 4) : bisect_right(party_ks, after + 3)]
        chosen = {id(p): p for p in near if p.term.kind == "party-strong"}
        if f.term.kind == "vote":
            for mentions in in_sentence.get(sentence[f.k], {}).values():
                p = _nearest(mentions, f.k)
                chosen[id(p)] = p
            # A party right beside the vote, in its sentence, whatever else it says.
            chosen |= {id(p): p for p in near if sentence[p.k] == sentence[f.k]}
        for p in sorted(chosen.values(), key=lambda p: p.k):
            lo, hi = min(f.k, p.k), max(after, p.k + p.n) - 1
            yield hit("electioneering", lo, hi, -1, p.term.label)
        if f.term.kind == "campaign":  # 'Back Patel', not 'Support Baker Street traders'
            for g in people_at.get(after, ()):
                surname = g.term.kind == "surname" and words.capital(g.k)
                if surname and not words.place_after(g.k + g.n):
                    yield hit("electioneering", f.k, g.k + g.n - 1, g.term.who, f.term.label)
        if f.term.kind == "vote":
            for g in people_at.get(after, ()):
                if not words.place_after(g.k + g.n):
                    yield hit("electioneering", f.k, g.k + g.n - 1, g.term.who, f.term.label)
            ours = after + 1 < len(tokens) and tokens[after] in OURS
            if ours and tokens[after + 1] in FOLDED_TITLES:  # 'Re-elect our councillors'
                yield hit("electioneering", f.k, after + 1, -1, f.term.label)
        for g in ordered_named[bisect_left(named_ks, after) : bisect_right(named_ks, after + 3)]:
            yield hit("electioneering", f.k, g.k + g.n - 1, g.term.who, f.term.label)
    for p in parties:
        end = p.k + p.n
        if end < len(tokens) and tokens[end] in GROUP_WORDS:  # 'the Labour group proposes'
            yield hit("electioneering", p.k, end, -1, p.term.label + " " + tokens[end])
        for g in ordered_named[bisect_left(named_ks, p.k - 6) : bisect_right(named_ks, p.k + 6)]:
            lo, hi = min(p.k, g.k), max(end, g.k + g.n) - 1
            yield hit("party", lo, hi, g.term.who, p.term.label)


def _nearest(mentions: list[Found], k: int) -> Found:
    """Of mentions in word order, the one nearest word ``k`` (the earlier on a tie)."""
    i = _bisect_k(mentions, k)
    candidates = mentions[max(0, i - 1) : i + 1]
    return min(candidates, key=lambda m: abs(m.k - k))


def _bisect_k(mentions: list[Found], k: int) -> int:
    lo, hi = 0, len(mentions)
    while lo < hi:
        mid = (lo + hi) // 2
        if mentions[mid].k < k:
            lo = mid + 1
        else:
            hi = mid
    return lo
