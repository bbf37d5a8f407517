"""Where the program keeps its own files on this machine: the per-user data directory.

Used for the default SQLite database, the key file that encrypts the accounts' tokens and the
key that signs the web app's sessions, so an installed program needs no folder of its own
(platformdirs: ~/.local/share on Linux).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP_NAME = "pre-election-guard"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'guard.db'}"


class UnsafeSecretFile(Exception):
    """A secret file others can read, or one that is empty."""


def own_secret(path: Path, make: Callable[[], bytes], what: str) -> bytes:
    """The secret kept in ``path``: made by ``make`` and written there, owner-only, on first use.

    It is written whole to a temporary file and linked into place, so two processes starting at
    once agree on one secret and neither reads half of one. A file that others can read is
    refused rather than used, like an SSH key.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(make() + b"\n")
            with contextlib.suppress(FileExistsError):  # another process was first: use its
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise UnsafeSecretFile(
            f"{path}: {what} is readable by others (mode {stat.filemode(mode)}): "
            f"run `chmod 600 {path}`"
        )
    secret = path.read_bytes().strip()
    if not secret:
        raise UnsafeSecretFile(f"{path}: {what} is empty: delete it and a new one is made")
    return secret
