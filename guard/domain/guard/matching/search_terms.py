"""The words the guard looks for, derived from the register: names, handles, parties."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from guard.domain.guard.register import Councillor
from guard.domain.text.normalise import WORD, fold_text

# The first four are also looked for run together in hashtags ('#CllrBaker').
TITLES: tuple[str, ...] = ("cllr", "clr", "councillor", "councilor", "cr", "coun", "mayor")
TITLES += ("chair", "chairman", "chairwoman", "alderman", "mayoress")
PLURAL_TITLES = frozenset(fold_text(t) for t in ("cllrs", "clrs", "councillors", "councilors"))
# Electioneering words. "Strong" ones name the act of voting; the others only count beside
# an unmistakable party name, because "back" and "support" are everyday words.
VOTE_WORDS = (
    "vote",
    "votes",
    "voting",
    "vote for",
    "votes for",
    "voting for",
    "re elect",
    "reelect",
    "elect",
    "re-elect",
    "x for",
    "cross for",
    "reelection",
    "re election",
)
CAMPAIGN_WORDS = ("back", "support", "choose", "pick", "campaign for", "canvassing for")
# Party names as people write them. Multi-word names are unmistakable; single words
# ("Green", "Reform", "Labour") are everyday words too and count only right after a vote word.
PARTIES = (
    "Labour",
    "Labour Party",
    "Conservative",
    "Conservatives",
    "Conservative Party",
    "Tory",
    "Tories",
    "Liberal Democrats",
    "Liberal Democrat",
    "Lib Dems",
    "Lib Dem",
    "LibDems",
    "LibDem",
    "Green Party",
    "Greens",
    "Green",
    "Reform UK",
    "Reform",
    "Independent",
    "Independents",
    "UKIP",
    "Plaid Cymru",
    "SNP",
    "Workers Party",
    "Co-operative Party",
)
_STRONG_SINGLE = frozenset(
    fold_text(p) for p in ("Tory", "Tories", "Conservatives", "LibDems", "LibDem", "UKIP", "SNP")
)
AFFIXES = tuple(
    fold_text(a)
    for a in (
        "vote",
        "votefor",
        "vote4",
        "reelect",
        "elect",
        "back",
        "support",
        "team",
        "go",
        "cllr",
        "councillor",
        "for",
        "4",
        "the",
        "with",
        "meet",
        "thanks",
        "thankyou",
        "well",
        "done",
        "welldone",
        "x",
        "official",
        "mp",
        "uk",
        "heanor",
        "loscoe",
    )
)


class Term(NamedTuple):
    kind: str  # name, titled, surname, handle-word, party, party-strong, vote, campaign, plural
    who: int  # index of the councillor, or -1
    label: str  # what to show: the name, the party


@lru_cache(maxsize=4096)
def words(text: str) -> list[str]:
    """The folded words of ``text``, as the scanner sees them (do not mutate: cached)."""
    return WORD.findall(fold_text(text))


_JOINERS = re.compile(r"[\-'’‘`]")


def _variants(name: str) -> tuple[str, ...]:
    """A name as it may be written: 'O'Neill' as 'O Neill' and 'ONeill'."""
    spaced = " ".join(words(name))
    if not _JOINERS.search(name):
        return (spaced,) if spaced else ()
    joined = " ".join(words(_JOINERS.sub("", name)))
    return tuple(dict.fromkeys(v for v in (spaced, joined) if v))


def councillor_terms(
    index: int, c: Councillor
) -> tuple[list[tuple[str, Term]], list[tuple[str, Term]]]:
    """Terms for one councillor: for the word stream (space-separated folded words), and
    run together for hashtags and handles (#AnnBaker, #CllrBaker). A title before a surname
    ('Cllr Baker', 'Cllr A. Baker') is recognised by the scan, not stored per name."""
    stream: list[tuple[str, Term]] = []
    compact: list[tuple[str, Term]] = []
    name_term, surname_term = Term("name", index, c.name), Term("surname", index, c.name)
    for name in (c.name, *c.aliases):
        parts = name.split()
        if len(parts) == 1 and len(name) < 3:
            continue  # a lone one- or two-letter alias would match everywhere
        variants = _variants(name)
        stream += [(v, name_term) for v in variants]
        squeezed = variants[-1].replace(" ", "") if variants else ""
        if len(squeezed) >= 5:
            compact.append((squeezed, name_term))
        if len(parts) > 1:
            surnames = _variants(parts[-1])
            stream += [(v, surname_term) for v in surnames]
            if surnames:
                compact.append((surnames[-1].replace(" ", ""), surname_term))
    for handle in (*c.x_handles, *c.instagram):
        stream.append((" ".join(words(handle)), Term("handle-word", index, c.name)))
    for name in (c.name, *c.aliases):  # surname first: 'Baker, Ann', ballot 'BAKER Ann'
        parts = name.split()
        reversed_name = (
            " ".join(words(" ".join((parts[-1], *parts[:-1])))) if len(parts) > 1 else ""
        )
        if len(reversed_name) >= 2:
            stream.append((reversed_name, name_term))
    return stream, compact


def party_terms(parties: set[str]) -> Iterator[tuple[str, Term]]:
    for party in {*PARTIES, *parties}:
        if not words(party):
            continue
        strong = len(words(party)) > 1 or fold_text(party) in _STRONG_SINGLE
        kind = "party-strong" if strong else "party"
        for variant in _variants(party):
            yield variant, Term(kind, -1, party)


def campaign_terms() -> Iterator[tuple[str, Term]]:
    for word in VOTE_WORDS:
        yield " ".join(words(word)), Term("vote", -1, word)
    for word in CAMPAIGN_WORDS:
        yield " ".join(words(word)), Term("campaign", -1, word)
    for word in PLURAL_TITLES:
        yield word, Term("plural", -1, word)
    for word in TITLES:  # so that a scan finds where titles are ('Cllr Ann')
        yield fold_text(word), Term("title", -1, word)
