"""HSTS and Secure cookies whenever the public address is https, even behind a proxy."""

from __future__ import annotations

from dataclasses import replace

import pytest

from guard.web import create_app
from tests.web_fixtures import PASSWORD


def _app(settings, engine, public_url: str, proxies: int = 0):
    web = replace(settings.web, public_url=public_url, trusted_proxies=proxies)
    app = create_app(replace(settings, web=web), engine=engine)
    app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)
    return app


@pytest.mark.parametrize("proxies", [0, 1])
def test_https_public_url_gives_hsts_and_secure_cookies(settings, engine, make_user, proxies):
    make_user("clerk@example.org", "clerk")
    client = _app(settings, engine, "https://guard.example.org", proxies).test_client()
    # Plain http between the proxy and the app: the public address still decides.
    response = client.post("/sign-in", data={"email": "clerk@example.org", "password": PASSWORD})
    assert "Secure" in response.headers["Set-Cookie"]
    for path in ("/sign-in", "/ical/restricted-periods.ics", "/healthz"):
        assert client.get(path).headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_local_demo_on_http_has_neither(settings, engine):
    client = _app(settings, engine, "http://127.0.0.1:5000").test_client()
    assert "Strict-Transport-Security" not in client.get("/sign-in").headers
