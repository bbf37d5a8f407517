"""The app factory: a new app per call, every area registered, every page answers an admin."""

from __future__ import annotations

from guard.web import create_app
from tests.web_fixtures import sign_in

AREAS = {
    "health",
    "auth",
    "home",
    "ical",
    "calendar",
    "compose",
    "edit",
    "posts",
    "review",
    "elections",
    "councillors",
    "audit",
    "archive",
    "users",
}


def test_each_call_makes_a_separate_app_with_every_area(settings, engine):
    first, second = create_app(settings, engine=engine), create_app(settings, engine=engine)
    assert first is not second
    assert set(first.blueprints) >= AREAS
    assert first.extensions["guard"].engine is engine
    assert first.extensions["guard"].settings is settings
    # Without a configured secret each app makes its own, so none is ever a known default.
    if not settings.web.secret_key:
        assert first.config["SECRET_KEY"] != second.config["SECRET_KEY"]


def test_every_page_without_parameters_answers_an_admin(app, client, make_user):
    sign_in(client, make_user("admin@example.org", "admin"))
    pages = sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static"
    )
    assert len(pages) >= 15
    answers = {page: client.get(page).status_code for page in pages}
    assert {page: code for page, code in answers.items() if code >= 400} == {}
