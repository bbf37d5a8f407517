"""Campaigning in the word stream: vote and campaign phrases tied to parties and people, and
parties named as groups of members (Code paras 34 and 35), found by position, never by pairs."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence

from guard.domain.guard.matching.automaton import Hit
from guard.domain.guard.matching.phrases import FOLDED_TITLES, PERSON_KINDS, Found, Words
from guard.domain.text.normalise import fold_text

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
_CAMPAIGN_KINDS = frozenset({"vote", "campaign", "party", "party-strong"})


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
