"""The core is pure: importing guard.domain pulls in no framework or I/O library."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

FORBIDDEN = (
    "flask",
    "sqlmodel",
    "sqlalchemy",
    "apscheduler",
    "tweepy",
    "facebook",
    "requests",
    "smtplib",
    "guard.web",
    "guard.store",
    "guard.services",
    "guard.publishers",
)


def test_domain_imports_no_framework_or_io():
    modules = sorted(p.stem for p in (ROOT / "guard" / "domain").glob("*.py"))
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module('guard.domain.' + name)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} or "
        f"any(m == f or m.startswith(f + '.') for f in {FORBIDDEN!r})]\n"
        "print(','.join(sorted(bad)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""
