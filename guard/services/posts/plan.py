"""A content plan read from a file: one post a line, as JSON lines or CSV, each line checked.

Columns (or keys): ``text``, ``at`` (council time unless an offset is given), ``to`` (one
platform, ``x``, or several, ``x,facebook,instagram``) and ``link`` (optional). A line that
cannot be read becomes a problem naming its line number; reading never stops at the first one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

from guard.domain.calendar.council_time import parse_datetime
from guard.domain.text.keepable import first_unkeepable, link_problem
from guard.publishers import Platform
from guard.services import InputError
from guard.services.posts.write import parse_platforms

COLUMNS = ("text", "at", "to", "link")
REQUIRED = ("text", "at", "to")
UNREADABLE, BAD_TIME, BLOCKED = "unreadable", "bad time", "blocked"
REPEATED = "already planned"  # the same post as an earlier line, or one already in the app


@dataclass(frozen=True)
class PlanLine:
    line: int
    text: str
    at: dt.datetime
    platforms: tuple[Platform, ...]
    link: str | None


@dataclass(frozen=True)
class LineProblem:
    line: int
    kind: str  # UNREADABLE, BAD_TIME, BLOCKED or REPEATED
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.kind}: {self.message}"


def read_plan(
    name: str, content: bytes, *, zone: ZoneInfo, now: dt.datetime
) -> tuple[list[PlanLine], list[LineProblem]]:
    """Every line of the plan file ``name``, read, or the problem with it."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in (".jsonl", ".ndjson", ".csv"):
        raise InputError(f"{name}: expected a .jsonl or .csv content plan")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name} is not UTF-8 text (byte {exc.start})") from None
    records = _csv_records(text) if suffix == ".csv" else _json_records(text)
    lines: list[PlanLine] = []
    problems: list[LineProblem] = []
    for number, record in records:
        try:
            if isinstance(record, str):
                raise ValueError(record)
            lines.append(_line(number, record, zone=zone, now=now))
        except ValueError as exc:
            problems.append(LineProblem(number, UNREADABLE, str(exc)))
        except _BadTime as exc:
            problems.append(LineProblem(number, BAD_TIME, str(exc)))
    return lines, problems


class _BadTime(Exception):
    pass


def _json_records(text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield number, f"not JSON ({exc.msg} at column {exc.colno})"
            continue
        yield number, value if isinstance(value, dict) else "expected a JSON object"


def _csv_records(text: str) -> Iterator[tuple[int, dict[str, Any] | str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"the CSV header needs the columns {', '.join(missing)}")
    start = reader.line_num + 1
    for row in reader:
        if None in row:
            yield start, "more values than the header has columns"
        else:
            yield start, {k: v for k, v in row.items() if v not in (None, "") or k in REQUIRED}
        start = reader.line_num + 1


def _line(number: int, record: dict[str, Any], *, zone: ZoneInfo, now: dt.datetime) -> PlanLine:
    unknown = sorted(set(record) - set(COLUMNS))
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r}: expected {', '.join(COLUMNS)}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('no "text"')
    to = record.get("to")
    if isinstance(to, list) and all(isinstance(p, str) for p in to):
        to = ",".join(to)
    if not isinstance(to, str):
        names = ", ".join(p.value for p in Platform)
        raise ValueError(f'no "to": give one of {names}, or several with commas')
    link = record.get("link")
    if link is not None and not isinstance(link, str):
        raise ValueError('"link" must be text')
    if link and (problem := link_problem(link)):
        raise ValueError(f'"link": {problem}')
    for name, value in (("text", text), ("link", link or "")):
        if (position := first_unkeepable(value)) is not None:
            raise ValueError(
                f'"{name}" has something that is not a character at position {position} '
                "(a NUL, or half of an emoji or other character cut in two)"
            )
    try:
        platforms = tuple(parse_platforms(to))
    except InputError as exc:
        raise ValueError(str(exc)) from None
    when = record.get("at")
    if not isinstance(when, str) or not when.strip():
        raise _BadTime('no "at" time')
    try:
        at = parse_datetime(when, zone)
    except ValueError as exc:
        raise _BadTime(str(exc)) from None
    if at < now - dt.timedelta(minutes=1):
        raise _BadTime(f"{at.isoformat()} is in the past")
    return PlanLine(number, text, at, platforms, link or None)
