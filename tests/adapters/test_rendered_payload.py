"""What the platforms receive is, byte for byte, the rendered payload the guard checked."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from guard.domain.guard import payload as rendering
from guard.publishers import Platform
from guard.services.posts import judge as judge_module
from guard.services.posts.media import media_entry
from guard.services.sending import dispatch
from tests.adapters.test_media import tiny_png
from tests.fakes.platforms import FakeGraph, FakeX
from tests.sending import FakeClock, live_settings, load_register, make_sender, schedule, statuses

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)  # outside any period
TEXT = "Our new play area is open. Café hours: 9–5 ✨"
LINK = "https://heanor.example/parks/play-area?from=x"


@pytest.fixture
def checked(monkeypatch):
    """Every payload the guard judged, as the renderer made it for the check."""
    seen: list[rendering.Rendered] = []
    real = judge_module.evaluate

    def spy(draft, context, *, at):
        seen.append(rendering.render(draft))
        return real(draft, context, at=at)

    monkeypatch.setattr(judge_module, "evaluate", spy)
    return seen


def received(x: FakeX, graph: FakeGraph) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    """(platform, message, link field, alt texts) for every post the stand-ins accepted."""
    out = []
    for r in x.received:
        if r.path == "/2/tweets":
            ids = (r.body.get("media") or {}).get("media_ids", [])
            out.append(("x", r.body["text"], None, tuple(x.media[i]["alt_text"] for i in ids)))
    photos = graph.photos
    for r in graph.received:
        if r.path.endswith("/photos") and r.body.get("published") != "false":
            out.append(("facebook", r.body.get("message", ""), None, (r.body["alt_text_custom"],)))
        elif r.path.endswith("/feed") and r.method == "POST":
            attached = [a["media_fbid"] for a in json.loads(r.body.get("attached_media") or "[]")]
            alts = tuple(photos[i]["alt_text_custom"] for i in attached)
            out.append(("facebook", r.body["message"], r.body.get("link"), alts))
    return out


@pytest.mark.parametrize("images", [0, 1, 2])
@pytest.mark.parametrize("link", [None, LINK])
def test_every_payload_received_is_the_payload_checked(engine, settings, checked, images, link):
    with FakeX() as x, FakeGraph() as graph:
        live = live_settings(settings, x.url, graph.url, missed_after_minutes=60)
        clock = FakeClock(NOW)
        load_register(engine, live, NOW)
        at = NOW + dt.timedelta(hours=1)
        media = [media_entry(f"p{i}.png", tiny_png(i), f"Picture {i}") for i in range(images)]
        to = (Platform.X, Platform.FACEBOOK)
        post_id = schedule(engine, live, TEXT, at, NOW, to=to, link=link, media=media)
        checked.clear()  # what counts is the check at send time
        clock.now = at
        assert dispatch.dispatch_due(make_sender(engine, live, clock)) == 2
        assert statuses(engine, post_id) == {"x": "sent", "facebook": "sent"}
        got = received(x, graph)
    sent_checks = {(r.platform, r.text, r.link, r.alt_texts) for r in checked}
    assert len(got) == 2 and set(got) == sent_checks
    if link:  # the link reached each platform where it is counted and checked
        x_text = next(text for platform, text, _, _ in got if platform == "x")
        assert x_text.endswith("\n" + LINK)
