"""Sessions end server-side: a cookie replayed after sign-out, a new password or role, removal,
idleness or old age opens nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from guard.services import users
from tests.web_fixtures import PASSWORD, sign_in

NOW = dt.datetime.now(dt.UTC)


def _cookie(client) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def _replay(app, value: str):
    """A second browser (another address) holding a copy of the cookie."""
    other = app.test_client()
    other.set_cookie("session", value)
    return other


def _opens(client, path: str = "/") -> bool:
    return client.get(path).status_code == 200


def test_a_cookie_replayed_after_sign_out_opens_nothing(app, client, make_user):
    sign_in(client, make_user("clerk@example.org", "clerk"))
    stolen = _replay(app, _cookie(client))
    assert _opens(stolen)
    assert client.post("/sign-out").status_code == 302
    assert not _opens(stolen)
    response = stolen.post("/compose", data={"text": "x", "action": "schedule"})
    assert response.status_code == 401


def test_sign_out_ends_every_session_of_the_user(app, make_user):
    make_user("clerk@example.org", "clerk")
    laptop, phone = app.test_client(), app.test_client()
    sign_in(laptop, "clerk@example.org")
    sign_in(phone, "clerk@example.org")
    laptop.post("/sign-out")
    assert not _opens(phone)


@pytest.mark.parametrize("change", ["password", "role"])
def test_a_new_password_or_role_ends_old_sessions(app, client, engine, make_user, change):
    sign_in(client, make_user("clerk@example.org", "clerk"))
    stolen = _replay(app, _cookie(client))
    with Session(engine) as db:
        if change == "password":
            users.set_password(
                db, email="clerk@example.org", password="a brand new passphrase", actor="t", now=NOW
            )
        else:
            users.set_role(db, email="clerk@example.org", role="viewer", actor="t", now=NOW)
        db.commit()
    assert not _opens(stolen) and not _opens(client)
    if change == "role":  # signing in again gives the new role
        sign_in(client, "clerk@example.org")
        assert client.get("/compose").status_code == 403


def test_role_change_in_the_web_app_ends_the_users_sessions(app, admin, make_user):
    make_user("clerk@example.org", "clerk")
    other = app.test_client()
    sign_in(other, "clerk@example.org")
    response = admin.post("/users/role", data={"email": "clerk@example.org", "role": "viewer"})
    assert response.status_code == 302
    assert "is now viewer" in admin.get("/users").get_data(as_text=True)
    assert not _opens(other)


def test_a_removed_users_cookie_never_opens_a_later_user_with_the_same_id(
    app, admin, make_user, engine
):
    make_user("old-admin@example.org", "admin")
    old = app.test_client()
    sign_in(old, "old-admin@example.org")
    stolen = _cookie(old)
    admin.post("/users/remove", data={"email": "old-admin@example.org"})
    make_user("new-admin@example.org", "admin")  # SQLite hands out the freed id again
    assert not _opens(_replay(app, stolen), "/users")


def test_idle_sessions_and_old_sessions_end(app, client, make_user, monkeypatch):
    from guard.web import context

    clock = [NOW]
    monkeypatch.setattr(context, "now", lambda: clock[0])
    monkeypatch.setattr("guard.web.users.sign_in.now", lambda: clock[0])
    sign_in(client, make_user("clerk@example.org", "clerk"))
    clock[0] += dt.timedelta(hours=7, minutes=59)
    assert _opens(client)  # active within 8 hours: still signed in
    clock[0] += dt.timedelta(hours=8, minutes=1)
    assert not _opens(client)  # idle for more than 8 hours
    sign_in(client, "clerk@example.org")
    signed_in = clock[0]
    for _ in range(40):  # busy every 6 hours, for longer than a week
        clock[0] += dt.timedelta(hours=6)
        if not _opens(client):
            break
    assert dt.timedelta(days=7) < clock[0] - signed_in <= dt.timedelta(days=7, hours=6)


def test_the_session_cookie_expires_with_the_lifetime(client, make_user):
    response = sign_in(client, make_user("clerk@example.org", "clerk"))
    cookie = response.headers["Set-Cookie"]
    assert "Expires=" in cookie
    assert PASSWORD not in cookie
