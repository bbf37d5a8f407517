"""The feed read by other parsers than the one that wrote it: `ical` (Python) and ical.js."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ical_helpers import add, change, feed_bytes, remove

NODE_SCRIPT = """
import ICAL from "%s";
import { readFileSync } from "node:fs";
const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return {uid: event.uid, summary: event.summary, sequence: event.sequence,
          start: event.startDate.toString(), end: event.endDate.toString(),
          allDay: event.startDate.isDate && event.endDate.isDate,
          status: vevent.getFirstPropertyValue("status")};
});
console.log(JSON.stringify({
  name: calendar.getFirstPropertyValue("name"),
  method: calendar.getFirstPropertyValue("method"),
  refresh: String(calendar.getFirstPropertyValue("refresh-interval")),
  events}));
"""


@pytest.fixture(scope="session")
def ical_js(tmp_path_factory) -> Path:
    """A node script that parses a feed with ical.js, which `make install-test` installs where
    npm is (the tests never download it)."""
    module = Path(sys.prefix) / "node" / "node_modules" / "ical.js" / "dist" / "ical.js"
    if not shutil.which("node"):
        pytest.skip("node is not installed: the ical.js check is skipped")
    if not module.exists():
        pytest.skip(f"ical.js is not installed at {module} (make install-test installs it)")
    script = tmp_path_factory.mktemp("ical-js") / "parse-feed.mjs"
    script.write_text(NODE_SCRIPT % module.as_posix(), encoding="utf-8")
    return script


def _calendar(engine, settings, now=None) -> bytes:
    add(engine, settings, "Town council elections 2027", dt.date(2027, 5, 6))
    east = add(
        engine, settings, "Heanor East by-election", dt.date(2027, 7, 1), wards=["Heanor East"]
    )
    change(engine, settings, east, notice_published=dt.date(2027, 5, 20))
    gone = add(engine, settings, "Withdrawn referendum", dt.date(2027, 9, 2))
    remove(engine, gone)
    return feed_bytes(engine, settings)


def test_the_ical_library_reads_the_feed(engine, settings):
    # Imported here: `ical` takes a quarter of a second to import, paid only where it is used.
    from ical.calendar_stream import IcsCalendarStream
    from ical.event import EventStatus

    calendar = IcsCalendarStream.calendar_from_ics(_calendar(engine, settings).decode())
    assert calendar.method == "PUBLISH"
    assert calendar.prodid.endswith("//Pre-election guard//EN")
    by_title = {event.summary: event for event in calendar.events}
    town = by_title["Pre-election period: Town council elections 2027"]
    assert (town.dtstart, town.dtend) == (dt.date(2027, 3, 31), dt.date(2027, 5, 7))
    assert town.status == EventStatus.TENTATIVE
    east = by_title["Pre-election period: Heanor East by-election"]
    assert east.status == EventStatus.CONFIRMED and east.sequence == 1
    gone = by_title["Pre-election period: Withdrawn referendum (cancelled)"]
    assert gone.status == EventStatus.CANCELLED and gone.sequence == 1
    extras = {extra.name.upper(): extra.value for extra in calendar.extras}
    assert extras["X-WR-CALNAME"] == "Pre-election periods: Heanor & Loscoe Town Council"
    assert extras["X-PUBLISHED-TTL"] == "PT6H"


def test_ical_js_reads_the_feed(engine, settings, ical_js):
    body = _calendar(engine, settings)
    result = subprocess.run(
        ["node", str(ical_js)], input=body, capture_output=True, check=True, timeout=60
    )
    parsed = json.loads(result.stdout)
    assert parsed["name"] == "Pre-election periods: Heanor & Loscoe Town Council"
    assert parsed["method"] == "PUBLISH"
    assert parsed["refresh"] == "PT6H"
    events = {e["summary"]: e for e in parsed["events"]}
    assert len(events) == 3
    assert all(e["allDay"] for e in events.values())
    town = events["Pre-election period: Town council elections 2027"]
    assert (town["start"], town["end"], town["status"]) == ("2027-03-31", "2027-05-07", "TENTATIVE")
    east = events["Pre-election period: Heanor East by-election"]
    assert (east["status"], east["sequence"]) == ("CONFIRMED", 1)
    assert events["Pre-election period: Withdrawn referendum (cancelled)"]["status"] == "CANCELLED"
