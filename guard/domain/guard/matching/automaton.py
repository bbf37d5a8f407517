"""Pieces of the matcher: what a hit is, the automaton builder, and hit pruning."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from guard.domain.guard.matching.search_terms import AFFIXES, Term


@dataclass(frozen=True)
class Hit:
    """Something in a post the rules care about, with its span in the original text."""

    kind: str  # account, tag, name, hashtag, electioneering, party, shortener
    start: int
    end: int
    text: str
    who: int = -1  # index of the councillor in the register, -1 for none
    detail: str = ""


def build_automaton(stream: dict[str, list[tuple[int, int, Term]]]) -> ahocorasick.Automaton:
    """An automaton over padded terms (' ann baker '); each payload lists (length, words, term)."""
    automaton = ahocorasick.Automaton()
    add = automaton.add_word
    for key, entries in stream.items():
        add(key, entries)
    automaton.make_automaton()
    return automaton


_RANK = {"account": 3, "tag": 2, "name": 1, "hashtag": 1}


def prune(hits: list[Hit]) -> list[Hit]:
    """Drop a name inside a stronger hit on the same councillor ('MarkBrownCllr' in a link)."""
    kept = []
    for h in hits:
        rank = _RANK.get(h.kind, 9)
        if not any(
            g is not h
            and g.who == h.who
            and g.start <= h.start
            and h.end <= g.end
            and _RANK.get(g.kind, 0) >= rank
            and (g.start, g.end, g.kind) != (h.start, h.end, h.kind)
            for g in hits
        ):
            kept.append(h)
    return kept


@lru_cache(maxsize=8192)
def affixed(rest: str) -> bool:
    """Whether ``rest`` is made only of campaign affixes and digits ('vote', 'team', '2027')."""
    rest = rest.strip("0123456789_")
    if not rest:
        return True
    return any(rest.startswith(a) and affixed(rest[len(a) :]) for a in AFFIXES)
