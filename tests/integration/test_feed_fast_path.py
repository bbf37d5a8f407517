"""The public feeds served before Flask when current, over a real waitress that keeps a
connection open after a 304."""

from __future__ import annotations

import datetime as dt
import http.client
import threading

import pytest
from sqlalchemy import event, text
from waitress import wasyncore

from guard.web.calendar.feeds import CACHE
from guard.web.serving import make_server
from tests.ical_helpers import add

FEED = "/ical/restricted-periods.ics"
POLL = dt.date(2027, 5, 6)


@pytest.fixture
def served(app):
    server = make_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port  # type: ignore[union-attr]
    # Closed from the server's own thread, between two waits: closing a socket while the loop
    # waits on it fails that wait (EBADF) now and then.
    server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))  # type: ignore[union-attr]
    thread.join(timeout=5)
    assert not thread.is_alive()


def get(connection, path, **headers):
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response, response.read()


def test_a_304_keeps_the_connection_open(served, engine, settings):
    add(engine, settings, "Town council elections 2027", POLL)
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    first, body = get(connection, FEED)
    assert first.status == 200 and b"BEGIN:VCALENDAR" in body
    socket = connection.sock
    for _ in range(3):
        again, empty = get(connection, FEED, **{"If-None-Match": first.getheader("ETag")})
        assert again.status == 304 and empty == b""
        assert again.getheader("Connection") is None
    assert get(connection, FEED)[0].status == 200
    assert connection.sock is socket  # one TCP connection throughout
    connection.close()


def test_a_current_feed_costs_no_query_and_the_same_headers(app, client, engine, settings):
    add(engine, settings, "Town council elections 2027", POLL)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    through_flask = client.get(FEED)
    assert statements  # the first request reads the fingerprint and builds the feed
    statements.clear()
    fast = client.get(FEED)
    conditional = client.get(FEED, headers={"If-None-Match": fast.headers["ETag"]})
    assert statements == []
    assert fast.data == through_flask.data and conditional.status_code == 304
    # Waitress adds Date to both; Flask adds Vary: Cookie, which a public feed does not need.
    flask_headers = {k: v for k, v in through_flask.headers.items() if k not in ("Date", "Vary")}
    assert dict(fast.headers.items()) == flask_headers
    assert "Last-Modified" not in conditional.headers and conditional.cache_control.public


def test_another_processs_change_is_seen_once_the_cache_looks_again(app, client, engine, settings):
    election_id = add(engine, settings, "Town council elections 2027", POLL)
    app.extensions[CACHE].recheck_seconds = 0  # look on every request
    before = client.get(FEED)
    with engine.begin() as connection:  # as another process would: no local notice
        connection.execute(
            text("UPDATE election SET title = 'Renamed', sequence = sequence + 1 WHERE id = :i"),
            {"i": election_id},
        )
    after = client.get(FEED, headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200 and b"Renamed" in after.data
