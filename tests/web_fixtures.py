"""Fixtures for the web app: users of each role and a client signed in as one."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from guard.services.users import add_user

PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(engine):
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


@pytest.fixture
def clerk(client, make_user):
    sign_in(client, make_user("clerk@example.org", "clerk"))
    return client


@pytest.fixture
def viewer(client, make_user):
    sign_in(client, make_user("viewer@example.org", "viewer"))
    return client


@pytest.fixture
def admin(client, make_user):
    sign_in(client, make_user("admin@example.org", "admin"))
    return client
