"""Browser tests: Playwright driving Debian's Chromium against the app served on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session
from werkzeug.serving import make_server

from guard.services.demo import load_demo
from guard.services.users import add_user
from guard.settings import DatabaseSettings, load_settings
from guard.store import db as store_db
from tests.conftest import EXAMPLE_CONFIG
from tests.e2e.trust_server import CHROMIUM, page_as
from tests.web_fixtures import PASSWORD

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """The app on a free port with a temporary SQLite database holding the demo data."""
    from guard.web import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'guard.db'}"
    settings = replace(load_settings(EXAMPLE_CONFIG, environ={}), database=DatabaseSettings(url))
    store_db.upgrade(url)
    engine = store_db.make_engine(url)
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session:
        load_demo(session, settings, now=now)
        for email, role in (("clerk2@example.org", "clerk"), ("viewer@example.org", "viewer")):
            add_user(session, email=email, role=role, password=PASSWORD, actor="test", now=now)
        session.commit()
    http = make_server("127.0.0.1", 0, create_app(settings, engine=engine), threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join()
    http.server_close()
    engine.dispose()


@pytest.fixture
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.getbasetemp() / "screenshots"


def _when(page, days: int) -> None:
    day = (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).date()
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Time").fill("12:00")


def test_blocked_post_shows_the_handle_highlighted(browser, server, shots):
    page = page_as(browser, server, "clerk2@example.org", at="/compose")
    _when(page, 3)
    page.get_by_label("Text of the post").fill("Congratulations @CllrAnnBaker on the award")
    mark = page.locator('#verdict .platform-preview[data-platform="x"] mark.mark-block')
    mark.wait_for()
    assert "@CllrAnnBaker" in mark.inner_text()
    assert "Blocked" in page.locator("#verdict").inner_text()
    assert page.get_by_role("button", name="Schedule").is_disabled()
    page.screenshot(path=str(shots / "composer-blocked.png"), full_page=True)


def test_schedule_allowed_post_and_find_it_on_the_calendar(browser, server, shots):
    page = page_as(browser, server, "clerk2@example.org", at="/compose")
    page.get_by_label("Text of the post").fill("Allotment open day this Saturday")
    _when(page, 1)
    page.get_by_role("button", name="Schedule").click()
    assert "Scheduled." in page.locator("main").inner_text()
    page.goto(server + "/calendar?view=list")
    assert "Allotment open day" in page.locator("main").inner_text()
    page.goto(server + "/calendar")
    page.screenshot(path=str(shots / "calendar.png"), full_page=True)


def test_approve_held_post_and_find_it_in_the_audit(browser, server, shots):
    page = page_as(browser, server, "clerk2@example.org", at="/review")
    page.screenshot(path=str(shots / "review.png"), full_page=True)
    label = page.get_by_label("Reason for approving (required)").first
    label.fill("Thanking the fete's opener is factual")
    page.get_by_role("button", name="Approve post").first.click()
    assert "approved" in page.locator("main").inner_text()
    page.goto(server + "/audit")
    assert "Thanking the fete's opener is factual" in page.locator("main").inner_text()
    page.screenshot(path=str(shots / "audit.png"), full_page=True)


def test_viewer_cannot_reach_the_composer(browser, server, shots):
    page = page_as(browser, server, "viewer@example.org", width=360)
    assert page.get_by_role("link", name="Write a post").count() == 0
    response = page.goto(server + "/compose")
    assert response is not None and response.status == 403
    page.goto(server + "/")
    page.screenshot(path=str(shots / "dashboard-phone.png"), full_page=True)


def test_form_without_csrf_token_is_refused(browser, server):
    page = page_as(browser, server, "clerk2@example.org", at="/compose")
    page.locator("#composer input[name=csrf_token]").evaluate("input => input.remove()")
    page.get_by_label("Text of the post").fill("No token")
    page.get_by_role("button", name="Check with the guard").click()
    assert "The form was refused" in page.locator("main").inner_text()


# Each main page, what its heading says, and a word only the demo's data puts there.
MAIN_PAGES = (
    ("", "Dashboard", "restricted"),
    ("posts", "Posts", "library opens late"),
    ("calendar", "Calendar", "Mon"),
    ("elections", "Elections", "ordinary elections 2027"),
    ("councillors", "Councillors", "Ann Baker"),
    ("review", "Review", "Approve one with a reason"),
    ("audit", "Audit", "demo"),
    ("archive", "Archive", "Christmas lights"),
)


@pytest.mark.parametrize(("path", "heading", "content"), MAIN_PAGES)
def test_main_pages_render_for_a_clerk(browser, server, shots, path, heading, content):
    page = page_as(browser, server, "clerk2@example.org")
    response = page.goto(f"{server}/{path}")
    assert response is not None and response.status == 200
    assert heading.lower() in page.locator("h1").first.inner_text().lower()
    assert content.lower() in page.locator("main").inner_text().lower()
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{path or 'dashboard'}.png"), full_page=True)


def test_a_clerk_captures_evidence_on_a_phone(browser, server, tmp_path, shots):
    import hashlib

    screenshot = tmp_path / "screenshot.png"
    screenshot.write_bytes(b"\x89PNG\r\n\x1a\n" + b"captured post" * 40)
    page = page_as(browser, server, "clerk2@example.org", width=360, at="/evidence")
    page.get_by_label("Title").fill("Post in the Loscoe residents' group")
    page.get_by_label("Kind of case").select_option("code-of-conduct")
    page.get_by_role("button", name="Open the case").click()
    page.get_by_label("Where it was seen").fill("Facebook")
    page.get_by_label("Author, exactly as shown").fill("A. Resident")
    page.get_by_label("When you saw it").fill("2026-11-20T09:30")
    page.get_by_label("The words of the post").fill("Vote for my friend on Thursday!")
    page.get_by_label("Screenshots and files").set_input_files(str(screenshot))
    page.get_by_role("button", name="Add to the case").click()
    main = page.locator("main").inner_text()
    assert hashlib.sha256(screenshot.read_bytes()).hexdigest() in main
    assert "Vote for my friend on Thursday!" in main
    # Nothing on the page is wider than the phone's screen, the 64-digit hash included.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the case as a zip").click()
    assert download.value.suggested_filename.endswith(".zip")
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "evidence-phone.png"), full_page=True)


@pytest.mark.parametrize("width", [360, 390])
def test_no_page_is_wider_than_a_phone(browser, server, width):
    """On a phone every page of a clerk's day fits the screen: nothing scrolls sideways."""
    page = page_as(browser, server, "clerk2@example.org", width=width)
    pages = ("/", "/compose", "/calendar", "/calendar?view=list", "/posts", "/plans", "/review")
    pages += ("/elections", "/councillors", "/audit", "/archive", "/evidence", "/notices")
    wide = {}
    for path in pages:
        page.goto(server + path)
        if (scroll := page.evaluate("document.documentElement.scrollWidth")) > width:
            wide[path] = scroll
    assert wide == {}
