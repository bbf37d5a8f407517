"""Every form submits once: the same form sent twice (or at once from two tabs) makes one
change, and the repeat shows what the first submit did."""

from __future__ import annotations

import io
import re
import threading

from sqlmodel import Session, func, select

from guard.store.models import CouncillorRow, ElectionRow, PostRow
from tests.integration.test_web_pages import _when, period  # noqa: F401  (the fixture)
from tests.refusals import refused


def key_of(page: str) -> str:
    found = re.search(r'name="form_key" value="([^"]+)"', page)
    assert found, "the form has no one-time key"
    return found.group(1)


def count(engine, table) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def _sent_twice(clerk, engine, page: str, form: dict, table) -> None:
    """The page's form with its one-time key, sent twice: both answered 302, one row made."""
    before = count(engine, table)
    form = {**form, "form_key": key_of(clerk.get(page).get_data(as_text=True))}
    for _ in range(2):
        assert clerk.post(page, data=form).status_code == 302
    assert count(engine, table) == before + 1


def test_the_same_compose_form_twice_makes_one_post(clerk, engine, period):  # noqa: F811
    form = {
        "text": "Allotment open day on Saturday.",
        "platforms": ["x"],
        "action": "schedule",
        "form_key": key_of(clerk.get("/compose").get_data(as_text=True)),
        **_when(),
    }
    first = clerk.post("/compose", data=form)
    again = clerk.post("/compose", data=form)
    assert count(engine, PostRow) == 1
    assert first.status_code == again.status_code == 302
    assert again.location == first.location
    shown = clerk.get(again.location).get_data(as_text=True)
    assert "already been sent: nothing was done again" in shown
    assert "Allotment open day" in shown


def test_the_same_post_from_a_new_form_says_it_was_scheduled_already(clerk, engine, period):  # noqa: F811
    form = {"text": "Library closed Monday.", "platforms": ["x"], "action": "schedule", **_when()}
    for _ in range(2):  # two forms, each with its own key: the same post typed again
        key = key_of(clerk.get("/compose").get_data(as_text=True))
        answer = clerk.post("/compose", data={**form, "form_key": key})
    assert count(engine, PostRow) == 1
    shown = clerk.get(answer.location).get_data(as_text=True)
    assert "You scheduled this same post a few minutes ago (post " in shown
    assert "That form had already been sent" not in shown


def test_two_submits_at_once_make_one_post(app, clerk, engine, period):  # noqa: F811
    key = key_of(clerk.get("/compose").get_data(as_text=True))
    form = {"text": "Road closure.", "platforms": ["x"], "action": "schedule", "form_key": key}
    form |= _when()
    cookie = clerk.get_cookie("session")
    assert cookie is not None
    answers: list[int] = []

    def submit() -> None:
        other = app.test_client()
        other.set_cookie("session", cookie.value)
        answers.append(other.post("/compose", data=form).status_code)

    threads = [threading.Thread(target=submit) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [302, 302, 302]
    assert count(engine, PostRow) == 1


def test_a_refused_submit_does_not_use_up_the_key(clerk, engine, period):  # noqa: F811
    key = key_of(clerk.get("/compose").get_data(as_text=True))
    form = {"text": "Follow @CllrAnnBaker", "platforms": ["x"], "action": "schedule"}
    page = refused(clerk.post("/compose", data={**form, "form_key": key, **_when()}))
    assert key_of(page) == key  # the form shown again keeps it
    fixed = {**form, "text": "Follow the council", "form_key": key, **_when()}
    assert clerk.post("/compose", data=fixed).status_code == 302
    assert count(engine, PostRow) == 1


def test_election_councillor_and_import_forms_submit_once(clerk, engine, period):  # noqa: F811
    election = {"title": "County", "kind": "local", "poll_date": "2027-05-06", "action": "save"}
    _sent_twice(clerk, engine, "/elections/new", election, ElectionRow)
    councillor = {"name": "Zoë Quinn", "ward": "Heanor West", "party": "", "x_handles": "zq"}
    _sent_twice(clerk, engine, "/councillors/new", councillor, CouncillorRow)

    councillors = count(engine, CouncillorRow)

    key = key_of(clerk.get("/councillors").get_data(as_text=True))
    csv = (
        b"name,ward,party,x,facebook,instagram,websites,aliases\r\nYusuf Ali,Heanor East,,,,,,\r\n"
    )
    for _ in range(2):
        upload = {"file": (io.BytesIO(csv), "register.csv"), "form_key": key}
        answer = clerk.post("/councillors/import", data=upload)
        assert answer.status_code == 302
    assert count(engine, CouncillorRow) == councillors + 1


def test_approve_and_edit_forms_submit_once(clerk, engine, period):  # noqa: F811
    form = {"text": "Thanks to Councillor Baker.", "platforms": ["x"], "action": "schedule"}
    post_url = clerk.post("/compose", data={**form, **_when()}).location
    post_id = int(post_url.rsplit("/", 1)[1])
    key = key_of(clerk.get("/review").get_data(as_text=True))
    approve = {"reason": "factual thanks", "form_key": key}
    assert clerk.post(f"/review/{post_id}/approve", data=approve).status_code == 302
    again = clerk.post(f"/review/{post_id}/approve", data=approve, follow_redirects=True)
    assert "nothing was done again" in again.get_data(as_text=True)
    assert "Not approved" not in again.get_data(as_text=True)

    key = key_of(clerk.get(f"/posts/{post_id}/edit").get_data(as_text=True))
    edited = {**form, "text": "Thanks to Councillor Baker, again.", "form_key": key, **_when()}
    assert clerk.post(f"/posts/{post_id}/edit", data=edited).status_code == 302
    edited["text"] = "A third text sent with the same form"
    assert clerk.post(f"/posts/{post_id}/edit", data=edited).status_code == 302
    with Session(engine) as session:
        post = session.get(PostRow, post_id)
        assert post is not None and post.text == "Thanks to Councillor Baker, again."


def test_the_same_post_sent_again_without_its_key_is_still_one_post(clerk, engine, period):  # noqa: F811
    form = {"text": "Bins go out on Tuesday.", "platforms": ["x"], "action": "schedule", **_when()}
    first = clerk.post("/compose", data=form)
    again = clerk.post("/compose", data=form)  # a script, or the back button's fresh form
    assert again.location == first.location
    assert count(engine, PostRow) == 1
    later = {**form, **_when(days=4)}
    assert clerk.post("/compose", data=later).location != first.location  # another time: new
    assert count(engine, PostRow) == 2
