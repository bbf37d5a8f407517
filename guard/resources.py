"""The files that ship inside the package, found with importlib.resources.

Templates, static files, migrations and documents live in top-level folders of the repository
and are mapped into the package by setup.py, so the same names work from a checkout (the
editable install) and from an installed wheel.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

TEMPLATES = "guard.templates"
STATIC = "guard.static"
MIGRATIONS = "guard.migrations"
DOCS = "guard.docs"


def folder(package: str) -> Path:
    """The folder of a data package on disk (pip always installs a wheel unpacked)."""
    path = Path(str(files(package)))
    if not path.is_dir():
        raise RuntimeError(f"{package}: the package's files are missing (looked in {path})")
    return path


def read_text(package: str, name: str) -> str:
    return files(package).joinpath(name).read_text(encoding="utf-8")
