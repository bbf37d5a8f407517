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
import os
import stat
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from guard.paths import data_dir
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
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting at once never both write a key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = path.stat().st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise InputError(
                f"{path}: the accounts' key file is readable by others "
                f"(mode {stat.filemode(mode)}): run `chmod 600 {path}`"
            ) from None
        return path.read_bytes().strip()
    key = Fernet.generate_key()
    with os.fdopen(fd, "wb") as file:
        file.write(key + b"\n")
    return key


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
