"""What X charges an app on its pay-per-use plan for a post, with and without a link.

From X's price list (docs.x.com/x-api/getting-started/pricing), read on 2026-11-25: "Content:
Create" and "Content: Create (with URL)", in US dollars per request. Apps on a legacy monthly
plan pay by the month instead. When X changes its prices, change them here.
"""

from __future__ import annotations

import datetime as dt

CHECKED = dt.date(2026, 11, 25)
POST = "0.015"
POST_WITH_LINK = "0.20"
IMAGE_ALT_TEXT = "0.005"  # "Media Metadata": one per image with alt text


def has_link(text: str, link: str | None) -> bool:
    """X prices a post by whether it carries a URL: the link field or one in the text."""
    from guard.domain.text.links import find_links

    return bool(link and link.strip()) or bool(find_links(text))


def post_price(*, has_link: bool, images_with_alt_text: int = 0) -> str:
    """The price of one post in words, as the composer states it."""
    base = POST_WITH_LINK if has_link else POST
    words = f"${base} for the post{' (it has a link)' if has_link else ''}"
    if images_with_alt_text:
        words += f", plus ${IMAGE_ALT_TEXT} for each image's alt text"
    return words
