"""The core is pure: guard.domain imports no framework, I/O, settings or outer layer.

Two checks, because each misses what the other sees: the source's import statements (including
imports inside functions, which run only when called) and what importing every module loads.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import ROOT

DOMAIN = ROOT / "guard" / "domain"

# Top-level packages and modules the domain must never reach, directly or through another import.
FORBIDDEN = (
    "flask",
    "werkzeug",
    "jinja2",
    "sqlmodel",
    "sqlalchemy",
    "alembic",
    "apscheduler",
    "tweepy",
    "facebook",
    "requests",
    "urllib3",
    "urllib.request",
    "http.server",
    "smtplib",
    "sqlite3",
    "psycopg",
    "waitress",
    "guard.web",
    "guard.cli",
    "guard.store",
    "guard.services",
    "guard.publishers",
    "guard.scheduler",
    "guard.settings",
    "guard.mail",
    "guard.image_text",
    "rapidocr_onnxruntime",
)


# Low-level I/O the domain's own source must not import (pure libraries it uses may load them),
# and process-wide switches (the garbage collector) it must not touch.
IO = ("socket", "subprocess", "http.client", "os", "shutil", "pathlib", "time", "random", "gc")


def _forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN + IO)


def _domain_modules() -> list[str]:
    names = []
    for path in sorted(DOMAIN.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _imports(path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


@pytest.mark.parametrize("path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: p.name)
def test_no_domain_source_imports_a_forbidden_module(path):
    assert [name for name in _imports(path) if _forbidden(name)] == []


def test_the_check_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from werkzeug import x\n    import sqlite3\n")
    assert {n for n in _imports(sample) if _forbidden(n)} == {"werkzeug", "werkzeug.x", "sqlite3"}


def test_importing_the_domain_loads_no_framework_or_io():
    script = (
        "import importlib, sys\n"
        f"for name in {_domain_modules()!r}: importlib.import_module(name)\n"
        f"forbidden = {FORBIDDEN!r}\n"
        "bad = [m for m in sys.modules\n"
        "       if any(m == f or m.startswith(f + '.') for f in forbidden)]\n"
        "print(','.join(sorted(bad)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""
