"""The verdict: periods, wards, media, the attached link, platform limits and serialisation."""

from __future__ import annotations

import json

from guard.domain.guard.matching.matcher import matcher_for
from guard.domain.guard.platform_limits import weighted_length
from guard.domain.guard.verdict import (
    GuardContext,
    Media,
    PostDraft,
    evaluate,
    finding_to_dict,
    verdict_to_dict,
)
from tests.guard_support import AFTER, DURING, REGISTER, check, context, period


def test_strictest_period_wins() -> None:
    narrow = period(frozenset({"Heanor West"}), "Heanor West by-election")
    whole = period(title="Town council election")
    post = PostDraft("Thanks @CllrAnnBaker")
    verdict = evaluate(post, GuardContext(REGISTER, (narrow, whole)), at=DURING)
    assert verdict.outcome == "block"
    assert verdict.findings[0].election == "Town council election"


def test_narrowed_election_flags_councillors_of_other_wards() -> None:
    assert check("Thanks @CllrAnnBaker", wards=frozenset({"Heanor West"})).outcome == "flag"
    assert check("Thanks @RajPatelHeanor", wards=frozenset({"Heanor West"})).outcome == "block"
    assert check("Ann Baker opened it", wards=frozenset({"Heanor West"})).outcome == "flag"


def test_media_naming_a_councillor_is_flagged_and_a_tagged_account_blocked() -> None:
    named = PostDraft("Our new play area", media=(Media("Cllr Grace Fielding cuts the ribbon"),))
    assert evaluate(named, context(), at=DURING).outcome == "flag"
    tagged = PostDraft("Our new play area", media=(Media("A ribbon", ("Ann Baker",)),))
    assert evaluate(tagged, context(), at=DURING).outcome == "flag"
    account = PostDraft("Our new play area", media=(Media("A ribbon", ("CllrAnnBaker",)),))
    verdict = evaluate(account, context(), at=DURING)
    assert verdict.outcome == "block"
    assert verdict.findings[0].source == "media[0].people_tags[0]"
    assert verdict.findings[0].text == "CllrAnnBaker"


def test_attached_link_is_checked() -> None:
    post = PostDraft("Read more", link="https://www.facebook.com/MarkBrownForLoscoe")
    assert evaluate(post, context(), at=DURING).outcome == "block"


def test_council_own_accounts_are_never_a_councillors() -> None:
    assert check("Follow @HeanorLoscoeTC and facebook.com/HeanorLoscoeTC").outcome == "allow"


def test_platform_limits_block_whatever_the_period() -> None:
    long_post = PostDraft("a" * 281, platform="x")
    verdict = evaluate(long_post, context(), at=AFTER)
    assert verdict.outcome == "block" and verdict.findings[0].rule == "x-length"
    assert evaluate(PostDraft("a" * 280, platform="x"), context(), at=AFTER).outcome == "allow"
    too_long = PostDraft("a" * 63_207, platform="facebook")
    assert evaluate(too_long, context(), at=AFTER).findings[0].rule == "facebook-length"


def test_weighted_length_counts_links_emoji_and_cjk() -> None:
    assert weighted_length("abc") == 3
    assert weighted_length("https://example.org/a/very/long/path/indeed/for/testing") == 23
    assert weighted_length("😀") == 2 and weighted_length("日本") == 4


def test_verdict_serialises_to_json() -> None:
    verdict = check("Vote Labour, thanks @CllrAnnBaker")
    data = json.loads(json.dumps(verdict_to_dict(verdict)))
    assert data["verdict"] == "block"
    first = finding_to_dict(verdict.findings[0])
    assert first["severity"] == "block" and first["councillor"] == "Ann Baker"
    assert set(first) >= {"rule", "start", "end", "text", "election", "explanation", "clause"}


def test_matcher_is_built_once_per_register_version() -> None:
    assert matcher_for(REGISTER) is matcher_for(REGISTER)


def test_rules_quote_the_policy() -> None:
    from guard.domain.guard.rules import RULES

    for rule in RULES:
        assert rule.__doc__ and '"' in rule.__doc__


def test_long_posts_are_checked_in_linear_time() -> None:
    import time

    for text in ("a" * 60_000, "a." * 30_000, "@" * 60_000, "http://" * 9_000):
        started = time.perf_counter()
        check(text)
        assert time.perf_counter() - started < 2.0
