"""Every list page costs what it shows: paged in SQL, filtered in SQL, related rows in bulk."""

from __future__ import annotations

import datetime as dt
import html
import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlmodel import Session

from guard.services.record import audit
from guard.store.models import DeliveryRow
from tests.refusals import refused
from tests.sending import add_post_row

MARCH = dt.datetime(2031, 3, 1, 9, tzinfo=dt.UTC)
PAGES = (
    "/posts",
    "/posts?status=held&platform=x&since=2031-03-01&until=2031-03-31",
    "/calendar?month=2031-03",
    "/calendar?month=2031-03&view=list",
    "/review",
    "/audit",
    "/archive",
    "/archive?q=notice",
)


def fill(engine, count: int, *, start: int = 0) -> None:
    """``count`` posts in March 2031 (held, sent or scheduled by turns), each audited."""
    with Session(engine) as session:
        for n in range(start, start + count):
            at = MARCH + dt.timedelta(hours=n)
            status = ("held", "sent", "scheduled")[n % 3]
            sent = {"sent_at": at, "payload": {"text": f"Notice {n}"}} if status == "sent" else {}
            post_id = add_post_row(session, f"Notice {n}", at, status=status, **sent)
            session.add(
                DeliveryRow(
                    post_id=post_id,
                    platform="facebook",
                    status="scheduled",
                    next_attempt_at=at,
                    updated_at=at,
                )
            )
            audit.record(
                session, actor="clerk", action="post.schedule", subject_type="post",
                subject_id=post_id, now=at,
            )  # fmt: skip
        session.commit()


@contextmanager
def counting(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_a_page_costs_the_same_number_of_queries_at_any_size(clerk, engine):
    fill(engine, 6)
    small = {}
    for path in PAGES:
        with counting(engine) as statements:
            assert clerk.get(path).status_code == 200, path
        small[path] = len(statements)
    fill(engine, 150, start=6)
    for path in PAGES:
        with counting(engine) as statements:
            assert clerk.get(path).status_code == 200, path
        assert len(statements) == small[path], (path, statements)


def test_posts_are_paged_newest_first_and_filtered_in_sql(clerk, engine):
    fill(engine, 120)
    first = clerk.get("/posts").get_data(as_text=True)
    shown = [int(n) for n in re.findall(r">Notice (\d+)<", first)]
    assert shown == list(range(119, 69, -1))
    assert "Page 1" in first and 'rel="next"' in first and 'rel="prev"' not in first
    last = clerk.get("/posts?page=3").get_data(as_text=True)
    assert [int(n) for n in re.findall(r">Notice (\d+)<", last)] == list(range(19, -1, -1))
    held = clerk.get("/posts?status=held").get_data(as_text=True)
    assert [int(n) for n in re.findall(r">Notice (\d+)<", held)] == list(range(117, -1, -3))
    # One delivery must be held *on* the chosen account: none is held on Facebook.
    assert "No posts match" in clerk.get("/posts?status=held&platform=facebook").get_data(
        as_text=True
    )
    day = clerk.get("/posts?since=2031-03-02&until=2031-03-02").get_data(as_text=True)
    assert sorted(int(n) for n in re.findall(r">Notice (\d+)<", day)) == list(range(15, 39))
    refused(clerk.get("/posts?since=someday"), "is not a date")


def test_the_calendar_shows_the_posts_of_its_grid_and_no_more(clerk, engine):
    fill(engine, 3)
    with Session(engine) as session:
        add_post_row(session, "An April notice", dt.datetime(2031, 4, 20, 9, tzinfo=dt.UTC))
        # 1 April 2031 is in March's last grid row: its posts are shown there too, so a day
        # offered for planning never looks free when it is not; 20 April is in no March row.
        add_post_row(session, "An April Fool", dt.datetime(2031, 4, 1, 9, tzinfo=dt.UTC))
        session.commit()
    march = clerk.get("/calendar?month=2031-03").get_data(as_text=True)
    assert "Notice 2" in march and "An April notice" not in march and "April Fool" in march
    april = clerk.get("/calendar?month=2031-04").get_data(as_text=True)
    assert "An April notice" in april and "April Fool" in april and "Notice 2" not in april


def test_audit_and_archive_pages_newest_first(clerk, engine):
    fill(engine, 160)
    page = clerk.get("/audit").get_data(as_text=True)
    subjects = [int(n) for n in re.findall(r">Open post (\d+)</a>", page)]
    assert subjects == sorted(subjects, reverse=True) and len(subjects) == 50
    assert "Page 1" in page and 'rel="next"' in page
    archive = clerk.get("/archive?q=notice 1").get_data(as_text=True)
    found = [int(n) for n in re.findall(r"Notice (\d+)", archive)]
    assert found and found == sorted(found, reverse=True)
    assert all(str(n).startswith("1") for n in found)


@pytest.mark.parametrize("wanted", ["100%", "a_b", "back\\slash"])
def test_archive_search_treats_wildcards_as_text(clerk, engine, wanted):
    with Session(engine) as session:
        for text in (f"Rates up {wanted} now", "Rates up 1000 now ab aXb back/slash"):
            add_post_row(session, text, MARCH, status="sent", sent_at=MARCH, payload={"text": text})
        session.commit()
    page = clerk.get("/archive", query_string={"q": wanted}).get_data(as_text=True)
    assert page.count("Rates up") == 1


def test_the_chain_is_read_in_batches_in_order(engine):
    fill(engine, 7)
    with Session(engine) as session:
        ids = [row.id for row in audit.stream(session, batch=3)]
        assert ids == sorted(ids) and len(ids) == 7
        assert audit.verify(session).records == 7


@pytest.mark.parametrize(
    "path",
    [
        "/posts?page=999",
        "/posts?status=scheduled&page=999",
        "/calendar?month=2031-03&view=list&page=999",
        "/review?page=999",
        "/audit?page=999",
        "/archive?q=notice&page=999",
    ],
)
def test_a_page_past_the_end_goes_back_to_the_first_saying_so(clerk, engine, path):
    fill(engine, 3)
    answer = clerk.get(path)
    assert answer.status_code == 302
    first = answer.location
    assert "page=" not in first and first.split("?")[0] == path.split("?")[0]
    kept = [a for a in path.split("?")[1].split("&") if not a.startswith("page=")]
    assert all(a.replace(" ", "+") in first for a in kept)
    shown = clerk.get(first).get_data(as_text=True)
    assert "There is no page 999: the list ends before it. This is its first page." in shown


def test_a_busy_day_of_the_month_shows_five_posts_and_links_to_the_rest(clerk, engine):
    with Session(engine) as session:
        for hour in range(8, 15):  # seven posts on 12 March 2031, one on the 13th
            add_post_row(session, f"Busy {hour}", dt.datetime(2031, 3, 12, hour, tzinfo=dt.UTC))
        add_post_row(session, "Quiet day", dt.datetime(2031, 3, 13, 9, tzinfo=dt.UTC))
        session.commit()
    march = clerk.get("/calendar?month=2031-03").get_data(as_text=True)
    assert [int(h) for h in re.findall(r"Busy (\d+)", march)] == [8, 9, 10, 11, 12]
    assert "Quiet day" in march
    more = re.findall(r'<a class="more-posts" href="([^"]+)">\+ (\d+) more', march)
    assert len(more) == 1 and more[0][1] == "2"
    day = clerk.get(html.unescape(more[0][0])).get_data(as_text=True)
    assert sorted(int(h) for h in re.findall(r"Busy (\d+)", day)) == list(range(8, 15))
    assert "Quiet day" not in day
