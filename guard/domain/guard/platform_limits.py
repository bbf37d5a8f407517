"""Platform limits on a post's length: findings that stop a post being scheduled."""

from __future__ import annotations

from twitter_text import parse_tweet

X_LIMIT = 280  # weighted: links count 23, emoji and CJK characters 2
FACEBOOK_LIMIT = 63_206  # characters in a page post


def weighted_length(text: str) -> int:
    """X's weighted length of ``text`` (what the 280 limit counts)."""
    return int(parse_tweet(text).weightedLength)


def over_limit(text: str, platform: str | None) -> tuple[str, int, int] | None:
    """(rule, length, limit) when ``text`` is too long for ``platform``, else None."""
    name = (platform or "").lower()
    if name in ("x", "twitter"):
        length = weighted_length(text)
        return ("x-length", length, X_LIMIT) if length > X_LIMIT else None
    if name == "facebook" and len(text) > FACEBOOK_LIMIT:
        return "facebook-length", len(text), FACEBOOK_LIMIT
    return None
