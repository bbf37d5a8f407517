"""Four eyes when the council wants them: with [review] second_person = true the author of a
post cannot approve it, and the message names who can; off by default."""

from __future__ import annotations

import html
from dataclasses import replace

import pytest
from sqlmodel import Session, select

from guard.settings import ReviewSettings
from guard.store.models_record import AuditRow
from tests.integration.test_web_pages import _when, period  # noqa: F401  (the fixture)
from tests.refusals import refused
from tests.web_fixtures import sign_in

HELD = {"text": "Thanks to Councillor Baker for the fete.", "platforms": ["x"]}


@pytest.fixture
def four_eyes(app):
    services = app.extensions["guard"]
    settings = replace(services.settings, review=ReviewSettings(second_person=True))
    app.extensions["guard"] = replace(services, settings=settings)


def write(client) -> int:
    location = client.post("/compose", data={**HELD, "action": "schedule", **_when()}).location
    return int(location.rsplit("/", 1)[1])


@pytest.mark.usefixtures("period", "four_eyes")
def test_the_author_cannot_approve_and_is_told_who_can(app, clerk, make_user, engine):
    make_user("second@example.org", "clerk")
    make_user("boss@example.org", "admin")
    post_id = write(clerk)
    approve = clerk.post(f"/review/{post_id}/approve", data={"reason": "factual"})
    refused(approve, "you wrote this post", "ask boss@example.org, second@example.org")
    other = app.test_client()
    sign_in(other, "second@example.org")
    assert other.post(f"/review/{post_id}/approve", data={"reason": "factual"}).status_code == 302
    with Session(engine) as session:
        [record] = session.exec(select(AuditRow).where(AuditRow.action == "post.approve")).all()
        assert record.actor == "second@example.org" and record.summary["self_approval"] is False


def test_off_by_default_a_self_approval_is_marked_in_the_audit(clerk, engine, period):  # noqa: F811
    post_id = write(clerk)
    assert clerk.post(f"/review/{post_id}/approve", data={"reason": "factual"}).status_code == 302
    with Session(engine) as session:
        [record] = session.exec(select(AuditRow).where(AuditRow.action == "post.approve")).all()
        assert record.summary["self_approval"] is True
    page = html.unescape(clerk.get("/audit").get_data(as_text=True))
    assert "A self-approval: the author approved their own post." in page
