"""Sign-in that slows guessing without locking the owner out, and that anonymous visitors
cannot use to grow the database."""

from __future__ import annotations

import datetime as dt
import threading

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import Session, select

from guard.services import sign_in_failures, throttle, users
from guard.services.record.audit import verify
from guard.store.db import session_scope
from guard.store.models_auth import SignInFailureRow, SignInThrottleRow
from guard.store.models_record import AuditRow
from tests.hypothesis_profiles import examples
from tests.web_fixtures import PASSWORD

NOW = dt.datetime(2026, 11, 25, 10, 5, tzinfo=dt.UTC)


def _try(engine, email: str, password: str, *, client: str = "198.51.100.7", at=NOW):
    with session_scope(engine) as db:
        return users.sign_in(db, email=email, password=password, client=client, now=at)


def _count(engine, table) -> int:
    with Session(engine) as db:
        return db.exec(select(func.count()).select_from(table)).one()


def test_the_owner_waits_at_most_the_cap_while_others_guess(engine, make_user):
    make_user("clerk@example.org", "clerk")
    at, checked, n = NOW, 0, 0
    while checked < 20:  # guesses from many places, each as soon as the delay allows
        n += 1
        result = _try(engine, "clerk@example.org", "guess guess guess", client=f"10.0.{n}", at=at)
        at += dt.timedelta(seconds=result.retry_after or 0)
        checked += result.retry_after is None
    waiting = _try(engine, "clerk@example.org", PASSWORD, client="192.0.2.1", at=at)
    assert waiting.user is None and waiting.retry_after is not None
    assert waiting.retry_after <= throttle.ACCOUNT_CAP.total_seconds()
    later = at + throttle.ACCOUNT_CAP
    assert _try(engine, "clerk@example.org", PASSWORD, client="192.0.2.1", at=later).user


@given(st.integers(min_value=0, max_value=200))
def test_delays_grow_then_stop_at_the_cap(attempts):
    for cap in (throttle.ACCOUNT_CAP, throttle.CLIENT_CAP):
        delay = throttle.delay_after(attempts, cap)
        assert dt.timedelta(0) <= delay <= cap
        assert delay <= throttle.delay_after(attempts + 1, cap)
    assert throttle.delay_after(throttle.FREE_ATTEMPTS - 1, throttle.CLIENT_CAP) == dt.timedelta(0)


def test_parallel_guesses_are_counted_one_by_one(engine, make_user):
    """40 guesses at once: only the free attempts reach the password check, none fails."""
    make_user("clerk@example.org", "clerk")
    results: list[object] = []
    errors: list[BaseException] = []
    start = threading.Barrier(40)

    def guess(n: int) -> None:
        try:
            start.wait()
            results.append(_try(engine, "clerk@example.org", f"guess number {n}!!", client=f"c{n}"))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    checked = [r for r in results if r.retry_after is None]  # type: ignore[attr-defined]
    assert len(results) == 40
    assert 1 <= len(checked) <= throttle.FREE_ATTEMPTS
    with Session(engine) as db:
        row = db.get(SignInThrottleRow, throttle.key_for("account", "clerk@example.org"))
        assert row is not None and row.failures == len(checked)


def test_a_flood_of_huge_emails_adds_no_audit_rows_and_bounded_counters(engine):
    before = _count(engine, AuditRow)
    for n in range(300):
        email = f"{n}-" + "x" * 100_000 + "@example.org"
        _try(engine, email, "whatever", client=f"203.0.113.{n % 10}")
    assert _count(engine, AuditRow) == before
    assert _count(engine, SignInFailureRow) <= sign_in_failures.SAMPLED_UNKNOWN + 1
    with Session(engine) as db:
        for row in db.exec(select(SignInThrottleRow)):
            assert len(row.key) < 80
    # An hour later the hour is summarised in one record, with no email as typed.
    _try(engine, "someone@example.org", "whatever", at=NOW + dt.timedelta(hours=1))
    with Session(engine) as db:
        summaries = list(db.exec(select(AuditRow).where(AuditRow.action == "sign-in.failures")))
        assert len(summaries) == 1
        summary = summaries[0].summary
        assert summary["failed"] + summary["delayed"] == 300
        assert "xxxxxxxx" not in str(summary)
        assert len(str(summary)) < 4000
        assert verify(db).ok


def test_a_known_accounts_failures_are_named_in_the_summary(engine, make_user):
    make_user("clerk@example.org", "clerk")
    for _ in range(2):
        _try(engine, "clerk@example.org", "wrong wrong wrong")
    _try(engine, "clerk@example.org", PASSWORD, at=NOW + dt.timedelta(hours=1))
    with Session(engine) as db:
        row = db.exec(select(AuditRow).where(AuditRow.action == "sign-in.failures")).one()
    assert row.summary["accounts"] == {"clerk@example.org": 2}


def test_a_huge_sign_in_body_is_refused_before_it_is_read(client):
    response = client.post("/sign-in", data={"email": "x" * 400_000, "password": "p"})
    assert response.status_code == 413


def test_a_megabyte_to_the_live_check_is_refused(clerk):
    response = clerk.post("/compose/check", json={"text": "a" * 1_000_000, "platforms": ["x"]})
    assert response.status_code == 413
    assert "too much" in response.json["error"]


def test_forms_have_a_limit(clerk):
    response = clerk.post("/compose", data={"text": "a" * 2_000_000, "action": "schedule"})
    assert response.status_code == 413


@settings(max_examples=examples(10), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(min_size=0, max_size=2000))
def test_any_email_typed_is_answered_without_an_error(client, email):
    response = client.post("/sign-in", data={"email": email, "password": "not it at all"})
    assert response.status_code in (401, 429)


def test_clients_behind_a_trusted_proxy_are_told_apart(settings, engine, make_user):
    from dataclasses import replace

    from guard.web import create_app

    web = replace(settings.web, trusted_proxies=1)
    app = create_app(replace(settings, web=web), engine=engine)
    app.config.update(TESTING=True, WTF_CSRF_ENABLED=False)
    make_user("clerk@example.org", "clerk")
    for n in range(30):  # one client guessing many accounts is slowed...
        forwarded = {"X-Forwarded-For": "198.51.100.66"}
        app.test_client().post(
            "/sign-in", data={"email": f"u{n}@example.org", "password": "x"}, headers=forwarded
        )
    slowed = app.test_client().post(
        "/sign-in", data={"email": "v@example.org", "password": "x"}, headers=forwarded
    )
    assert slowed.status_code == 429
    # ...but the clerk, arriving through the same proxy from elsewhere, is not.
    response = app.test_client().post(
        "/sign-in",
        data={"email": "clerk@example.org", "password": PASSWORD},
        headers={"X-Forwarded-For": "192.0.2.44"},
    )
    assert response.status_code == 302
