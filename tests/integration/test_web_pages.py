"""The web app through Flask's test client: sign-in, roles, CSRF, forms and every page."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from tests.refusals import refused
from tests.web_fixtures import PASSWORD, sign_in

NOW = dt.datetime.now(dt.UTC)


@pytest.fixture
def period(by_election_now):
    """A by-election whose period is on now, and the fictional register."""
    return by_election_now


def _when(days: int = 3) -> dict[str, str]:
    local = (NOW + dt.timedelta(days=days)).astimezone(dt.UTC)
    return {"date": local.date().isoformat(), "time": "12:00"}


def test_pages_need_sign_in(client):
    for path in ("/", "/calendar", "/compose", "/posts", "/review", "/audit", "/users"):
        response = client.get(path)
        assert response.status_code == 302 and "/sign-in" in response.location
    assert client.get("/healthz").status_code == 200
    assert client.get("/subscribe").status_code == 200
    assert client.post("/compose/check", json={}).status_code == 401


def test_wrong_password_is_refused_and_throttled(client, make_user, monkeypatch):
    make_user("clerk@example.org", "clerk")
    # A still clock: a password check can take longer than the first delay on a busy machine.
    monkeypatch.setattr("guard.web.users.sign_in.now", lambda: NOW)
    for _ in range(3):
        response = sign_in(client, "clerk@example.org", "wrong password!")
        assert response.status_code == 401
    assert "do not match" in response.get_data(as_text=True)
    delayed = sign_in(client, "clerk@example.org")
    assert delayed.status_code == 429 and int(delayed.headers["Retry-After"]) >= 1
    assert "Too many failed attempts: try again in" in delayed.get_data(as_text=True)


def test_security_headers_and_cookie(client, make_user):
    response = sign_in(client, make_user("clerk@example.org", "clerk"))
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]


def test_every_page_renders(admin, period):
    for path in (
        "/",
        "/calendar",
        "/calendar?view=list",
        "/compose",
        "/posts",
        "/review",
        "/elections",
        "/elections/new",
        "/councillors",
        "/councillors/new",
        "/audit",
        "/users",
        "/posts?status=held",
    ):
        assert admin.get(path).status_code == 200, path
    assert "Ann Baker" in admin.get("/councillors/export.csv").get_data(as_text=True)
    # Every page names its icon, so no browser asks for a /favicon.ico that isn't there.
    assert 'rel="icon" href="/static/favicon.svg"' in admin.get("/").get_data(as_text=True)
    with admin.get("/static/favicon.svg") as icon:  # a file response: closed after reading
        assert icon.get_data(as_text=True).startswith("<svg")
    missing = admin.get("/no-such-page")
    assert missing.status_code == 404 and "Page not found" in missing.get_data(as_text=True)


def test_viewer_is_read_only(viewer, period):
    assert viewer.get("/calendar").status_code == 200
    assert viewer.get("/compose").status_code == 403
    assert viewer.post("/compose", data={"text": "x"}).status_code == 403
    assert viewer.post("/review/1/approve", data={"reason": "x"}).status_code == 403
    assert viewer.get("/users").status_code == 403


def test_blocked_post_is_refused_with_the_handle_marked(clerk, period):
    data = {"text": "Well done @CllrAnnBaker", "platforms": ["x"], "action": "schedule", **_when()}
    # The handle is marked, and the input is kept.
    page = refused(clerk.post("/compose", data=data), '<mark class="mark-block"', "@CllrAnnBaker")
    assert "Well done @CllrAnnBaker</textarea>" in page
    live = clerk.post("/compose/check", json={**data, "platforms": ["x"]}).json
    assert live["outcome"] == "block" and "mark-block" in live["html"]


def test_validation_errors_beside_fields(clerk):
    response = clerk.post("/compose", data={"text": "Hello", "action": "schedule"})
    page = refused(response, 'id="when-error"', 'id="platforms-error"')
    assert ">Hello</textarea>" in page


def test_schedule_then_approve_held_post(clerk, period):
    ok = {"text": "The library opens late on Monday.", "platforms": ["x"], "action": "schedule"}
    response = clerk.post("/compose", data={**ok, **_when()})
    assert response.status_code == 302
    assert "The library opens late" in clerk.get("/calendar?view=list").get_data(as_text=True)
    held = {"text": "Thanks to Councillor Baker for the fete.", "platforms": ["x"]}
    response = clerk.post("/compose", data={**held, "action": "schedule", **_when()})
    post_id = int(response.location.rsplit("/", 1)[1])
    refused(clerk.post(f"/review/{post_id}/approve", data={"reason": " "}), "needs a reason")
    assert (
        clerk.post(f"/review/{post_id}/approve", data={"reason": "Fete notice"}).status_code == 302
    )
    audit = clerk.get(f"/audit?post={post_id}").get_data(as_text=True)
    assert "Fete notice" in audit


def test_csrf_is_required(app, client, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    refused = client.post("/sign-in", data={"email": "a@example.org", "password": PASSWORD})
    assert refused.status_code == 400 and "refused" in refused.get_data(as_text=True)


def test_import_shows_row_errors(clerk):
    bad = b"name,ward,party,x,facebook,instagram,websites,aliases\nAnn,Nowhere,,,,,,\n"
    response = clerk.post("/councillors/import", data={"file": (io.BytesIO(bad), "c.csv")})
    refused(response, "Line 2")


def test_election_timetable_shown_before_saving(clerk):
    form = {"title": "May", "kind": "local", "poll_date": "2027-05-06", "notice_published": ""}
    page = clerk.post("/elections/new", data={**form, "action": "preview"}).get_data(True)
    assert "Restricted period starts" in page and "Save the election" in page
    assert clerk.post("/elections/new", data={**form, "action": "save"}).status_code == 302
    bad = clerk.post("/elections/new", data={**form, "poll_date": "soon", "action": "save"})
    refused(bad, 'id="poll_date-error"')


def test_users_cli(run_guard):
    assert (
        run_guard("users", "add", "a@example.org", "--role", "admin", input="short\n").exit_code
        == 2
    )
    assert (
        run_guard("users", "add", "a@example.org", "--role", "boss", input=PASSWORD).exit_code == 2
    )
    assert (
        run_guard("users", "add", "a@example.org", "--role", "admin", input=PASSWORD).exit_code == 0
    )
    assert "a@example.org\tadmin" in run_guard("users", "list").stdout
    assert (
        run_guard("users", "set-password", "a@example.org", input="another long one").exit_code == 0
    )
    assert run_guard("users", "remove", "a@example.org").exit_code == 0
    assert run_guard("users", "remove", "a@example.org").exit_code == 2


def test_a_link_that_is_not_a_web_address_is_refused_and_nothing_saved(clerk, engine, period):
    from sqlmodel import Session, func, select

    from guard.store.models import PostRow

    data = {"text": "Our new play area", "link": "javascript:alert(1)", "platforms": ["x"]}
    response = clerk.post("/compose", data={**data, "action": "schedule", **_when()})
    refused(response, "&#34;javascript:&#34; is not a web address: give one starting https://")
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(PostRow)).one() == 0


def test_each_policy_is_quoted_once_in_a_verdict(clerk, period):
    """Two findings citing the same paragraph of the Code: quoted at the first, "as above" after."""
    text = "Thanks to Ann Baker and Rajesh Patel for opening the fete"
    live = clerk.post("/compose/check", json={"text": text, "platforms": ["x"], **_when()}).json
    html = live["html"]
    quoted = re.findall(r'<span class="clause">Policy: (.*?)</span>', html, re.S)
    full = [q for q in quoted if q != "as above."]
    assert len(full) == len(set(full)), "a policy quoted twice"
    assert "as above." in quoted and "para 34" in full[0]


def test_an_admin_is_offered_removal_of_others_only(admin, make_user):
    make_user("clerk3@example.org", "clerk")
    page = admin.get("/users").get_data(as_text=True)
    assert "Remove clerk3@example.org" in page
    assert "Remove admin@example.org" not in page and "another admin can remove you" in page


def test_archive_account_filter_offers_all_accounts(admin):
    page = admin.get("/archive").get_data(as_text=True)
    assert '<option value="">All accounts</option>' in page and ">Both<" not in page
