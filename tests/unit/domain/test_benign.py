"""Posts that share words with councillors, places and parties are allowed inside a period."""

from __future__ import annotations

import pytest

from tests.guard_support import check

BENIGN = [
    "Mill Road closure this weekend",
    "Brown bins collected Tuesday",
    "Grace period for parking permits extended",
    "Green space consultation opens today",
    "King's Coronation anniversary picnic in the park",
    "The Labour market report is out",
    "Mark the date: carol service on 12 December",
    "Reform of the allotment rules agreed",
    "Mark my words, the market will be busy",
    "A grace period applies to late payments",
    "Join us for the King's Speech screening",
    "Jo and Li ran the tombola stall",
    "We were joking about the weather",
    "Langley Mill library reopens on Monday",
    "The Smith Street car park is closed for resurfacing",
    "Ann's Bakery on Market Street is celebrating 50 years",
    "Please vote in our best hanging basket competition",
    "Vote for your favourite design for the new play area",
    "Register to vote by 16 April",
    "Polling stations are open 7am to 10pm on Thursday 6 May",
    "How to vote by post: apply by 19 April",
    "The Notice of Election has been published",
    "Independent review of the leisure centre published",
    "A conservative estimate puts attendance at 2,000",
    "Green bins are collected fortnightly",
    "Back the bid for a new skate park! Support local traders",
    "We support the Green Flag award for Memorial Park",
    "Liberal amounts of grit on the roads tonight",
    "Patel's Pharmacy has extended opening hours",
    "Bakers Lane is closed for resurfacing",
    "David Street car park reopens",
    "The mill pond walk starts at 10am",
    "The kingfisher has returned to the brook",
    "Browns Lane allotments open day",
    "The brownfield site consultation closes Friday",
    "Reformation history talk at the library",
    "Labour Day is a public holiday in many countries",
    "Our independent shops need your support",
    "Follow @HeanorLoscoeTC for updates",
    "facebook.com/HeanorLoscoeTC has the latest news",
    "Our councillors will be at the gala",
    "Fielding questions from residents at the AGM",
    "Li-ion battery recycling point at the depot",
    "Smith & Sons builders are resurfacing the road",
    "A big thanks to the Mill Lane volunteers",
    "The King's Head pub quiz raises £500",
    "Kevin the Carrot returns to the shops",
    "Peter and the Wolf at the Memorial Hall",
    "Choose from three designs for the new bench",
    "Wei Chi class at the community centre",
    "LANGLEY MILL GALA: brown bins and green bins collected as usual",
    "Visit https://www.heanorandloscoe-tc.gov.uk/councillors to see who represents you",
    "Candidates for Heanor East are listed in the Statement of Persons Nominated",
    "#HeanorMarket #GreenSpace #MillRoad",
    "Nominations close at 4pm on 8 April",
]


@pytest.mark.parametrize("text", BENIGN)
def test_benign_post_is_allowed_inside_a_period(text: str) -> None:
    verdict = check(text)
    assert verdict.outcome == "allow", verdict.findings


def test_candidate_list_is_factual_information() -> None:
    text = (
        "Statement of persons nominated, Heanor East: Ann Baker (Independent), "
        "Siobhan O'Neill (Labour), Peter Smith (Conservative)."
    )
    verdict = check(text)
    assert verdict.outcome == "allow"
    assert {f.councillor for f in verdict.findings} >= {"Ann Baker", "Peter Smith"}
