"""The register CSV: parsed with an error per bad row, and written back the same way."""

from __future__ import annotations

from guard.domain.guard.register import parse_register_csv, register_to_csv
from tests.guard_support import FIXTURES, WARDS

HEADER = "name,ward,party,x,facebook,instagram,websites,aliases\n"


def test_fixture_register_parses_and_round_trips() -> None:
    councillors, errors = parse_register_csv(
        (FIXTURES / "councillors.csv").read_text(), wards=WARDS
    )
    assert not errors and len(councillors) == 12
    raj = councillors[1]
    assert raj.aliases == ("Raj Patel",) and raj.x_handles == ("RajPatelHeanor",)
    again, errors = parse_register_csv(register_to_csv(councillors), wards=WARDS)
    assert again == councillors and not errors


def test_each_bad_row_is_reported_with_its_line() -> None:
    text = HEADER + (
        ",Heanor East,,,,,,\n"
        "Ann Baker,Heanor East,,@bad-handle!,,,,\n"
        "Bob Cole,Heanor East,,,not-a-page,,,\n"
        "Cy Dee,Nowhere,,,,,,\n"
        "Ed Fox,Heanor East,,,,,,\n"
        "ED  FOX,Heanor East,,,,,,\n"
        "Gil Ho,Heanor East\n"
    )
    councillors, errors = parse_register_csv(text, wards=WARDS)
    assert [c.name for c in councillors] == ["Ed Fox"]
    assert [e.line for e in errors] == [2, 3, 4, 5, 7, 8]
    messages = " | ".join(e.message for e in errors)
    for words in (
        "missing name",
        "malformed X handle",
        "neither a Facebook URL",
        "unknown ward",
        "duplicate name",
        "expected 8 columns",
    ):
        assert words in messages


def test_wrong_header_is_one_error() -> None:
    councillors, errors = parse_register_csv("name,ward\nAnn,East\n")
    assert councillors == [] and errors[0].line == 1 and "header" in errors[0].message


def test_facebook_ids_and_urls_are_accepted() -> None:
    councillors, errors = parse_register_csv(
        HEADER + "Ann Baker,Heanor East,,https://x.com/AnnB,123456;fb.com/ann.b,@ann.b,,\n"
    )
    assert not errors
    assert councillors[0].x_handles == ("AnnB",) and councillors[0].facebook == (
        "123456",
        "fb.com/ann.b",
    )
