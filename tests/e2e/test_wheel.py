"""The built wheel runs anywhere: installed in a fresh environment outside the checkout, it
migrates an empty database, loads the demo and serves the sign-in page and the feed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from guard import resources
from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_holds_the_files_the_program_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "guard/templates/sign_in.html",
        "guard/static/guard.css",
        "guard/migrations/env.py",
        "guard/migrations/script.py.mako",
        "guard/docs/data-protection.md",
        "guard/demo_councillors.csv",
    ):
        assert name in names, name
    versions = {p.name for p in (ROOT / "migrations" / "versions").glob("*.py")}
    assert {n.rsplit("/", 1)[1] for n in names if "/migrations/versions/" in n} == versions
    assert not any(n.startswith(("tests/", "templates/", "migrations/")) for n in names)


def test_the_checkout_reads_the_same_files_through_the_editable_install():
    assert resources.folder(resources.TEMPLATES) == ROOT / "templates"
    assert resources.folder(resources.MIGRATIONS) == ROOT / "migrations"
    assert "Data protection" in resources.read_text(resources.DOCS, "data-protection.md")


def test_installed_elsewhere_it_migrates_loads_the_demo_and_serves(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    # The wheel alone; its dependencies come from this environment (CI's .ci/wheel-check
    # installs them afresh), so the test needs no network.
    subprocess.run([str(pip), "install", "--quiet", "--no-deps", str(wheel)], check=True)
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir(), elsewhere.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    guard = str(venv / "bin" / "guard")

    def run(*args: str) -> str:
        done = subprocess.run(
            [guard, *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "database at revision" in run("db", "upgrade")
    assert "sign in as clerk@example.org" in run("demo")
    assert (home / ".local/share/pre-election-guard/guard.db").is_file()
    port = free_port()
    server = subprocess.Popen(
        [guard, "serve", "--port", str(port)],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert 'name="password"' in fetch(f"http://127.0.0.1:{port}/sign-in")
        feed = fetch(f"http://127.0.0.1:{port}/ical/restricted-periods.ics")
        assert "BEGIN:VEVENT" in feed and "by-election" in feed
        assert "Data protection" in fetch(f"http://127.0.0.1:{port}/data-protection")
    finally:
        server.terminate()
        server.wait(10)
    assert not os.listdir(elsewhere)
