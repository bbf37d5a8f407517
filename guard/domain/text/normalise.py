"""Text normalisation for matching, with a map back to the original text's offsets."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from guard.domain.text.confusables import prototypes
from guard.domain.text.latin_folds import latin_fold_table

# Characters that only hide: format (Cf: zero-width, soft hyphen, bidi, tags), combining
# marks (Mn, Me: diacritics and variation selectors), controls and private use.
_DROP = frozenset({"Cf", "Mn", "Me", "Cc", "Co", "Cs", "Cn"})
_SPACES = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029\u3164\u115f\u1160\uffa0\u2800")
_APOSTROPHES = frozenset("'`´‘’‚‛′‵ʹʻʼʽʾʿˈˊˋ＇❛❜")
_DASHES = frozenset("-‐‑‒–—―−⁃˗﹘﹣－")
WORD = re.compile(r"[^\W_]+")
_RN = re.compile("rn")


def _step(text: str, skeleton: bool) -> str:
    table = prototypes() if skeleton else {}
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text)):
        category = unicodedata.category(ch)
        if ch in _SPACES or category == "Zs":
            out.append(" ")
        elif category in _DROP:
            continue
        elif ch in _APOSTROPHES:
            out.append("'")
        elif ch in _DASHES or category == "Pd":
            out.append("-")
        elif (small := _small_capital(ch)) is not None:
            out.append(small)
        else:  # skeleton before and after folding: Cyrillic 'В' looks like 'B', 'в' does not
            out.extend(table.get(c, c) for c in table.get(ch, ch).casefold())
    return "".join(out)


def _small_capital(ch: str) -> str | None:
    """'ʟ' (LATIN LETTER SMALL CAPITAL L) reads as 'l'; NFKC and UTS #39 leave most alone."""
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN LETTER SMALL CAPITAL ") and len(name) == 28:
        return name[-1].lower()
    return None


@cache
def fold_char(char: str, skeleton: bool = True) -> str:
    """One character's matching form: NFKC, no marks or invisibles, case-folded, skeleton."""
    previous, current = None, char
    for _ in range(6):  # the mappings settle in two or three rounds
        if current == previous:
            break
        previous, current = current, _step(current, skeleton)
    return current


def fold_text(text: str, skeleton: bool = True) -> str:
    """The matching form of a whole string (no offsets: for register terms)."""
    folded = _translate(text, skeleton)
    return folded.replace("rn", "m") if skeleton else folded


def _translate(text: str, skeleton: bool) -> str:
    """Each character folded: ASCII through a byte table (several times faster than a
    str.translate dictionary), anything else through the lazily filled table."""
    if text.isascii():
        table, drop = _ascii_bytes(skeleton)
        return text.encode("ascii").translate(table, drop).decode("ascii")
    return text.translate(_table(skeleton))


_new = tuple.__new__  # a named tuple from all its fields, without its class's Python-level __new__


@cache
def _ascii_bytes(skeleton: bool) -> tuple[bytes, bytes]:
    """``ascii_fold_table`` as bytes.translate's table and the bytes it deletes."""
    folds = ascii_fold_table(skeleton)
    table = bytes(ord(folds[c]) if folds[c] else c for c in range(128)) + bytes(range(128, 256))
    return table, bytes(c for c in range(128) if not folds[c])


# ASCII's matching form, written out so that folding ASCII text never loads the confusables
# table (tests/unit check it against ``fold_char``): controls vanish, the C0 separators and
# whitespace become spaces, letters fold to lower case, and the skeleton joins a few look-alikes.
_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
_ASCII_SKELETON = {'"': "'", "0": "o", "1": "l", "I": "l", "i": "l", "|": "l", "`": "'"}


def ascii_fold_table(skeleton: bool) -> dict[int, str]:
    """``fold_char`` of every ASCII character, without computing it."""
    table: dict[int, str] = {}
    for code in range(128):
        char = chr(code)
        if char in _ASCII_SPACES:
            table[code] = " "
        elif code < 32 or code == 127:
            table[code] = ""
        else:
            table[code] = _ASCII_SKELETON.get(char, char.lower()) if skeleton else char.lower()
    if not skeleton:
        table[ord("`")] = "'"
    return table


class _LazyTable(dict[int, str]):
    """A str.translate table: ASCII and the Latin letters written out, others filled on first
    sight (which loads the confusables)."""

    def __init__(self, skeleton: bool) -> None:
        super().__init__(ascii_fold_table(skeleton))
        self.update(latin_fold_table(skeleton))
        self.skeleton = skeleton

    def __missing__(self, code: int) -> str:
        value = self[code] = fold_char(chr(code), self.skeleton)
        return value


@cache
def _table(skeleton: bool) -> _LazyTable:
    return _LazyTable(skeleton)


@cache
def _irregular(skeleton: bool) -> re.Pattern[str]:
    """Characters that may not fold to exactly one character: all non-ASCII, a few ASCII."""
    odd = "".join(chr(c) for c, v in ascii_fold_table(skeleton).items() if len(v) != 1)
    return re.compile(f"[\\x80-\\U0010ffff{re.escape(odd)}]")


@dataclass(frozen=True)
class OffsetMap:
    """Pieces where n input characters became m output characters (n != m or both 1 but
    contracted); between two pieces the offset shifts by a constant."""

    out_starts: tuple[int, ...] = ()
    out_sizes: tuple[int, ...] = ()
    in_starts: tuple[int, ...] = ()
    in_sizes: tuple[int, ...] = ()

    def _locate(self, pos: int) -> tuple[int, bool]:
        """The input index for output ``pos``, and whether it fell inside a piece."""
        k = bisect_right(self.out_starts, pos) - 1
        if k < 0:
            return pos, False
        start, size = self.out_starts[k], self.out_sizes[k]
        if pos < start + size:
            return k, True
        return self.in_starts[k] + self.in_sizes[k] + pos - start - size, False

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input slice that produced the output slice ``[start, end)``."""
        if not self.out_starts:  # nothing changed length: offsets are the same
            return start, max(start, end)
        first, inside = self._locate(start)
        if inside:
            first = self.in_starts[first]
        if end <= start:
            return first, first
        last, inside = self._locate(end - 1)
        last = self.in_starts[last] + self.in_sizes[last] if inside else last + 1
        return first, last


SAME_OFFSETS = _SAME = OffsetMap()  # nothing to map: offsets in the fold are the original's


class Folded(NamedTuple):
    """A folded text and the way back to the original: ``span`` maps a slice of ``text``
    (a named tuple: every scan makes one, most of them with nothing to map)."""

    original: str
    text: str
    chars: OffsetMap = _SAME  # original -> per-character fold
    pairs: OffsetMap = _SAME  # per-character fold -> text ('rn' contracted to 'm')

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of the folded slice ``text[start:end]``."""
        if self.chars is _SAME and self.pairs is _SAME:  # most text: the offsets are the same
            return start, end if end > start else start
        return self.chars.span(*self.pairs.span(start, end))


def fold(text: str, *, skeleton: bool = True) -> Folded:
    """Fold ``text`` for matching and keep the offset map back to it."""
    if text.isascii():
        # ASCII folds to one character or none (controls): a map only where some were dropped
        table, drop = _ascii_bytes(skeleton)
        folded = text.encode("ascii").translate(table, drop).decode("ascii")
        chars = _SAME if len(folded) == len(text) else _char_map(text, skeleton)
    else:
        folded = text.translate(_table(skeleton))
        chars = _char_map(text, skeleton)
    if skeleton and "rn" in folded:
        ins = [m.start() for m in _RN.finditer(folded)]
        outs = [at - k for k, at in enumerate(ins)]
        pairs = OffsetMap(tuple(outs), (1,) * len(ins), tuple(ins), (2,) * len(ins))
        return Folded(text, folded.replace("rn", "m"), chars, pairs)
    return _new(
        Folded, (text, folded, chars, _SAME)
    )  # Folded(text, folded, chars), at half the cost


def _char_map(text: str, skeleton: bool) -> OffsetMap:
    """Where characters of ``text`` folded to other than exactly one character."""
    table = _table(skeleton)
    outs, sizes, ins = [], [], []
    shift = 0
    for match in _irregular(skeleton).finditer(text):
        index = match.start()
        size = len(table[ord(text[index])])
        if size != 1:
            outs.append(index + shift)
            sizes.append(size)
            ins.append(index)
            shift += size - 1
    return OffsetMap(tuple(outs), tuple(sizes), tuple(ins), (1,) * len(ins)) if ins else _SAME


class _SpaceTable(dict[int, str]):
    """A str.translate table: word characters ([^\\W_], as ``WORD``) stay, others become ' '."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = self[code] = char if char.isalnum() else " "
        return value


_SPACE_TABLE = _SpaceTable()


def blank_non_words(text: str) -> str:
    """``text`` with every character but a word's (``WORD``) a space: the same length, so an
    offset in it is one in ``text``; translate is far cheaper than a regex scan."""
    if text.isascii():
        return text.encode("ascii").translate(_ascii_spaces()).decode("ascii")
    return text.translate(_SPACE_TABLE)


def word_stream(spaced: str) -> str:
    """The words of ``spaced`` (from ``blank_non_words``) between single spaces, padded:
    ``" " + " ".join(WORD.findall(text)) + " "``, without making a string of each word."""
    stream = f" {spaced} "
    while len(shorter := stream.replace("  ", " ")) < len(stream):
        stream = shorter  # each pass halves every run: a few passes, far cheaper than a regex
    return stream if stream != " " else "  "  # no words: the padding alone


@cache
def _ascii_spaces() -> bytes:
    """``_SPACE_TABLE`` for ASCII, as a bytes.translate table."""
    return bytes(c if chr(c).isalnum() else 32 for c in range(128)) + bytes(range(128, 256))


def camel_words(token: str) -> list[str]:
    """Split a hashtag or handle body where its case, digits or underscores show words."""
    words: list[str] = []
    current = ""
    for i, ch in enumerate(token):
        if not ch.isalnum():
            words.append(current)
            current = ""
            continue
        prev = token[i - 1] if i else ""
        nxt = token[i + 1] if i + 1 < len(token) else ""
        lower_to_upper = prev.islower() and ch.isupper()
        acronym_end = prev.isupper() and ch.isupper() and nxt.islower()
        digit_edge = bool(prev) and prev.isdigit() != ch.isdigit()
        if current and (lower_to_upper or acronym_end or digit_edge):
            words.append(current)
            current = ""
        current += ch
    words.append(current)
    return [w for w in words if w]


def compact(text: str) -> str:
    """Only the letters and digits of an already folded text."""
    return "".join(WORD.findall(text))
