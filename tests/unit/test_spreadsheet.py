"""CSV cells are safe in a spreadsheet: OWASP's formula-injection rule, for any text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from guard.domain.text.spreadsheet import TRIGGERS, SafeWriter, escape_cell, unescape_cell

GUARD = Path(__file__).resolve().parents[2] / "guard"


def opened(text: str) -> list[list[str]]:
    """The cells as a spreadsheet reads them from the file."""
    return list(csv.reader(io.StringIO(text, newline="")))


def runs_as_formula(cell: str) -> bool:
    return cell.startswith(TRIGGERS)


@pytest.mark.parametrize("lead", TRIGGERS)
def test_each_trigger_is_escaped(lead):
    cell = lead + 'HYPERLINK("http://evil.example","x")'
    assert escape_cell(cell) == "'" + cell
    assert unescape_cell(escape_cell(cell)) == cell


@given(st.lists(st.text(), min_size=1, max_size=6))
@example(["'\t"]).via("a cell that is a quote before a trigger: found by Hypothesis")
@example(["''=1", "'x"])
def test_no_cell_written_runs_as_a_formula_and_each_reads_back(row):
    out = io.StringIO(newline="")
    SafeWriter(out).writerow(row)
    [cells] = opened(out.getvalue()) or [[]]
    if row == [""]:
        return
    assert not any(runs_as_formula(c) for c in cells)
    assert [unescape_cell(c) for c in cells] == row


@given(st.text())
def test_unescape_undoes_escape_and_leaves_other_text(text):
    assert unescape_cell(escape_cell(text)) == text
    if not text.startswith("'"):
        assert unescape_cell(text) == text


def test_every_csv_the_program_writes_goes_through_the_safe_writers():
    for path in GUARD.rglob("*.py"):
        if path.name == "spreadsheet.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "csv.writer(" not in source and "csv.DictWriter(" not in source, path
