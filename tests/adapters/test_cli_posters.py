"""Posters with their own text through `guard check --media`: the text in the picture is read."""

from __future__ import annotations

import json

import pytest

from guard.image_text import read_image_text
from tests.posters import poster

IN_PERIOD = "2027-04-14T10:00"
AFTER = "2027-06-14T10:00"
POSTERS = {
    "handle": (("Follow", "@CllrAnnBaker"), 4),
    "name": (("Meet Councillor", "Rajesh Patel", "at the library"), 3),
    "road": (("Market Street closed", "Monday 3 May, 8am to 6pm"), 3),  # held: an image
}


def test_a_poster_is_read_in_reading_order():
    text = read_image_text(poster("Follow @CllrAnnBaker", "Market Street closed"))
    assert text.splitlines() == ["Follow @CllrAnnBaker", "Market Street closed"]


@pytest.mark.parametrize("kind", list(POSTERS))
def test_posters_in_and_out_of_the_period(guard_with_election, tmp_path, kind):
    lines, code = POSTERS[kind]
    path = tmp_path / f"{kind}.png"
    path.write_bytes(poster(*lines))
    args = ("check", "--json", "--media", str(path), "--alt", "A poster", "Come along")
    inside = guard_with_election(*args, "--at", IN_PERIOD)
    assert inside.exit_code == code, inside.stdout + inside.stderr
    findings = json.loads(inside.stdout)["findings"]
    if kind == "handle":
        assert findings[0]["source"] == "media[0].image_text"
        assert "In image 1" in findings[0]["explanation"]
        assert findings[0]["person"] == "Ann Baker"
    if kind == "road":
        assert [f["rule"] for f in findings] == ["image-in-period"]
    outside = guard_with_election(*args, "--at", AFTER)
    assert outside.exit_code == 0, outside.stdout


def test_check_media_needs_alt_text_and_a_real_image(guard_with_election, tmp_path):
    path = tmp_path / "notes.png"
    path.write_bytes(b"not an image")
    no_alt = guard_with_election("check", "--media", str(path), "Hello")
    assert no_alt.exit_code == 2 and "alt text" in no_alt.stderr
    bad = guard_with_election("check", "--media", str(path), "--alt", "x", "Hello")
    assert bad.exit_code == 2 and "not a JPEG, PNG, GIF or WebP" in bad.stderr


def test_the_council_can_turn_the_image_hold_off_or_hold_everything(
    guard_with_election, tmp_path, monkeypatch
):
    path = tmp_path / "road.png"
    path.write_bytes(poster(*POSTERS["road"][0]))
    args = ("check", "--at", IN_PERIOD, "--media", str(path), "--alt", "A poster", "Road news")
    monkeypatch.setenv("GUARD_GUARD_HOLD_IMAGES_IN_PERIOD", "false")
    assert guard_with_election(*args).exit_code == 0
    handle = tmp_path / "handle.png"
    handle.write_bytes(poster(*POSTERS["handle"][0]))
    printed = guard_with_election(
        "check", "--at", IN_PERIOD, "--media", str(handle), "--alt", "x", "Hi"
    )
    assert printed.exit_code == 4  # the text in the picture is still read
    monkeypatch.setenv("GUARD_GUARD_HOLD_ALL_IN_PERIOD", "true")
    strict = guard_with_election("check", "--at", IN_PERIOD, "--json", "Bins go out on Tuesday")
    assert strict.exit_code == 3
    assert "hold_all_in_period" in strict.stdout
