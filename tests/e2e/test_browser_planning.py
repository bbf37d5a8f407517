"""Browser tests, issue 17: the posts list searched, filtered and paged; a post duplicated;
planning from the calendar (a day opens the composer, a post moved by the keyboard form or
dragged); content plans uploaded, refused whole or scheduled once."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

import pytest
from sqlmodel import Session, func, select

from guard.services.posts.review import approve_post
from guard.settings import DatabaseSettings, load_settings
from guard.store.models import PostRow
from tests.conftest import EXAMPLE_CONFIG
from tests.e2e.trust_server import CHROMIUM, main_text, page_as, posts_with, when
from tests.sending import add_post_row

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
CLERK = "clerk2@example.org"


def day(days: int) -> dt.date:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(days=days)).date()


def count_posts(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(PostRow)).one()


def test_search_filter_and_page_through_the_posts(browser, app_server):
    server, engine = app_server
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=60)
    with Session(engine) as session:  # more than a page of one kind of post, beside the demo
        for n in range(53):
            add_post_row(session, f"Parish notice {n:02d}", start + dt.timedelta(hours=n))
        session.commit()
    page = page_as(browser, server, CLERK, at="/posts")
    page.get_by_label("Text contains").fill("parish NOTICE")
    page.get_by_label("State").select_option("scheduled")
    page.get_by_role("button", name="Search").click()
    assert "q=parish+NOTICE" in page.url and "status=scheduled" in page.url
    assert "Parish notice 52" in main_text(page) and "Library" not in main_text(page)
    page.get_by_role("link", name="Older").click()
    assert "page=2" in page.url and "q=parish+NOTICE" in page.url
    rows = page.locator("main table tbody tr")
    assert rows.count() == 3 and "Parish notice 00" in main_text(page)
    assert page.get_by_label("Text contains").input_value() == "parish NOTICE"
    page.goto(server + "/posts?findings=yes")
    assert "Councillor Baker" in main_text(page) and "Parish notice" not in main_text(page)
    page.goto(server + "/posts?status=nonsense&since=tomorrow")
    text = main_text(page)
    assert "'nonsense' is not a state" in text and "'tomorrow' is not a date" in text


def test_duplicate_a_held_approved_post_needs_a_new_approval(browser, app_server):
    server, engine = app_server
    [held] = posts_with(engine, "Thanks to Councillor Baker for opening")
    settings = replace(load_settings(EXAMPLE_CONFIG, environ={}), database=DatabaseSettings(""))
    with Session(engine) as session:
        approve_post(session, settings, held.id, reason="Factual",
                     user="clerk3@example.org", now=dt.datetime.now(dt.UTC))  # fmt: skip
        session.commit()
    page = page_as(browser, server, CLERK)
    page.goto(f"{server}/posts/{held.id}")
    page.get_by_role("link", name="Duplicate this post").click()
    assert page.get_by_label("Text of the post").input_value() == held.text
    assert page.get_by_label("The council's X account").is_checked()
    when(page, 5, "15:00")
    page.get_by_role("button", name="Schedule").click()
    assert "Held for review" in main_text(page)
    copies = posts_with(engine, "Thanks to Councillor Baker for opening")
    assert len(copies) == 2 and "(in force)" not in main_text(page)


def test_a_day_in_the_calendar_opens_the_composer_on_that_day(browser, app_server):
    server, _ = app_server
    target = day(2)
    page = page_as(browser, server, CLERK)
    page.goto(f"{server}/calendar?month={target:%Y-%m}")
    page.get_by_role("link", name=f"{target.day} {target:%B}: plan a post").click()
    assert page.url.endswith(f"/compose?date={target.isoformat()}")
    assert page.get_by_label("Date", exact=True).input_value() == target.isoformat()


def test_move_a_post_with_the_keyboard_and_see_the_verdict(browser, app_server):
    server, engine = app_server
    [post] = posts_with(engine, "Road closure on Market Street")
    page = page_as(browser, server, CLERK)
    page.goto(f"{server}/posts/{post.id}")
    page.get_by_label("New day").fill(day(-2).isoformat())
    with page.expect_navigation():
        page.get_by_label("New day").press("Enter")
    assert "Not moved: " in main_text(page) and "is in the past" in main_text(page)
    target = day(9)
    page.get_by_label("New day").fill(target.isoformat())
    page.get_by_label("New day").press("Tab")  # to the time, kept as it was
    page.keyboard.press("Tab")  # to the button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"Moved to {target:%A} {target.day} {target:%B %Y}" in main_text(page)
    assert "The guard checked it again: allowed" in main_text(page)
    [moved] = posts_with(engine, "Road closure on Market Street")
    assert moved.at.date() == target and moved.at.time() == post.at.time()


def test_drag_a_post_onto_another_day_of_the_month(browser, app_server):
    server, engine = app_server
    [post] = posts_with(engine, "library opens late")
    local = post.at.astimezone(dt.UTC).date()
    # The next day when it is in the same month (the month page shows it), else the day before.
    later = local + dt.timedelta(days=1)
    target = later if later.month == local.month else local - dt.timedelta(days=1)
    page = page_as(browser, server, CLERK)
    # The whole month on screen, as for a clerk dragging with a mouse: Chromium ends an HTML
    # drag that has to scroll the page to reach its target.
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.goto(f"{server}/calendar?month={local:%Y-%m}")
    chip = page.locator(f'a.post-chip[href="/posts/{post.id}"]')
    with page.expect_navigation():  # the drop posts the move form; the month comes back
        chip.drag_to(page.locator(f'td[data-date="{target.isoformat()}"]'))
    assert "Moved to" in main_text(page)
    [moved] = posts_with(engine, "library opens late")
    assert moved.at.date() == target


def upload(page, server: str, name: str, content: bytes) -> None:
    page.goto(server + "/plans")
    page.get_by_label("Plan file").set_input_files(
        files=[{"name": name, "mimeType": "text/plain", "buffer": content}]
    )
    page.get_by_role("button", name="Check the plan").click()


def plan_lines(*lines) -> bytes:
    return "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()


def test_a_plan_with_a_bad_line_shows_every_problem_and_writes_nothing(browser, app_server):
    server, engine = app_server
    at = f"{day(4).isoformat()}T10:00"
    before = count_posts(engine)
    content = plan_lines(
        {"text": "Plan: allotments open", "at": at, "to": "x"},
        {"text": "Plan: bad account", "at": at, "to": "myspace"},
        {"text": "Plan: bad time", "at": "whenever", "to": "x"},
    )
    page = page_as(browser, server, CLERK)
    upload(page, server, "week.jsonl", content)
    text = main_text(page)
    assert "Nothing was scheduled: 2 of 3 lines have problems" in text
    assert "myspace" in text and "Problem: bad time" in text
    assert page.get_by_role("button", name=re.compile("Schedule all")).count() == 0
    assert count_posts(engine) == before


def test_a_good_plan_is_scheduled_once(browser, app_server):
    server, engine = app_server
    content = "text,at,to\n" + "".join(
        f"Plan week: day {n} notice,{day(n + 3).isoformat()} 09:00,x\n" for n in range(5)
    )
    page = page_as(browser, server, CLERK)
    upload(page, server, "week.csv", content.encode())
    assert "week.csv: 5 lines" in main_text(page)
    assert "Every line can be scheduled" in main_text(page)
    fields = page.evaluate(
        """() => { const form = document.querySelector('form[action="/plans/schedule"]');
                   const fields = Object.fromEntries(new FormData(form));
                   form.requestSubmit(); form.requestSubmit(); form.requestSubmit();
                   return fields; }"""
    )
    page.wait_for_url(f"{server}/posts")
    assert "Scheduled 5 posts from week.csv (0 held for review)." in main_text(page)
    assert len(posts_with(engine, "Plan week: day")) == 5
    again = page.request.post(server + "/plans/schedule", form=fields)  # the form sent again
    assert "nothing was done again" in again.text()
    assert len(posts_with(engine, "Plan week: day")) == 5


def test_a_failed_send_is_retried_from_the_list(browser, app_server):
    server, engine = app_server
    [failed] = posts_with(engine, "Bin collections move a day later")
    page = page_as(browser, server, CLERK, at="/posts?status=failed")
    page.get_by_role("button", name=f"Retry post {failed.id}").click()
    assert "Sending again to X" in main_text(page)
    page.goto(server + "/posts?status=failed")
    assert "No posts match" in main_text(page)
