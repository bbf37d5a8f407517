"""`[web] trusted_proxies`: the real client address, https and public links behind a proxy, and
forged headers ignored when there is no proxy to trust."""

from __future__ import annotations

import dataclasses

import pytest
from flask import url_for
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from guard.services import throttle
from guard.store.models_auth import SignInThrottleRow
from guard.web import create_app
from tests.hypothesis_profiles import examples

ADDRESSES = st.ip_addresses(v=4).map(str)


def app_with(settings, engine, hops: int):
    web = dataclasses.replace(settings.web, trusted_proxies=hops)
    app = create_app(dataclasses.replace(settings, web=web), engine=engine)
    app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)
    return app


def throttled_clients(engine) -> set[str]:
    """The throttle's client keys (each a hash of the client's address)."""
    with Session(engine) as session:
        keys = session.exec(
            select(SignInThrottleRow.key).where(col(SignInThrottleRow.key).startswith("client:"))
        ).all()
    return set(keys)


def client_key(address: str) -> str:
    return throttle.key_for("client", address)


def fail_sign_in(client, **headers):
    client.post("/sign-in", data={"email": "x@example.org", "password": "wrong"}, headers=headers)


@pytest.mark.parametrize("hops", [1, 2])
def test_behind_the_proxies_the_throttle_sees_the_client(settings, engine, hops):
    client = app_with(settings, engine, hops).test_client()
    chain = ", ".join(["198.51.100.7", "203.0.113.9", "10.0.0.2"][-hops:])
    fail_sign_in(client, **{"X-Forwarded-For": chain})
    assert throttled_clients(engine) == {client_key(chain.split(", ")[0])}


def test_without_a_trusted_proxy_forged_headers_change_nothing(settings, engine):
    app = app_with(settings, engine, 0)
    fail_sign_in(app.test_client(), **{"X-Forwarded-For": "203.0.113.9"})
    assert throttled_clients(engine) == {client_key("127.0.0.1")}
    with app.test_request_context("/", headers={"X-Forwarded-Proto": "https"}):
        assert url_for("home.index", _external=True).startswith("http://localhost/")


def test_https_and_the_public_host_come_from_the_proxy(settings, engine, monkeypatch):
    from guard.web.users import security

    app = app_with(settings, engine, 1)
    monkeypatch.setattr(security, "PUBLIC", security.PUBLIC | {"probe"})
    # Where the app sends X back to after the account allows it, as a view would make it.
    app.add_url_rule("/probe", "probe", lambda: url_for("accounts.x_callback", _external=True))
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "guard.heanor.example"}
    client = app.test_client()
    assert client.get("/probe", headers=headers).text == (
        "https://guard.heanor.example/accounts/x/callback"
    )
    assert "Strict-Transport-Security" in client.get("/sign-in", headers=headers).headers


@hypothesis_settings(deadline=None, max_examples=examples(25))
@given(spoofed=st.lists(ADDRESSES, max_size=3), client=ADDRESSES, hops=st.integers(1, 3))
def test_a_client_cannot_choose_its_address_by_adding_entries(spoofed, client, hops):
    from werkzeug.middleware.proxy_fix import ProxyFix
    from werkzeug.test import EnvironBuilder

    seen = {}

    def app(environ, start_response):
        seen["addr"] = environ["REMOTE_ADDR"]
        start_response("200 OK", [])
        return [b""]

    proxies = [f"10.0.0.{i}" for i in range(1, hops)]
    forwarded = ", ".join([*spoofed, client, *proxies])
    environ = EnvironBuilder(headers={"X-Forwarded-For": forwarded}).get_environ()
    ProxyFix(app, x_for=hops)(environ, lambda *a: None)
    assert seen["addr"] == client
