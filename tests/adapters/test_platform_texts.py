"""A text written for one platform is what that platform's stand-in receives, and only there."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from guard.publishers import Platform
from guard.services.posts.edit import edit_post
from guard.store import posts as post_store
from tests.adapters.test_rendered_payload import received
from tests.fakes.platforms import FakeGraph, FakeX
from tests.integration.test_web_pages import _when
from tests.sending import FakeClock, live_settings, make_sender, statuses

X_TEXT = "Bins go out on Tuesday ♻️ #recycling"
FACEBOOK_TEXT = "Bins go out on Tuesday this week.\n\nThe green bin takes glass, cans and paper."


def _send(engine, settings, post_id: int) -> list[tuple]:
    """Dispatch the post at its time to the stand-ins; what each received."""
    from guard.services.sending import dispatch

    with Session(engine) as session:
        post = post_store.get_post(session, post_id)
        assert post is not None
        at = post.at
    with FakeX() as x, FakeGraph() as graph:
        live = live_settings(settings, x.url, graph.url, missed_after_minutes=60)
        assert dispatch.dispatch_due(make_sender(engine, live, FakeClock(at))) == 2
        return received(x, graph)


def test_the_composer_s_texts_per_platform_are_what_each_platform_receives(clerk, engine, settings):
    form = {
        "text": "Bins go out on Tuesday.",
        "text_x": X_TEXT,
        "text_facebook": FACEBOOK_TEXT,
        "link": "https://heanor.example/bins",
        "platforms": ["x", "facebook"],
        "action": "schedule",
        **_when(),
    }
    response = clerk.post("/compose", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)
    post_id = int(response.location.rsplit("/", 1)[1])
    got = _send(engine, settings, post_id)
    assert statuses(engine, post_id) == {"x": "sent", "facebook": "sent"}
    assert sorted(got) == [
        ("facebook", FACEBOOK_TEXT, "https://heanor.example/bins", ()),
        ("x", X_TEXT + "\nhttps://heanor.example/bins", None, ()),
    ]


def test_an_edit_changes_the_text_a_platform_receives(engine, settings, clerk):
    form = {"text": "Bins go out on Tuesday.", "platforms": ["x", "facebook"], **_when()}
    response = clerk.post("/compose", data={**form, "text_x": X_TEXT, "action": "schedule"})
    post_id = int(response.location.rsplit("/", 1)[1])
    with Session(engine) as session:
        post = post_store.get_post(session, post_id)
        assert post is not None
        edit_post(
            session,
            settings,
            post_id,
            text=post.text,
            at=post.at,
            platforms=[Platform.X, Platform.FACEBOOK],
            platform_texts={"facebook": FACEBOOK_TEXT},
            user="clerk@example.org",
            now=dt.datetime.now(dt.UTC),
        )
        session.commit()
    got = _send(engine, settings, post_id)
    assert sorted(got) == [
        ("facebook", FACEBOOK_TEXT, None, ()),
        ("x", "Bins go out on Tuesday.", None, ()),
    ]
