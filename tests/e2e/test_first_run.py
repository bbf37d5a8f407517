"""A fresh install set up as a clerk would: `guard serve` prints the one-time link, Chromium
follows it, creates the admin and the council, then connects the stand-in X account and
Facebook Page through their sign-in pages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.test_wheel import free_port
from tests.e2e.trust_server import ARGS, CHROMIUM
from tests.fakes.oauth import FakeFacebookLogin, FakeXOAuth

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"
)
PASSWORD = "a long enough password"


def read_setup_link(process: subprocess.Popen, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if "/setup/" in line:
            return line.strip()
        if not line and process.poll() is not None:
            break
    raise AssertionError("guard serve printed no setup link")


def test_a_fresh_install_set_up_in_the_browser_with_its_accounts(tmp_path: Path):
    from playwright.sync_api import sync_playwright

    port = free_port()
    with FakeXOAuth() as x, FakeFacebookLogin() as fb:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GUARD_")}
        env |= {
            "HOME": str(tmp_path),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "GUARD_X_API_BASE_URL": x.url,
            "GUARD_FACEBOOK_GRAPH_URL": fb.url,
            "GUARD_FACEBOOK_WWW_URL": fb.url,
        }
        serve = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from guard.cli import main; main()",
                "serve",
                "--port",
                str(port),
            ],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            link = read_setup_link(serve)
            assert link.startswith(f"http://127.0.0.1:{port}/setup/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                page = browser.new_page()
                page.goto(link)
                page.get_by_label("Email address").fill("clerk@wem.example")
                page.get_by_label("Password (at least 12 characters)").fill(PASSWORD)
                page.get_by_label("The same password again").fill(PASSWORD)
                page.get_by_label("The council's name").fill("Wem Town Council")
                page.get_by_label("Wards, one a line").fill("Wem Rural\nWem Town")
                page.get_by_role("button", name="Create the administrator and save").click()
                page.wait_for_url("**/accounts")
                assert "Wem Town Council" in page.locator("header").inner_text()

                page.get_by_label("API key (consumer key)").fill(x.consumer[0])
                page.get_by_label("API key secret").fill(x.consumer[1])
                page.get_by_role("button", name="Save the app's key").first.click()
                page.get_by_role("button", name="Connect X account").click()
                page.wait_for_url("**/accounts")
                assert page.locator("#x-account").inner_text() == "@HeanorCouncil"

                page.get_by_label("App ID").fill(fb.app[0])
                page.get_by_label("App secret").fill(fb.app[1])
                page.get_by_role("button", name="Save the app's key").click()
                page.get_by_role("button", name="Connect Facebook Page").click()
                page.wait_for_url("**/accounts")
                page.get_by_label("Heanor & Loscoe Town Council").check()
                page.get_by_role("button", name="Use this page").click()
                assert page.locator("#facebook-account").inner_text() == fb.page_name
                page.locator("#x-heading").locator("..").get_by_role(
                    "button", name="Test connection"
                ).click()
                assert "Test passed: connected as @HeanorCouncil" in page.content()
                browser.close()
        finally:
            serve.terminate()
            printed, _ = serve.communicate(timeout=10)
        secrets = [*x.access, *x.access.values(), fb.page_token, x.consumer[1], fb.app[1]]
        assert not any(secret in printed for secret in secrets)  # never printed or logged
