"""The web app skeleton: the factory, /healthz and the home page's periods."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from guard.domain.calendar.elections import Election, ElectionKind
from guard.services.calendar.elections import add_election
from guard.services.users import add_user
from guard.web import create_app


def _sign_in(client, engine) -> None:
    """The home page needs a signed-in user."""
    with Session(engine) as session:
        add_user(
            session,
            email="c@example.org",
            role="clerk",
            password="a" * 12,
            actor="test",
            now=dt.datetime.now(dt.UTC),
        )
        session.commit()
    client.application.config["WTF_CSRF_ENABLED"] = False
    client.post("/sign-in", data={"email": "c@example.org", "password": "a" * 12})


def test_factory_uses_the_given_settings(settings, engine):
    app = create_app(settings, engine=engine)
    assert app.extensions["guard"].settings is settings
    assert not app.testing


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_home_lists_current_and_upcoming_periods(client, engine, settings):
    today = dt.datetime.now(dt.UTC).date()
    with Session(engine) as session:
        for title, poll in [
            ("Past by-election", today - dt.timedelta(days=60)),
            ("Current by-election", today + dt.timedelta(days=7)),
            ("Next ordinary elections", today + dt.timedelta(days=200)),
        ]:
            add_election(
                session,
                settings,
                Election(title, ElectionKind.LOCAL, poll),
                now=dt.datetime.now(dt.UTC),
            )
        session.commit()
    _sign_in(client, engine)
    page = client.get("/").get_data(as_text=True)
    assert "A restricted period is on now" in page
    assert "Current by-election" in page
    assert "Next ordinary elections" in page
    assert "Past by-election" not in page


def test_home_without_elections_says_so(client, engine):
    _sign_in(client, engine)
    page = client.get("/").get_data(as_text=True)
    assert "No restricted period is on now" in page
    assert "No elections are on the calendar." in page
