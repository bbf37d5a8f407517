"""Tokens encrypted at rest with Fernet: the key from the environment or a key file.

The key file is created on first use with owner-only permissions (0600), like an SSH key; a
key file that others can read is refused rather than used.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from guard.paths import UnsafeSecretFile, data_dir, own_secret
from guard.services import InputError
from guard.settings import AccountsSettings


class Vault:
    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)
        self._key = key

    def derive(self, purpose: str) -> bytes:
        """A key of its own for ``purpose``, from this one: every process that can open the
        vault derives the same, and it reveals nothing of the vault's key."""
        return hmac.new(self._key, f"guard:{purpose}".encode(), hashlib.sha256).digest()

    def seal(self, value: dict[str, Any]) -> str:
        return self._fernet.encrypt(json.dumps(value).encode()).decode()

    def open(self, token: str, what: str) -> dict[str, Any]:
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except InvalidToken:
            raise InputError(
                f"the stored {what} was encrypted with another key: disconnect it and connect "
                "it again, or restore the key it was stored with"
            ) from None


def open_vault(settings: AccountsSettings) -> Vault:
    if settings.encryption_key:
        return Vault(_check_key(settings.encryption_key.encode(), "GUARD_ACCOUNTS_ENCRYPTION_KEY"))
    path = Path(settings.key_file) if settings.key_file else data_dir() / "accounts.key"
    return Vault(_check_key(_key_file(path), str(path)))


def _key_file(path: Path) -> bytes:
    try:
        return own_secret(path, Fernet.generate_key, "the accounts' key file")
    except UnsafeSecretFile as exc:
        raise InputError(str(exc)) from None


def _check_key(key: bytes, where: str) -> bytes:
    try:
        if len(base64.urlsafe_b64decode(key)) == 32:
            return key
    except (binascii.Error, ValueError):
        pass
    raise InputError(
        f"{where}: not a Fernet key (32 bytes in URL-safe base64); make one with "
        "`guard accounts new-key`"
    )
