"""The posts list: search and filters in SQL, kept in the address and the page links; bad
values named, never a 500; duplicate and retry offered where they apply."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from guard.domain.sending.delivery import DeliveryStatus
from guard.services.posts.listing import PostFilters, page_of_posts
from guard.store.models import PostRow, VerdictRow
from tests.hypothesis_profiles import examples
from tests.refusals import refused
from tests.sending import add_post_row

START = dt.datetime(2031, 3, 1, 9, tzinfo=dt.UTC)
TEXTS = ["Library opens late", "LIBRARY repairs 100% done", "Bins_on Tuesday", "Road closed"]


def add(engine, text: str, hours: int, *, status: str = "scheduled", findings=None) -> int:
    with Session(engine) as session:
        post_id = add_post_row(session, text, START + dt.timedelta(hours=hours), status=status)
        if findings is not None:
            session.add(
                VerdictRow(post_id=post_id, checked_at=START, for_time=START, occasion="compose",
                           verdict="flag" if findings else "allow", findings=findings)
            )  # fmt: skip
        session.commit()
        return post_id


def listed(html: str) -> list[str]:
    return re.findall(r'<a href="/posts/\d+">([^<]*)</a>', html)


def test_search_state_account_and_findings_filter_the_list(clerk, engine):
    finding = [{"rule": "r", "severity": "flag", "explanation": "names a councillor"}]
    add(engine, "Library opens late", 1, findings=finding)
    add(engine, "Library closes early", 2, status="held", findings=[])
    add(engine, "Road closed", 3, status="failed")
    html = clerk.get("/posts?q=library").get_data(as_text=True)
    assert listed(html) == ["Library closes early", "Library opens late"]  # newest first
    assert listed(clerk.get("/posts?q=LIBRARY&status=held").get_data(as_text=True)) == [
        "Library closes early"
    ]
    assert listed(clerk.get("/posts?findings=yes").get_data(as_text=True)) == ["Library opens late"]
    assert listed(clerk.get("/posts?findings=no").get_data(as_text=True)) == [
        "Road closed", "Library closes early",
    ]  # fmt: skip
    assert "No posts match" in clerk.get("/posts?platform=facebook").get_data(as_text=True)
    assert 'value="library"' in html  # the search stays in its field


def test_every_state_defined_is_offered_in_the_filter(clerk):
    html = clerk.get("/posts").get_data(as_text=True)
    for state in DeliveryStatus:
        assert f'<option value="{state.value}"' in html


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("status=bogus", "&#39;bogus&#39; is not a state"),
        ("platform=myspace", "&#39;myspace&#39; is not an account"),
        ("findings=maybe", "Choose whether the guard found something"),
        ("since=someday", "&#39;someday&#39; is not a date"),
        ("since=2031-03-05&until=2031-03-01", "The last day comes before the first"),
        ("q=" + "x" * 201, "Search for at most 200 characters"),
    ],
)
def test_a_bad_filter_is_named_not_a_500(clerk, query, words):
    refused(clerk.get(f"/posts?{query}"), words)


def test_the_page_links_keep_the_filters(clerk, engine):
    for n in range(55):
        add(engine, f"Library notice {n}", n)
    html = clerk.get("/posts?q=notice&status=scheduled").get_data(as_text=True)
    older = re.search(r'rel="next" href="([^"]+)"', html)
    assert older is not None
    link = older.group(1).replace("&amp;", "&")
    assert "q=notice" in link and "status=scheduled" in link and "page=2" in link
    second = clerk.get(link).get_data(as_text=True)
    assert listed(second) == [f"Library notice {n}" for n in range(4, -1, -1)]


def test_duplicate_and_retry_are_offered_for_the_posts_they_fit(clerk, engine):
    failed = add(engine, "Road closed", 1, status="failed")
    sent = add(engine, "Road open", 2, status="sent")
    html = clerk.get("/posts").get_data(as_text=True)
    assert f'action="/posts/{failed}/retry"' in html
    assert f'action="/posts/{sent}/retry"' not in html
    assert f'href="/compose?from={sent}"' in html
    composer = clerk.get(f"/compose?from={sent}&date=2031-04-02").get_data(as_text=True)
    assert ">Road open</textarea>" in composer
    assert 'value="2031-04-02"' in composer
    assert clerk.get("/compose?from=999999").status_code == 404


def test_a_viewer_sees_no_actions(viewer, engine):
    add(engine, "Road closed", 1, status="failed")
    html = viewer.get("/posts").get_data(as_text=True)
    assert "/retry" not in html and "/compose?from=" not in html


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(needle=st.text(alphabet="abLIBRY%_\\ 1", min_size=1, max_size=4))
def test_search_finds_exactly_the_posts_containing_the_words(engine, needle):
    """Wildcards are literal; case is ignored (ASCII). PostgreSQL searches words instead."""
    if engine.dialect.name == "postgresql":
        return
    with Session(engine) as session:
        if not page_of_posts(session, PostFilters()).items:
            for n, text in enumerate(TEXTS):
                add_post_row(session, text, START + dt.timedelta(hours=n))
            session.commit()
        found = page_of_posts(session, PostFilters(text=needle)).items
    expected = {t for t in TEXTS if needle.lower() in t.lower()}
    assert {item.post.text for item in found} == expected


def test_a_duplicate_copies_the_images_with_their_alt_text(clerk, engine):
    from guard.services.posts.media import media_entry
    from tests.adapters.test_media import tiny_png

    post_id = add(engine, "Fete photos", 1)
    with Session(engine) as session:
        post = session.get(PostRow, post_id)
        assert post is not None
        post.media = [media_entry("fete.png", tiny_png(1), "The fete")]  # the composer's tests
        post.platform_texts = {"x": "Fete photos #fete"}
        session.add(post)
        session.commit()
    page = clerk.get(f"/compose?from={post_id}").get_data(as_text=True)
    assert 'alt="The fete"' in page and 'name="kept_1"' in page
    assert 'id="alt_1" name="alt_1" type="text" value="The fete"' in page
    assert ">Fete photos</textarea>" in page and ">Fete photos #fete</textarea>" in page
