"""`guard posts schedule --draft` and `--text-for`: the composer's drafts and texts per platform,
from the shell."""

from __future__ import annotations

import json

from tests.integration.test_cli_guard import IN_PERIOD, with_register  # noqa: F401  (fixture)


def test_a_draft_is_judged_and_kept_not_scheduled(with_register):  # noqa: F811
    args = ("posts", "schedule", "--at", IN_PERIOD, "--to", "x,facebook", "--draft")
    kept = with_register(*args, "Follow @CllrAnnBaker")
    assert kept.exit_code == 0, kept.stderr
    post_id, state, verdict = kept.stdout.split()[:3]
    assert (state, verdict) == ("draft", "block") and "@CllrAnnBaker" in kept.stdout
    listed = json.loads(with_register("posts", "list", "--json").stdout)
    [post] = [p for p in listed if p["id"] == int(post_id)]
    assert {d["status"] for d in post["deliveries"]} == {"draft"}


def test_a_text_for_one_account_is_kept_for_it(with_register):  # noqa: F811
    args = ("posts", "schedule", "--at", "2027-03-29T09:00", "--to", "x,facebook")
    made = with_register(*args, "--text-for", "x=Parks: late opening", "Parks open late.")
    assert made.exit_code == 0, made.stderr
    listed = json.loads(with_register("posts", "list", "--json").stdout)
    [post] = [p for p in listed if p["id"] == int(made.stdout.split()[0])]
    assert post["platform_texts"] == {"x": "Parks: late opening"}
    wrong = with_register(*args[:-1], "x", "--text-for", "facebook=Hi", "Parks open late.")
    assert wrong.exit_code == 2 and "does not go to facebook" in wrong.stderr
    shape = with_register(*args, "--text-for", "just words", "Parks open late.")
    assert shape.exit_code == 2 and "PLATFORM=TEXT" in shape.stderr
