"""A post as each platform will show it: X's weighted count, Facebook's "See more" cut,
Instagram's caption cut. Made from ``payload.render``'s output, which the publishers send.

Rules are keyed by the platform's name as a string, so a platform added to the publishers
later shows its preview as soon as it can be chosen.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from guard.domain.guard.payload import Rendered
from guard.domain.guard.platform_limits import X_LIMIT, weighted_length
from guard.domain.guard.verdict import PLATFORM_NAMES as NAMES


@dataclass(frozen=True)
class Fold:
    """Where a platform folds a long text in the feed, and the words of its link to the rest."""

    chars: int
    lines: int | None
    more: str


# Facebook folds a page post after about 480 characters or 5 lines ("See more"); Instagram
# shows the first 125 characters of a caption, then "… more".
FOLDS = {"facebook": Fold(480, 5, "See more"), "instagram": Fold(125, None, "more")}


@dataclass(frozen=True)
class Preview:
    """What a reader sees before pressing anything, and what is behind the fold."""

    platform: str
    name: str
    shown: str
    hidden: str  # "" when the whole text shows; ``shown + hidden`` is the text sent
    more: str  # the platform's words for the rest ("See more"), "" when nothing is hidden
    link: str | None  # a link field of its own (Facebook's preview card)
    images: int
    count: int | None = None  # X's weighted length
    limit: int | None = None


def preview_of(rendered: Rendered) -> Preview:
    platform = (rendered.platform or "").lower()
    name = NAMES.get(platform, platform.title())
    base = Preview(platform, name, rendered.text, "", "", rendered.link, len(rendered.alt_texts))
    if platform == "x":
        return replace(base, count=weighted_length(rendered.text), limit=X_LIMIT)
    fold = FOLDS.get(platform)
    if fold is None:
        return base
    at = fold_at(rendered.text, fold.chars, fold.lines)
    if at >= len(rendered.text):
        return base
    shown, hidden = rendered.text[:at], rendered.text[at:]
    return replace(base, shown=shown, hidden=hidden, more=fold.more)


def fold_at(text: str, chars: int, lines: int | None = None) -> int:
    """Where a fold of ``chars`` characters and ``lines`` lines cuts ``text``: never inside a
    character a reader sees as one (an accent, an emoji sequence, a flag, CR LF)."""
    at = min(len(text), chars)
    if lines is not None:
        breaks = [i for i, c in enumerate(text[: at + 1]) if c == "\n"]
        if len(breaks) >= lines:
            at = min(at, breaks[lines - 1])
    while 0 < at < len(text) and not boundary(text, at):
        at -= 1
    return at


ZWJ = "\u200d"


def _extends(char: str) -> bool:
    """A character that belongs to the one before it (UAX #29's Extend and SpacingMark)."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char == ZWJ
        or 0xFE00 <= code <= 0xFE0F  # variation selectors (text or emoji presentation)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags (subdivision flags)
        or 0xE0100 <= code <= 0xE01EF
    )


def _conjunct(before: str, after: str) -> bool:
    """A virama joining two consonants of an Indic script into one conjunct (UAX #29 GB9c)."""
    indic = 0x0900 <= ord(after) <= 0x0D7F
    return indic and unicodedata.combining(before) == 9 and unicodedata.category(after) == "Lo"


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _hangul(char: str) -> str:
    """The Hangul syllable type of ``char`` (L, V, T, LV, LVT) or ""."""
    code = ord(char)
    if 0x1100 <= code <= 0x115F or 0xA960 <= code <= 0xA97C:
        return "L"
    if 0x1160 <= code <= 0x11A7 or 0xD7B0 <= code <= 0xD7C6:
        return "V"
    if 0x11A8 <= code <= 0x11FF or 0xD7CB <= code <= 0xD7FB:
        return "T"
    if 0xAC00 <= code <= 0xD7A3:
        return "LV" if (code - 0xAC00) % 28 == 0 else "LVT"
    return ""


def boundary(text: str, at: int) -> bool:
    """True when a grapheme cluster may end before ``text[at]`` (UAX #29, the rules a cut
    in the middle of a word of English or an emoji would break)."""
    if at <= 0 or at >= len(text):
        return True
    before, after = text[at - 1], text[at]
    if before == "\r" and after == "\n":
        return False
    if _extends(after) or before == ZWJ:
        return False
    if _conjunct(before, after):
        return False
    if _regional(before) and _regional(after):
        run = 0
        while at - run - 1 >= 0 and _regional(text[at - run - 1]):
            run += 1
        return run % 2 == 0  # flags are pairs: cut only between two
    jamo = (_hangul(before), _hangul(after))
    return jamo not in {
        ("L", "L"), ("L", "V"), ("L", "LV"), ("L", "LVT"),
        ("LV", "V"), ("V", "V"), ("LV", "T"), ("V", "T"), ("LVT", "T"), ("T", "T"),
    }  # fmt: skip
