"""Messages for people in the composer and the election form: the live verdict shows the
errors the submit gives, in words; the autumn hour is a choice; warnings do not refuse."""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from guard.store.models import ElectionRow, PostRow
from tests.refusals import refused

LONDON = ZoneInfo("Europe/London")


def form(**fields) -> dict:
    return {"text": "Road closure on Market Street.", "platforms": ["x"], **fields}


def words(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_a_time_in_the_past_is_the_same_error_live_and_on_submit(clerk):
    yesterday = dt.datetime.now(LONDON) - dt.timedelta(days=1)
    when = {"date": yesterday.date().isoformat(), "time": "09:00"}
    expected = f"{yesterday:%A} {yesterday.day} {yesterday:%B %Y}, 9:00 is in the past"
    live = clerk.post("/compose/check", json=form(**when))
    assert expected in live.get_json()["errors"]["when"]
    assert expected in live.get_json()["html"]
    submitted = html.unescape(refused(clerk.post("/compose", data=form(action="schedule", **when))))
    assert expected in submitted and "+00:00" not in submitted


def test_a_long_post_says_how_long_in_words(clerk):
    when = {"date": (dt.date.today() + dt.timedelta(days=2)).isoformat(), "time": "10:00"}
    live = clerk.post("/compose/check", json=form(text="a" * 404, **when)).get_json()
    assert "X allows 280 characters; this post has 404." in live["html"]
    assert "Policy: x limit" not in live["html"]


def test_the_repeated_autumn_hour_is_offered_as_a_choice(clerk, engine):
    when = {"date": "2027-10-31", "time": "01:30"}
    page = html.unescape(refused(clerk.post("/compose", data=form(action="schedule", **when))))
    assert "01:30 BST, the first time" in page and "01:30 GMT, the second time" in page
    assert "offset" not in page
    live = clerk.post("/compose/check", json=form(**when)).get_json()
    assert "01:30 GMT, the second time" in html.unescape(live["html"])
    chosen = clerk.post("/compose", data=form(action="schedule", which="second", **when))
    assert chosen.status_code == 302
    with Session(engine) as session:
        [post] = session.exec(select(PostRow)).all()
        assert post.at == dt.datetime(2027, 10, 31, 1, 30, tzinfo=dt.UTC)


def test_a_post_far_ahead_is_scheduled_with_a_warning(clerk, engine):
    far = dt.date.today() + dt.timedelta(days=800)
    when = {"date": far.isoformat(), "time": "10:00"}
    live = clerk.post("/compose/check", json=form(**when)).get_json()
    assert "more than 18 months from now: check the year" in live["html"]
    done = clerk.post("/compose", data=form(action="schedule", **when), follow_redirects=True)
    assert "Scheduled." in words(done) and "more than 18 months" in words(done)


def test_a_poll_in_the_past_or_not_on_a_thursday_is_saved_with_a_warning(clerk, engine):
    fields = {"title": "Odd poll", "kind": "local", "poll_date": "2020-01-03", "action": "preview"}
    preview = words(clerk.post("/elections/new", data=fields))
    assert "Friday 3 January 2020 is a Friday" in preview and "is in the past" in preview
    saved = clerk.post("/elections/new", data={**fields, "action": "save"}, follow_redirects=True)
    assert "Saved Odd poll." in words(saved) and "are on a Thursday" in words(saved)
    with Session(engine) as session:
        assert session.exec(select(ElectionRow)).one().title == "Odd poll"


def test_the_cli_warns_about_a_poll_not_on_a_thursday(run_guard):
    added = run_guard(
        "elections", "add", "--title", "Odd", "--kind", "local", "--poll-date", "2031-05-06"
    )
    assert added.exit_code == 0, added.stderr
    assert "warning: Polls in England are on a Thursday; Tuesday 6 May 2031" in added.stderr


def test_the_cli_warns_about_a_post_far_ahead(run_guard):
    far = (dt.datetime.now(dt.UTC) + dt.timedelta(days=900)).strftime("%Y-%m-%dT10:00")
    done = run_guard("posts", "schedule", "--at", far, "--to", "x", "Library hours")
    assert done.exit_code == 0, done.stderr
    assert "warning: This post is due" in done.stderr and "check the year" in done.stderr
