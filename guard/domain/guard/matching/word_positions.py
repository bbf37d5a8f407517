"""Where the words of a folded text are, found on demand from the word stream."""

from __future__ import annotations

import re
from bisect import bisect_right

_RUNS = re.compile("  +")  # a literal prefix: the regex engine leaps to each run


class WordPositions:
    """The text position of word k, for a scan that reports a few words of many: from
    positions the automaton gave (``known``: word -> stream position) it steps over the
    stream's single spaces, then undoes the collapsing of the text's runs of spaces.

    ``spaced`` is the folded text with every non-word character a space (same length);
    ``stream`` is ``" " + " ".join(words) + " "``, its runs of spaces collapsed."""

    def __init__(self, spaced: str, stream: str, known: dict[int, int]) -> None:
        self.stream = stream
        self.known = known
        self.top = max(known, default=-1)  # the highest word whose position is known
        self.spaced = spaced
        self.lead = len(spaced) - len(spaced.lstrip(" "))
        self.runs: list[int] | None = None  # where each collapsed run's kept space is
        self.shifts: list[int] = []  # characters dropped up to and including that run

    def _collapsed_runs(self) -> list[int]:
        """The runs of spaces, found on the first position asked for (most scans ask none)."""
        runs: list[int] = []
        shift = 0
        if "  " not in self.spaced:
            self.runs = runs
            return runs
        for match in _RUNS.finditer(self.spaced, self.lead):
            runs.append(match.start() - self.lead - shift)
            shift += match.end() - match.start() - 1
            self.shifts.append(shift)
        self.runs = runs
        return runs

    def _in_stream(self, k: int) -> int:
        known, stream = self.known, self.stream
        if k in known:
            return known[k]
        # The nearest known word after k, stepping up: no further than the positions about
        # to be filled in, so a scan costs the text's length in all, not its square.
        j = k + 1
        while j <= self.top and j not in known:
            j += 1
        if j > self.top:
            j = self.top
        self.top = max(self.top, k)
        at = known[j]
        while j > k:
            at = stream.rfind(" ", 0, at - 1) + 1
            j -= 1
            known[j] = at
        while j < k:
            at = stream.find(" ", at) + 1
            j += 1
            known[j] = at
        return at

    def __getitem__(self, k: int) -> int:
        core = self._in_stream(k) - 1  # the stream's first character is its padding space
        runs = self.runs if self.runs is not None else self._collapsed_runs()
        i = bisect_right(runs, core)
        return self.lead + core + (self.shifts[i - 1] if i else 0)
