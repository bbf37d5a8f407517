"""Overlap pruning: the n log n sweep keeps exactly what the plain definition keeps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guard.domain.guard.matching.automaton import _RANK, Hit, prune

KINDS = ["account", "tag", "name", "hashtag", "electioneering", "party", "shortener"]


def reference(hits: list[Hit]) -> list[Hit]:
    """The definition, checked pair by pair (quadratic)."""
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


@st.composite
def hit_lists(draw) -> list[Hit]:
    hits = []
    for _ in range(draw(st.integers(0, 40))):
        start = draw(st.integers(0, 30))
        end = start + draw(st.integers(0, 12))
        kind = draw(st.sampled_from(KINDS))
        who = draw(st.integers(-1, 3))
        hits.append(Hit(kind, start, end, "x" * (end - start), who))
    if hits and draw(st.booleans()):  # exact twins, as the blank-filler rescan makes
        hits.append(draw(st.sampled_from(hits)))
    return hits


@given(hit_lists())
def test_the_sweep_keeps_what_the_definition_keeps(hits):
    assert prune(hits) == reference(hits)


def test_many_nested_names_are_pruned_without_comparing_every_pair():
    hits = [Hit("account", 0, 10**6, "", 1)]
    hits += [Hit("name", i, i + 5, "", 1) for i in range(0, 10**5, 2)]
    hits += [Hit("name", i, i + 5, "", 2) for i in range(0, 10**5, 2)]
    kept = prune(hits)  # quadratic, this was 10^10 comparisons
    assert kept[0] == hits[0] and len(kept) == 1 + 50_000
