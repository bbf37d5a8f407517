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


@pytest.fixture(scope="module")
def app_server(request, tmp_path_factory) -> Iterator[tuple[str, object]]:
    """The demo app served on 127.0.0.1 for one test module, with its engine."""
    from tests.e2e.trust_server import serve

    folder = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    with serve(folder) as served:
        yield served
