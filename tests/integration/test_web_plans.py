"""Content plans in the app: each line's verdict shown, then scheduled all or nothing, once,
and only the plan that was checked with the verdicts that were seen."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re

from sqlmodel import Session, func, select

from guard.services.register import list_councillors, remove_councillor
from guard.store.models import DeliveryRow, PostRow
from tests.integration.test_web_pages import NOW, period  # noqa: F401  (the fixture)
from tests.refusals import refused

WHEN = (NOW + dt.timedelta(days=3)).strftime("%Y-%m-%dT12:00")
GOOD = {"text": "Bins are collected on Tuesday.", "at": WHEN, "to": "x,facebook"}
FLAGGED = {"text": "Thanks to Councillor Baker for the fete.", "at": WHEN, "to": "x"}
BLOCKED = {"text": "Follow @CllrAnnBaker for ward news!", "at": WHEN, "to": "x"}


def jsonl(*lines) -> bytes:
    return "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines).encode()


def check(clerk, content: bytes, name: str = "plan.jsonl"):
    data = {"plan": (io.BytesIO(content), name)}
    return clerk.post("/plans/check", data=data, content_type="multipart/form-data")


def hidden(html: str) -> dict[str, str]:
    form = html[html.index('action="/plans/schedule"') :]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))


def counts(engine) -> tuple[int, int]:
    with Session(engine) as session:
        posts = session.exec(select(func.count()).select_from(PostRow)).one()
        deliveries = session.exec(select(func.count()).select_from(DeliveryRow)).one()
    return posts, deliveries


def test_a_plan_with_bad_lines_names_every_problem_and_writes_nothing(clerk, engine, period):  # noqa: F811
    plan = jsonl(GOOD, "{text: oops", {**GOOD, "to": "myspace"}, BLOCKED, {**GOOD, "at": "soon"})
    html = refused(
        check(clerk, plan),
        "Nothing was scheduled: 4 of 5 lines have problems",
        "not JSON",
        "myspace",
        "Problem: blocked",
        "Problem: bad time",
    )
    assert 'action="/plans/schedule"' not in html
    assert counts(engine) == (0, 0)


def test_a_good_plan_is_checked_then_scheduled_once(clerk, engine, period):  # noqa: F811
    html = check(clerk, jsonl(GOOD, FLAGGED)).get_data(as_text=True)
    assert "Every line can be scheduled; 1 will be held for review" in html
    assert "FLAG" in html and "ALLOW" in html
    assert counts(engine) == (0, 0)  # checking writes nothing
    form = hidden(html)
    first = clerk.post("/plans/schedule", data=form)
    assert first.status_code == 302 and first.location == "/posts"
    assert counts(engine) == (2, 3)
    again = clerk.post("/plans/schedule", data=form, follow_redirects=True)
    assert "That form had already been sent" in again.get_data(as_text=True)
    assert counts(engine) == (2, 3)
    with Session(engine) as session:
        states = sorted(d.status for d in session.exec(select(DeliveryRow)))
    assert states == ["held", "scheduled", "scheduled"]


def test_a_csv_plan_is_read_as_the_command_line_reads_it(clerk, period):  # noqa: F811
    content = f"text,at,to\nBins on Tuesday,{WHEN},x\nRoad closed,{WHEN},facebook\n".encode()
    html = check(clerk, content, "plan.csv").get_data(as_text=True)
    assert "plan.csv: 2 lines" in html and "Schedule all 2 posts" in html
    refused = check(clerk, b"text,when\nBins,soon\n", "plan.csv").get_data(as_text=True)
    assert "The plan cannot be read: the CSV header needs the columns at, to." in refused
    assert "expected a .jsonl or .csv" in check(clerk, b"x", "plan.txt").get_data(as_text=True)


def test_a_changed_plan_or_token_schedules_nothing(clerk, engine, period):  # noqa: F811
    form = hidden(check(clerk, jsonl(GOOD)).get_data(as_text=True))
    other = jsonl({**GOOD, "text": "Follow @CllrAnnBaker"})
    for tampered in (
        {**form, "plan": base64.b64encode(other).decode()},
        {**form, "token": form["token"][:-2] + "xx"},
        {**form, "form_key": "A" * 32},
    ):
        refused(clerk.post("/plans/schedule", data=tampered), "Upload the plan again")
    assert counts(engine) == (0, 0)


def test_verdicts_that_changed_since_the_check_schedule_nothing(clerk, engine, settings, period):  # noqa: F811
    form = hidden(check(clerk, jsonl(FLAGGED)).get_data(as_text=True))
    with Session(engine) as session:  # Councillor Baker leaves the register: now allowed
        baker = next(cid for cid, c in list_councillors(session) if "Baker" in c.name)
        remove_councillor(session, baker, now=NOW, actor="test")
        session.commit()
    response = clerk.post("/plans/schedule", data=form)
    refused(response, "the guard&#39;s verdicts are not what you checked")
    assert counts(engine) == (0, 0)
    assert clerk.post("/plans/schedule", data=form).status_code == 422  # the key is not spent


def test_only_a_clerk_can_upload_a_plan(viewer):
    assert viewer.get("/plans").status_code == 403
    assert check(viewer, jsonl(GOOD)).status_code == 403


def test_the_pages_own_example_is_a_plan_it_accepts(clerk, engine):
    import html

    page = clerk.get("/plans").get_data(as_text=True)
    example = html.unescape(re.search(r'<pre class="example">(.*?)</pre>', page, re.S).group(1))
    answer = check(clerk, example.encode(), "example.csv").get_data(as_text=True)
    assert "Every line can be scheduled" in answer, answer
    assert "Wednesday 14 April 2027" in answer and "Monday 19 April 2027" in answer


def test_a_plan_uploaded_again_after_scheduling_is_refused_whole(clerk, engine, period):  # noqa: F811
    plan = jsonl(GOOD, FLAGGED)
    assert clerk.post("/plans/schedule", data=hidden(check(clerk, plan).get_data(as_text=True)))
    assert counts(engine) == (2, 3)
    html = refused(check(clerk, plan), "Nothing was scheduled: 2 of 2 lines have problems")
    assert html.count("Problem: already planned") == 2 and "already in the app" in html
    assert 'action="/plans/schedule"' not in html and counts(engine) == (2, 3)
