"""Cheap finders for the scan: @mentions and #hashtags, and words written in camel case."""

from __future__ import annotations

import re

from guard.domain.guard.matching.search_terms import Term
from guard.domain.guard.matching.word_positions import WordPositions
from guard.domain.text.normalise import word_stream

COMPOUND = re.compile(r"[@#](?:(?<=@)[ \t])?(\w+(?:\.\w+)*)")
# Names run together without a sigil, shown by their case: "Thanks AnnBaker".
_CASES = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "a" * 26 + "A" * 26)
_ASCII_CASES = bytes.maketrans(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", b"a" * 26 + b"A" * 26
)
_WORD_TAIL = re.compile(r"\w*")
# Blank fillers (Hangul, Braille): a space between words, or nothing inside a handle.
FILLERS = re.compile("[\u3164\u115f\u1160\uffa0\u2800]")
UNFILL = str.maketrans(dict.fromkeys("\u3164\u115f\u1160\uffa0\u2800", "\u200b"))


def sigils(text: str) -> list[re.Match[str]]:
    """``COMPOUND.finditer(text)``, but str.find leaps to each '@' and '#' far faster than
    the regex engine scans for them."""
    found: list[re.Match[str]] = []
    at, tag = text.find("@"), text.find("#")
    while at >= 0 or tag >= 0:
        start = tag if at < 0 or 0 <= tag < at else at
        match = COMPOUND.match(text, start)
        end = match.end() if match else start + 1
        if match:
            found.append(match)
        if at >= 0 and at < end:
            at = text.find("@", end)
        if tag >= 0 and tag < end:
            tag = text.find("#", end)
    return found


def camel_spans(text: str) -> list[tuple[int, int]]:
    """Words whose case shows names run together ('AnnBaker'), not after '#' or '@': the
    ASCII letters [A-Za-z]* then a lower-case letter, an upper-case one, and word characters."""
    # a lower-to-upper step is "aA": found by str.find (ASCII through a byte table: faster)
    if text.isascii():
        cases = text.encode("ascii").translate(_ASCII_CASES).decode("ascii")
    else:
        cases = text.translate(_CASES)
    spans: list[tuple[int, int]] = []
    at = cases.find("aA")
    while at >= 0:
        start = at
        while start > 0 and cases[start - 1] in "aA":
            start -= 1
        tail = _WORD_TAIL.match(text, at + 2)
        end = tail.end() if tail else at + 2
        if not start or not (text[start - 1].isalnum() or text[start - 1] in "_#@＠＃"):
            spans.append((start, end))
        at = cases.find("aA", end)
    return spans


def case_step_outside(text: str, spans: list[tuple[int, int, int]]) -> bool:
    """Whether ASCII ``text`` steps from a lower-case letter to an upper-case one ('nB' in
    'AnnBaker') other than inside one of ``spans`` (@mentions as start, end, who, in order: a
    step there is the handle's own, and ``camel_spans`` reads none in it)."""
    cases = text.encode("ascii").translate(_ASCII_CASES)  # bytes: offsets are the text's
    at, k = cases.find(b"aA"), 0
    while at >= 0:
        while k < len(spans) and spans[k][1] < at + 2:
            k += 1  # mentions that end before this step
        if k == len(spans) or spans[k][0] >= at:
            return True
        at = cases.find(b"aA", spans[k][1] - 1)
    return False


_MAX_MENTIONS = 8  # beyond this many, the terms are placed the usual way (this costs per mention)
_MENTION_KINDS = frozenset({"handle-word", "name"})


def terms_inside_mentions(
    found: list[tuple[int, int, Term]],
    known: dict[int, int],
    spaced: str,
    stream: str,
    mentions: list[tuple[int, int, int]],
) -> bool:
    """Whether every term found is a handle or name wholly inside a mention of the same
    councillor (a hit on it would be spanned by the account's, and dropped). ``known`` holds
    each term's place in ``stream``; ``mentions`` the spans of the mentions in ``spaced``."""
    if len(mentions) > _MAX_MENTIONS:
        return False
    positions = None
    for k, n, term in found:
        if term.kind not in _MENTION_KINDS:
            return False
        at = known[k]
        end, more = stream.find(" ", at) + 1, n - 1
        while more:  # to the end of the term's last word
            end, more = stream.find(" ", end) + 1, more - 1
        words = stream[at - 1 : end]  # ' ann baker ': its words, padded
        # The automaton reports every place a term's words are: found nowhere else, they are
        # inside a mention exactly when that mention's words hold them.
        once = all(other is not term or j == k for j, _, other in found) if len(found) > 1 else True
        inside = False
        for a, b, who in mentions:
            if who != term.who:
                continue
            if once:  # a mention's span starts with its '@' (a space in ``spaced``)
                inside = words in (f"{spaced[a:b]} " if n == 1 else word_stream(spaced[a:b]))
            else:
                if positions is None:
                    positions = WordPositions(spaced, stream, known)
                last_word = end - 2 - stream.rfind(" ", 0, end - 1)  # the last word's length
                inside = a <= positions[k] and positions[k + n - 1] + last_word <= b
            if inside:
                break
        if not inside:
            return False
    return True
