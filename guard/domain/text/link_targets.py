"""Where a link leads: its canonical address and the profile keys of the accounts it reaches,
through app links, encodings, redirects and links nested inside links, to any depth."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import parse_qsl, unquote

from guard.domain.text.known_hosts import (
    FB_ID_PAGES,
    FB_NOT_PROFILES,
    HOSTS,
    IG_NOT_PROFILES,
    SHORTENERS,
    SUBDOMAINS,
    X_RESERVED,
)
from guard.domain.text.link_parts import (
    decoded,
    nested,
    normalise_path,
    opaque_code,
    path_tail_links,
    site_of,
)
from guard.domain.text.normalise import fold_text

_LONG_NUMBER = re.compile(r"\d{6,}")


@cache
def skeleton_hosts() -> dict[str, str]:
    """Known hosts by their folded skeleton: folded on first use, not at import."""
    return {fold_text(h): h for h in (*HOSTS, *SHORTENERS)}


def x_key(handle: str) -> str:
    return "x:" + fold_text(handle.strip().lstrip("@"))


def facebook_key(name: str) -> str:
    name = name.strip().lstrip("@")
    if name.isdigit():
        return "facebook:id:" + name
    return "facebook:" + fold_text(name).replace(".", "")  # Facebook ignores dots in names


def instagram_key(name: str) -> str:
    return "instagram:" + fold_text(name.strip().lstrip("@"))


APP_LINK = re.compile(r"(instagram|twitter|fb)://(\w+)/?\??([^\s<>\"']*)", re.I)


def _app_link(raw: str) -> str | None:
    """'instagram://user?username=Name' and the like as the web address they open."""
    match = APP_LINK.match(raw)
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
    url, targets, unresolved = resolve_keys(raw)
    return url, tuple(t for t in targets if not t.startswith("unresolved:")), unresolved


def resolve_keys(raw: str, depth: int = 0) -> tuple[str, tuple[str, ...], bool]:
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
    host = skeleton_hosts().get(fold_text(host), host)
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
            _, inner, short = resolve_keys(value, depth + 1)
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
            from guard.domain.text.links import find_links  # the tweet's text: links in it

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
