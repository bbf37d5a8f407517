"""After signing in or marking notices read, the app goes back only to one of its own pages."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.web_fixtures import PASSWORD

AWAY = [
    "//evil.example/",
    "/\\evil.example/",
    "/\\/evil.example/",
    "https://evil.example/",
    "posts",
]


@pytest.mark.parametrize("target", AWAY)
def test_sign_in_never_goes_to_another_site(client, make_user, target):
    make_user("clerk@example.org", "clerk")
    form = {"email": "clerk@example.org", "password": PASSWORD}
    answer = client.post(f"/sign-in?next={quote(target)}", data=form)
    assert answer.status_code == 302 and answer.location == "/"


def test_sign_in_goes_back_to_the_page_asked_for(client, make_user):
    make_user("clerk@example.org", "clerk")
    form = {"email": "clerk@example.org", "password": PASSWORD}
    answer = client.post(f"/sign-in?next={quote('/posts?status=held')}", data=form)
    assert answer.status_code == 302 and answer.location == "/posts?status=held"


@pytest.mark.parametrize("target", AWAY)
def test_marking_notices_read_never_goes_to_another_site(clerk, target):
    answer = clerk.post("/notices/read", data={"back": target})
    assert answer.status_code == 302 and answer.location == "/"
