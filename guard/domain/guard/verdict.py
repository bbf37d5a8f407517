"""The guard's verdict on a post at an instant: its findings, and the worst of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from guard.domain.calendar.elections import RestrictedPeriod
from guard.domain.guard.matching.matcher import matcher_for
from guard.domain.guard.platform_limits import over_limit
from guard.domain.guard.register import Register
from guard.domain.guard.rules import RULES, Draft, Evidence, Severity, factual_information

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


class Outcome(StrEnum):
    ALLOW = "allow"
    FLAG = "flag"
    BLOCK = "block"


@dataclass(frozen=True)
class Media:
    alt_text: str = ""
    people_tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostDraft:
    text: str
    platform: str | None = None  # "x", "facebook"; None: no platform limits checked
    link: str | None = None
    media: tuple[Media, ...] = ()


@dataclass(frozen=True)
class GuardContext:
    register: Register
    periods: tuple[RestrictedPeriod, ...]


@dataclass(frozen=True)
class Finding:
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
    source: str = "text"  # or "link", "media[0].alt_text", "media[0].people_tags[1]"


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    findings: tuple[Finding, ...]

    @property
    def limit_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.rule.endswith("-length"))


def _evidence(post: PostDraft, register: Register) -> list[Evidence]:
    matcher = matcher_for(register)
    parts = [("text", post.text)]
    if post.link:
        parts.append(("link", post.link))
    for i, media in enumerate(post.media):
        parts.append((f"media[{i}].alt_text", media.alt_text))
        parts += [(f"media[{i}].people_tags[{j}]", t) for j, t in enumerate(media.people_tags)]
    evidence = []
    for source, text in parts:
        if ".people_tags[" in source and text.strip() and not set(" /") & set(text.strip()):
            # A people tag is a tag: 'CllrAnnBaker' there is the account, as '@CllrAnnBaker' is.
            tag = "@" + text.strip().lstrip("@")
            offset = len(tag) - len(text.strip()) - (len(text) - len(text.lstrip()))
            hits = [
                replace(
                    h,
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
    draft: Draft, periods: list[RestrictedPeriod], ward: str | None
) -> tuple[Severity, RestrictedPeriod | None]:
    """The strictest severity any period in force gives this finding, and that period."""
    best: tuple[Severity, RestrictedPeriod | None] = (Severity.INFO, None)
    for period in periods:
        severity = draft.severity
        if severity is Severity.BLOCK and ward is not None and not period.covers_ward(ward):
            severity = Severity.FLAG  # an election narrowed to other wards: review, not refuse
        if best[1] is None or severity.rank > best[0].rank:
            best = (severity, period)
    return best


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One finding per rule, source, span and councillor."""
    seen: dict[tuple[str, str, int, int, int], Draft] = {}
    for d in drafts:
        seen.setdefault((d.rule, d.source, d.hit.start, d.hit.end, d.hit.who), d)
    return list(seen.values())


def evaluate(post: PostDraft, context: GuardContext, *, at: dt.datetime) -> Verdict:
    """Check ``post`` as if it were sent at ``at``; the verdict is the worst finding."""
    if (limit := over_limit(post.text, post.platform)) is not None:
        # Refused before any matching: no platform takes it, and reading it costs its length.
        return Verdict(Outcome.BLOCK, (_limit_finding(post, limit),))
    evidence = _evidence(post, context.register)
    drafts = _dedupe([d for rule in RULES for d in rule(evidence)])
    drafts = factual_information(drafts, evidence)
    periods = [p for p in context.periods if p.contains(at)]
    people = context.register.councillors
    findings = []
    for d in drafts:
        who = people[d.hit.who] if d.hit.who >= 0 else None
        severity, period = _in_force(d, periods, who.ward if who else None)
        if d.severity is Severity.INFO:
            severity = Severity.INFO
        findings.append(
            Finding(
                d.rule,
                severity,
                d.hit.start,
                d.hit.end,
                d.hit.text,
                who.name if who else None,
                period.election.title if period else None,
                period.election.id if period else None,
                d.explanation,
                d.clause,
                d.source,
            )
        )
    findings.sort(key=lambda f: (-f.severity.rank, f.source != "text", f.start))
    worst = max((f.severity.rank for f in findings), default=0)
    return Verdict((Outcome.ALLOW, Outcome.FLAG, Outcome.BLOCK)[worst], tuple(findings))


def _limit_finding(post: PostDraft, limit: tuple[str, int, int]) -> Finding:
    rule, length, most = limit
    where = post.platform or "any platform"
    return Finding(
        rule,
        Severity.BLOCK,
        0,
        len(post.text),
        "",
        None,
        None,
        None,
        f"The post is {length} long; {where} allows {most}. Shorten it to have it checked.",
        f"{where} limit: {most}",
        "text",
    )


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
    }


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    return {
        "verdict": verdict.outcome.value,
        "findings": [finding_to_dict(f) for f in verdict.findings],
    }
