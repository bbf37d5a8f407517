"""Pieces of the matcher: what a hit is, the automaton builder, and hit pruning."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from guard.domain.guard.matching.search_terms import AFFIXES, Term


class Hit(NamedTuple):
    """Something in a post the rules care about, with its span in the original text (a named
    tuple: a scan makes one per thing found, and it costs a third of a frozen dataclass)."""

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
    """Drop a name inside a stronger hit on the same councillor ('MarkBrownCllr' in a link).

    A hit goes when another hit on the same councillor, of at least its rank, spans it (an
    identical span of the same kind does not count). One sweep by start per rank: n log n,
    so a post with thousands of names costs no more than sorting them.
    """
    ranked = [hit.who for hit in hits if hit.kind in _RANK]
    if len(set(ranked)) == len(ranked):
        return hits  # only a ranked hit drops another, on the same councillor
    by_who: dict[int, list[int]] = {}
    for i, hit in enumerate(hits):
        by_who.setdefault(hit.who, []).append(i)
    dropped: set[int] = set()
    for members in by_who.values():
        for level in sorted({_RANK[hits[i].kind] for i in members if hits[i].kind in _RANK}):
            holders = [i for i in members if _RANK.get(hits[i].kind, 0) >= level]
            asked = [i for i in members if _RANK.get(hits[i].kind) == level]
            dropped.update(_spanned(hits, holders, asked))
    return [hit for i, hit in enumerate(hits) if i not in dropped]


def _spanned(hits: list[Hit], holders: list[int], asked: list[int]) -> Iterator[int]:
    """Those of ``asked`` that some hit of ``holders`` spans, other than their own twin."""
    # Holders that start at or before a hit are added before it is asked about; of them we
    # keep the furthest end, and the furthest end of any other span, as an identical span
    # of the same kind must not count.
    events = sorted(
        [(hits[i].start, 0, i) for i in holders] + [(hits[i].start, 1, i) for i in asked]
    )
    best_end, best_key, other_end = -1, None, -1
    for _, is_question, i in events:
        hit = hits[i]
        key = (hit.start, hit.end, hit.kind)
        if not is_question:
            if key == best_key:
                continue
            if hit.end > best_end:
                best_end, best_key, other_end = hit.end, key, best_end
            elif hit.end > other_end:
                other_end = hit.end
            continue
        reach = other_end if key == best_key else best_end
        if reach >= hit.end:
            yield i


@lru_cache(maxsize=8192)
def affixed(rest: str) -> bool:
    """Whether ``rest`` is made only of campaign affixes and digits ('vote', 'team', '2027')."""
    rest = rest.strip("0123456789_")
    if not rest:
        return True
    return any(rest.startswith(a) and affixed(rest[len(a) :]) for a in AFFIXES)
