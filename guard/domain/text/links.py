"""Links in a post: found with or without a scheme, unwrapped and reduced to profile keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

from guard.domain.text.known_hosts import (
    FB_ID_PAGES,
    FB_NOT_PROFILES,
    HOSTS,
    IG_NOT_PROFILES,
    SHORTENERS,
    SUBDOMAINS,
    TLDS,
    X_RESERVED,
)
from guard.domain.text.normalise import fold, fold_text

# Link text in the lightly folded post: an optional scheme, dotted labels, then a path.
# Possessive quantifiers and the look-behind keep the scan linear on long runs of letters.
_URL = re.compile(
    r"(?<![\w\-.@/])(?:[a-z][a-z0-9+.\-]*+:)?(?://)?(?:[\w\-]++\.)+[\w\-]++(?::\d+)?"
    r"(?:[/?#][^\s<>()\[\]{}\"'`|\\^“”„«»‹›「」『』【】〈〉《》]*+)?"
)
_ENCODED = re.compile(
    r"[^\s<>()\[\]{}\"'`|\\^“”„«»‹›]*%[0-9a-fA-F]{2}[^\s<>()\[\]{}\"'`|\\^“”„«»‹›]*"
)
_NESTED = re.compile(r"(?:https?:|www\.|//)|(?:[\w-]+\.)*(?:x|twitter|fb|facebook|instagram)\.com/")
_DOT_WORD = re.compile(r"\.[\w\-]")  # every host has one
_LONG_NUMBER = re.compile(r"\d{6,}")
_TRAILING = ".,;:!?*_~-"
_SKELETON_HOSTS = {fold_text(h): h for h in (*HOSTS, *SHORTENERS)}
_SKELETON_TLDS = frozenset(fold_text(t) for t in TLDS)


@dataclass(frozen=True)
class Link:
    """One link in a post: where it is, where it leads, the profiles it promotes."""

    start: int
    end: int
    text: str
    url: str  # canonical host and path, no scheme, query or fragment
    targets: tuple[str, ...]  # profile keys: "x:handle", "facebook:name", "facebook:id:N", ...
    shortener: bool = False


def x_key(handle: str) -> str:
    return "x:" + fold_text(handle.strip().lstrip("@"))


def facebook_key(name: str) -> str:
    name = name.strip().lstrip("@")
    if name.isdigit():
        return "facebook:id:" + name
    return "facebook:" + fold_text(name).replace(".", "")  # Facebook ignores dots in names


def instagram_key(name: str) -> str:
    return "instagram:" + fold_text(name.strip().lstrip("@"))


def find_links(text: str) -> list[Link]:
    """Every link in ``text``, with its span in the original text."""
    links: list[Link] = []
    if text.isascii() and "//" not in text and _DOT_WORD.search(text) is None:
        return _encoded_links(text, links) if "%" in text else links  # no host: no link
    folded = fold(text, skeleton=False)
    if "//" not in folded.text and _DOT_WORD.search(folded.text) is None:
        return _encoded_links(text, links) if "%" in text else links
    for match in _URL.finditer(folded.text):
        raw = match.group().rstrip(_TRAILING)
        lead = len(raw) - len(raw.lstrip("_~*"))  # '_x.com/Name_': markdown emphasis
        raw = raw[lead:]
        if "//" not in raw[:12] and not _looks_like_host(raw):
            continue
        start, end = folded.span(match.start() + lead, match.start() + lead + len(raw))
        url, targets, shortener = resolve(raw)
        links.append(Link(start, end, text[start:end], url, targets, shortener))
    if "%" in text:
        links += _encoded_links(text, links)
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
    host = re.split(r"[/?#:]", raw, maxsplit=1)[0]
    if fold_text(host.removeprefix("www.")) in _SKELETON_HOSTS or host.startswith("www."):
        return True
    return fold_text(host.rsplit(".", 1)[-1]) in _SKELETON_TLDS


def resolve(raw: str, depth: int = 0) -> tuple[str, tuple[str, ...], bool]:
    """The canonical URL of ``raw``, the profile keys it leads to, and if it is a shortener."""
    raw = raw.strip().lower()
    for _ in range(3):  # an address percent-encoded whole: 'https%3a%2f%2fx.com%2f...'
        if "%" in raw.split("?")[0][:12] or "%" in raw.split("/")[0]:
            raw = unquote(raw)
    rest = re.sub(r"^[a-z][a-z0-9+.\-]*:(?://)?|^//", "", raw)
    host, path, query, fragment = _split(rest)
    site = _SKELETON_HOSTS.get(fold_text(host), host)
    kind = HOSTS.get(site, site)
    if kind.startswith("google") or kind == "google":
        kind = "google" if path.strip("/") == "url" else kind
    url = f"{kind if kind in ('x.com', 'facebook.com', 'instagram.com') else site}{path}".lower()
    pairs = parse_qsl(query, keep_blank_values=True)
    params = dict(pairs)
    targets: list[str] = []
    nested = [params.get(k, "") for k in ("u", "q", "url", "href", "link", "next")]
    if not (kind in ("redirect", "google") or _is_share(kind, path)):
        nested = [v for v in (*nested, *(k for k, _ in pairs)) if _NESTED.match(v)]
    if depth < 4:  # a redirect wrapper of any site: '?url=https://x.com/...', '?https://...'
        for value in dict.fromkeys(nested):
            if value:
                _, inner, short = resolve(value, depth + 1)
                targets.extend(inner)
                if short:
                    return url, tuple(targets), True
    opaque = kind == "facebook.com" and path.startswith("/share/") and not targets
    if site in SHORTENERS or opaque:  # facebook.com/share/p/ID/ hides its target too
        return url, tuple(dict.fromkeys(targets)), True
    if kind == "x.com":
        targets.extend(_x_targets(path, fragment, params, depth))
    elif kind == "facebook.com":
        targets.extend(_facebook_targets(site, path, params))
    elif kind == "instagram.com":
        targets.extend(_instagram_targets(path))
    elif kind not in ("redirect", "google"):
        targets.append("web:" + fold_text(site + path.rstrip("/")) + "/")
    return url, tuple(dict.fromkeys(targets)), False


def _split(rest: str) -> tuple[str, str, str, str]:
    rest, _, fragment = rest.partition("#")
    rest, _, query = rest.partition("?")
    host, slash, path = rest.partition("/")
    host = unquote(host).rsplit("@", 1)[-1].split(":", 1)[0].strip(".")
    changed = True
    while changed:
        changed = False
        for prefix in SUBDOMAINS:
            if host.startswith(prefix) and host.count(".") > 1:
                host, changed = host[len(prefix) :], True
    for _ in range(3):  # percent-encoding, possibly applied more than once
        path = unquote(path)
    return host, slash + path if slash else "", query, fragment


def _is_share(kind: str, path: str) -> bool:
    return kind == "facebook.com" and ("share" in path or path.startswith(("/dialog", "/l.php")))


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _x_targets(path: str, fragment: str, params: dict[str, str], depth: int) -> list[str]:
    if not _segments(path) and fragment.startswith("!/"):
        path = fragment[1:]  # the old twitter.com/#!/handle form
    targets = [x_key(params[k]) for k in ("screen_name", "via") if params.get(k)]
    targets += [x_key(h) for h in params.get("related", "").split(",") if h]
    for key in ("text", "url"):
        if params.get(key) and depth < 4:
            targets += [x_key(h) for h in re.findall(r"@(\w{1,15})", params[key])]
            for link in find_links(params[key]):
                targets.extend(link.targets)
    segments = _segments(path)
    handle = re.match(r"@?(\w+)", segments[0]) if segments else None
    if handle and handle.group(1) not in X_RESERVED:  # 'x.com/Name—great': the handle part
        targets.append(x_key(handle.group(1)))
    return targets


def _facebook_targets(site: str, path: str, params: dict[str, str]) -> list[str]:
    # Numeric ids anywhere (photo.php?id=, set=a.N, /N/posts/): only registered ones count.
    numbers = _LONG_NUMBER.findall(path + "?" + "&".join(params.values()))
    return [*_facebook_profile(site, path, params), *map(facebook_key, numbers)]


def _facebook_profile(site: str, path: str, params: dict[str, str]) -> list[str]:
    segments = _segments(path)
    if not segments:
        return []
    first = segments[0]
    if first in FB_ID_PAGES and params.get("id", "").isdigit():
        return [facebook_key(params["id"])]
    if first in ("people", "pages", "pg", "p") and len(segments) > 1:
        found = re.search(r"-(\d{6,})$", segments[1])
        if any(s.isdigit() for s in segments[1:]) or found:
            return []  # the numeric id is taken above
        return [facebook_key(segments[1])]
    if site == "messenger.com" and first == "t" and len(segments) > 1:
        return [facebook_key(segments[1])]
    if first in FB_NOT_PROFILES or first.endswith(".php"):
        return []
    return [facebook_key(first)]


def _instagram_targets(path: str) -> list[str]:
    segments = _segments(path)
    if segments and segments[0] == "stories" and len(segments) > 1:
        return [instagram_key(segments[1])]
    if segments and segments[0] not in IG_NOT_PROFILES:
        return [instagram_key(segments[0])]
    return []
