"""Platform limits on a post (its length; Instagram's image, hashtags and @mentions): findings
that stop a post being scheduled."""

from __future__ import annotations

import re
import unicodedata

X_LIMIT = 280  # weighted: links count 23, emoji and CJK characters 2
FACEBOOK_LIMIT = 63_206  # characters in a page post
# Instagram's caption: 2,200 characters, at most 30 hashtags and 20 @mentions; every post is
# one image or a carousel of them (the Content Publishing API has no text-only post).
INSTAGRAM_LIMIT = 2_200
INSTAGRAM_HASHTAGS = 30
INSTAGRAM_MENTIONS = 20
X_LINK_LENGTH = 23  # twitter-text's transformed_url_length: every link counts this much

# Outside twitter-text's weight-1 ranges (U+0000-10FF, 2000-200D, 2010-201F, 2032-2037), or
# one of the two weight-1 characters its emoji pattern takes (© and ®, which count 2).
_NOT_FAST = re.compile(r"[^\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]|[\xa9\xae]")
# A lone UTF-16 surrogate: half of a character.
_HALF_CHARACTER = re.compile("[\ud800-\udfff]")
# Every link twitter-text finds has a dot followed by its top-level domain.
_MAY_HAVE_LINK = re.compile(r"\.\w")


def weighted_length(text: str) -> int:
    """X's weighted length of ``text`` (what the 280 limit counts), as twitter-text's parse_tweet.

    Text of weight-1 characters only (most English posts) is counted directly: its length,
    with each link counted as 23 and CRLF as one character. Anything else (emoji, CJK, text
    needing NFC normalisation) goes through parse_tweet, whose emoji pattern is slow.
    """
    if text.isascii() or (
        _NOT_FAST.search(text) is None and unicodedata.is_normalized("NFC", text)
    ):
        length = len(text) - text.count("\r\n")
        if _MAY_HAVE_LINK.search(text):
            from twitter_text.extract_urls import extract_urls_with_indices

            lines = text.replace("\r\n", "\n").replace("\r", "\n")
            for url in extract_urls_with_indices(lines):
                length += X_LINK_LENGTH - len(url["url"])
        return length
    from twitter_text import parse_tweet

    # twitter-text encodes the text as UTF-16, which half a character can't be: such text is
    # never sent (the services refuse it), but the guard still counts it, as U+FFFD.
    return int(parse_tweet(_HALF_CHARACTER.sub("\ufffd", text)).weightedLength)


# No post to X can be longer than this in characters: 280 weighted, each link counting 23
# whatever its length (a web address is at most a few thousand characters).
X_LONGEST_RAW = 8_192


def over_limit(text: str, platform: str | None) -> tuple[str, int, int] | None:
    """(rule, length, limit) when ``text`` is too long for ``platform``, else None.

    Cheap for any length: the guard asks this before it reads the text, so a megabyte is
    refused at once instead of being matched. With no platform named, Facebook's limit (the
    most any platform takes) applies.
    """
    if platform is None:  # Facebook's limit, the most any platform takes
        return ("post-length", len(text), FACEBOOK_LIMIT) if len(text) > FACEBOOK_LIMIT else None
    name = platform.lower()
    if name in ("x", "twitter"):
        if len(text) > X_LONGEST_RAW:
            return "x-length", len(text), X_LIMIT
        length = weighted_length(text)
        return ("x-length", length, X_LIMIT) if length > X_LIMIT else None
    if name == "instagram" and len(text) > INSTAGRAM_LIMIT:
        return "instagram-length", len(text), INSTAGRAM_LIMIT
    if len(text) > FACEBOOK_LIMIT:
        return f"{name or 'post'}-length", len(text), FACEBOOK_LIMIT
    return None


# A hashtag has a letter in it: "#38" (or an entity's "&#38;") is not one.
_HASHTAG = re.compile(r"(?<![\w&#])#\w*[^\W\d_]\w*")
_MENTION = re.compile(r"(?<![\w@.])@[\w.]+")


def platform_refusals(text: str, platform: str | None, images: int) -> list[tuple[str, str]]:
    """(rule, explanation) for what ``platform`` refuses beyond the length: Instagram's.

    ``text`` is the caption as rendered (within the length limit: counting is then cheap);
    ``images`` the number of images sent with it.
    """
    if (platform or "").lower() != "instagram":
        return []
    found = []
    if images == 0:
        found.append(
            (
                "instagram-image",
                "Instagram has no text-only posts: add at least one image (with its alt text), "
                "or do not post this to Instagram.",
            )
        )
    for rule, pattern, most, what in (
        ("instagram-hashtags", _HASHTAG, INSTAGRAM_HASHTAGS, "hashtags"),
        ("instagram-mentions", _MENTION, INSTAGRAM_MENTIONS, "@mentions"),
    ):
        count = len(pattern.findall(text))
        if count > most:
            found.append(
                (rule, f"Instagram allows {most} {what} in a caption; this one has {count}.")
            )
    return found
