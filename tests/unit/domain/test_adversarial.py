"""More evasions and look-alikes, both ways: promotions blocked, namings flagged, benign allowed."""

from __future__ import annotations

import pytest

from tests.guard_support import check

BLOCKED = [
    "Thanks @Cllr\u200dAnn\u200dBaker",
    "Thanks @Cllr\u2063AnnBaker",
    "Thanks @\u0421llr\u0410nn\u0412\u0430k\u0435r",  # Cyrillic capitals: В is B, в is not
    "Thanks @𝖢𝗅𝗅𝗋𝖠𝗇𝗇𝖡𝖺𝗄𝖾𝗋",
    "Thanks @𝓒𝓵𝓵𝓻𝓐𝓷𝓷𝓑𝓪𝓴𝓮𝓻",
    "Thanks @ᴄʟʟʀᴀɴɴʙᴀᴋᴇʀ",  # small capitals
    "Thanks @C11rAnnBaker",
    "(@CllrAnnBaker)",
    '"@CllrAnnBaker"',
    "**@CllrAnnBaker**",
    "—@RajPatelHeanor thanks",
    ".@MarkBrownCllr",
    "@ CllrAnnBaker",
    "@LiWei\uff3fCllr",
    "@GrаceFielding",
    "https://x.com/CllrAnnBaker/status/123?s=20",
    "mobile.twitter.com/CllrAnnBaker",
    "twitter.com/intent/follow?screen_name=CllrAnnBaker",
    "https://x.com/intent/follow?original_referer=a&screen_name=RajPatelHeanor&ref_src=b",
    "https://www.facebook.com/profile.php?id=100012345678&ref=xyz",
    "https://www.facebook.com/photo.php?fbid=1&id=100012345678",
    "https://www.facebook.com/100012345678/posts/123",
    "facebook.com/people/Rajesh-Patel/100012345678/",
    "fb.com/MarkBrownForLoscoe",
    "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2FMarkBrownForLoscoe&h=AT0",
    "https://l.facebook.com/l.php?u=https%253A%252F%252Fx.com%252FCllrAnnBaker",
    "https://www.google.com/url?q=https://x.com/CllrAnnBaker",
    "https://www.google.co.uk/url?sa=t&url=https%3A%2F%2Fx.com%2FCllrAnnBaker",
    "https://href.li/?https://x.com/CllrAnnBaker",
    "https://www.youtube.com/redirect?q=https://x.com/CllrAnnBaker",
    "https://t.co/abc?u=x.com/CllrAnnBaker",
    "https%3A%2F%2Fx.com%2FCllrAnnBaker",
    "x%2Ecom/CllrAnnBaker",
    "instagram.com/jo.king.lma",
    "@jo.king.lma on Instagram",
    "gracefielding.org.uk/about",
    "GRACEFIELDING.ORG.UK",
    "<https://x.com/LiWei_Cllr>",
    "[follow](x.com/DavidMillCllr)",
    "x.com/CllrAnnBaker.",
    "“x.com/CllrAnnBaker”",
    "«x.com/CllrAnnBaker»",
    "x.com/CllrAnnBaker—great",
    "_x.com/CllrAnnBaker_",
    "x.com/CllrAnnBaker’s page",
    "ｘ.ｃｏｍ/CllrAnnBaker",
    "Thanks @Cllr\u3164AnnBaker",  # a Hangul filler is blank: no space inside a handle
    "Thanks @CllrAnn\u2800Baker!",
]

FLAGGED = [
    "Siobhan O’Neill opened it",
    "Kevin O’Brien opened it",
    "Kev O Brien opened it",
    "Zoë Hart‑Williams spoke",
    "ZOË HART-WILLIAMS spoke",
    "Zoe Hart–Williams spoke",
    "Cllr Hart Williams",
    "Thanks AnnBaker",
    "JoKing spoke",
    "Ann\u00a0Baker",
    "Vote Mark Brown",
    "with Cllrs Wei and King",
    "Cllr Z. Hart-Williams",
    "Ann\u3164Baker spoke",
    "More at https://www.facebook.com/share/p/1AbCdEf/",  # an opaque share link
]

BENIGN = [
    "Follow @HeanorLoscoeTC",
    "https://x.com/HeanorLoscoeTC/status/1",
    "Kingsway roadworks",
    "Li-ion batteries must not go in bins",
    "Jo-Jo the clown at the gala",
    "Peter Smithson exhibition",
    "Brownhill allotments",
    "Grace Church coffee morning",
    "Reform Street parking",
    "Labour Day picnic",
    "The Green Party of the Mill Pond ducks",
    "vote on the allotment rules at the meeting",
    "how to vote: polling stations open 7am–10pm",
    "Notice of election published today",
    "Statement of persons nominated: see our website",
    "Vote at Langley Mill Infant School on 6 May",
    "Cast your vote for the best pie at Heanor market",
    "Ann Summers, Grace Kelly and Peter Pan at the film night",
    "The AnnBakery and Mark Brownlow",
    "#MillRoad #BrownBins #LabourDay #PollingDay",
    "iPhone repair café at the library",
    "https://www.gov.uk/how-to-vote",
    "Email info@heanorandloscoe-tc.gov.uk",
]


@pytest.mark.parametrize("text", BLOCKED)
def test_promotion_is_blocked(text: str) -> None:
    verdict = check(text)
    assert verdict.outcome == "block", verdict.findings


@pytest.mark.parametrize("text", FLAGGED)
def test_naming_is_flagged(text: str) -> None:
    verdict = check(text)
    assert verdict.outcome == "flag", verdict.findings


@pytest.mark.parametrize("text", BENIGN)
def test_benign_is_allowed(text: str) -> None:
    verdict = check(text)
    assert verdict.outcome == "allow", verdict.findings


def test_spans_point_at_the_promotion() -> None:
    text = "See “x.com/CllrAnnBaker”, thanks"
    (finding,) = check(text).findings
    assert text[finding.start : finding.end] == "x.com/CllrAnnBaker"
