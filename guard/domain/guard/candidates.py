"""Candidates at an election (the Statement of Persons Nominated), and who the guard protects.

Code para 34 speaks of "individuals involved directly in the election": every candidate, not
only the sitting councillors. A candidate is guarded as a councillor during the period of the
election they stand in, and not outside it unless they are a councillor too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from guard.domain.guard.register import (
    Councillor,
    Register,
    RowError,
    parse_register_csv,
)
from guard.domain.text.links import resolve, x_key
from guard.domain.text.normalise import fold_text


@dataclass(frozen=True)
class Candidate:
    """One candidate standing in one election; ``person`` holds the name, area and accounts
    (its ``ward`` is the electoral area, which need not be one of the council's wards)."""

    election_id: int
    person: Councillor
    withdrawn: bool = False  # a withdrawn candidate stays guarded to the poll

    @property
    def name(self) -> str:
        return self.person.name


@dataclass(frozen=True)
class Guarded:
    """Everyone the guard protects, as one register for the matcher. ``scopes[i]`` is None for
    a councillor (guarded in every period) or the elections a candidate-only person stands in;
    ``roles[i]`` is 'councillor' or 'candidate'."""

    register: Register
    scopes: tuple[frozenset[int] | None, ...]
    roles: tuple[str, ...]


def parse_candidates_csv(text: str, election_id: int) -> tuple[list[Candidate], list[RowError]]:
    """Candidates from a CSV with the register's columns; the same line-numbered errors."""
    # An empty ward is the election's whole area (a parish with no wards).
    people, errors = parse_register_csv(text, ward_required=False)
    return [Candidate(election_id, p) for p in people], errors


def _name_key(name: str) -> str:
    return fold_text(" ".join(name.split()))


def _account_keys(person: Councillor) -> set[str]:
    keys = {x_key(h) for h in person.x_handles}
    keys |= {"instagram:" + fold_text(i) for i in person.instagram}
    for value in (*person.facebook, *person.websites):
        keys |= set(resolve(value if not value.isdigit() else f"facebook.com/{value}")[1])
    return keys


def linked_councillor(candidate: Candidate, councillors: Sequence[Councillor]) -> int | None:
    """The index of the councillor this candidate is (same name or a shared account), or None."""
    names = {_name_key(n) for n in (candidate.name, *candidate.person.aliases)}
    accounts = _account_keys(candidate.person)
    for i, c in enumerate(councillors):
        theirs = {_name_key(n) for n in (c.name, *c.aliases)}
        if names & theirs or (accounts and accounts & _account_keys(c)):
            return i
    return None


def _merge(person: Councillor, other: Councillor) -> Councillor:
    """``person`` with ``other``'s aliases and accounts added (a campaign account, say)."""

    def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*a, *b)))

    extra_aliases = (other.name,) if _name_key(other.name) != _name_key(person.name) else ()
    return replace(
        person,
        aliases=union(person.aliases, (*extra_aliases, *other.aliases)),
        x_handles=union(person.x_handles, other.x_handles),
        facebook=union(person.facebook, other.facebook),
        instagram=union(person.instagram, other.instagram),
        websites=union(person.websites, other.websites),
    )


def guarded(register: Register, candidates: Iterable[Candidate] = ()) -> Guarded:
    """The register with every candidate added: a candidate who is a councillor is merged into
    that councillor (never a second person); the others are guarded in their elections only."""
    key = (register.version, tuple(candidates))
    found = _CACHE.get(key)
    if found is None:  # keyed by the register's version: hashing 100,000 councillors is slow
        if len(_CACHE) >= 8:
            _CACHE.pop(next(iter(_CACHE)))
        found = _CACHE[key] = _guarded(register, key[1])
    return found


_CACHE: dict[tuple[str, tuple[Candidate, ...]], Guarded] = {}


def _guarded(register: Register, candidates: tuple[Candidate, ...]) -> Guarded:
    people = list(register.councillors)
    scopes: list[frozenset[int] | None] = [None] * len(people)
    roles = ["councillor"] * len(people)
    if not candidates:
        return Guarded(register, tuple(scopes), tuple(roles))
    councillors = tuple(people)
    by_name: dict[str, int] = {}
    for candidate in candidates:
        linked = linked_councillor(candidate, councillors)
        if linked is not None:
            people[linked] = _merge(people[linked], candidate.person)
            continue
        key = _name_key(candidate.name)
        if key in by_name:  # the same person standing in two elections: one entry, both scopes
            i = by_name[key]
            people[i] = _merge(people[i], candidate.person)
            scopes[i] = (scopes[i] or frozenset()) | {candidate.election_id}
            continue
        by_name[key] = len(people)
        people.append(candidate.person)
        scopes.append(frozenset({candidate.election_id}))
        roles.append("candidate")
    digest = hashlib.sha256(
        (register.version + repr(sorted(map(repr, candidates)))).encode()
    ).hexdigest()[:16]
    combined = Register(tuple(people), register.own_accounts, digest)
    return Guarded(combined, tuple(scopes), tuple(roles))
