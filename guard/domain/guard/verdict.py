"""The guard's verdict on a post at an instant: its findings, and the worst of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any, NamedTuple

from guard.domain.calendar.elections import RestrictedPeriod
from guard.domain.guard.candidates import Candidate, Guarded, guarded
from guard.domain.guard.codes import Nation, quotation
from guard.domain.guard.holds import period_holds
from guard.domain.guard.matching.matcher import matcher_for
from guard.domain.guard.payload import Media, PostDraft, Rendered, render
from guard.domain.guard.platform_limits import over_limit, platform_refusals
from guard.domain.guard.register import Register
from guard.domain.guard.rules import Draft, Evidence, Severity, drafts_of, factual_information

__all__ = [
    "Finding",
    "GuardContext",
    "Media",
    "Outcome",
    "PostDraft",
    "Severity",
    "Verdict",
    "evaluate",
    "finding_to_dict",
    "verdict_to_dict",
]


# The severities as plain names: an enum's member costs a lookup through its class each time,
# and the guard compares them for every finding.
INFO, FLAG, BLOCK = Severity.INFO, Severity.FLAG, Severity.BLOCK
# A named tuple made from a tuple of all its fields, without the Python-level __new__ that
# its class call runs: half the cost, where the guard makes one per finding.
_new = tuple.__new__


class Outcome(StrEnum):
    """What the guard does with a post: lets it go, holds it for a person to review, or
    refuses it."""

    ALLOW = "allow"
    FLAG = "flag"
    BLOCK = "block"


@dataclass(frozen=True)
class GuardContext:
    """What the guard judges against: the register, the candidates, the periods, and the
    council's own choices (``[guard]`` settings, passed in: the domain reads no settings)."""

    register: Register
    periods: tuple[RestrictedPeriod, ...]
    candidates: tuple[Candidate, ...] = ()
    hold_images: bool = True  # every post with an image waits for review inside a period
    hold_all: bool = False  # every post inside a period waits for review
    nation: Nation = Nation.ENGLAND  # whose Code of publicity the findings quote

    @cached_property
    def guarded(self) -> Guarded:
        """Kept with the context: a batch judged against one context looks it up once."""
        return guarded(self.register, self.candidates)


class Finding(NamedTuple):
    """One thing the guard found, with its severity at the instant judged, and why."""

    rule: str
    severity: Severity
    start: int  # span in the source's original text
    end: int
    text: str  # the matched words, as written
    councillor: str | None
    election: str | None  # title of the election whose period gave the severity
    election_id: int | None
    explanation: str
    clause: str  # the policy or Code text the rule enforces
    source: str = "text"  # or "link", "media[0].alt_text", "media[0].people_tags[1]", ...
    person: str | None = None  # the councillor or candidate named
    role: str | None = None  # "councillor" or "candidate"


class Verdict(NamedTuple):
    """The worst finding's outcome, and every finding (findings and verdicts are named tuples:
    light values, made many times a check)."""

    outcome: Outcome
    findings: tuple[Finding, ...]

    @property
    def limit_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule.startswith(PLATFORM_RULES))


def _evidence(post: PostDraft, rendered: Rendered, register: Register) -> list[Evidence]:
    matcher = matcher_for(register)
    if not rendered.link and not post.media:  # most posts: the text alone
        hits = matcher.scan(rendered.text) if rendered.text else ()
        return [_new(Evidence, ("text", rendered.text, tuple(hits)))] if rendered.text else []
    parts = [("text", rendered.text)]
    if rendered.link:
        parts.append(("link", rendered.link))
    for i, media in enumerate(post.media):
        parts.append((f"media[{i}].alt_text", media.alt_text))
        parts += [(f"media[{i}].people_tags[{j}]", t) for j, t in enumerate(media.people_tags)]
        parts.append((f"media[{i}].image_text", media.image_text))
    evidence = []
    for source, text in parts:
        if ".people_tags[" in source and text.strip() and not set(" /") & set(text.strip()):
            # A people tag is a tag: 'CllrAnnBaker' there is the account, as '@CllrAnnBaker' is.
            tag = "@" + text.strip().lstrip("@")
            offset = len(tag) - len(text.strip()) - (len(text) - len(text.lstrip()))
            hits = [
                h._replace(
                    start=max(0, h.start - offset),
                    end=max(0, h.end - offset),
                    text=text[max(0, h.start - offset) : max(0, h.end - offset)],
                )
                for h in matcher.scan(tag)
            ]
            evidence.append(Evidence(source, text, tuple(hits)))
        elif text:
            evidence.append(Evidence(source, text, tuple(matcher.scan(text))))
    return evidence


def _in_force(
    severity: Severity,
    periods: list[RestrictedPeriod],
    ward: str | None,
    scope: frozenset[int] | None = None,
) -> tuple[Severity, RestrictedPeriod | None]:
    """The strictest severity any period in force gives a finding of ``severity``, and that
    period; a candidate who is not a councillor counts only in the periods of their own
    elections, and a refusal in an election narrowed to other wards is a review."""
    best, chosen = INFO, None
    for period in periods:
        if scope is not None and period.election.id not in scope:
            continue
        here = severity
        wards = period.election.wards  # period.covers_ward, without two calls a finding
        if here is BLOCK and ward is not None and wards and ward not in wards:
            here = FLAG  # an election narrowed to other wards: review, not refuse
        if chosen is None or _RANK[here] > _RANK[best]:
            best, chosen = here, period
    return best, chosen


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One finding per rule, source, span and councillor."""
    seen: dict[tuple[str, str, int, int, int], Draft] = {}
    for d in drafts:
        seen.setdefault((d.rule, d.source, d.hit.start, d.hit.end, d.hit.who), d)
    return list(seen.values())


def evaluate(post: PostDraft, context: GuardContext, *, at: dt.datetime) -> Verdict:
    """Check the payload ``post`` renders to, as if sent at ``at``; the verdict is the worst
    finding."""
    rendered = render(post)
    if (limit := over_limit(rendered.text, post.platform)) is not None:
        # Refused before any matching: no platform takes it, and reading it costs its length.
        return Verdict(Outcome.BLOCK, (_limit_finding(post.platform, rendered.text, limit),))
    people = context.guarded
    evidence = _evidence(post, rendered, people.register)
    periods = [p for p in context.periods if p.contains(at)]
    findings: list[Finding] = []
    if drafts := drafts_of(evidence):  # one pass over the hits: nothing for a post without
        if len(drafts) > 1:
            drafts = _dedupe(drafts)
        for d in factual_information(drafts, evidence):
            findings.append(_finding(d, people, periods, context.nation))
    if periods and (context.hold_all or (context.hold_images and post.media)):
        holds = period_holds(
            post, periods, hold_images=context.hold_images, hold_all=context.hold_all
        )
        findings += [
            Finding(
                h.rule,
                Severity.FLAG,
                0,
                0,
                "",
                None,
                h.period.election.title,
                h.period.election.id,
                h.explanation,
                quotation(context.nation, h.code_reason) if h.code_reason else h.clause,
                h.source,
            )
            for h in holds
        ]
    if post.platform is not None:
        findings += [
            _platform_finding(rule, explanation)
            for rule, explanation in platform_refusals(
                rendered.text, post.platform, len(rendered.alt_texts)
            )
        ]
    if not findings:
        return _ALLOWED
    if len(findings) > 1:
        findings.sort(key=_listed)  # the worst first
    return _new(Verdict, (_OUTCOMES[_RANK[findings[0].severity]], tuple(findings)))


_RANK = {INFO: 0, FLAG: 1, BLOCK: 2}
_OUTCOMES = (Outcome.ALLOW, Outcome.FLAG, Outcome.BLOCK)


def _listed(f: Finding) -> tuple[int, bool, int]:
    """The order findings are listed in: the worst first, the text's before the rest."""
    return -_RANK[f.severity], f.source != "text", f.start


_ALLOWED = Verdict(Outcome.ALLOW, ())  # most posts: one value, shared (it is frozen)


def _limit_finding(platform: str | None, text: str, limit: tuple[str, int, int]) -> Finding:
    rule, length, most = limit
    where = platform_name(platform) if platform else "No platform"
    return Finding(
        rule,
        Severity.BLOCK,
        0,
        len(text),
        "",
        None,
        None,
        None,
        f"{where} allows {most} characters; this post has {length}.",
        "",  # a platform's rule, not a clause of the council's policy
        "text",
    )


def _platform_finding(rule: str, explanation: str) -> Finding:
    """A platform's own refusal (Instagram's image, hashtags, @mentions): no policy clause."""
    return Finding(rule, Severity.BLOCK, 0, 0, "", None, None, None, explanation, "", "text")


def _finding(d: Draft, people: Guarded, periods: list[RestrictedPeriod], nation: Nation) -> Finding:
    """A draft with the calendar applied, naming the person and the election."""
    hit, severity, explanation = d.hit, d.severity, d.explanation
    person = councillor = role = scope = ward = None
    if hit.who >= 0:
        who = people.register.councillors[hit.who]
        role, scope, person = people.roles[hit.who], people.scopes[hit.who], who.name
        if role == "councillor":
            councillor, ward = person, who.ward
        explanation = explanation.replace("a councillor", f"{role} {person}")
    title = election_id = None
    period: RestrictedPeriod | None = None
    in_force = INFO
    if len(periods) == 1 and scope is None:  # most findings: one election, a councillor
        period, wards = periods[0], periods[0].election.wards
        narrowed = severity is BLOCK and ward is not None and wards and ward not in wards
        in_force = FLAG if narrowed else severity  # as _in_force finds it
    elif periods:
        in_force, period = _in_force(severity, periods, ward, scope)
    if period is not None:
        title, election_id = period.election.title, period.election.id
        explanation += f" Election: {title}."
    if severity is not INFO:
        severity = in_force
    clause = quotation(nation, d.code_reason) if d.code_reason else d.clause
    return _new(
        Finding,
        (
            d.rule,
            severity,
            hit.start,
            hit.end,
            hit.text,
            councillor,
            title,
            election_id,
            explanation,
            clause,
            d.source,
            person,
            role,
        ),
    )


PLATFORM_NAMES = {"x": "X", "facebook": "Facebook", "instagram": "Instagram"}


def platform_name(platform: str) -> str:
    """How a clerk names the platform: "X", "Facebook", "Instagram"."""
    return PLATFORM_NAMES.get(platform, platform)


# The rules that are a platform's own limits, not the policy's.
PLATFORM_RULES = ("x-", "facebook-", "instagram-", "post-length")


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A JSON-ready dict of ``finding`` (severity as its string value)."""
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "councillor": finding.councillor,
        "election": finding.election,
        "election_id": finding.election_id,
        "explanation": finding.explanation,
        "clause": finding.clause,
        "source": finding.source,
        "person": finding.person,
        "role": finding.role,
    }


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    return {
        "verdict": verdict.outcome.value,
        "findings": [finding_to_dict(f) for f in verdict.findings],
    }
