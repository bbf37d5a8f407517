"""[review] second_person: off by default, read from the file and the environment."""

from __future__ import annotations

import pytest

from guard.settings import SettingsError, build_settings


def test_off_by_default_and_on_when_asked():
    assert build_settings({}, {}).review.second_person is False
    assert build_settings({"review": {"second_person": True}}, {}).review.second_person is True
    env = {"GUARD_REVIEW_SECOND_PERSON": "true"}
    assert build_settings({}, env).review.second_person is True


def test_a_bad_value_names_the_key():
    with pytest.raises(SettingsError, match="second_person"):
        build_settings({"review": {"second_person": "perhaps"}}, {})
