"""Editing a post from its page: the guard runs again and an approval does not carry over."""

from __future__ import annotations

from sqlmodel import Session

from guard.store import posts as post_store
from tests.integration.test_web_pages import _when, period  # noqa: F401  (the fixture)
from tests.refusals import refused


def statuses(engine, post_id: int) -> dict[str, str]:
    with Session(engine) as session:
        return {d.platform: d.status for d in post_store.deliveries_of(session, post_id)}


def schedule(clerk, text: str, platforms=("x",)) -> int:
    data = {"text": text, "platforms": list(platforms), "action": "schedule", **_when()}
    response = clerk.post("/compose", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.location.rsplit("/", 1)[1])


def test_edit_form_is_filled_in_and_saving_reruns_the_guard(clerk, engine, period):  # noqa: F811
    post_id = schedule(clerk, "The library opens late on Monday.", ("x", "facebook"))
    page = clerk.get(f"/posts/{post_id}/edit").get_data(as_text=True)
    assert "Edit post" in page and "The library opens late on Monday.</textarea>" in page
    edited = {
        "text": "Thanks to Councillor Baker for the library.",
        "platforms": ["x"],
        "action": "schedule",
        **_when(),
    }
    response = clerk.post(f"/posts/{post_id}/edit", data=edited)
    assert response.status_code == 302
    assert statuses(engine, post_id) == {"x": "held", "facebook": "cancelled"}


def test_an_edit_voids_the_approval(clerk, engine, period):  # noqa: F811
    post_id = schedule(clerk, "Thanks to Councillor Baker for the fete.")
    assert clerk.post(f"/review/{post_id}/approve", data={"reason": "fete"}).status_code == 302
    assert statuses(engine, post_id) == {"x": "scheduled"}
    edited = {
        "text": "Thanks to Councillor Baker for the fete and the raffle.",
        "platforms": ["x"],
        "action": "schedule",
        **_when(),
    }
    assert clerk.post(f"/posts/{post_id}/edit", data=edited).status_code == 302
    assert statuses(engine, post_id) == {"x": "held"}
    audit = clerk.get(f"/audit?post={post_id}").get_data(as_text=True)
    assert f"Edited post {post_id}" in audit and "1 approval(s) voided" in audit


def test_an_edit_the_guard_blocks_changes_nothing(clerk, engine, period):  # noqa: F811
    post_id = schedule(clerk, "Bins on Tuesday.")
    blocked = {"text": "Follow @CllrAnnBaker", "platforms": ["x"], "action": "schedule", **_when()}
    refused(clerk.post(f"/posts/{post_id}/edit", data=blocked), "Follow @CllrAnnBaker</textarea>")
    with Session(engine) as session:
        post = post_store.get_post(session, post_id)
        assert post is not None and post.text == "Bins on Tuesday."
    assert statuses(engine, post_id) == {"x": "scheduled"}


def test_unknown_posts_are_named_not_silently_ignored(clerk, period):  # noqa: F811
    assert clerk.post("/posts/999/edit", data={"text": "x"}).status_code == 404
    response = clerk.post("/review/999/approve", data={"reason": "ok"}, follow_redirects=True)
    assert "Not approved: no post with id 999" in response.get_data(as_text=True)
