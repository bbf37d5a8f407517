"""Platform limits on a post's length: findings that stop a post being scheduled."""

from __future__ import annotations

from twitter_text import parse_tweet

X_LIMIT = 280  # weighted: links count 23, emoji and CJK characters 2
FACEBOOK_LIMIT = 63_206  # characters in a page post


def weighted_length(text: str) -> int:
    """X's weighted length of ``text`` (what the 280 limit counts)."""
    return int(parse_tweet(text).weightedLength)


# No post to X can be longer than this in characters: 280 weighted, each link counting 23
# whatever its length (a web address is at most a few thousand characters).
X_LONGEST_RAW = 8_192


def over_limit(text: str, platform: str | None) -> tuple[str, int, int] | None:
    """(rule, length, limit) when ``text`` is too long for ``platform``, else None.

    Cheap for any length: the guard asks this before it reads the text, so a megabyte is
    refused at once instead of being matched. With no platform named, Facebook's limit (the
    most any platform takes) applies.
    """
    name = (platform or "").lower()
    if name in ("x", "twitter"):
        if len(text) > X_LONGEST_RAW:
            return "x-length", len(text), X_LIMIT
        length = weighted_length(text)
        return ("x-length", length, X_LIMIT) if length > X_LIMIT else None
    if len(text) > FACEBOOK_LIMIT:
        return f"{name or 'post'}-length", len(text), FACEBOOK_LIMIT
    return None
