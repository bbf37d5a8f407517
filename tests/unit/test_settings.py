"""Settings: the example file, environment overrides and clear errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib

import pytest

from guard.settings import DatabaseSettings, Settings, SettingsError, load_settings
from tests.conftest import EXAMPLE_CONFIG


def test_example_config_documents_every_key_with_its_default():
    example = tomllib.loads(EXAMPLE_CONFIG.read_text())
    defaults = Settings()
    for section in dataclasses.fields(Settings):
        if section.name == "explicit":
            continue  # which keys were set, not a section
        table = example[section.name]
        value = getattr(defaults, section.name)
        for key in dataclasses.fields(value):
            assert key.name in table, f"config.example.toml lacks {section.name}.{key.name}"
    # The one key the example sets apart from its default: `make run` keeps the database in the
    # checkout's instance/ folder, while an installed program keeps it in the user's data folder.
    in_checkout = dataclasses.replace(
        defaults, database=DatabaseSettings(url="sqlite:///instance/guard.db")
    )
    assert load_settings(EXAMPLE_CONFIG, environ={}) == in_checkout


def test_the_default_database_is_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = load_settings(environ={}).database.url
    assert url == f"sqlite:///{tmp_path}/pre-election-guard/guard.db"


def test_environment_overrides_any_key(tmp_path):
    environ = {
        "GUARD_DATABASE_URL": "postgresql+psycopg://guard@db/guard",
        "GUARD_X_API_BASE_URL": "http://127.0.0.1:9999",
        "GUARD_SCHEDULER_EMBEDDED": "true",
        "GUARD_COUNCIL_WARDS": "North, South",
        "GUARD_ELECTIONS_EXTRA_DIES_NON": "2027-04-14",
    }
    settings = load_settings(EXAMPLE_CONFIG, environ=environ)
    assert settings.database.url == "postgresql+psycopg://guard@db/guard"
    assert settings.x.api_base_url == "http://127.0.0.1:9999"
    assert settings.scheduler.embedded is True
    assert settings.council.wards == ("North", "South")
    assert settings.elections.extra_dies_non == (dt.date(2027, 4, 14),)


def test_guard_config_names_the_file(tmp_path):
    path = tmp_path / "guard.toml"
    path.write_text('[council]\nname = "Anytown Parish Council"\nwards = ["Only"]\n')
    settings = load_settings(environ={"GUARD_CONFIG": str(path)})
    assert settings.council.name == "Anytown Parish Council"
    assert settings.council.wards == ("Only",)


@pytest.mark.parametrize(
    ("toml", "environ", "message"),
    [
        ("[council]\nnmae = 'x'\n", {}, "unknown key council.nmae"),
        ("[councel]\n", {}, "unknown section [councel]"),
        ("[publishing]\nmode = 'loud'\n", {}, "publishing.mode = 'loud': expected 'dry-run' or"),
        ("[scheduler]\npoll_seconds = 'often'\n", {}, "scheduler.poll_seconds = 'often'"),
        ("[council]\ntimezone = 'Mars/Olympus'\n", {}, "council.timezone = 'Mars/Olympus'"),
        ("[database]\nurl = 'guard.db'\n", {}, "database.url = 'guard.db': expected a URL"),
        ("[elections]\nextra_dies_non = ['2027-02-30']\n", {}, "expected a date as YYYY-MM-DD"),
        ("", {"GUARD_SCHEDULER_EMBEDDED": "maybe"}, "GUARD_SCHEDULER_EMBEDDED = 'maybe'"),
        ("", {"GUARD_X_API_URL": "http://x"}, "unknown setting variable GUARD_X_API_URL"),
        ("[council\n", {}, "not valid TOML"),
        ("[council]\nwards = ['Heanor East', 'Heanor-East']\n", {}, "expected distinct ward names"),
    ],
)
def test_bad_settings_name_the_key_the_value_and_what_was_expected(
    tmp_path, toml, environ, message
):
    path = tmp_path / "guard.toml"
    path.write_text(toml)
    with pytest.raises(SettingsError, match=_escape(message)):
        load_settings(path, environ=environ)


def test_missing_config_file_is_named():
    with pytest.raises(SettingsError, match=_escape("no such file '/nowhere.toml'")):
        load_settings(environ={"GUARD_CONFIG": "/nowhere.toml"})


def _escape(text: str) -> str:
    import re

    return re.escape(text)
