"""Reading a register file as clerks have them: UTF-8 with or without a byte-order mark, or
Windows-1252 as Excel saves "CSV"; anything else is refused whole, naming line and column.
The web upload and `guard councillors import` both come through here."""

from __future__ import annotations

import codecs
import datetime as dt
import re

from sqlmodel import Session

from guard.domain.guard.register import RowError
from guard.services.register import ImportRejected, ImportResult, import_csv
from guard.settings import Settings

# Tab, line feed and carriage return are the only control characters a CSV file needs.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """The file's text; ImportRejected naming the first place that cannot be read."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data, len(codecs.BOM_UTF8), "utf-8", "UTF-8 (it starts with UTF-8's mark)")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, 0, "utf-16", "UTF-16 (it starts with UTF-16's mark)")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not data[: exc.start].isascii():
                # Earlier text was UTF-8: this is a mix, and guessing would garble one part.
                _refuse(data, exc.start, "utf-8", "UTF-8 like the lines before it")
            text = _strict(data, 0, "cp1252", "UTF-8 or Windows-1252")
    bad = _CONTROL.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        code = f"U+{ord(bad.group()):04X}"
        message = f"column {column}: a control character ({code}): is this a spreadsheet file?"
        raise ImportRejected([RowError(line, message + " Save it as CSV and try again.")])
    return text


def import_file(
    session: Session, settings: Settings, data: bytes, *, now: dt.datetime, actor: str = "system"
) -> ImportResult:
    return import_csv(session, settings, decode(data), now=now, actor=actor)


def _strict(data: bytes, start: int, encoding: str, expected: str) -> str:
    try:
        return data[start:].decode(encoding)
    except UnicodeDecodeError as exc:
        _refuse(data, start + exc.start, encoding, expected)
        raise  # not reached


def _refuse(data: bytes, at: int, encoding: str, expected: str) -> None:
    line = data.count(b"\n", 0, at) + 1
    begins = data.rfind(b"\n", 0, at) + 1
    column = len(data[begins:at].decode(encoding, errors="replace")) + 1
    message = (
        f"column {column}: the byte 0x{data[at]:02X} cannot be read as {expected}. "
        "Save the file as CSV UTF-8 and try again; nothing was imported."
    )
    raise ImportRejected([RowError(line, message)])
