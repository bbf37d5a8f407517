"""Pieces of the link reader, read as a browser would: hosts by their registered domain, dot
segments, and links nested inside other links however they are encoded."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from urllib.parse import unquote

from publicsuffixlist import PSLFILE, PublicSuffixList

from guard.domain.text.known_hosts import HOSTS, SHORTENERS

# Front-ends that show an X profile under their own host (x.com/Name as mirror.tld/Name).
X_MIRRORS = frozenset(
    {
        "xcancel.com",
        "fxtwitter.com",
        "vxtwitter.com",
        "fixupx.com",
        "fixvx.com",
        "twittpr.com",
        "twstalker.com",
        "sotwe.com",
        "twiiit.com",
        "nitter.net",
        "twitfix.com",
    }
)
_BASE64 = re.compile(r"[A-Za-z0-9+/_\-]{16,}={0,2}")
_URLISH = re.compile(r"(?:[a-z][a-z0-9+.\-]*:)?[/\\]*(?:[^\s/@]+@)?((?:[\w\-]+\.)+[\w\-]+)", re.I)
_OPAQUE_CODE = re.compile(
    r"(?=[^/]*\d)(?=[^/]*[a-zA-Z])[A-Za-z0-9_\-]{4,12}|(?=[^/]*[a-z])(?=[^/]*[A-Z])[A-Za-z]{5,12}"
)


@cache
def _suffixes() -> PublicSuffixList:
    """The Public Suffix List as publicsuffixlist ships it (no download).

    The library would punycode every one of its ten thousand rules; only the few hundred
    that are not ASCII change, so those alone are encoded here and given to it with the rest
    (the same rules: tests/unit/domain/test_urls.py compares the two)."""
    return PublicSuffixList(source=_rules(), accept_unknown=False, accept_encoded_idn=False)


def _rules() -> list[str]:
    """The list's rules, one a line, each non-ASCII rule followed by its punycode form."""
    with open(PSLFILE, encoding="utf-8") as source:  # read as the library reads it
        rules = [line.lower().split(" ")[0].rstrip() for line in source]
    rules = [rule for rule in rules if rule and not rule.startswith("//")]
    wide = [rule for rule in rules if not rule.isascii()]
    return rules + [rule[: rule.startswith("!")] + _punycode(rule.lstrip("!")) for rule in wide]


def _punycode(rule: str) -> str:
    """A rule's labels as IDNA writes them (the list's rules are already in normal form, so
    Python's slower idna codec, which normalises first, gives the same)."""
    return ".".join(
        label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
        for label in rule.split(".")
    )


def registered_domain(host: str) -> str | None:
    """'blog.gracefielding.org.uk' -> 'gracefielding.org.uk'; None when the suffix is unknown."""
    return _suffixes().privatesuffix(host) if "." in host else None


def is_host(host: str) -> bool:
    """Whether a browser would take ``host`` for a domain on the public suffix list."""
    return registered_domain(host) is not None


def site_of(host: str) -> str:
    """The site a host belongs to: 'de-de.facebook.com' is facebook.com, 'platform.twitter.com'
    and X's mirrors are x.com; exact known hosts (redirectors, shorteners) stay as they are."""
    if host in HOSTS or host in SHORTENERS:
        return host
    if host in X_MIRRORS or any(label.startswith("nitter") for label in host.split(".")[:-1]):
        return "x.com"
    domain = registered_domain(host)
    if domain in X_MIRRORS:
        return "x.com"
    if (
        domain is not None
        and domain in HOSTS
        and HOSTS[domain]
        in (
            "x.com",
            "facebook.com",
            "instagram.com",
        )
    ):
        return domain
    return host


def normalise_path(path: str) -> str:
    """The path with '.' and '..' segments resolved, as a browser sends it (RFC 3986, 5.2.4)."""
    if "." not in path:
        return path
    out: list[str] = []
    parts = path.split("/")
    for part in parts[1:] if path.startswith("/") else parts:
        if part == "..":
            if out:
                out.pop()
        elif part != ".":
            out.append(part)
    trailing = "/" if parts[-1] in (".", "..") and out else ""
    return ("/" if path.startswith("/") else "") + "/".join(out) + trailing


def decoded(value: str) -> str:
    """``value`` percent-decoded until it no longer changes (encoding may be repeated)."""
    for _ in range(8):
        plain = unquote(value)
        if plain == value:
            break
        value = plain
    return value


def _from_base64(value: str) -> str | None:
    if not _BASE64.fullmatch(value):
        return None
    text = value.replace("-", "+").replace("_", "/")
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
        return raw.decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def looks_like_url(value: str) -> bool:
    """Whether ``value`` is a web address: a scheme or 'www.', or a host a browser knows."""
    match = _URLISH.match(value.strip())
    if match is None:
        return False
    if "://" in value[:16] or re.match(r"(?i)https?:[/\\]", value) or value.startswith("www."):
        return True
    host = match.group(1).lower()
    return site_of(host) in HOSTS or host in SHORTENERS


def nested(values: list[str]) -> Iterator[str]:
    """Every value that decodes to a link: percent-decoding repeated, or base64 of an address."""
    for value in values:
        plain = decoded(value)
        if looks_like_url(plain):
            yield plain
            continue
        for token in _BASE64.findall(value):
            inner = _from_base64(token)
            if inner and looks_like_url(inner):
                yield inner


def path_tail_links(path: str) -> list[str]:
    """'/go/https://x.com/Name', '/go//x.com/Name', '/r/x.com/Name' -> the address carried in
    the path, with everything after it."""
    match = re.search(r"(?i)/((?:https?|ftp)(?::|%3a)[^#]*)", path)
    if match:
        return [match.group(1)]
    segments = path.split("/")
    for i, segment in enumerate(segments[1:], start=1):
        if "." in segment and looks_like_url(segment):
            return ["/".join(segments[i:])]
    return []


def _mixes(code: str) -> int:
    """How often the kind of character changes (lower, upper, digit): random codes change
    often ('Xk3pQ9': 5), words and dates rarely ('voterID': 1, 'bins2027': 1)."""
    kinds = ["d" if c.isdigit() else "u" if c.isupper() else "l" for c in code if c.isalnum()]
    return sum(a != b for a, b in pairwise(kinds))


def opaque_code(host: str, path: str, query: str) -> bool:
    """A link that looks like an unknown shortener's: a bare short host (no 'www.') and one
    short code that looks random ('hl.ink/Xk3pQ9'), nothing else."""
    domain = registered_domain(host)
    if domain is None or query or host != domain:
        return False
    label = domain.split(".")[0]
    segments = [s for s in path.split("/") if s]
    if len(label) > 5 or len(segments) != 1 or not _OPAQUE_CODE.fullmatch(segments[0]):
        return False
    return _mixes(segments[0]) >= 3
