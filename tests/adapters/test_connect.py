"""Connecting the council's accounts as an admin would, against stand-in OAuth servers on
127.0.0.1 that the real tweepy and facebook-sdk talk to."""

from __future__ import annotations

import dataclasses
import logging
import stat

import pytest
import requests
from sqlmodel import Session, select

from guard.publishers import Payload
from guard.publishers.facebook import FacebookPublisher
from guard.publishers.x import XPublisher
from guard.services.accounts.connections import connected_settings
from guard.services.accounts.vault import open_vault
from guard.store.models_record import AuditRow
from guard.store.models_site import CredentialRow
from tests.fakes.oauth import FakeFacebookLogin, FakeXOAuth


@pytest.fixture
def fake_x_login():
    with FakeXOAuth() as server:
        yield server


@pytest.fixture
def fake_fb_login():
    with FakeFacebookLogin() as server:
        yield server


@pytest.fixture
def settings(settings, fake_x_login, fake_fb_login, tmp_path):
    """A fresh install's: no platform keys in the file, the stand-ins as the platforms."""
    return dataclasses.replace(
        settings,
        x=dataclasses.replace(settings.x, api_base_url=fake_x_login.url),
        facebook=dataclasses.replace(
            settings.facebook, graph_url=fake_fb_login.url, www_url=fake_fb_login.url
        ),
        accounts=dataclasses.replace(settings.accounts, key_file=str(tmp_path / "accounts.key")),
    )


def browse(client, response):
    """Follow redirects as a browser would, through the stand-in's pages and back to the app."""
    location = response.headers["Location"]
    while location.startswith("http://127.0.0.1"):
        location = requests.get(location, allow_redirects=False, timeout=5).headers["Location"]
    return client.get(location, follow_redirects=True)


def connect_x(admin, fake):
    admin.post("/accounts/x/app", data={"key": fake.consumer[0], "secret": fake.consumer[1]})
    return browse(admin, admin.post("/accounts/x/connect"))


def test_connect_x_test_it_post_with_it_and_disconnect(
    admin, engine, settings, fake_x_login, caplog
):
    caplog.set_level(logging.DEBUG)
    page = connect_x(admin, fake_x_login)
    assert "Connected the X account @HeanorCouncil" in page.text
    assert "does not expire" in page.text
    [(token, token_secret)] = fake_x_login.access.items()
    with Session(engine) as session:
        row = session.get(CredentialRow, "x.account")
        app_row = session.get(CredentialRow, "x.app")
        audit = " ".join(str(a.summary) for a in session.exec(select(AuditRow)))
        sent = connected_settings(session, open_vault(settings.accounts), settings)
    for secret in (token, token_secret, fake_x_login.consumer[1]):
        assert secret not in row.secret + app_row.secret  # encrypted at rest
        assert secret not in page.text and secret not in caplog.text and secret not in audit
    key_file = settings.accounts.key_file
    assert stat.S_IMODE(__import__("os").stat(key_file).st_mode) == 0o600

    assert (
        "Test passed: connected as @HeanorCouncil"
        in admin.post("/accounts/x/test", follow_redirects=True).text
    )
    # The scheduler's publisher signs with the connected token (the stand-in checks it).
    from tests.adapters.test_media import image

    payload = Payload("Bin collections move a day later next week.", media=(image(1, "A bin"),))
    XPublisher(sent.x).publish(payload)
    assert fake_x_login.posts[-1]["text"] == "Bin collections move a day later next week."
    [uploaded] = fake_x_login.media.values()
    assert uploaded["alt_text"] == "A bin"

    page = admin.post("/accounts/x/disconnect", follow_redirects=True)
    assert "Disconnected" in page.text and 'id="x-account">Not connected' in page.text
    with Session(engine) as session:
        assert session.get(CredentialRow, "x.account") is None
        actions = session.exec(select(AuditRow.action)).all()
    assert actions.count("account.connect") == 2 and "account.disconnect" in actions


def test_an_account_that_says_no_or_a_forged_return_connects_nothing(admin, engine, fake_x_login):
    fake_x_login.deny = True
    assert "did not allow the app" in connect_x(admin, fake_x_login).text
    forged = admin.get(
        "/accounts/x/callback?oauth_token=forged&oauth_verifier=abc", follow_redirects=True
    )
    assert "not the one this app started" in forged.text
    with Session(engine) as session:
        assert session.get(CredentialRow, "x.account") is None


def test_a_wrong_app_secret_or_a_platform_that_is_down_is_named(admin, settings, fake_x_login):
    admin.post("/accounts/x/app", data={"key": fake_x_login.consumer[0], "secret": "wrong"})
    page = admin.post("/accounts/x/connect", follow_redirects=True)
    assert "X was not connected: X refused the request (401)" in page.text
    fake_x_login.__exit__()  # X stops answering
    page = admin.post("/accounts/x/connect", follow_redirects=True)
    assert "X was not connected: X: could not connect" in page.text


def test_connect_a_facebook_page_test_it_post_with_it(admin, engine, settings, fake_fb_login):
    fb = fake_fb_login
    admin.post("/accounts/facebook/app", data={"key": fb.app[0], "secret": fb.app[1]})
    page = browse(admin, admin.post("/accounts/facebook/connect"))
    assert "choose the council&#39;s page" in page.text
    assert "Heanor Bowls Club" in page.text  # both pages the login manages are offered
    page = admin.post("/accounts/facebook/page", data={"page": fb.page_id}, follow_redirects=True)
    assert "Connected the Facebook Page Heanor &amp; Loscoe Town Council" in page.text
    assert "does not expire on a date" in page.text
    assert "Access to the page's data</dt><dd>ends" in page.text
    assert fb.versions_seen == {settings.facebook.graph_version}
    assert fb.page_token not in page.text
    with Session(engine) as session:
        sent = connected_settings(session, open_vault(settings.accounts), settings)
    FacebookPublisher(sent.facebook).publish(Payload("Road closure on Market Street."))
    assert fb.posts[-1]["message"] == "Road closure on Market Street."

    assert "Test passed" in admin.post("/accounts/facebook/test", follow_redirects=True).text
    fb.data_access_expires_at = int(__import__("time").time()) + 5 * 86400
    page = admin.post("/accounts/facebook/test", follow_redirects=True)
    assert "its access to the page&#39;s data ends on" in page.text  # the warning
    fb.page_token = "revoked"
    page = admin.post("/accounts/facebook/test", follow_redirects=True)
    assert "Facebook refused the token" in page.text


def test_a_facebook_answer_for_another_login_is_refused(admin, engine, fake_fb_login):
    fb = fake_fb_login
    admin.post("/accounts/facebook/app", data={"key": fb.app[0], "secret": fb.app[1]})
    admin.post("/accounts/facebook/connect")
    page = admin.get("/accounts/facebook/callback?code=abc&state=forged", follow_redirects=True)
    assert "not the one this app started" in page.text
    page = admin.get("/accounts/facebook/callback?error=access_denied", follow_redirects=True)
    assert "did not allow the app" in page.text
    with Session(engine) as session:
        assert session.get(CredentialRow, "facebook.page") is None


def test_only_admins_see_the_accounts(clerk):
    assert clerk.get("/accounts").status_code == 403
    assert clerk.post("/accounts/x/connect").status_code == 403


def test_a_running_scheduler_sends_with_the_account_connected_after_it_started(
    admin, engine, settings, fake_x_login
):
    import datetime as dt

    from guard import scheduler
    from guard.services.sending import dispatch
    from tests.sending import FakeClock, schedule, statuses

    now = dt.datetime.now(dt.UTC)
    live = dataclasses.replace(
        settings, publishing=dataclasses.replace(settings.publishing, mode="live")
    )
    sender = scheduler.make_sender(engine, live, FakeClock(now))
    first = schedule(engine, live, "Gritting tonight on the main roads.", now, now)
    assert dispatch.dispatch_due(sender) == 1
    assert statuses(engine, first) == {"x": "failed"}  # no account yet: X refuses
    connect_x(admin, fake_x_login)
    second = schedule(engine, live, "The library opens late on Monday.", now, now)
    assert dispatch.dispatch_due(sender) == 1
    assert statuses(engine, second) == {"x": "sent"}
    assert fake_x_login.posts[-1]["text"] == "The library opens late on Monday."


def test_the_dashboard_warns_before_the_configured_graph_version_ends(app, admin):
    services = app.extensions["guard"]
    old = dataclasses.replace(services.settings.facebook, graph_version="v21.0")
    app.extensions["guard"] = dataclasses.replace(
        services, settings=dataclasses.replace(services.settings, facebook=old)
    )
    page = admin.get("/").text
    # 60 days before 21 January 2027 the warning starts; after it, it says the version ended.
    assert "The Graph API v21.0 end" in page and "21 January 2027" in page and "v26.0" in page


def test_guard_accounts_status_and_a_new_key(run_guard):
    from cryptography.fernet import Fernet

    Fernet(run_guard("accounts", "new-key").stdout.strip().encode())  # a valid key
    shown = run_guard("accounts", "status").stdout
    assert "X: not connected" in shown and "Facebook Page: not connected" in shown
