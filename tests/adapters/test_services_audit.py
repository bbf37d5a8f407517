"""The services write their audit records, and the archive keeps what was published."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from guard.services.calendar import elections as calendar
from guard.services.posts import write as posts
from guard.services.record import archive, audit
from guard.store.models_record import AuditRow
from tests.sending import (
    add_election,
    schedule,
    sending_world,
)

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(engine, settings):
    with sending_world(engine, settings, NOW) as world:
        yield world.settings, world.clock, world.sender, world.x


def actions(engine) -> list[tuple[str, str, str | None]]:
    with Session(engine) as session:
        rows = session.exec(select(AuditRow).order_by(col(AuditRow.id)))
        return [(r.actor, r.action, r.subject_id) for r in rows]


def test_electing_scheduling_approving_and_sending_are_audited(engine, world):
    from guard.services.sending import dispatch

    live, clock, sender, x = world
    election_id = add_election(engine, live, dt.date(2027, 5, 6), NOW)
    at = dt.datetime(2027, 4, 20, 10, tzinfo=LONDON)
    post_id = schedule(engine, live, "Thanks to Rajesh Patel for opening the fete.", at, NOW)
    with Session(engine) as session:
        posts.approve_post(session, live, post_id, reason="factual thanks", user="clerk", now=NOW)
        calendar.update_election(
            session, live, election_id, now=NOW, actor="clerk", title="Town elections"
        )
        session.commit()
    clock.now = at.astimezone(dt.UTC)
    assert dispatch.dispatch_due(sender) == 1
    [delivery] = [a for a in actions(engine) if a[1].startswith("delivery.")]
    assert actions(engine) == [
        ("system", "register.import", None),
        ("system", "election.add", str(election_id)),
        ("clerk@example.org", "post.schedule", str(post_id)),
        ("clerk", "post.approve", str(post_id)),
        ("clerk", "election.update", str(election_id)),
        ("scheduler", "delivery.sent", delivery[2]),
    ]
    with Session(engine) as session:
        assert audit.verify(session).ok
        [approval] = audit.entries(session, subject=("post", str(post_id)))[1:]
        assert approval.summary["reason"] == "factual thanks"
        [update] = [r for r in audit.entries(session) if r.action == "election.update"]
        assert update.summary == {
            "title": {"from": "Town council elections", "to": "Town elections"}
        }
        # The archive holds exactly what was sent, the platform's answer, verdict and approval.
        [entry] = archive.published(session, text="RAJESH")
    assert entry.text == x.posts[0]["text"] and entry.platform_post_id == x.posts[0]["id"]
    assert entry.verdict == "flag" and entry.approved_by == "clerk"
    assert entry.approval_reason == "factual thanks"
    assert entry.sent_at == at.astimezone(dt.UTC).isoformat()


def test_a_blocked_send_and_a_cancel_are_audited(engine, world):
    from guard.services.sending import dispatch

    live, clock, sender, _ = world
    at = dt.datetime(2027, 4, 20, 10, tzinfo=LONDON)
    blocked = schedule(engine, live, "Follow @CllrAnnBaker for ward news!", at, NOW)
    other = schedule(engine, live, "Bins are collected on Tuesday.", at, NOW)
    with Session(engine) as session:
        posts.cancel_post(session, other, now=NOW, actor="clerk")
        session.commit()
    add_election(engine, live, dt.date(2027, 5, 6), NOW)
    clock.now = at.astimezone(dt.UTC)
    dispatch.dispatch_due(sender)
    found = [(a, s) for _, a, s in actions(engine)]
    assert ("post.cancel", str(other)) in found
    assert [a for a, _ in found if a.startswith("delivery.")] == ["delivery.blocked"]
    with Session(engine) as session:
        assert posts.store.get_post(session, blocked) is not None
        assert archive.published(session) == []


def test_the_foi_export_is_valid_csv_and_json_lines_with_a_true_manifest(
    engine, world, run_guard, tmp_path
):
    from guard.services.sending import dispatch

    live, _clock, sender, _ = world
    schedule(engine, live, "Road closure on Market Street, with a comma.", NOW, NOW)
    schedule(engine, live, 'A "quoted" line\nand a second line.', NOW, NOW)
    dispatch.dispatch_due(sender)
    out = tmp_path / "foi"
    result = run_guard("archive", "export", "--out", str(out), "--since", "2027-01-11")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    for name in ("archive.csv", "archive.jsonl"):
        data = (out / name).read_bytes()
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
    with (out / "archive.csv").open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    lines = [json.loads(line) for line in (out / "archive.jsonl").read_text().splitlines()]
    assert manifest["deliveries"] == len(rows) == len(lines) == 2
    assert [r["text"] for r in rows] == [line["text"] for line in lines]
    assert rows[1]["text"] == 'A "quoted" line\nand a second line.'
    assert json.loads(rows[0]["payload"]) == lines[0]["payload"]
    empty = run_guard("archive", "export", "--out", str(tmp_path / "none"), "--until", "2027-01-10")
    assert empty.exit_code == 0
    assert json.loads((tmp_path / "none" / "manifest.json").read_text())["deliveries"] == 0
    with Session(engine) as session:
        exports = [r for r in audit.entries(session) if r.action == "archive.export"]
    assert [e.summary["deliveries"] for e in exports] == [2, 0]
