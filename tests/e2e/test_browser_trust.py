"""Browser tests, issue 12: the demo's data works everywhere; forms submit once; approvals are
never resurrected; notices and Retry; finished posts look finished; confirmations."""

from __future__ import annotations

import pytest

from tests.e2e.trust_server import CHROMIUM, main_text, page_as, posts_with, when

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
CLERK = "clerk2@example.org"


def test_archive_foi_bundle_and_audit_work_on_the_demo(browser, app_server):
    server, _ = app_server
    page = page_as(browser, server, CLERK, at="/archive")
    assert "Christmas lights" in main_text(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the FOI bundle for these dates").click()
    assert download.value.suggested_filename == "foi-bundle.zip"
    page.goto(server + "/audit")
    assert "Post 6 to X: sent." in main_text(page) or "to X: sent." in main_text(page)


def test_a_double_click_on_schedule_makes_one_post_and_the_button_waits(browser, app_server):
    server, engine = app_server
    page = page_as(browser, server, CLERK, at="/compose")
    page.get_by_label("Text of the post").fill("Double click: the allotment open day")
    when(page, 2)
    disabled = page.evaluate(
        """() => { const form = document.getElementById('composer');
                   const button = document.getElementById('schedule');
                   form.requestSubmit(button); const after = button.disabled;
                   form.requestSubmit(button); form.requestSubmit(button); return after; }"""
    )
    assert disabled is True
    page.wait_for_url(f"{server}/posts/*")
    assert "Scheduled." in main_text(page)
    assert len(posts_with(engine, "Double click: the allotment")) == 1


def test_without_scripts_a_form_sent_again_shows_the_first_result(browser, app_server):
    server, engine = app_server
    page = page_as(browser, server, CLERK, script=False, at="/compose")
    page.get_by_label("Text of the post").fill("Sent twice: road closure on Market Street")
    when(page, 2)
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_url(f"{server}/posts/*")  # the post's page, loaded, before going back
    first = page.url
    page.go_back()  # the browser's own resend: the same form, the same key
    page.get_by_role("button", name="Schedule").click()
    assert page.url == first
    # The page the browser goes back to may be the first form (its key used: "nothing was done
    # again") or a new one (the same post: "it was not scheduled again"); either way, one post.
    shown = main_text(page)
    assert "nothing was done again" in shown or "it was not scheduled again" in shown
    assert len(posts_with(engine, "Sent twice: road closure")) == 1


def test_an_edit_voids_the_approval_and_a_calendar_change_does_not_bring_it_back(
    browser, app_server
):
    server, _ = app_server
    page = page_as(browser, server, CLERK, at="/compose")
    page.get_by_label("Text of the post").fill("Thanks to Councillor Baker for the library")
    when(page, 3)
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_url(f"{server}/posts/*")
    post_url = page.url
    assert "Held for review" in main_text(page)
    post_id = post_url.rsplit("/", 1)[1]
    page.goto(server + "/review")
    page.locator(f"#reason-{post_id}").fill("Factual thanks")
    page.get_by_role("button", name=f"Approve post {post_id}").click()
    page.goto(post_url + "/edit")
    page.get_by_label("Text of the post").fill("Thanks to Councillor Baker for the new library")
    page.get_by_role("button", name="Save changes").click()
    assert "Void since" in main_text(page) and "edited after it was approved" in main_text(page)
    page.goto(server + "/elections/new")
    page.get_by_label("Title").fill("County by-election")
    page.get_by_label("Day of poll").fill(when_thursday(40))
    page.get_by_role("button", name="Show the timetable").click()
    page.get_by_role("button", name="Save the election").click()
    page.goto(post_url)
    assert "Held for review" in main_text(page)
    assert main_text(page).count("(in force)") == 0


def when_thursday(days: int) -> str:
    import datetime as dt

    day = dt.date.today() + dt.timedelta(days=days)
    return (day + dt.timedelta(days=(3 - day.weekday()) % 7)).isoformat()


def test_notices_show_with_a_count_and_a_failed_send_can_be_retried(browser, app_server):
    server, _ = app_server
    page = page_as(browser, server, CLERK)
    badge = page.locator("header .badge")
    assert int(badge.inner_text().split()[0]) >= 1
    assert "Post failed" in main_text(page)
    page.locator(".notice-failed").get_by_role("link", name="Open post").first.click()
    assert "unread notice" in main_text(page)
    page.get_by_role("button", name="Mark read").first.click()
    page.get_by_role("button", name="Retry the failed send").click()
    assert "Sending again to X" in main_text(page)
    assert page.get_by_role("button", name="Retry the failed send").count() == 0


def test_sent_posts_offer_no_edit_or_cancel_and_cancelling_asks_first(browser, app_server):
    server, _ = app_server
    page = page_as(browser, server, CLERK, at="/posts?status=sent")
    page.get_by_role("link", name="Christmas lights").click()
    assert page.get_by_role("link", name="Edit this post").count() == 0
    assert page.get_by_role("link", name="Cancel this post…").count() == 0
    page.goto(server + "/posts?status=scheduled")
    page.locator("main table a").first.click()
    page.get_by_role("link", name="Cancel this post…").click()
    assert "This cannot be undone" in main_text(page)
    page.get_by_role("link", name="No, go back").click()
    assert page.get_by_role("link", name="Cancel this post…").count() == 1
    page.get_by_role("link", name="Cancel this post…").click()
    page.get_by_role("button", name="Yes, cancel this post").click()
    assert "Cancelled on x." in main_text(page)
    assert page.get_by_role("link", name="Edit this post").count() == 0


def test_removing_a_councillor_or_an_election_asks_first(browser, app_server):
    server, _ = app_server
    page = page_as(browser, server, CLERK, at="/councillors")
    page.get_by_role("link", name="Remove Ann Baker…").click()
    assert "Remove Ann Baker?" in main_text(page)
    page.get_by_role("link", name="No, go back").click()
    assert "Ann Baker" in main_text(page)
    page.goto(server + "/elections")
    page.locator("main a.danger").first.click()
    assert "subscribers' calendars show it as cancelled" in main_text(page)
