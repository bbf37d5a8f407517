"""Evidence file names made safe, and types read from the bytes."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from guard.domain.text.files import LONGEST_NAME, safe_name, sniff_type

SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@given(st.text())
@example("0.0000000\u2120:0")  # the extension cut to length ended in "_", stripped only later
@example("x." + "\u2120" * 80 + "." + "y" * 200)
def test_any_name_becomes_a_safe_one(name):
    safe = safe_name(name)
    assert SAFE.match(safe), safe
    assert len(safe) <= LONGEST_NAME and ".." not in safe.split(".")[0:1]
    assert safe_name(safe) == safe  # already safe: unchanged


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("screenshot.png", "screenshot.png"),
        ("..\\..\\Windows\\evil.png", "evil.png"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\clerk\\Photo 1.JPG", "Photo_1.JPG"),
        ("café menu.pdf", "cafe_menu.pdf"),
        (".htaccess", "htaccess"),
        ("CON.txt", "file_CON.txt"),
        ("", "file"),
        ("....", "file"),
    ],
)
def test_names_as_a_clerk_would_expect(name, expected):
    assert safe_name(name) == expected


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 10, "image/jpeg"),
        (b"GIF89a....", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"<html><script>alert(1)</script></html>", "text/plain"),
        ("A note, in UTF-8: café".encode(), "text/plain"),
        (b"\x00\x01\x02\xff\xfe", "application/octet-stream"),
    ],
)
def test_the_type_comes_from_the_bytes(data, kind):
    assert sniff_type(data) == kind
