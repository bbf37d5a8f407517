"""Register files in the encodings clerks have: UTF-8 with or without its mark, Windows-1252
as Excel saves it; anything else refused whole, naming line and column."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guard.services.register import ImportRejected
from guard.services.register_file import decode

# Printable text as a register holds it: letters, digits, punctuation, separators, newlines.
PRINTABLE = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn"), whitelist_characters=",;\n\t"
)
# What Excel writes in Windows-1252 for English names: accented letters (all above 0xBF, so
# the bytes are never valid UTF-8) between ASCII.
NAME_LETTERS = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ ,;-'\néëöüçñÉÖ")


@given(st.text(PRINTABLE), st.booleans())
def test_utf8_with_or_without_its_mark_reads_back_exactly(text, mark):
    data = (codecs.BOM_UTF8 if mark else b"") + text.encode("utf-8")
    assert decode(data) == text


@given(st.text(NAME_LETTERS, min_size=1))
def test_windows_1252_as_excel_writes_it_reads_back_exactly(text):
    assert decode(text.encode("cp1252")) == text


def test_excel_register_row():
    data = "name,ward\r\nZoë Brontë,Heanor West\r\n£5 – “quoted”\r\n".encode("cp1252")
    assert decode(data) == "name,ward\r\nZoë Brontë,Heanor West\r\n£5 – “quoted”\r\n"


def where(data: bytes) -> tuple[int, str]:
    with pytest.raises(ImportRejected) as refused:
        decode(data)
    [error] = refused.value.errors
    return error.line, error.message


def test_a_mix_of_utf8_and_windows_1252_is_refused_naming_line_and_column():
    data = "name\nZoë\n".encode() + "Brontë\n".encode("cp1252")
    line, message = where(data)
    assert line == 3 and message.startswith("column 6: the byte 0xEB")


def test_a_byte_no_encoding_has_is_refused_naming_line_and_column():
    line, message = where(b"name,ward\nAnn,He\x81anor\n")
    assert line == 2 and message.startswith("column 7: the byte 0x81")


def test_a_spreadsheet_file_is_refused():
    line, message = where(b"PK\x03\x04\x14\x00\x06\x00")
    assert line == 1 and "control character" in message


@given(st.binary())
def test_any_bytes_are_read_or_refused_with_a_place_in_the_file(data):
    try:
        text = decode(data)
    except ImportRejected as refused:
        [error] = refused.errors
        assert 1 <= error.line <= data.count(b"\n") + 1
        assert error.message.startswith("column ")
    else:
        assert isinstance(text, str)
