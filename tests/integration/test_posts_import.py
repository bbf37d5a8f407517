"""`guard posts import`: a content plan scheduled whole, or rejected naming every bad line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, func, select

from guard.services.posts.importing import import_plan
from guard.services.posts.plan import read_plan
from guard.store.models import PostRow
from guard.store.models_record import AuditRow
from tests.hypothesis_profiles import examples

IN_PERIOD = "2027-04-14T10:00"
GOOD = {"text": "Bins are collected on Tuesday.", "at": IN_PERIOD, "to": "x,facebook"}
FLAGGED = {"text": "Thanks to Councillor Baker for the fete.", "at": IN_PERIOD, "to": "x"}
BLOCKED = {"text": "Follow @CllrAnnBaker for ward news!", "at": IN_PERIOD, "to": "x"}
BAD = {
    "not json": "{text: oops",
    "no text": json.dumps({"at": IN_PERIOD, "to": "x"}),
    "bad account": json.dumps({**GOOD, "to": "myspace"}),
    "bad time": json.dumps({**GOOD, "at": "next Tuesday"}),
    "past": json.dumps({**GOOD, "at": "2020-01-01T10:00"}),
    "unknown field": json.dumps({**GOOD, "when": "soon"}),
    "half a character": json.dumps({**GOOD, "text": "Bins \ud83d on Tuesday"}),
    "a NUL": json.dumps({**GOOD, "link": "https://heanor.example/\u0000"}),
}


@pytest.fixture
def guard(guard_with_election):
    return guard_with_election


def plan(tmp_path, *lines, name="plan.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    return str(path)


def count_posts(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(PostRow)).one()


def test_a_good_plan_is_scheduled_with_flagged_lines_held(guard, tmp_path, engine):
    out = guard("posts", "import", plan(tmp_path, GOOD, FLAGGED, {**GOOD, "link": "https://x.org"}))
    assert out.exit_code == 0, out.stderr
    assert "scheduled 3 posts from plan.jsonl (1 held for review)" in out.stdout
    listed = json.loads(guard("posts", "list", "--json").stdout)
    states = sorted(tuple(sorted(d["status"] for d in p["deliveries"])) for p in listed)
    assert states == [("held",), ("scheduled", "scheduled"), ("scheduled", "scheduled")]
    with Session(engine) as session:
        actions = session.exec(select(AuditRow.action)).all()
    assert actions.count("post.schedule") == 3
    assert guard("audit", "verify").exit_code == 0


def test_any_bad_line_rejects_the_file_naming_every_line(guard, tmp_path, engine):
    out = guard("posts", "import", plan(tmp_path, GOOD, *BAD.values(), BLOCKED))
    assert out.exit_code == 2
    kinds = ["unreadable"] * 3 + ["bad time"] * 2 + ["unreadable"] * 3 + ["blocked"]
    for number, kind in enumerate(kinds, start=2):
        assert f"line {number}: {kind}" in out.stderr, out.stderr
    assert '"text" has something that is not a character at position 6' in out.stderr
    assert '"link" has something that is not a character at position 24' in out.stderr
    assert "line 1:" not in out.stderr
    assert "nothing was scheduled" in out.stderr and count_posts(engine) == 0


def test_only_blocked_lines_exit_4(guard, tmp_path, engine):
    out = guard("posts", "import", plan(tmp_path, GOOD, BLOCKED, FLAGGED))
    assert out.exit_code == 4 and "line 2: blocked" in out.stderr and count_posts(engine) == 0


def test_a_dry_run_prints_each_lines_verdict_and_writes_nothing(guard, tmp_path, engine):
    out = guard("posts", "import", "--dry-run", plan(tmp_path, GOOD, FLAGGED))
    assert out.exit_code == 0
    assert "line 1: allow (facebook,x)" in out.stdout and "line 2: flag (x)" in out.stdout
    assert "Baker" in out.stdout and "nothing written" in out.stdout
    assert count_posts(engine) == 0
    rejected = guard("posts", "import", "--dry-run", plan(tmp_path, GOOD, BLOCKED))
    assert rejected.exit_code == 4 and "line 2: block (x)" in rejected.stdout


def test_a_csv_plan_with_a_quoted_newline(guard, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "text,at,to,link\n"
        f'"Two lines:\nthe second",{IN_PERIOD},x,\n'
        f"Bins on Tuesday,{IN_PERIOD},facebook,https://example.org\n"
        f"Bad time,tomorrow,x,\n"
    )
    out = guard("posts", "import", str(path))
    assert out.exit_code == 2 and "line 5: bad time" in out.stderr  # the line in the file
    path.write_text(path.read_text().rsplit("Bad time", 1)[0])
    assert guard("posts", "import", str(path)).exit_code == 0


def test_a_file_that_is_not_a_plan_is_refused(guard, tmp_path):
    other = tmp_path / "plan.txt"
    other.write_text("hello")
    assert guard("posts", "import", str(other)).exit_code == 2
    binary = tmp_path / "plan.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    out = guard("posts", "import", str(binary))
    assert out.exit_code == 2 and "not UTF-8" in out.stderr
    header = tmp_path / "plan.csv"
    header.write_text("words,when\nhello,2027-01-01T10:00\n")
    out = guard("posts", "import", str(header))
    assert out.exit_code == 2 and "text, at, to" in out.stderr


LINES = st.sampled_from([json.dumps(GOOD), json.dumps(FLAGGED), json.dumps(BLOCKED)])


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(LINES | st.sampled_from(list(BAD.values())), min_size=1, max_size=12))
def test_all_or_nothing_whatever_the_mix(guard, engine, settings, lines):
    now = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    content = "\n".join(lines).encode()
    fine = (json.dumps(GOOD), json.dumps(FLAGGED))
    # A line is bad if it is, or if it repeats an earlier line (the same post sent twice).
    expected_bad = {n for n, line in enumerate(lines, 1) if line not in fine}
    expected_bad |= {
        n for n, line in enumerate(lines, 1) if line in fine and line in lines[: n - 1]
    }
    with Session(engine) as session:
        before = session.exec(select(func.count()).select_from(PostRow)).one()
        parsed, problems = read_plan("p.jsonl", content, zone=settings.council.zone, now=now)
        result = import_plan(session, settings, parsed, problems, author="t", now=now)
        after = session.exec(select(func.count()).select_from(PostRow)).one()
        session.rollback()
    assert {p.line for p in result.problems} == expected_bad
    assert after - before == (0 if expected_bad else len(lines))
    assert result.only_blocks == (
        bool(expected_bad) and all(lines[n - 1] == json.dumps(BLOCKED) for n in expected_bad)
    )


def test_a_plan_sent_again_schedules_nothing_twice(guard, tmp_path, engine):
    path = plan(tmp_path, GOOD, FLAGGED)
    assert guard("posts", "import", path).exit_code == 0
    again = guard("posts", "import", path)
    assert again.exit_code == 2 and count_posts(engine) == 2
    assert "line 1: already planned: the same text, time and account as post " in again.stderr
    assert "line 2: already planned" in again.stderr and "nothing was scheduled" in again.stderr


def test_the_same_post_to_another_account_is_not_a_repeat(guard, tmp_path, engine):
    to_x, to_facebook = {**GOOD, "to": "x"}, {**GOOD, "to": "facebook"}
    out = guard("posts", "import", plan(tmp_path, to_x, to_facebook, to_x))
    assert out.exit_code == 2 and count_posts(engine) == 0
    assert "line 3: already planned: the same text, time and account as line 1" in out.stderr
    assert "line 2:" not in out.stderr
