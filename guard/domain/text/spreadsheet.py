"""CSV cells a spreadsheet will not run: OWASP's rule against formula (CSV) injection.

A cell that begins with = + - @, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (``=HYPERLINK(…)``, ``@SUM(…)``), so every CSV the program
writes puts a single quote before such a cell; the quote makes the spreadsheet show the
text as text. Our own importer takes the quote off again. A cell that itself begins with a
quote gets one more, so that the importer gives back exactly what was written ("'=1" stays
"'=1", not "=1").
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = (*TRIGGERS, "'")  # what a quote added by ``escape_cell`` stands before


def escape_cell(value: Any) -> Any:
    """``value`` with a leading quote if a spreadsheet would take it for a formula."""
    if isinstance(value, str) and value.startswith(_QUOTED):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """The text ``escape_cell`` was given: the quote it added taken off, nothing else."""
    if value.startswith("'") and value[1:].startswith(_QUOTED):
        return value[1:]
    return value


class SafeWriter:
    """``csv.writer`` whose every cell is escaped."""

    def __init__(self, out: Any, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([escape_cell(cell) for cell in row])


class SafeDictWriter:
    """``csv.DictWriter`` whose every cell (and header) is escaped."""

    def __init__(self, out: Any, fieldnames: Iterable[str], **options: Any) -> None:
        self._writer = csv.DictWriter(out, fieldnames=list(fieldnames), **options)

    def writeheader(self) -> None:
        self._writer.writerow({name: escape_cell(name) for name in self._writer.fieldnames})

    def writerow(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow({key: escape_cell(value) for key, value in row.items()})
