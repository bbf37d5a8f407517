"""Links in a post: found with or without a scheme, defanged or percent-encoded; where each
leads is worked out in ``link_targets``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from guard.domain.text.known_hosts import (
    TLDS,
)
from guard.domain.text.link_parts import (
    is_host,
    nested,
)
from guard.domain.text.link_targets import (
    APP_LINK,
    facebook_key,
    instagram_key,
    resolve,
    resolve_keys,
    skeleton_hosts,
    x_key,
)
from guard.domain.text.normalise import fold, fold_text

__all__ = ["Link", "facebook_key", "find_links", "instagram_key", "resolve", "x_key"]

# Link text in the lightly folded post: an optional scheme, dotted labels, then a path.
# Possessive quantifiers and the look-behind keep the scan linear on long runs of letters.
_URL = re.compile(
    r"(?<![\w\-.@/\\])(?:(?:[a-z][a-z0-9+.\-]*+:[/\\]{0,3}+|[/\\]{2})(?:[^\s/\\@<>\"']{1,64}@)?)?"
    r"(?:[\w\-]++\.)+[\w\-]++(?::\d+)?"
    r"(?:[/?#\\][^\s<>()\[\]{}\"'`|^“”„«»‹›「」『』【】〈〉《》]*+)?"
)
_ENCODED = re.compile(
    r"[^\s<>()\[\]{}\"'`|\\^“”„«»‹›]*%[0-9a-fA-F]{2}[^\s<>()\[\]{}\"'`|\\^“”„«»‹›]*"
)
_DOT_WORD = re.compile(r"\.[\w\-]")  # every host has one
_TRAILING = ".,;:!?*_~-"


def _skeleton_tlds() -> frozenset[str]:
    return frozenset(fold_text(t) for t in TLDS)


@dataclass(frozen=True)
class Link:
    """One link in a post: where it is, where it leads, the profiles it promotes."""

    start: int
    end: int
    text: str
    url: str  # canonical host and path, no scheme, query or fragment
    targets: tuple[str, ...]  # profile keys: "x:handle", "facebook:name", "facebook:id:N", ...
    shortener: bool = False


def find_links(text: str) -> list[Link]:
    """Every link in ``text``, with its span in the original text."""
    links: list[Link] = []
    dot_word = _DOT_WORD.search(text) if "." in text else None
    if _may_be_defanged(text, dot_word is not None) and _DEFANGED_HINT.search(text):
        links += _defanged_links(text, links)
    if text.isascii() and "//" not in text and dot_word is None:
        return links + _encoded_links(text, links) if "%" in text else links  # no host: no link
    folded = fold(text, skeleton=False)
    if "//" not in folded.text and _DOT_WORD.search(folded.text) is None:
        return links + _encoded_links(text, links) if "%" in text else links
    for match in _URL.finditer(folded.text):
        raw = match.group().rstrip(_TRAILING)
        lead = len(raw) - len(raw.lstrip("_~*"))  # '_x.com/Name_': markdown emphasis
        raw = raw[lead:]
        if "//" not in raw[:12] and not _looks_like_host(raw):
            continue
        start, end = folded.span(match.start() + lead, match.start() + lead + len(raw))
        url, targets, shortener = resolve_keys(raw)
        if len(raw) > 20:
            targets = tuple(dict.fromkeys((*targets, *_hidden_targets(text[start:end]))))
        links.append(Link(start, end, text[start:end], url, targets, shortener))
    for match in APP_LINK.finditer(folded.text):
        start, end = folded.span(match.start(), match.end())
        url, targets, shortener = resolve_keys(match.group())
        links.append(Link(start, end, text[start:end], url, targets, shortener))
    if "%" in text:
        links += _encoded_links(text, links)
    return links


# Addresses written so they don't link: 'x[.]com/Name', 'x(dot)com/Name', 'x .com/Name'.
_DEFANGED_HINT = re.compile(r"(?i)[\[({]\s*(?:\.|dot)\s*[\])}]|\s\.[a-z]|\sdot\s")
_DEFANGED = re.compile(
    r"(?i)(?<![\w.])([a-z0-9][\w\-]*)\s*(?:[\[({]\s*(?:\.|dot)\s*[\])}]|\s\.\s?|\s+dot\s+)"
    r"\s*([a-z]{2,12}(?:\.[a-z]{2,3})?)(/[^\s<>()\[\]{}\"']*)?"
)


def _may_be_defanged(text: str, dot_word: bool) -> bool:
    """Whether ``_DEFANGED_HINT`` can match: each of its forms needs 'dot', a bracket before a
    dot, or a dot before a word character (``dot_word``), so most posts skip the search."""
    if "." in text and (dot_word or not text.isascii() or any(b in text for b in "[({")):
        return True
    return "dot" in text.lower()


def _defanged_links(text: str, found: list[Link]) -> list[Link]:
    """Defanged addresses that still lead to a profile or a hidden target."""
    links = []
    for match in _DEFANGED.finditer(text):
        start, end = match.span()
        if any(link.start <= start < link.end for link in found):
            continue
        url, targets, shortener = resolve_keys(f"{match[1]}.{match[2]}{match[3] or ''}")
        if shortener or any(not t.startswith("web:") for t in targets):
            links.append(Link(start, end, match.group(), url, targets, shortener))
    return links


def _encoded_links(text: str, found: list[Link]) -> list[Link]:
    """Links hidden by percent-encoding the whole address ('https%3A%2F%2Fx.com%2F...')."""
    links = []
    for match in _ENCODED.finditer(text):
        raw = match.group().rstrip(_TRAILING)
        start, end = match.start(), match.start() + len(raw)
        if any(link.start <= start and end <= link.end for link in found):
            continue
        token = raw
        for _ in range(3):
            raw = unquote(raw)
        if "%" in raw:
            continue
        for inner in find_links(raw):
            if inner.targets or inner.shortener:
                links.append(Link(start, end, token, inner.url, inner.targets, inner.shortener))
    return links


def _looks_like_host(raw: str) -> bool:
    """Whether a browser would open ``raw`` as an address: a web scheme, a known host, or a
    host under any suffix on the public suffix list ('gracefielding.wales')."""
    scheme = re.match(r"([a-z][a-z0-9+.\-]*):(?!\d)", raw)  # not a port
    if scheme and scheme.group(1) in ("http", "https", "ftp"):
        return True
    rest = raw[scheme.end() :] if scheme else raw
    host = re.split(r"[/?#:\\]", rest.lstrip("/\\"), maxsplit=1)[0].rsplit("@", 1)[-1]
    if fold_text(host.removeprefix("www.")) in skeleton_hosts() or host.startswith("www."):
        return True
    return fold_text(host.rsplit(".", 1)[-1]) in _skeleton_tlds() or is_host(host)


def _hidden_targets(original: str) -> list[str]:
    """Targets of links base64-encoded inside a link, read from the text as written (folding
    the case would spoil the encoding)."""
    targets: list[str] = []
    for inner in nested(re.split(r"[/?&=#;]", original)):
        targets.extend(resolve_keys(inner, 1)[1])
    return targets
