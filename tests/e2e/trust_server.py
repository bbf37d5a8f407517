"""The app with the demo's data on a free port, for the browser tests of issue 12's items."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from sqlmodel import Session, col, select
from werkzeug.serving import make_server

from guard.services.demo import load_demo
from guard.services.users import add_user
from guard.settings import DatabaseSettings, ReviewSettings, load_settings
from guard.store import db as store_db
from guard.store.models import PostRow
from tests.conftest import EXAMPLE_CONFIG
from tests.web_fixtures import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
USERS = (("clerk2@example.org", "clerk"), ("clerk3@example.org", "clerk"))


@contextmanager
def serve(folder: Path, *, second_person: bool = False) -> Iterator[tuple[str, object]]:
    """Yield the app's address and its engine; the demo loaded, two more clerks added."""
    from guard.web import create_app

    url = f"sqlite:///{folder / 'guard.db'}"
    settings = replace(
        load_settings(EXAMPLE_CONFIG, environ={}),
        database=DatabaseSettings(url),
        review=ReviewSettings(second_person=second_person),
    )
    store_db.upgrade(url)
    engine = store_db.make_engine(url)
    now = dt.datetime.now(dt.UTC)
    with Session(engine) as session:
        load_demo(session, settings, now=now)
        for email, role in USERS:
            add_user(session, email=email, role=role, password=PASSWORD, actor="test", now=now)
        session.commit()
    http = make_server("127.0.0.1", 0, create_app(settings, engine=engine), threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{http.server_port}", engine
    finally:
        http.shutdown()
        thread.join()
        http.server_close()
        engine.dispose()


def page_as(
    browser, server: str, email: str, *, at: str = "", width: int = 1280, script: bool = True
):
    """A new browser signed in as ``email``, at the page ``at`` (the home page by default)."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=script, accept_downloads=True
    )
    page = context.new_page()
    page.goto(server + "/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server + "/")
    if at:
        page.goto(server + at)
    return page


def posts_with(engine, text: str) -> list[PostRow]:
    with Session(engine) as session:
        return list(session.exec(select(PostRow).where(col(PostRow.text).contains(text))))


def main_text(page) -> str:
    return re.sub(r"\s+", " ", page.locator("main").inner_text())


def when(page, days: int, time: str = "12:00") -> None:
    day = (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).date()
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Time").fill(time)
