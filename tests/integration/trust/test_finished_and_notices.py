"""Finished posts look finished; removing and cancelling ask first; notices are shown in the
app with an unread count and can be marked read; a failed send can be retried, an unconfirmed
one only settled by the clerk."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from guard.store.models import CouncillorRow, DeliveryRow, ElectionRow, PostRow


@pytest.fixture
def demo(run_guard, engine):
    assert run_guard("demo").exit_code == 0
    with Session(engine) as session:
        rows = session.exec(select(DeliveryRow, PostRow).where(DeliveryRow.post_id == PostRow.id))
        return {d.status: p.id for d, p in rows}


def _mark(engine, post_id: int, status: str) -> None:
    """The post's one delivery put in ``status`` directly, as a crash or the platform left it."""
    with Session(engine) as session:
        delivery = session.exec(select(DeliveryRow).where(DeliveryRow.post_id == post_id)).one()
        delivery.status = status
        session.add(delivery)
        session.commit()


def text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_sent_cancelled_and_missed_posts_offer_no_edit_or_cancel(clerk, demo, engine):
    sent = text(clerk.get(f"/posts/{demo['sent']}"))
    assert "Edit this post" not in sent and "Cancel this post" not in sent
    _mark(engine, demo["scheduled"], "missed")
    missed = text(clerk.get(f"/posts/{demo['scheduled']}"))
    assert "Edit this post" not in missed and "Cancel this post" not in missed
    held = text(clerk.get(f"/posts/{demo['held']}"))
    assert "Edit this post" in held and "Cancel this post" in held


def test_cancelling_a_post_asks_first(clerk, demo, engine):
    post_id = demo["held"]
    asked = clerk.get(f"/posts/{post_id}/cancel")
    assert asked.status_code == 200 and "Yes, cancel this post" in text(asked)
    # Posting without the confirmation (an old page, a stray click) only asks.
    assert "Yes, cancel this post" in text(clerk.post(f"/posts/{post_id}/cancel"))
    with Session(engine) as session:
        assert {d.status for d in session.exec(select(DeliveryRow))} >= {"held"}
    done = clerk.post(f"/posts/{post_id}/cancel", data={"confirm": "yes"}, follow_redirects=True)
    page = text(done)
    assert "Cancelled on x." in page
    assert "Edit this post" not in page and "Cancel this post" not in page


def test_removing_an_election_or_a_councillor_asks_first(clerk, demo, engine):
    with Session(engine) as session:
        election = session.exec(select(ElectionRow)).first()
        councillor = session.exec(select(CouncillorRow)).first()
        assert election and councillor
    for path, name in (
        (f"/elections/{election.id}/remove", election.title),
        (f"/councillors/{councillor.id}/remove", councillor.name),
    ):
        assert f"Yes, remove {name}" in text(clerk.get(path)).replace("&#39;", "'")
        clerk.post(path)
        with Session(engine) as session:
            assert session.get(ElectionRow, election.id).removed_at is None  # type: ignore[union-attr]
            assert session.get(CouncillorRow, councillor.id) is not None
    assert (
        clerk.post(f"/councillors/{councillor.id}/remove", data={"confirm": "yes"}).status_code
        == 302
    )
    with Session(engine) as session:
        assert session.get(CouncillorRow, councillor.id) is None


def test_notices_are_shown_counted_and_marked_read(clerk, demo):
    home = text(clerk.get("/"))
    count = re.search(r'class="badge">(\d+)', home)
    assert count and int(count.group(1)) >= 1
    assert "Post failed: post" in home
    post = text(clerk.get(f"/posts/{demo['failed']}"))
    assert "1 unread notice about this post" in post
    clerk.post("/notices/read", data={"back": "/"})
    home = text(clerk.get("/"))
    assert 'class="badge"' not in home and "Nothing new" in home


def test_a_failed_send_can_be_retried_and_goes_back_in_the_queue(clerk, demo, engine):
    page = text(clerk.get(f"/posts/{demo['failed']}"))
    assert "Retry the failed send" in page
    done = text(clerk.post(f"/posts/{demo['failed']}/retry", follow_redirects=True))
    assert "Sending again to X" in done
    with Session(engine) as session:
        delivery = session.exec(
            select(DeliveryRow).where(DeliveryRow.post_id == demo["failed"])
        ).one()
        assert delivery.status == "scheduled" and delivery.attempts == 0


def test_an_unconfirmed_send_is_not_retried_but_settled_by_the_clerk(clerk, demo, engine):
    _mark(engine, demo["failed"], "unconfirmed")
    page = text(clerk.get(f"/posts/{demo['failed']}"))
    assert "Retry the failed send" not in page and "Was it published?" in page
    refused = text(clerk.post(f"/posts/{demo['failed']}/retry", follow_redirects=True))
    assert "Not retried: post" in refused and "check the account first" in refused
    clerk.post(f"/posts/{demo['failed']}/settle", data={"published": "no"})
    assert "Retry the failed send" in text(clerk.get(f"/posts/{demo['failed']}"))


def test_a_bad_notice_number_marks_nothing_read(clerk, demo):
    before = re.search(r'class="badge">(\d+)', text(clerk.get("/")))
    assert before
    said = text(clerk.post("/notices/read", data={"notice": "abc"}, follow_redirects=True))
    assert "Nothing marked read" in said
    after = re.search(r'class="badge">(\d+)', said)
    assert after and after.group(1) == before.group(1)
    elsewhere = clerk.post("/notices/read", data={"notice": "1", "back": "//evil.example/"})
    assert elsewhere.location == "/"


def test_the_edit_address_of_a_finished_post_says_so_instead_of_a_form(clerk, demo):
    answer = clerk.get(f"/posts/{demo['sent']}/edit", follow_redirects=True)
    page = text(answer)
    assert f"Post {demo['sent']} is finished (X: Sent): it can no longer be edited." in page
    assert "Save changes" not in page
