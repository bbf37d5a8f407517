"""First run: the one-time setup link, the first admin, and the council's details kept in the
database where the settings file and the environment are silent."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlmodel import Session, select

from guard.services import site
from guard.services.users import list_users
from guard.settings import build_settings
from guard.store.models_record import AuditRow
from guard.store.models_site import SiteSettingRow
from guard.web import create_app

PASSWORD = "a long enough password"
FORM = {
    "email": "Clerk@Parish.example",
    "password": PASSWORD,
    "password_again": PASSWORD,
    "name": "Much Wenlock Town Council",
    "timezone": "Europe/London",
    "wards": "Farley\r\nSheinton Street\r\n\r\n",
}


def fresh_app(engine, raw=None, environ=None):
    """The app as a fresh install runs it: no settings file, unless ``raw`` gives one."""
    settings = build_settings(raw or {}, environ or {})
    app = create_app(settings, engine=engine)
    app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)
    return app


def issue(engine) -> str:
    with Session(engine) as session:
        token = site.issue_setup_token(session, now=dt.datetime.now(dt.UTC))
        session.commit()
    assert token
    return token


def test_the_link_sets_up_the_admin_and_the_council_once(engine):
    app = fresh_app(engine)
    client = app.test_client()
    assert "A new installation" in client.get("/sign-in").text
    token = issue(engine)
    assert client.get("/setup/not-the-token").status_code == 404
    page = client.get(f"/setup/{token}")
    assert page.status_code == 200 and "Heanor" in page.text  # the defaults, to change

    answer = client.post(f"/setup/{token}", data=FORM, follow_redirects=True)
    assert answer.status_code == 200
    assert "Much Wenlock Town Council" in answer.text  # this process shows it at once
    assert "Sign out" in answer.text  # and the admin is signed in
    with Session(engine) as session:
        [admin] = list_users(session)
        assert (admin.email, admin.role) == ("clerk@parish.example", "admin")
        actions = session.exec(select(AuditRow.action)).all()
        assert "council.set" in actions and "user.add" in actions
    assert client.get(f"/setup/{token}").status_code == 404  # used once
    # Another process reads the saved details on start.
    settings = fresh_app(engine).extensions["guard"].settings
    assert settings.council.name == "Much Wenlock Town Council"
    assert settings.council.wards == ("Farley", "Sheinton Street")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"timezone": "Europe/Heanor"}, "expected an IANA time zone"),
        ({"wards": "North\nnorth"}, "expected distinct ward names"),
        ({"wards": "\n \n"}, "expected at least one ward"),
        ({"name": "  "}, "the council&#39;s name is empty"),
        ({"password_again": "something else entirely"}, "not the same"),
        ({"password": "short", "password_again": "short"}, "at least 12 characters"),
        ({"email": "nobody"}, "is not an email address"),
    ],
)
def test_a_bad_answer_is_named_and_nothing_is_saved(engine, change, message):
    client = fresh_app(engine).test_client()
    token = issue(engine)
    answer = client.post(f"/setup/{token}", data=FORM | change)
    assert answer.status_code == 400 and message in answer.text
    with Session(engine) as session:
        assert list_users(session) == []
        assert session.get(SiteSettingRow, "council.name") is None
    assert client.get(f"/setup/{token}").status_code == 200  # the link still works


KEYS = {
    "name": ("COUNCIL_NAME", "From The File Council"),
    "timezone": ("COUNCIL_TIMEZONE", "Europe/Dublin"),
    "wards": ("COUNCIL_WARDS", "Filewood"),
}


@pytest.mark.parametrize(
    "fixed",
    [set(c) for n in range(4) for c in itertools.combinations(KEYS, n)],
    ids=lambda keys: "+".join(sorted(keys)) or "none",
)
@pytest.mark.parametrize("where", ["file", "environment"])
def test_the_file_and_the_environment_win_where_they_set_a_key(engine, fixed, where):
    raw = {"council": {k: KEYS[k][1] if k != "wards" else [KEYS[k][1]] for k in fixed}}
    environ = {f"GUARD_{KEYS[k][0]}": KEYS[k][1] for k in fixed}
    app = fresh_app(engine, raw if where == "file" else None, environ if where != "file" else None)
    client = app.test_client()
    token = issue(engine)
    page = client.get(f"/setup/{token}").text
    for key in fixed:
        assert f'id="{key}-fixed"' in page
    client.post(f"/setup/{token}", data=FORM)
    council = app.extensions["guard"].settings.council
    typed = {"name": FORM["name"], "timezone": "Europe/London", "wards": "Farley"}
    for key, (_, value) in KEYS.items():
        shown = council.wards[0] if key == "wards" else getattr(council, key)
        assert shown == (value if key in fixed else typed[key]), key


def test_guard_init_does_the_same_in_a_terminal(run_guard, monkeypatch, engine):
    monkeypatch.delenv("GUARD_CONFIG")  # a fresh install: no settings file
    args = ["init", "--email", "admin@parish.example", "--council", "Wem Town Council"]
    args += ["--timezone", "Europe/London", "--wards", "Wem Rural, Wem Town"]
    done = run_guard(*args, input=PASSWORD + "\n")
    assert done.exit_code == 0, done.stderr
    assert "admin@parish.example is the administrator of Wem Town Council" in done.stdout
    settings = fresh_app(engine).extensions["guard"].settings
    assert settings.council.wards == ("Wem Rural", "Wem Town")
    again = run_guard(*args, input=PASSWORD + "\n")
    assert again.exit_code == 2 and "already set up" in again.stderr


def test_guard_init_refuses_a_council_key_the_file_sets(run_guard):
    done = run_guard("init", "--email", "a@b.example", "--council", "Other", input=PASSWORD + "\n")
    assert done.exit_code == 2 and "council.name is set in the settings file" in done.stderr
