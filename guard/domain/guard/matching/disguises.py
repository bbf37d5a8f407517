"""Texts that hide words from a plain reading: letters spaced out, words broken across lines,
and right-to-left overrides. Each gives the scan another way to read the same text."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Three or more single letters in a row, each followed by a gap ('A n n  B a k e r', 'P.A.T.E.L').
_SPACED = re.compile(r"(?<![^\W_])(?:[^\W_][ .\-·•*_|/+~']{1,3}){2,}[^\W_](?![^\W_])")
# A word broken at the end of a line with a hyphen ('Field-\ning').
THREE_LETTERS = re.compile(" [^ ] [^ ] [^ ] ")  # in the word stream: a spaced run's letters
_BROKEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
_OVERRIDE = re.compile("\u202e([^\u202a-\u202e\u2066-\u2069\n]*)")


def spaced_runs(folded: str, stream: str | None = None) -> Iterator[tuple[int, int]]:
    """Spans (in the folded text) of letters spaced out one by one. ``stream``, the text's
    words between single spaces (``" " + " ".join(words) + " "``), lets a text without three
    one-letter words in a row (a run's letters are each a word) skip the scan, which costs far
    more than looking at them."""
    if stream is not None and not three_letters(stream):
        return
    for match in _SPACED.finditer(folded):
        yield match.start(), match.end()


def three_letters(stream: str) -> bool:
    """Whether a word stream (words between single spaces, padded) has three one-letter words
    in a row, as ``THREE_LETTERS`` finds them: four spaces two apart, which are four spaces
    in a row in every other character, found by a plain search where a regex tries at every
    space."""
    return "    " in stream[::2] or "    " in stream[1::2]


def joined_lines(text: str) -> str | None:
    """``text`` with words broken across lines joined again, the same length (the joins
    become zero-width spaces, which folding drops), or None when nothing is broken."""
    if "\n" not in text or _BROKEN.search(text) is None:
        return None
    return _BROKEN.sub(lambda m: "\u200b" * len(m.group()), text)


def display_order(text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """``text`` as it is displayed where a right-to-left override (U+202E) reverses it, the
    same length, with the reversed spans; None without an override. (Spoofers write a name
    backwards inside an override so that it shows the right way round.)"""
    if "\u202e" not in text:
        return None
    spans: list[tuple[int, int]] = []
    out = list(text)
    for match in _OVERRIDE.finditer(text):
        start, end = match.span(1)
        out[start:end] = reversed(out[start:end])
        spans.append((start, end))
    return "".join(out), spans
