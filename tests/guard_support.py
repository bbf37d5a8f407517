"""Shared helpers for the guard's tests: the fixture register and the fixture election."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from guard.domain.calendar.elections import Election, ElectionKind, RestrictedPeriod
from guard.domain.guard.register import make_register, parse_register_csv
from guard.domain.guard.verdict import GuardContext, PostDraft, Verdict, evaluate

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
LONDON = ZoneInfo("Europe/London")
WARDS = ("Heanor East", "Heanor West", "Heanor and Loscoe", "Langley Mill and Aldercar")
DURING = dt.datetime(2027, 4, 15, 10, 0, tzinfo=LONDON)
AFTER = dt.datetime(2027, 6, 15, 10, 0, tzinfo=LONDON)

_councillors, _errors = parse_register_csv(
    (FIXTURES / "councillors.csv").read_text("utf-8"), wards=WARDS
)
assert not _errors, _errors
REGISTER = make_register(
    _councillors, ("@HeanorLoscoeTC", "https://www.facebook.com/HeanorLoscoeTC")
)


def period(
    wards: frozenset[str] = frozenset(), title: str = "Town council election"
) -> RestrictedPeriod:
    election = Election(title, ElectionKind.LOCAL, dt.date(2027, 5, 6), wards=wards, id=1)
    return RestrictedPeriod(
        election=election,
        start=dt.datetime(2027, 3, 31, 0, 0, tzinfo=LONDON),
        end=dt.datetime(2027, 5, 6, 22, 0, tzinfo=LONDON),
        provisional=False,
        start_is_actual=False,
    )


def context(wards: frozenset[str] = frozenset()) -> GuardContext:
    return GuardContext(REGISTER, (period(wards),))


def check(text: str, at: dt.datetime = DURING, wards: frozenset[str] = frozenset()) -> Verdict:
    return evaluate(PostDraft(text), context(wards), at=at)


def cases() -> list[dict[str, Any]]:
    lines = (FIXTURES / "posts.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
