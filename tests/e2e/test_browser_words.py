"""Browser tests, issue 12: registers in clerks' encodings, messages for people, warnings, the
councillor form, four eyes, and an audit page that reads as words and fits a phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from tests.e2e.trust_server import CHROMIUM, main_text, page_as, serve, when

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
CLERK = "clerk2@example.org"
HEADER = "name,ward,party,x,facebook,instagram,websites,aliases\r\n"


@pytest.fixture(scope="module")
def four_eyes(tmp_path_factory) -> Iterator[tuple[str, object]]:
    with serve(tmp_path_factory.mktemp("four-eyes"), second_person=True) as served:
        yield served


def upload(page, server: str, data: bytes) -> None:
    page.goto(server + "/councillors")
    files = {"name": "register.csv", "mimeType": "text/csv", "buffer": data}
    page.get_by_label("CSV file").set_input_files(files)
    page.get_by_role("button", name="Import").click()


def test_a_register_saved_by_excel_imports_with_its_accents(browser, app_server):
    server, _ = app_server
    page = page_as(browser, server, CLERK)
    upload(page, server, (HEADER + "Zoë Brontë,Heanor West,,,,,,\r\n").encode("cp1252"))
    assert "Imported: 1 added" in main_text(page) and "Zoë Brontë" in main_text(page)
    assert "�" not in main_text(page)
    upload(page, server, (HEADER + "Zoë Brontë,Heanor West,,,,,,\r\n").encode("utf-8-sig"))
    assert "0 added, 0 updated, 1 unchanged" in main_text(page)
    broken = HEADER.encode() + "Zoë,Heanor West,,,,,,\r\n".encode() + b"Ann\x81,Heanor East\r\n"
    upload(page, server, broken)
    assert "Line 3: column 4: the byte 0x81" in main_text(page)


def test_the_live_verdict_says_what_the_submit_would_in_words(browser, app_server):
    server, _ = app_server
    page = page_as(browser, server, CLERK, at="/compose")
    page.get_by_label("Text of the post").fill("a" * 404)
    when(page, -1, "09:00")
    verdict = page.locator("#verdict")
    verdict.get_by_text("is in the past: choose a later time").wait_for()
    assert "X allows 280 characters; this post has 404." in verdict.inner_text()
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert f"{yesterday:%A} {yesterday.day} {yesterday:%B %Y}, 9:00" in verdict.inner_text()
    page.get_by_role("button", name="Check with the guard").click()
    assert "is in the past: choose a later time" in main_text(page)


def test_the_autumn_hour_is_a_choice_and_the_choice_is_kept(browser, app_server):
    server, engine = app_server
    page = page_as(browser, server, CLERK, at="/compose")
    page.get_by_label("Text of the post").fill("The clocks go back tonight")
    page.get_by_label("Date", exact=True).fill("2027-10-31")
    page.get_by_label("Time").fill("01:30")
    second = page.get_by_label("01:30 GMT, the second time")
    second.wait_for()
    assert page.get_by_label("01:30 BST, the first time").count() == 1
    second.check()
    page.get_by_role("button", name="Schedule").click()
    assert "Sunday 31 October 2027, 1:30" in main_text(page)
    from tests.e2e.trust_server import posts_with

    [post] = posts_with(engine, "The clocks go back tonight")
    assert post.at == dt.datetime(2027, 10, 31, 1, 30, tzinfo=dt.UTC)


def test_warnings_for_a_post_far_ahead_and_an_odd_poll_date(browser, app_server):
    server, _ = app_server
    page = page_as(browser, server, CLERK, at="/compose")
    page.get_by_label("Text of the post").fill("A date typed with the wrong year")
    when(page, 900)
    page.locator("#verdict").get_by_text("more than 18 months from now").wait_for()
    page.get_by_role("button", name="Schedule").click()
    assert "Scheduled." in main_text(page) and "check the year" in main_text(page)
    page.goto(server + "/elections/new")
    page.get_by_label("Title").fill("Wednesday poll")
    page.get_by_label("Day of poll").fill("2020-01-01")
    page.get_by_role("button", name="Show the timetable").click()
    text = main_text(page)
    assert "Polls in England are on a Thursday" in text and "is in the past" in text
    page.get_by_role("button", name="Save the election").click()
    assert "Saved Wednesday poll." in main_text(page)


def test_an_empty_councillor_form_and_a_handle_with_its_at(browser, app_server):
    server, _ = app_server
    page = page_as(browser, server, CLERK, at="/councillors/new")
    page.get_by_role("button", name="Save").click()
    assert "Not saved: give the councillor's full name and ward" in main_text(page)
    page.get_by_label("Full name").fill("Priya Shah")
    page.get_by_label("Ward").select_option("Heanor East")
    page.get_by_label("X handles").fill("@PriyaForHeanor")
    page.get_by_role("button", name="Save").click()
    assert "Saved Priya Shah." in main_text(page)
    assert "X: @PriyaForHeanor" in main_text(page) and "@@" not in main_text(page)


def test_four_eyes_the_author_is_told_who_can_approve(browser, four_eyes):
    server, _ = four_eyes
    page = page_as(browser, server, CLERK, at="/compose")
    page.get_by_label("Text of the post").fill("Thanks to Councillor Baker for the fun run")
    when(page, 3)
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_url(f"{server}/posts/*")
    post_id = page.url.rsplit("/", 1)[1]
    page.goto(server + "/review")
    page.locator(f"#reason-{post_id}").fill("Factual")
    page.get_by_role("button", name=f"Approve post {post_id}").click()
    assert "you wrote this post" in main_text(page) and "clerk3@example.org" in main_text(page)
    other = page_as(browser, server, "clerk3@example.org", at="/review")
    other.locator(f"#reason-{post_id}").fill("Factual thanks")
    other.get_by_role("button", name=f"Approve post {post_id}").click()
    assert f"Post {post_id} approved" in main_text(other)


def test_the_audit_page_reads_as_words_and_fits_a_phone(browser, app_server, tmp_path):
    server, _ = app_server
    page = page_as(browser, server, CLERK, width=360, at="/audit")
    text = main_text(page)
    assert "Imported the register" in text and "{'" not in text and "+00:00" not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "audit-360.png"), full_page=True)
