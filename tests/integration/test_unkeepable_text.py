"""Text with a NUL or half of a character (a lone UTF-16 surrogate: JSON's "\\ud83d" alone)
is judged by `guard check` without a crash, and refused by scheduling, naming where it is."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from tests.hypothesis_profiles import examples

IN_PERIOD = "2027-04-14T10:00"
LATER = "2027-03-29T09:00"
UNKEEPABLE = st.one_of(st.just("\x00"), st.characters(categories=["Cs"]))
# Words a post may hold around it: plain, accented, emoji and CJK (the slow path of X's count).
WORDS = st.text(st.sampled_from("Bins on Tuesday é 😀 市 @CllrAnnBaker "), max_size=40)


@pytest.fixture
def with_register(run_guard):
    assert run_guard("councillors", "import", str(FIXTURES / "councillors.csv")).exit_code == 0
    args = ("--title", "Town council elections", "--kind", "local", "--poll-date", "2027-05-06")
    assert run_guard("elections", "add", *args).exit_code == 0
    return run_guard


def _post(before: str, bad: str, after: str) -> str:
    return before + bad + after


NOT_FUNCTION_SCOPED = settings(
    max_examples=examples(30),
    deadline=None,  # each example runs the command; its first run imports what it needs
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@NOT_FUNCTION_SCOPED
@given(before=WORDS, bad=UNKEEPABLE, after=WORDS, platform=st.sampled_from(["x", "facebook"]))
def test_check_judges_it_without_a_crash(with_register, before, bad, after, platform):
    line = json.dumps({"text": _post(before, bad, after), "at": IN_PERIOD, "platform": platform})
    out = with_register("check", "--jsonl", input=line + "\n")
    [answer] = [json.loads(row) for row in out.stdout.splitlines()]
    assert answer["verdict"] in {"allow", "flag", "block"}, out
    assert out.exit_code in {0, 3, 4}, out.stderr


@NOT_FUNCTION_SCOPED
@given(before=WORDS.filter(str.strip), bad=UNKEEPABLE, after=WORDS, where=st.sampled_from("tl"))
def test_scheduling_refuses_it_naming_where_and_keeps_nothing(
    with_register, before, bad, after, where
):
    text, link = "Parks open late.", None
    if where == "t":
        text = _post(before, bad, after)
    else:
        link = _post("https://heanor.example/", bad, "")
    args = ["posts", "schedule", "--at", LATER, "--to", "x", text]
    if link:
        args[-1:-1] = ["--link", link]
    out = with_register(*args)
    assert out.exit_code == 2, out.stdout
    name = "the post's text" if where == "t" else "the link"
    position = (text if where == "t" else link or "").index(bad) + 1
    assert f"{name} has something that is not a character at position {position}" in out.stderr
    assert with_register("posts", "list").stdout.strip() in {"", "No posts."}
