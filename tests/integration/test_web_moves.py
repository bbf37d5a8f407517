"""Moving a post to another day: an edit of its time, so the guard runs again and an approval
for the old time no longer counts; into the past or to a blocked verdict, nothing changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from guard.store import posts as post_store
from guard.web.calendar.forms import read_move
from tests.hypothesis_profiles import examples
from tests.integration.test_web_edit import schedule, statuses
from tests.integration.test_web_pages import NOW, period  # noqa: F401  (the fixture)


def due(engine, post_id: int) -> dt.datetime:
    with Session(engine) as session:
        post = post_store.get_post(session, post_id)
        assert post is not None
        return post.at


def day(days: int) -> str:
    return (NOW + dt.timedelta(days=days)).date().isoformat()


def move(clerk, post_id: int, **form: str):
    return clerk.post(f"/posts/{post_id}/move", data=form, follow_redirects=True)


def refused(clerk, engine, post_id: int, **form: str) -> str:
    """A move refused: the page that says why; the post's time is unchanged."""
    before = due(engine, post_id)
    page = move(clerk, post_id, **form).get_data(as_text=True)
    assert due(engine, post_id) == before
    return page


def test_a_move_reruns_the_guard_and_voids_the_approval(clerk, engine, period):  # noqa: F811
    post_id = schedule(clerk, "Thanks to Councillor Baker for the fete.")
    assert clerk.post(f"/review/{post_id}/approve", data={"reason": "fete"}).status_code == 302
    before = due(engine, post_id)
    page = move(clerk, post_id, date=day(5)).get_data(as_text=True)
    assert "Moved to" in page and "flagged: it is held for review" in page
    assert statuses(engine, post_id) == {"x": "held"}
    after = due(engine, post_id)
    assert after - before == dt.timedelta(days=2)  # the same time of day, two days later
    assert "Void since" in page


def test_a_move_out_of_the_period_is_allowed(clerk, engine, period):  # noqa: F811
    post_id = schedule(clerk, "Thanks to Councillor Baker for the fete.")
    page = move(clerk, post_id, date=day(40), time="09:30").get_data(as_text=True)
    assert "allowed: it is scheduled" in page
    assert statuses(engine, post_id) == {"x": "scheduled"}
    assert due(engine, post_id).astimezone(dt.UTC).date().isoformat() == day(40)


def test_a_move_the_guard_blocks_changes_nothing(clerk, engine, period):  # noqa: F811
    post_id = schedule(clerk, "Bins on Tuesday.")
    with Session(engine) as session:  # the text turns blocking only inside the period
        post = post_store.get_post(session, post_id)
        assert post is not None
        post.text = "Follow @CllrAnnBaker for ward news"
        session.add(post)
        session.commit()
    page = refused(clerk, engine, post_id, date=day(4))
    assert "Not moved: on " in page and "the guard blocks this post" in page
    assert "Nothing was changed." in page
    assert statuses(engine, post_id) == {"x": "scheduled"}


def test_a_move_into_the_past_or_to_no_day_is_refused(clerk, engine, period):  # noqa: F811
    post_id = schedule(clerk, "Bins on Tuesday.")
    past = refused(clerk, engine, post_id, date=day(-3))
    assert "Not moved: " in past and "is in the past" in past
    bad = refused(clerk, engine, post_id, date="next week")
    assert "Not moved: give the new day as a date (YYYY-MM-DD)" in bad
    assert "give the time as hours" in refused(clerk, engine, post_id, date=day(4), time="noon")


def test_a_move_goes_back_only_to_a_page_of_the_app(clerk, period):  # noqa: F811
    post_id = schedule(clerk, "Bins on Tuesday.")
    calendar = clerk.post(
        f"/posts/{post_id}/move", data={"date": day(4), "next": "/calendar?month=2031-03"}
    )
    assert calendar.location == "/calendar?month=2031-03"
    away = clerk.post(f"/posts/{post_id}/move", data={"date": day(5), "next": "//evil.example"})
    assert away.location == f"/posts/{post_id}"
    assert clerk.post("/posts/999999/move", data={"date": day(4)}).status_code == 404


def test_a_viewer_cannot_move_a_post(viewer):
    assert viewer.post("/posts/1/move", data={"date": day(4)}).status_code == 403


def test_a_finished_post_is_not_moved_and_offers_no_form(clerk, engine, period):  # noqa: F811
    post_id = schedule(clerk, "Bins on Tuesday.")
    with Session(engine) as session:
        [delivery] = post_store.deliveries_of(session, post_id)
        delivery.status = "sent"
        session.add(delivery)
        session.commit()
    page = refused(clerk, engine, post_id, date=day(6))
    assert "Not moved: post " in page and "is sent on x: only a post still to go can move" in page
    assert "Move the post" not in page


@settings(max_examples=examples(200), deadline=None)
@given(
    current=st.datetimes(
        min_value=dt.datetime(2026, 1, 1),
        max_value=dt.datetime(2030, 12, 31),
        timezones=st.just(dt.UTC),
    ),
    day=st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2030, 12, 31)),
    time=st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))),
)
def test_a_move_keeps_the_day_asked_for_and_the_time_of_day(current, day, time):
    """In council time: the day given, at the time given or the post's own; the hour the
    clocks skip is refused in words."""
    zone = ZoneInfo("Europe/London")
    form = {"date": day.isoformat(), "time": time.strftime("%H:%M") if time else ""}
    at, problem = read_move(form, current, zone)
    wanted = time or current.astimezone(zone).time().replace(second=0, microsecond=0, tzinfo=None)
    if at is None:
        assert "the clocks go forward" in problem
        return
    local = at.astimezone(zone)
    assert (local.date(), local.time()) == (day, wanted)
