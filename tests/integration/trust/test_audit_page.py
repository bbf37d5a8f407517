"""The audit page in words: what happened, who, when in council time, newest first, paged."""

from __future__ import annotations

import datetime as dt
import html
import re

from tests.audit_records import write_records
from tests.integration.test_web_pages import _when, period  # noqa: F401  (the fixture)


def words(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.get_data(as_text=True)))


def test_records_read_as_sentences_with_local_times(clerk, period):  # noqa: F811
    held = {"text": "Thanks to Councillor Baker for the fete.", "platforms": ["x"]}
    location = clerk.post("/compose", data={**held, "action": "schedule", **_when()}).location
    post_id = int(location.rsplit("/", 1)[1])
    clerk.post(f"/review/{post_id}/approve", data={"reason": "Fete notice"})
    page = words(clerk.get("/audit"))
    assert f"Approved post {post_id} for X: “Fete notice”." in page
    assert "A self-approval: the author approved their own post." in page
    assert f"Wrote post {post_id} for " in page and "held for review." in page
    assert "{'" not in page and "+00:00" not in page and "post.approve" not in page
    assert re.search(r"\w+day \d+ \w+ \d{4}, \d{1,2}:\d\d", page)


def test_the_audit_is_paged_newest_first(clerk, engine):
    start = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
    summary = {"platforms": ["x"]}
    write_records(engine, 120, first_at=start, action="post.cancel", summary=lambda n: summary)
    first = words(clerk.get("/audit"))
    assert "Cancelled post 119 on X." in first and "Cancelled post 69 on X." not in first
    assert "Page 1" in first and "Older records" in first and "Newer records" not in first
    last = words(clerk.get("/audit?page=3"))
    assert "Cancelled post 0 on X." in last and "Newer records" in last
    assert "Older records" not in last
    assert "Cancelled post 119" not in last
