"""The app factory: a new app per call, every area registered, every page answers an admin."""

from __future__ import annotations

import stat
from dataclasses import replace

import pytest

from guard.settings import SettingsError
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


def test_without_a_configured_key_sessions_outlive_a_restart(
    settings, engine, monkeypatch, tmp_path
):
    """The key is made once per install, kept owner-only, and never a known default."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "one"))
    unset = replace(settings, web=replace(settings.web, secret_key=""))
    first = create_app(unset, engine=engine)
    client = first.test_client()
    with client.session_transaction() as session:
        session["seen"] = "before the restart"
    cookie = client.get_cookie("session")
    assert cookie is not None

    restarted = create_app(unset, engine=engine).test_client()
    restarted.set_cookie("session", cookie.value)
    with restarted.session_transaction() as session:
        assert session.get("seen") == "before the restart"
    key_file = tmp_path / "one" / "pre-election-guard" / "web-secret.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "another"))
    elsewhere = create_app(unset, engine=engine)
    assert elsewhere.config["SECRET_KEY"] != first.config["SECRET_KEY"]


def test_a_key_file_others_can_read_is_refused(settings, engine, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    unset = replace(settings, web=replace(settings.web, secret_key=""))
    create_app(unset, engine=engine)
    (tmp_path / "pre-election-guard" / "web-secret.key").chmod(0o644)
    with pytest.raises(SettingsError, match=r"readable by others .*chmod 600"):
        create_app(unset, engine=engine)


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
