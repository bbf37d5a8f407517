"""Where the program keeps its own files on this machine: the per-user data directory.

Used for the default SQLite database and the key file that encrypts the accounts' tokens, so
an installed program needs no folder of its own (platformdirs: ~/.local/share on Linux).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "pre-election-guard"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'guard.db'}"
