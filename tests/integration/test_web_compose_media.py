"""The composer's images, per-platform texts and drafts, through the Flask test client."""

from __future__ import annotations

import io
import json
import re

from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlmodel import Session
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from guard.publishers import Platform
from guard.store import posts as post_store
from tests.adapters.test_media import tiny_png
from tests.integration.test_web_pages import _when, period  # noqa: F401  (the fixture)
from tests.refusals import refused

MB = 1024 * 1024


def form(text: str = "Our new play area opens", **fields) -> dict:
    return {"text": text, "platforms": ["x", "facebook"], **_when(), **fields}


def upload(data: bytes, name: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(data), name


def send(client, url: str, data: dict):
    """A multipart form, encoded here: the test client spools a large body to a temporary file
    it never closes (a ResourceWarning the suite treats as an error)."""
    boundary, body = encode_multipart(MultiDict(list(_items(data))))
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def _items(data: dict):
    for key, value in data.items():
        if isinstance(value, tuple):
            yield key, FileStorage(value[0], filename=value[1])
        elif isinstance(value, list):
            yield from ((key, item) for item in value)
        else:
            yield key, value


def kept_fields(page: str) -> dict[str, str]:
    """The images the page keeps for the next submit, as a browser would send them back."""
    found = re.findall(r'name="(kept_\d)" value="([^"]*)"', page)
    return {name: value.replace("&#34;", '"').replace("&quot;", '"') for name, value in found}


def deliveries(engine, post_id: int) -> dict[str, str]:
    with Session(engine) as session:
        return {d.platform: d.status for d in post_store.deliveries_of(session, post_id)}


def test_two_images_are_kept_with_thumbnails_and_stored_with_their_alt_text(clerk, engine):
    data = form(image_1=upload(tiny_png(1), "a.png"), image_2=upload(tiny_png(2), "b.png"))
    data |= {"alt_1": "A slide", "alt_2": "A swing", "action": "check"}
    page = send(clerk, "/compose", data)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count('class="thumb" src="data:image/png;base64,') == 2
    assert 'alt="A slide"' in html and 'alt="A swing"' in html
    kept = kept_fields(html)
    assert set(kept) == {"kept_1", "kept_2"}
    again = form(alt_1="A slide", alt_2="A swing", action="schedule", **kept)
    response = send(clerk, "/compose", again)
    assert response.status_code == 302, response.get_data(as_text=True)
    post_id = int(response.location.rsplit("/", 1)[1])
    with Session(engine) as session:
        post = post_store.get_post(session, post_id)
        assert post is not None
        assert [m["alt_text"] for m in post.media] == ["A slide", "A swing"]
        assert [m["name"] for m in post.media] == ["a.png", "b.png"]
    shown = clerk.get(f"/posts/{post_id}").get_data(as_text=True)
    assert 'alt="A slide"' in shown and "Image 2 (b.png): alt text “A swing”" in shown


def test_missing_alt_text_is_named_beside_its_field_and_the_image_is_kept(clerk):
    data = form(image_1=upload(tiny_png(1), "a.png"), image_2=upload(tiny_png(2), "b.png"))
    data |= {"alt_1": "A slide", "alt_2": " ", "action": "schedule"}
    html = refused(
        send(clerk, "/compose", data), 'id="alt_2-error">Describe image 2 for people who can'
    )
    assert set(kept_fields(html)) == {"kept_1", "kept_2"}
    assert 'value="A slide"' in html  # the alt text given is kept too


def test_a_file_that_is_not_an_image_or_too_big_is_refused_by_name(clerk):
    text = form(image_1=upload(b"just some notes", "notes.txt"), alt_1="Notes", action="check")
    html = send(clerk, "/compose", text).get_data(True)
    assert 'id="images-error">Notes.txt: not a JPEG, PNG, GIF or WebP image.' in html
    big = tiny_png(3) + b"\0" * (5 * MB)
    huge = form(image_1=upload(big, "big.png"), alt_1="Big", action="check")
    html = send(clerk, "/compose", huge).get_data(True)
    assert "Big.png: 5.01 MB is over the limit of 5 MB per image." in html
    assert not kept_fields(html)


def test_each_platforms_size_limit_is_checked(clerk):
    """Facebook takes 4 MB an image, X 5 MB: a 4.5 MB picture is fine for X alone."""
    picture = tiny_png(4) + b"\0" * (4 * MB + MB // 2)
    both = form(image_1=upload(picture, "p.png"), alt_1="A park", action="schedule")
    too_big = "P.png: Facebook takes images up to 4 MB; this one is 4.51 MB."
    html = refused(send(clerk, "/compose", both), too_big)
    x_only = form(alt_1="A park", action="schedule", platforms=["x"], **kept_fields(html))
    response = send(clerk, "/compose", x_only)
    assert response.status_code == 302, response.get_data(as_text=True)


def test_a_text_per_platform_is_previewed_stored_and_judged(clerk, engine, period):  # noqa: F811
    data = form(
        "Bins go out on Tuesday.",
        text_facebook="Bins go out on Tuesday. " + "Recycling too, as ever. " * 30,
        text_x="Bins: Tuesday. Thanks @CllrAnnBaker",
        action="check",
    )
    html = clerk.post("/compose", data=data).get_data(as_text=True)
    assert "On X:</span>" in html  # the handle is only in X's own text
    assert '<mark class="mark-block"' in html
    assert "… See more" in html
    data |= {"text_x": "Bins: Tuesday.", "action": "schedule"}
    response = clerk.post("/compose", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    post_id = int(response.location.rsplit("/", 1)[1])
    with Session(engine) as session:
        post = post_store.get_post(session, post_id)
        assert post is not None
        assert post.platform_texts == {"x": "Bins: Tuesday.", "facebook": data["text_facebook"]}
    page = clerk.get(f"/posts/{post_id}/edit").get_data(as_text=True)
    assert ">Bins: Tuesday.</textarea>" in page


def test_the_live_check_reads_alt_texts_and_each_platforms_text(clerk, period):  # noqa: F811
    body = {
        "text": "Our new play area",
        "platforms": ["x", "facebook"],
        **_when(),
        "images": [{"sha256": "", "alt_text": "Councillor Ann Baker cuts the ribbon"}],
        "text_facebook": "Our new play area, opened today",
    }
    live = clerk.post("/compose/check", json=body).json
    assert live["outcome"] == "flag"
    assert "in image 1&#39;s alt text" in live["html"] or "in image 1's alt text" in live["html"]
    assert "Our new play area, opened today" in live["html"]
    assert "The words printed in 1 new image are read when you press" in live["html"]
    missing = clerk.post("/compose/check", json={**body, "images": [{"alt_text": ""}]}).json
    assert "Describe image 1" in missing["html"]


def test_save_as_draft_then_schedule_it(clerk, engine, period):  # noqa: F811
    data = form("Follow @CllrAnnBaker for news", action="draft")
    response = clerk.post("/compose", data=data)
    assert response.status_code == 302  # a draft is kept even when the guard blocks it
    post_id = int(response.location.rsplit("/", 1)[1])
    assert deliveries(engine, post_id) == {"x": "draft", "facebook": "draft"}
    page = clerk.get(response.location).get_data(as_text=True)
    assert "Not scheduled: it will not be sent" in page and "BLOCK" in page
    listed = clerk.get("/posts?status=draft").get_data(as_text=True)
    assert "Follow @CllrAnnBaker for news" in listed
    home = clerk.get("/posts?status=scheduled").get_data(as_text=True)
    assert "Follow @CllrAnnBaker for news" not in home
    edit = clerk.get(f"/posts/{post_id}/edit").get_data(as_text=True)
    assert ">Schedule</button>" in edit
    blocked = clerk.post(f"/posts/{post_id}/edit", data={**data, "action": "schedule"})
    refused(blocked)
    assert deliveries(engine, post_id)["x"] == "draft"
    fixed = {**data, "text": "Bins go out on Tuesday", "action": "schedule"}
    assert clerk.post(f"/posts/{post_id}/edit", data=fixed).status_code == 302
    assert deliveries(engine, post_id) == {"x": "scheduled", "facebook": "scheduled"}


def test_a_kept_image_can_not_carry_its_own_reading(clerk):
    """The text read in a picture comes from its bytes, never from the form."""
    entry = {"name": "a.png", "data_b64": "", "image_text": "nothing to see"}
    data = form(kept_1=json.dumps(entry), alt_1="A", action="check")
    html = clerk.post("/compose", data=data).get_data(as_text=True)
    assert "nothing to see" not in html and 'name="kept_1"' not in html


def test_every_platform_the_publishers_know_has_a_box_a_text_and_a_preview(clerk):
    """One source: a platform added to ``Platform`` (Instagram) shows up without a page edit."""
    html = clerk.post("/compose", data=form(action="check", platforms=[])).get_data(True)
    for platform in Platform:
        assert f'name="platforms" value="{platform.value}"' in html
        assert f'name="text_{platform.value}"' in html
    everyone = [p.value for p in Platform]
    html = clerk.post("/compose", data=form(action="check", platforms=everyone)).get_data(True)
    for platform in Platform:
        assert f'class="platform-preview" data-platform="{platform.value}"' in html


def test_editing_a_post_keeps_its_images_and_can_remove_one(clerk, engine):
    # The pictures the other tests send: read for text (a fifth of a second each) once per process.
    data = form(image_1=upload(tiny_png(1), "a.png"), image_2=upload(tiny_png(2), "b.png"))
    data |= {"alt_1": "A slide", "alt_2": "A swing", "action": "schedule"}
    response = send(clerk, "/compose", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    post_id = int(response.location.rsplit("/", 1)[1])
    page = clerk.get(f"/posts/{post_id}/edit").get_data(as_text=True)
    kept = kept_fields(page)
    assert set(kept) == {"kept_1", "kept_2"} and 'value="A swing"' in page
    edited = form(alt_1="A red slide", alt_2="A swing", remove_2="1", action="schedule", **kept)
    assert send(clerk, f"/posts/{post_id}/edit", edited).status_code == 302
    with Session(engine) as session:
        post = post_store.get_post(session, post_id)
        assert post is not None
        assert [(m["name"], m["alt_text"]) for m in post.media] == [("a.png", "A red slide")]


def test_alt_text_whose_file_was_refused_or_never_chosen_is_kept_and_named(clerk):
    data = form(image_1=upload(b"not a picture", "a.txt"), alt_1="The fair's poster")
    data |= {"alt_2": "A map of the green", "action": "schedule"}
    html = refused(send(clerk, "/compose", data), "A.txt: not a JPEG, PNG, GIF or WebP image.")
    assert 'id="alt_1" name="alt_1" type="text" value="The fair&#39;s poster"' in html
    assert 'id="alt_2" name="alt_2" type="text" value="A map of the green"' in html
    only_alt = form(alt_1="A map of the green", action="schedule")
    html = send(clerk, "/compose", only_alt).get_data(as_text=True)
    assert "“A map of the green” describes no image: choose its file or clear it." in html


def test_the_composer_s_larger_limit_is_for_its_images_only(clerk):
    """Four images fit; a text field is never larger than one kept image, nor the whole form
    larger than four of them."""
    text = send(clerk, "/compose", form("a" * (8 * MB), action="check"))
    assert text.status_code == 413
    big = 5 * MB - 1000
    pictures = {f"image_{n}": upload(tiny_png(n) + b"\0" * big, f"{n}.png") for n in (1, 2, 3, 4)}
    alts = {f"alt_{n}": f"Picture {n}" for n in (1, 2, 3, 4)}
    first = send(clerk, "/compose", form(action="check", platforms=["x"], **pictures, **alts))
    assert first.status_code == 200
    kept = kept_fields(first.get_data(as_text=True))
    assert len(kept) == 4  # sent back as base64, the four still fit
    again = send(clerk, "/compose", form(action="check", platforms=["x"], **kept, **alts))
    assert again.status_code == 200 and len(kept_fields(again.get_data(as_text=True))) == 4


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.characters() | st.characters(categories=["Cs"]), max_size=60).map("".join),
    st.sampled_from(["x", "facebook", "instagram"]),
)
@example("Hi \ud83d there", "x")
@example("\x00", "facebook")  # PostgreSQL's text has no NUL
def test_the_live_check_answers_any_text_typed(clerk, text, platform):
    """Lone surrogates (JSON's "\\ud83d" alone), NUL, anything: an answer, never a 500."""
    body = {"text": text, "platforms": [platform], **_when(), f"text_{platform}": text + "!"}
    body["images"] = [{"sha256": text, "alt_text": text}]
    encoded = json.dumps(body)  # ensure_ascii: lone surrogates travel as escapes
    response = clerk.post("/compose/check", data=encoded, content_type="application/json")
    assert response.status_code == 200
    assert "html" in response.json


def test_the_live_check_answers_json_of_any_shape(clerk):
    for body in ("[]", '"text"', '{"text": 5, "platforms": "x", "images": "a"}', "null"):
        response = clerk.post("/compose/check", data=body, content_type="application/json")
        assert response.status_code == 200, body
