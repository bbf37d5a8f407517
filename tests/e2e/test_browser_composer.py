"""Browser tests, issue 17: images with alt text in the composer, a text per platform with each
platform's preview, and drafts scheduled later."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.test_browser import CHROMIUM, _when, page_as, server, shots  # noqa: F401
from tests.posters import poster

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
CLERK = "clerk2@example.org"


def composer(browser, server: str, text: str, days: int = 3):  # noqa: F811  (fixtures)
    """A clerk's composer with the text and a time ``days`` ahead filled in."""
    page = page_as(browser, server, CLERK, at="/compose")
    page.get_by_label("Text of the post").fill(text)
    _when(page, days)
    return page


def png(name: str, *lines: str) -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": poster(*lines, size=(700, 260))}


def test_two_images_with_alt_text_are_previewed_and_read_by_the_guard(browser, server, shots):  # noqa: F811
    page = composer(browser, server, "Come to the summer fair on the green", 3)
    page.set_input_files("#image_1", files=[png("fair.png", "Summer fair", "Saturday 2pm")])
    page.set_input_files("#image_2", files=[png("handle.png", "Follow @CllrAnnBaker")])
    # Each chosen picture shows at once, before anything is sent.
    page.locator('.image-slot[data-slot="1"] img.thumb:not([hidden])').wait_for()
    page.locator('.image-slot[data-slot="2"] img.thumb:not([hidden])').wait_for()
    page.get_by_label("Alt text for image 1").fill("A poster for the summer fair")
    page.get_by_label("Alt text for image 2").fill("A poster with an account name")
    page.get_by_role("button", name="Check with the guard").click()
    thumbs = page.locator("img.thumb[src^='data:image/png']")
    assert thumbs.count() == 2
    assert page.get_by_alt_text("A poster for the summer fair").is_visible()
    verdict = page.locator("#verdict").inner_text()
    assert "in image 2" in verdict and "Blocked" in verdict
    assert "2 images attached." in verdict
    page.screenshot(path=str(shots / "composer-images.png"), full_page=True)


def test_missing_alt_text_is_shown_beside_the_field_and_images_are_kept(browser, server):  # noqa: F811
    page = composer(browser, server, "The library reopens on Monday", 3)
    page.set_input_files("#image_1", files=[png("library.png", "Library")])
    page.set_input_files("#image_2", files=[png("hours.png", "Open 9 to 5")])
    page.get_by_label("Alt text for image 1").fill("The library's front door")
    page.get_by_role("button", name="Schedule").click()
    error = page.locator("#alt_2-error")
    assert "Describe image 2 for people who can't see it" in error.inner_text()
    assert page.get_by_label("Alt text for image 2").get_attribute("aria-invalid") == "true"
    assert page.locator("img.thumb[src^='data:image/png']").count() == 2
    assert page.get_by_label("Alt text for image 1").input_value() == "The library's front door"
    page.get_by_label("Alt text for image 2").fill("Opening hours, 9 to 5")
    page.get_by_role("button", name="Schedule").click()
    saved = page.locator("main").inner_text()
    assert "Image 2 (hours.png): alt text “Opening hours, 9 to 5”" in saved


def test_a_file_that_is_not_an_image_gets_a_clear_error(browser, server):  # noqa: F811
    page = composer(browser, server, "Minutes of the meeting", 3)
    notes = {"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7 minutes"}
    page.set_input_files("#image_1", files=[notes])
    page.get_by_label("Alt text for image 1").fill("The minutes")
    page.get_by_role("button", name="Schedule").click()
    error = page.locator("#images-error").inner_text()
    assert error == "Minutes.pdf: not a JPEG, PNG, GIF or WebP image."
    assert page.locator("img.thumb[src^='data:']").count() == 0


def test_a_text_per_platform_shows_in_each_platforms_preview(browser, server, shots):  # noqa: F811
    page = composer(browser, server, "Bins go out on Tuesday.", 3)
    page.get_by_text("A different text for each platform").click()
    long = "Bins go out on Tuesday this week, with the green bin for glass. " * 10
    page.get_by_label("Text for Facebook page").fill(long)
    page.get_by_label("Text for X account").fill("Bins: Tuesday ♻️")
    x = page.locator('.platform-preview[data-platform="x"]')
    expect(x).to_contain_text("Bins: Tuesday ♻️")  # the live check has answered
    assert "counts this post as 16 of 280" in x.inner_text()
    facebook = page.locator('.platform-preview[data-platform="facebook"]')
    assert "… See more" in facebook.inner_text()
    assert facebook.locator(".fold").inner_text() == "… See more"
    page.screenshot(path=str(shots / "composer-previews.png"), full_page=True)


def test_save_as_draft_then_schedule_it(browser, server):  # noqa: F811
    page = composer(browser, server, "Draft: the allotments open day", 4)
    page.get_by_role("button", name="Save as draft").click()
    main = page.locator("main")
    assert "Saved as a draft" in main.inner_text() and "Not scheduled" in main.inner_text()
    page.goto(server + "/posts?status=draft")
    assert "Draft: the allotments open day" in main.inner_text()
    page.get_by_role("link", name="Draft: the allotments open day").first.click()
    page.get_by_role("link", name="Edit and schedule this draft").click()
    page.get_by_role("button", name="Schedule").click()
    assert "Saved and scheduled." in main.inner_text()
    assert "Not scheduled" not in main.inner_text()
