"""What the browser tests share: one Chromium per module, driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.trust_server import ARGS, CHROMIUM


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()
