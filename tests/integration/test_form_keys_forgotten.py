"""The forms' one-time keys are kept a month, then the daily job forgets them."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from guard.scheduler import Clock
from guard.store.models import FormSubmissionRow
from tests.sending import FakeClock, make_sender

NOW = dt.datetime(2027, 1, 11, 2, 30, tzinfo=dt.UTC)


def test_the_daily_job_forgets_keys_older_than_a_month_and_keeps_the_rest(engine, settings):
    ages = {"k-new-aaaaaaaaaaaaaa": 0, "k-29d-aaaaaaaaaaaaaa": 29, "k-31d-aaaaaaaaaaaaaa": 31}
    with Session(engine) as session:
        for key, days in ages.items():
            at = NOW - dt.timedelta(days=days)
            session.add(FormSubmissionRow(key=key, form="compose", actor="clerk", created_at=at))
        session.commit()

    Clock(make_sender(engine, settings, FakeClock(NOW)), scheduler=None).retention()  # type: ignore[arg-type]

    with Session(engine) as session:
        kept = set(session.exec(select(FormSubmissionRow.key)))
    assert kept == {"k-new-aaaaaaaaaaaaaa", "k-29d-aaaaaaaaaaaaaa"}
