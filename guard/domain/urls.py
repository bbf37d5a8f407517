"""Links in a post: found with or without a scheme, unwrapped and reduced to profile keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

from guard.domain.text import fold, fold_text


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


SHORTENERS = _set(
    """
    t.co bit.ly bitly.com j.mp tinyurl.com ow.ly buff.ly goo.gl is.gd v.gd tiny.cc rebrand.ly
    shorturl.at cutt.ly lnkd.in t.ly rb.gy bl.ink s.id shorte.st adf.ly dlvr.it ift.tt trib.al
    on.fb.me x.co qr.ae wp.me bit.do tr.im snip.ly po.st db.tt su.pr soo.gd tinu.be clck.ru
    shorturl.gg short.io urlz.fr hubs.ly hubs.la spr.ly mtr.cool linktr.ee
    """
)
_HOSTS = {
    "x.com": "x.com",
    "twitter.com": "x.com",
    "fxtwitter.com": "x.com",
    "vxtwitter.com": "x.com",
    "fixupx.com": "x.com",
    "nitter.net": "x.com",
    "facebook.com": "facebook.com",
    "fb.com": "facebook.com",
    "fb.me": "facebook.com",
    "m.me": "facebook.com",
    "messenger.com": "facebook.com",
    "instagram.com": "instagram.com",
    "instagr.am": "instagram.com",
    "l.facebook.com": "redirect",
    "lm.facebook.com": "redirect",
    "l.instagram.com": "redirect",
    "google.com": "google",
    "google.co.uk": "google",
}
_SUBDOMAINS = ("www.", "m.", "mobile.", "web.", "mbasic.", "touch.", "free.", "business.", "en-gb.")
_TLDS = _set(
    """
    com net org uk co io ly me gl gd cc at in to am ee it ai app info biz us eu de fr ie sh so
    gg dev page link site online news tv xyz gov ac nhs sch social blog live id la ru
    """
)
# Link text in the lightly folded post: an optional scheme, dotted labels, then a path.
# Possessive quantifiers and the look-behind keep the scan linear on long runs of letters.
_URL = re.compile(
    r"(?<![\w\-.@/])(?:[a-z][a-z0-9+.\-]*+:)?(?://)?(?:[\w\-]++\.)+[\w\-]++(?::\d+)?"
    r"(?:[/?#][^\s<>()\[\]{}\"'`|\\^]*+)?"
)
_TRAILING = ".,;:!?*_~-"
_X_RESERVED = _set(
    """
    intent share i home search hashtag explore settings messages notifications compose login
    signup tos privacy download
    """
)
_FB_NOT_PROFILES = _set(
    """
    groups events watch hashtag photo photo.php sharer sharer.php share.php dialog l.php flx
    login marketplace gaming search help policies pages reel stories
    """
)
_IG_NOT_PROFILES = frozenset(["p", "reel", "reels", "explore", "accounts", "tv", "direct"])
_SKELETON_HOSTS = {fold_text(h): h for h in (*_HOSTS, *SHORTENERS)}
_SKELETON_TLDS = frozenset(fold_text(t) for t in _TLDS)


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
    folded = fold(text, skeleton=False)
    links = []
    for match in _URL.finditer(folded.text):
        raw = match.group().rstrip(_TRAILING)
        if "//" not in raw[:12] and not _looks_like_host(raw):
            continue
        start, end = folded.span(match.start(), match.start() + len(raw))
        url, targets, shortener = resolve(raw)
        links.append(Link(start, end, text[start:end], url, targets, shortener))
    return links


def _looks_like_host(raw: str) -> bool:
    host = re.split(r"[/?#:]", raw, maxsplit=1)[0]
    if fold_text(host.removeprefix("www.")) in _SKELETON_HOSTS or host.startswith("www."):
        return True
    return fold_text(host.rsplit(".", 1)[-1]) in _SKELETON_TLDS


def resolve(raw: str, depth: int = 0) -> tuple[str, tuple[str, ...], bool]:
    """The canonical URL of ``raw``, the profile keys it leads to, and if it is a shortener."""
    rest = re.sub(r"^[a-z][a-z0-9+.\-]*:(?://)?|^//", "", raw.strip().lower())
    host, path, query, fragment = _split(rest)
    site = _SKELETON_HOSTS.get(fold_text(host), host)
    kind = _HOSTS.get(site, site)
    if kind.startswith("google") or kind == "google":
        kind = "google" if path.strip("/") == "url" else kind
    url = f"{kind if kind in ('x.com', 'facebook.com', 'instagram.com') else site}{path}".lower()
    params = dict(parse_qsl(query, keep_blank_values=True))
    if site in SHORTENERS:
        return url, (), True
    targets: list[str] = []
    nested = [params.get(k, "") for k in ("u", "q", "url", "href", "link", "next")]
    if kind in ("redirect", "google") or _is_share(kind, path):
        for value in nested:
            if value and depth < 4:
                _, inner, short = resolve(value, depth + 1)
                targets.extend(inner)
                if short:
                    return url, tuple(targets), True
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
        for prefix in _SUBDOMAINS:
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
    if segments and segments[0].lstrip("@") not in _X_RESERVED:
        targets.append(x_key(segments[0]))
    return targets


def _facebook_targets(site: str, path: str, params: dict[str, str]) -> list[str]:
    segments = _segments(path)
    if not segments:
        return []
    first = segments[0]
    if first in ("profile.php", "permalink.php", "story.php") and params.get("id", "").isdigit():
        return [facebook_key(params["id"])]
    if first in ("people", "pages", "pg", "p") and len(segments) > 1:
        numbers = [s for s in segments[1:] if s.isdigit()]
        found = re.search(r"-(\d{6,})$", segments[1])
        if numbers or found:
            return [facebook_key(numbers[-1] if numbers else found.group(1) if found else "")]
        return [facebook_key(segments[1])]
    if site == "messenger.com" and first == "t" and len(segments) > 1:
        return [facebook_key(segments[1])]
    if first in _FB_NOT_PROFILES or first.endswith(".php"):
        return []
    return [facebook_key(first)]


def _instagram_targets(path: str) -> list[str]:
    segments = _segments(path)
    if segments and segments[0] == "stories" and len(segments) > 1:
        return [instagram_key(segments[1])]
    if segments and segments[0] not in _IG_NOT_PROFILES:
        return [instagram_key(segments[0])]
    return []
