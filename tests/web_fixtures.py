"""Fixtures for the web app: users of each role and a client signed in as one."""

from __future__ import annotations

import datetime as dt

import pytest

PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(engine):
    # Imported here, like the program in tests/conftest.py: not before the workers start.
    from sqlmodel import Session

    from guard.services.users import add_user

    def make(email: str, role: str) -> str:
        with Session(engine) as session:
            add_user(
                session,
                email=email,
                role=role,
                password=PASSWORD,
                actor="test",
                now=dt.datetime.now(dt.UTC),
            )
            session.commit()
        return email

    return make


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post("/sign-in", data={"email": email, "password": password})


def signed_in(app, client, email: str):
    """``client`` left signed in as ``email`` just as the sign-in page leaves it (the same
    ``login_user`` and session start), without the page's password check, throttle and audit
    record: the pages' tests start signed in; the sign-in tests go through the page."""
    from flask import session
    from flask_login import login_user
    from sqlmodel import Session, select

    from guard.store.models_auth import UserRow
    from guard.web.users import sessions
    from guard.web.users.security import user_of

    with Session(app.extensions["guard"].engine) as db:
        row = db.exec(select(UserRow).where(UserRow.email == email)).one()
        user = user_of(row)
    with app.test_request_context():
        login_user(user)
        sessions.begin(dt.datetime.now(dt.UTC))
        state = dict(session)
    with client.session_transaction() as cookie:
        cookie.clear()
        cookie.update(state)
        cookie.permanent = True
    return client


@pytest.fixture
def clerk(app, client, make_user):
    return signed_in(app, client, make_user("clerk@example.org", "clerk"))


@pytest.fixture
def viewer(app, client, make_user):
    return signed_in(app, client, make_user("viewer@example.org", "viewer"))


@pytest.fixture
def admin(app, client, make_user):
    return signed_in(app, client, make_user("admin@example.org", "admin"))
