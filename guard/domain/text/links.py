"""Links in a post: found with or without a scheme, unwrapped and reduced to profile keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
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
from guard.domain.text.link_parts import (
    decoded,
    is_host,
    nested,
    normalise_path,
    opaque_code,
    path_tail_links,
    site_of,
)
from guard.domain.text.normalise import fold, fold_text

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
_LONG_NUMBER = re.compile(r"\d{6,}")
_TRAILING = ".,;:!?*_~-"


@cache
def _skeleton_hosts() -> dict[str, str]:
    """Known hosts by their folded skeleton: folded on first use, not at import."""
    return {fold_text(h): h for h in (*HOSTS, *SHORTENERS)}


@cache
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
        url, targets, shortener = _resolve(raw)
        if len(raw) > 20:
            targets = tuple(dict.fromkeys((*targets, *_hidden_targets(text[start:end]))))
        links.append(Link(start, end, text[start:end], url, targets, shortener))
    for match in _APP_LINK.finditer(folded.text):
        start, end = folded.span(match.start(), match.end())
        url, targets, shortener = _resolve(match.group())
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
        url, targets, shortener = _resolve(f"{match[1]}.{match[2]}{match[3] or ''}")
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
    if fold_text(host.removeprefix("www.")) in _skeleton_hosts() or host.startswith("www."):
        return True
    return fold_text(host.rsplit(".", 1)[-1]) in _skeleton_tlds() or is_host(host)


def _hidden_targets(original: str) -> list[str]:
    """Targets of links base64-encoded inside a link, read from the text as written (folding
    the case would spoil the encoding)."""
    targets: list[str] = []
    for inner in nested(re.split(r"[/?&=#;]", original)):
        targets.extend(_resolve(inner, 1)[1])
    return targets


_APP_LINK = re.compile(r"(instagram|twitter|fb)://(\w+)/?\??([^\s<>\"']*)", re.I)


def _app_link(raw: str) -> str | None:
    """'instagram://user?username=Name' and the like as the web address they open."""
    match = _APP_LINK.match(raw)
    if match is None:
        return None
    app, kind, rest = match.group(1).lower(), match.group(2).lower(), match.group(3)
    params = dict(parse_qsl(rest))
    name = params.get("username") or params.get("screen_name") or params.get("id") or ""
    if app == "instagram":
        return f"instagram.com/{name}" if name else None
    if app == "twitter":
        return f"x.com/{name}" if name else ("x.com/i/user/" + params.get("user_id", "0"))
    if kind not in ("profile", "page"):
        return None
    return f"facebook.com/profile.php?id={name or rest.strip('/')}"


def resolve(raw: str) -> tuple[str, tuple[str, ...], bool]:
    """The canonical URL of ``raw``, the profile keys it leads to, and whether its target can't
    be resolved (a shortener, a numeric user link, a share link)."""
    url, targets, unresolved = _resolve(raw)
    return url, tuple(t for t in targets if not t.startswith("unresolved:")), unresolved


def _resolve(raw: str, depth: int = 0) -> tuple[str, tuple[str, ...], bool]:
    """``resolve``, with 'unresolved:' keys for numeric profiles the matcher must look up."""
    raw = raw.strip()
    if (app := _app_link(raw)) is not None:
        raw = app
    for _ in range(3):  # an address percent-encoded whole: 'https%3a%2f%2fx.com%2f...'
        if "%" in raw.split("?")[0][:12] or "%" in raw.split("/")[0]:
            raw = unquote(raw)
    # a scheme, however mangled ('https:/', 'https:\\', 'https:'), then any slashes
    rest = re.sub(r"^[a-z][a-z0-9+.\-]*:(?=[/\\]|[\w\-]+\.)", "", raw, flags=re.I)
    host, path, query, fragment = _split(rest.lstrip("/\\"))
    host = _skeleton_hosts().get(fold_text(host), host)
    site = site_of(host)
    kind = HOSTS.get(site, site)
    if kind == "google":
        kind = "google" if path.strip("/") == "url" else kind
    social = kind in ("x.com", "facebook.com", "instagram.com")
    url = f"{kind if social else site}{path}".lower()
    pairs = parse_qsl(query, keep_blank_values=True)
    params = {k.lower(): v for k, v in pairs}
    targets: list[str] = []
    unresolved = False
    if depth < 8:  # a link inside a link, whatever the parameter is called, to any depth
        carried = [v for _, v in pairs] + [k for k, _ in pairs] + _segments(path)
        for value in dict.fromkeys(
            [*path_tail_links(path + ("?" + query if query else "")), *nested(carried)]
        ):
            _, inner, short = _resolve(value, depth + 1)
            targets.extend(inner)
            unresolved = unresolved or short
    if site in SHORTENERS or _opaque(kind, path, params):
        return url, tuple(dict.fromkeys(targets)), True
    if kind == "x.com":
        targets.extend(_x_targets(path, fragment, params, depth))
    elif kind == "facebook.com":
        targets.extend(_facebook_targets(site, path, params))
    elif kind == "instagram.com":
        targets.extend(_instagram_targets(path))
    elif kind not in ("redirect", "google"):
        targets.append("web:" + fold_text(site + path.rstrip("/")) + "/")
        code = depth == 0 and not targets[:-1] and opaque_code(site, path, query)
        unresolved = unresolved or code
    return url, tuple(dict.fromkeys(targets)), unresolved


def _opaque(kind: str, path: str, params: dict[str, str]) -> bool:
    """Links that hide whose account they lead to: share links, numeric user links."""
    segments = [s.lower() for s in _segments(path)]
    if kind == "facebook.com":
        return bool(segments) and segments[0] == "share"
    if kind == "instagram.com":
        return bool(segments) and segments[0] == "share"
    if kind == "x.com":
        numeric = segments[:2] == ["i", "user"] or (
            params.get("user_id", "").isdigit() and not params.get("screen_name")
        )
        return numeric
    return False


def _split(rest: str) -> tuple[str, str, str, str]:
    rest, _, fragment = rest.partition("#")
    rest, _, query = rest.partition("?")
    host, slash, path = rest.replace("\\", "/").partition("/")
    host = unquote(host).rsplit("@", 1)[-1].split(":", 1)[0].strip(".").lower()
    changed = True
    while changed:
        changed = False
        for prefix in SUBDOMAINS:
            if host.startswith(prefix) and host.count(".") > 1:
                host, changed = host[len(prefix) :], True
    path = normalise_path(decoded(slash + path)) if slash else ""
    return host, path, query, fragment


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
    if segments and segments[0].lower() == "search" and params.get("q"):
        # a search that names an account: 'from:Name', 'to:Name', '@Name'
        found = re.findall(r"(?:from:|to:|@)\s*(\w{1,15})", decoded(params["q"]), re.I)
        targets += [x_key(h) for h in found]
    handle = re.match(r"@?(\w+)", segments[0]) if segments else None
    if handle and handle.group(1).lower() not in X_RESERVED:  # 'x.com/Name—great'
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
    first = segments[0].lower()
    if first in FB_ID_PAGES and params.get("id", "").isdigit():
        return _numeric_profile(params["id"])
    if first.isdigit() and len(first) >= 6:
        return _numeric_profile(first)
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


def _numeric_profile(number: str) -> list[str]:
    """A profile by its number: a registered one is that councillor's; any other can't be told
    apart from one ("unresolved:", flagged by the matcher unless the number is registered)."""
    return [facebook_key(number), "unresolved:" + facebook_key(number)]


def _instagram_targets(path: str) -> list[str]:
    segments = _segments(path)
    while segments and segments[0].lower() in ("_u", "_n", "m"):  # app and message links
        segments = segments[1:]
    if segments and segments[0].lower() == "stories" and len(segments) > 1:
        return [instagram_key(segments[1])]
    if segments and segments[0].lower() not in IG_NOT_PROFILES:
        return [instagram_key(segments[0])]
    return []
