"""The composer states what X charges for the post as written: more when it carries a link."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guard.domain.sending import x_prices

WORDS = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=12)


def check(clerk, **form):
    data = {"text": "Road closure", "platforms": "x", "action": "check"} | form
    return clerk.post("/compose", data=data).text


@pytest.mark.parametrize(
    ("form", "price"),
    [
        ({}, "$0.015 for the post"),
        ({"link": "https://heanor.example/roads"}, "$0.20 for the post (it has a link)"),
        ({"text": "Details at heanor.gov.uk/roads today"}, "$0.20 for the post (it has a link)"),
    ],
)
def test_the_composer_states_the_price_of_the_post_as_written(clerk, form, price):
    page = check(clerk, **form)
    assert f"this post costs {price}" in page
    assert "a post with a link costs $0.20 where one without costs $0.015" in page


def test_the_empty_composer_states_the_prices(clerk):
    assert "this post costs $0.015 for the post" in clerk.get("/compose").text


@given(st.lists(WORDS, min_size=1, max_size=8), st.sampled_from(["https://", "http://", "www."]))
def test_any_url_in_the_text_is_priced_as_a_link(words, scheme):
    text = " ".join(words)
    assert not x_prices.has_link(text, None)
    with_url = f"{text} {scheme}council.example/news"
    assert x_prices.has_link(with_url, None) and x_prices.has_link(text, "https://a.example")
