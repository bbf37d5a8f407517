"""The key that seals the accounts' tokens: from the environment, or an owner-only key file."""

from __future__ import annotations

import os
import stat

import pytest
from cryptography.fernet import Fernet
from hypothesis import given
from hypothesis import strategies as st

from guard.services import InputError
from guard.services.accounts.vault import open_vault
from guard.settings import AccountsSettings


def test_the_key_file_is_made_once_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "data" / "accounts.key"
    sealed = open_vault(AccountsSettings(key_file=str(path))).seal({"token": "abc"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert open_vault(AccountsSettings(key_file=str(path))).open(sealed, "X token") == {
        "token": "abc"
    }


def test_a_key_file_others_can_read_is_refused(tmp_path):
    path = tmp_path / "accounts.key"
    path.write_bytes(Fernet.generate_key())
    os.chmod(path, 0o644)
    with pytest.raises(InputError, match=r"readable by others .*chmod 600"):
        open_vault(AccountsSettings(key_file=str(path)))


def test_a_key_from_the_environment_needs_no_file_and_a_bad_one_is_named(tmp_path):
    key = Fernet.generate_key().decode()
    vault = open_vault(AccountsSettings(encryption_key=key, key_file=str(tmp_path / "k")))
    assert vault.open(vault.seal({"a": 1}), "x") == {"a": 1}
    assert not (tmp_path / "k").exists()
    with pytest.raises(InputError, match="GUARD_ACCOUNTS_ENCRYPTION_KEY: not a Fernet key"):
        open_vault(AccountsSettings(encryption_key="hunter2"))


def test_a_token_sealed_with_another_key_says_so():
    sealed = open_vault(AccountsSettings(Fernet.generate_key().decode())).seal({"t": "x"})
    other = open_vault(AccountsSettings(Fernet.generate_key().decode()))
    with pytest.raises(InputError, match="encrypted with another key"):
        other.open(sealed, "Facebook token")


VAULT = open_vault(AccountsSettings(Fernet.generate_key().decode()))


@given(st.dictionaries(st.text(max_size=20), st.text(min_size=8, max_size=200), max_size=4))
def test_sealed_secrets_round_trip_and_never_appear_in_the_sealed_text(secrets):
    sealed = VAULT.seal(secrets)
    assert VAULT.open(sealed, "x") == secrets
    for value in secrets.values():
        assert value not in sealed
