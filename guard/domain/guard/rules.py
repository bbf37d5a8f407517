"""The guard's rules: each reads what the matcher found and says what the policy makes of it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from typing import NamedTuple

from guard.domain.guard import codes
from guard.domain.guard.matching.matcher import Hit

POLICY = (
    "The Council will not promote Councillors' social media accounts during the pre-election "
    "period."
)
# The Code of Recommended Practice on Local Authority Publicity (2011), England's: findings
# carry a reason, and the council's nation chooses which Code's passage is quoted for it.
CODE_33 = codes.ENGLAND_PARA_33
CODE_34 = codes.ENGLAND_PARA_34
CODE_35 = codes.ENGLAND_PARA_35
# Words that mark a statutory notice or a candidate list: factual information (para 34).
_FACTUAL = re.compile(
    r"statement of persons nominated|persons nominated|notice of poll|notice of election|"
    r"list of candidates|candidate list|candidates standing|candidates for|nominated candidates",
    re.IGNORECASE,
)


# A list entry: a name with its party or ward in brackets ('Sam Jones (Green Party)').
_ENTRY = re.compile(r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)+\s*\(")
# Praise or support: a list that does this is no longer only factual.
_PRAISE = re.compile(
    r"hard[- ]?working|tireless|dedicated|brilliant|fantastic|excellent|amazing|wonderful|"
    r"\bgreat\b|\bbest\b|\bproud|thank|well done|congratulat|\bsupport|\bback(?:ed|ing)?\b|"
    r"\bour\s+(?:\w+\s+){0,2}councillor",
    re.IGNORECASE,
)


class Severity(StrEnum):
    INFO = "info"
    FLAG = "flag"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return _RANKS[self]  # a lookup: the verdict sorts and compares findings by it


_RANKS = {Severity.INFO: 0, Severity.FLAG: 1, Severity.BLOCK: 2}


class Evidence(NamedTuple):
    """What the matcher found in one part of a post: its text, a media alt text, a tag."""

    source: str  # "text", "link", "media[0].alt_text", "media[0].people_tags[1]"
    text: str
    hits: tuple[Hit, ...]


class Draft(NamedTuple):
    """A finding before the calendar is applied: the severity inside a restricted period."""

    rule: str
    severity: Severity
    source: str
    hit: Hit
    explanation: str
    clause: str
    code_reason: str | None = None  # a Code passage (codes.INDIVIDUALS, …) instead of ``clause``


_new = tuple.__new__


def _hits(
    evidence: Sequence[Evidence], *kinds: str, media: bool = False
) -> Iterator[tuple[Evidence, Hit]]:
    for part in evidence:
        if part.source.startswith("media") == media:
            yield from ((part, h) for h in part.hits if h.kind in kinds)


# What a rule says of one hit: (explanation, clause, Code passage or None).
Words = tuple[str, str, str | None]


def _promotion(part: Evidence, hit: Hit) -> Words:
    what = "links to" if hit.kind == "account" and "/" in hit.text else "mentions or tags"
    return f"This {what} a councillor's account ({hit.text}).", POLICY, None


def _naming(part: Evidence, hit: Hit) -> Words:
    how = "a hashtag that spells" if hit.kind == "hashtag" else "the name of"
    return f"This contains {how} a councillor ({hit.text}).", CODE_34, codes.INDIVIDUALS


def _campaigning(part: Evidence, hit: Hit) -> Words:
    return f"This reads as campaigning: '{hit.text}' ({hit.detail}).", CODE_35, codes.INFLUENCE


def _unverifiable(part: Evidence, hit: Hit) -> Words:
    return f"The target of {hit.text} can't be checked: use the full address.", POLICY, None


def _picture(source: str, singular: str, plural: str) -> str:
    """'In image 2, the text printed on the picture names' for 'media[1].image_text': the
    subject with its verb agreeing (the text is one thing; a description or tags, several)."""
    number = int(source[6 : source.index("]")]) + 1
    if source.endswith(".image_text"):
        return f"In image {number}, the text printed on the picture {singular}"
    return f"In image {number}, the picture's description or tags {plural}"


def _media_promotion(part: Evidence, hit: Hit) -> Words:
    subject = _picture(part.source, "promotes", "promote")
    return f"{subject} a councillor's account ({hit.text}).", POLICY, None


def _media_naming(part: Evidence, hit: Hit) -> Words:
    if hit.kind in ("electioneering", "party"):  # campaigning: para 35 is the reason
        subject = _picture(part.source, "reads", "read")
        what, clause, reason = f"as campaigning ({hit.text})", CODE_35, codes.INFLUENCE
    else:
        subject = _picture(part.source, "names", "name")
        what, clause, reason = f"a councillor ({hit.text})", CODE_34, codes.INDIVIDUALS
    return f"{subject} {what}.", clause, reason


def _media_unverifiable(part: Evidence, hit: Hit) -> Words:
    # The reason is the promotion clause: the hidden target may be a councillor's account.
    subject = _picture(part.source, "shows", "show")
    return f"{subject} a link whose target can't be checked ({hit.text}).", POLICY, None


Reading = tuple[bool, tuple[str, ...], str, Severity, Callable[[Evidence, Hit], Words]]
# What each rule makes of a hit: (in media?, the kinds it reads, the rule, its severity, its
# words), in the order the findings are listed; the rules below apply their own rows,
# ``drafts_of`` all of them at once.
_READINGS: tuple[Reading, ...] = (
    (False, ("account", "tag"), "promotes-councillor-account", Severity.BLOCK, _promotion),
    (False, ("name", "hashtag"), "names-councillor", Severity.FLAG, _naming),
    (False, ("electioneering", "party"), "electioneering", Severity.FLAG, _campaigning),
    (False, ("shortener",), "unverifiable-link", Severity.FLAG, _unverifiable),
    (True, ("account", "tag"), "media-tags-councillor-account", Severity.BLOCK, _media_promotion),
    (
        True,
        ("name", "hashtag", "electioneering", "party"),
        "media-names-councillor",
        Severity.FLAG,
        _media_naming,
    ),
    (True, ("shortener",), "unverifiable-link", Severity.FLAG, _media_unverifiable),
)
# The readings of each kind of hit, in the text (False) and in media (True).
_BY_KIND: dict[bool, dict[str, list[tuple[int, Reading]]]] = {False: {}, True: {}}
for _order, _reading in enumerate(_READINGS):
    for _kind in _reading[1]:
        _BY_KIND[_reading[0]].setdefault(_kind, []).append((_order, _reading))


def _draft(reading: Reading, part: Evidence, hit: Hit) -> Draft:
    explanation, clause, reason = reading[4](part, hit)
    return Draft(reading[2], reading[3], part.source, hit, explanation, clause, reason)


def _apply(evidence: Sequence[Evidence], first: int, last: int) -> Iterator[Draft]:
    for reading in _READINGS[first:last]:
        for part, hit in _hits(evidence, *reading[1], media=reading[0]):
            yield _draft(reading, part, hit)


def drafts_of(evidence: Sequence[Evidence]) -> list[Draft]:
    """Every rule's drafts in one pass over the hits, in the order the rules list them."""
    found: list[tuple[int, Draft]] = []
    for part in evidence:
        if not part.hits:
            continue
        readings = _BY_KIND[part.source.startswith("media")]
        for hit in part.hits:
            for order, reading in readings.get(hit.kind, ()):
                explanation, clause, reason = reading[4](part, hit)
                fields = (reading[2], reading[3], part.source, hit, explanation, clause, reason)
                draft = _new(Draft, fields)  # Draft(*fields), without its Python-level __new__
                found.append((order, draft))
    if len(found) == 1:
        return [found[0][1]]
    found.sort(key=lambda pair: pair[0])  # stable: by rule, then as the hits came
    return [draft for _, draft in found]


def promotes_account(evidence: Sequence[Evidence]) -> Iterator[Draft]:
    """ "The Council will not promote Councillors' social media accounts during the pre-election
    period." An @mention of a registered handle, a link to a registered profile or a post on
    it (also through share, intent and redirect links), or a tag, promotes the account."""
    return _apply(evidence, 0, 1)


def names_councillor(evidence: Sequence[Evidence]) -> Iterator[Draft]:
    """Code para 34: "Publicity relating to individuals involved directly in the election should
    not be published by local authorities during this period unless expressly authorised by or
    under statute." A full name, known-as name, 'Cllr Surname' or a hashtag spelling one."""
    return _apply(evidence, 1, 2)


def electioneering(evidence: Sequence[Evidence]) -> Iterator[Draft]:
    """Code para 35: "In general, local authorities should not issue any publicity which seeks to
    influence voters." A party name or a phrase such as 'vote for' beside a councillor or party."""
    return _apply(evidence, 2, 3)


def unverifiable_link(evidence: Sequence[Evidence]) -> Iterator[Draft]:
    """ "The Council will not promote Councillors' social media accounts during the pre-election
    period." A shortened link hides its target, so the guard can't tell whether it promotes a
    councillor's account: the clerk checks it."""
    return _apply(evidence, 3, 4)


def media_names_councillor(evidence: Sequence[Evidence]) -> Iterator[Draft]:
    """Code para 34 again, for pictures: media whose alt text, people tags or printed text name a
    councillor (para 35 where they campaign: "should not issue any publicity which seeks to
    influence voters"); a tag or a printed handle or link of a councillor's registered account
    promotes it ("will not promote Councillors' social media accounts")."""
    return _apply(evidence, 4, 7)


def factual_information(drafts: list[Draft], evidence: Sequence[Evidence]) -> list[Draft]:
    """Code para 34: "It is permissible for local authorities to publish factual information which
    identifies the names, wards and parties of candidates at elections." A notice or candidate
    list (several names, or names with their parties or wards) that does nothing else is
    allowed, also when only one of the people on it is guarded."""
    named = set()
    for d in drafts:  # anything but names and party names: more than a list (most drafts)
        if d.rule == "names-councillor":
            named.add(d.hit.who)
        elif d.rule != "electioneering" or d.hit.kind != "party":
            return drafts
    text = " ".join(e.text for e in evidence if e.source == "text")
    listed = len(named) >= 2 or (len(named) == 1 and len(_ENTRY.findall(text)) >= 2)
    if not listed or not _FACTUAL.search(text) or _PRAISE.search(text):
        return drafts
    return [
        Draft(
            d.rule,
            Severity.INFO,
            d.source,
            d.hit,
            d.explanation + " It is part of a factual candidate list or notice.",
            CODE_34,
            codes.FACTUAL,
        )
        for d in drafts
    ]


RULES = (
    promotes_account,
    names_councillor,
    electioneering,
    unverifiable_link,
    media_names_councillor,
)
