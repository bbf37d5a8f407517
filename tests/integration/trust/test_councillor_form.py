"""The "Add a councillor" form: an empty form is a clear error, a handle typed with its "@"
is accepted as the handle."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from guard.store.models import CouncillorRow
from tests.refusals import refused

EMPTY = {k: "" for k in ("name", "ward", "party", "aliases", "x_handles", "facebook")}


@pytest.mark.parametrize(
    ("name", "ward", "message"),
    [
        ("", "", "give the councillor&#39;s full name and ward"),
        ("   ", "Heanor West", "give the councillor&#39;s full name"),
        ("Ann Other", "", "give the councillor&#39;s ward"),
    ],
)
def test_a_form_missing_name_or_ward_says_what_is_missing(clerk, engine, name, ward, message):
    answer = clerk.post("/councillors/new", data={**EMPTY, "name": name, "ward": ward})
    refused(answer, f"Not saved: {message}")
    with Session(engine) as session:
        assert session.exec(select(CouncillorRow)).all() == []


@pytest.mark.parametrize("typed", ["@CllrZoe", "CllrZoe", " @CllrZoe ", "＠CllrZoe"])
def test_a_handle_typed_with_or_without_its_at_is_the_same_handle(clerk, engine, typed):
    form = {**EMPTY, "name": "Zoe Brown", "ward": "Heanor West", "x_handles": typed}
    answer = clerk.post("/councillors/new", data=form)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    with Session(engine) as session:
        [row] = session.exec(select(CouncillorRow)).all()
        assert row.x_handles == ["CllrZoe"]
    listing = clerk.get("/councillors").get_data(as_text=True)
    assert "@CllrZoe" in listing and "@@" not in listing
