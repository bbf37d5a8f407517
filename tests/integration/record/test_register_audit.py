"""Register and calendar changes and a worse verdict on re-check leave audit records."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from sqlmodel import Session

from guard.domain.guard.register import Councillor
from guard.services import register
from guard.services.calendar import elections as calendar
from guard.services.record import audit
from guard.services.sending import recheck
from tests.sending import add_election, schedule

NOW = dt.datetime(2027, 1, 11, 9, 0, tzinfo=dt.UTC)
LONDON = ZoneInfo("Europe/London")


def test_councillor_add_edit_remove_are_audited_without_the_name(engine, settings):
    with Session(engine) as session:
        cid = register.save_councillor(
            session, settings, Councillor("Jo Bloggs", "Heanor East"), now=NOW, actor="clerk"
        )
        register.save_councillor(
            session,
            settings,
            Councillor("Jo Bloggs", "Heanor East", x_handles=("JoBloggs",)),
            now=NOW,
            councillor_id=cid,
            actor="clerk",
        )
        register.remove_councillor(session, cid, now=NOW, actor="clerk")
        session.commit()
        trail = audit.entries(session, subject=("councillor", str(cid)))
    assert [(r.actor, r.action) for r in trail] == [
        ("clerk", "councillor.add"),
        ("clerk", "councillor.edit"),
        ("clerk", "councillor.remove"),
    ]
    assert trail[1].summary == {"ward": "Heanor East", "fields": ["x_handles"]}
    assert "Bloggs" not in json.dumps([r.summary for r in trail])


def test_removing_an_election_and_a_worse_recheck_are_audited(engine, settings):
    at = dt.datetime(2027, 4, 20, 10, tzinfo=LONDON)
    with Session(engine) as session:
        register.save_councillor(
            session, settings, Councillor("Rajesh Patel", "Heanor West"), now=NOW
        )
        session.commit()
    post_id = schedule(engine, settings, "Thanks to Rajesh Patel for opening the fete.", at, NOW)
    election_id = add_election(engine, settings, dt.date(2027, 5, 6), NOW)
    with Session(engine) as session:
        assert recheck.recheck_all(session, settings, now=NOW) == [post_id]
        calendar.remove_election(session, election_id, now=NOW, actor="clerk")
        session.commit()
        [worse] = [r for r in audit.entries(session) if r.action == "post.worse"]
        [removed] = [r for r in audit.entries(session) if r.action == "election.remove"]
        assert audit.verify(session).ok
    assert worse.actor == "scheduler" and worse.subject_id == str(post_id)
    assert worse.summary == {"from": "allow", "to": "flag", "statuses": {"x": "held"}}
    assert removed.summary["poll_date"] == "2027-05-06"
