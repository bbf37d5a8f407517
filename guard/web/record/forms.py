"""The record's forms read from the request: the archive's and the audit's searches, and the
evidence forms (a case, an item as it was seen with its files, a hold). Each returns the values
as typed and the words to show beside each field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from werkzeug.datastructures import FileStorage

from guard.domain.calendar.council_time import parse_datetime
from guard.services.record.evidence import CASE_TYPES, SeenPost, Upload

ARCHIVE_FIELDS = ("q", "platform")
AUDIT_FIELDS = ("post", "user", "since")
CASE_FIELDS = ("title", "case_type")
ITEM_FIELDS = ("url", "platform", "author", "text", "seen_at", "notes")


def fields(form: Mapping[str, str], names: Iterable[str]) -> dict[str, str]:
    """The named fields as typed, without the spaces around them."""
    return {k: form.get(k, "").strip() for k in names}


def case_errors(form: Mapping[str, str]) -> dict[str, str]:
    errors = {}
    if not form["title"]:
        errors["title"] = "Give the case a title, e.g. who or what it is about."
    if form["case_type"] not in CASE_TYPES:
        errors["case_type"] = "Choose the kind of case: it decides how long it is kept."
    return errors


def item_errors(form: Mapping[str, str], zone: ZoneInfo) -> dict[str, str]:
    errors = {}
    if not form["platform"]:
        errors["platform"] = "Say where the post was seen, e.g. Facebook."
    if not form["author"]:
        errors["author"] = "Give the author's name or account exactly as shown."
    if not form["text"]:
        errors["text"] = "Copy the words of the post, as seen."
    if form["url"] and not form["url"].lower().startswith(("http://", "https://")):
        errors["url"] = "A web address starts with https:// (or leave it empty)."
    try:
        seen_at(form["seen_at"], zone)
    except ValueError as exc:
        errors["seen_at"] = f"When you saw it, as a date and time: {exc}"
    return errors


def seen_at(value: str, zone: ZoneInfo) -> dt.datetime:
    """When the clerk saw the post, in the council's time."""
    if not value:
        raise ValueError("it is empty")
    return parse_datetime(value, zone)


def seen_post(form: Mapping[str, str], zone: ZoneInfo) -> SeenPost:
    """The item's fields (``ITEM_FIELDS``, checked by ``item_errors``) as the post seen."""
    when = seen_at(form["seen_at"], zone)
    url = form["url"] or None
    return SeenPost(form["platform"], form["author"], form["text"], when, url, form["notes"])


def uploads(files: Iterable[FileStorage]) -> list[Upload]:
    """The files chosen; the type is read from the bytes when stored, never from the name."""
    return [Upload(f.filename or "upload", f.read()) for f in files if f.filename]


def service_error(message: str) -> dict[str, str]:
    """A refusal from the evidence service, shown beside the field it is about."""
    field = "files" if "file" in message else "seen_at" if "seen" in message else "text"
    return {field: message[:1].upper() + message[1:] + "."}


def hold_reason_error(reason: str) -> dict[str, str]:
    return {} if reason else {"reason": "Say why: the reason is kept in the audit record."}


def archive_search(form: Mapping[str, str]) -> dict[str, str | None]:
    """The archive search as the service takes it: the words, and the account if it is known."""
    platform = form["platform"] if form["platform"] in ("x", "facebook", "instagram") else None
    return {"text": form["q"] or None, "platform": platform}


@dataclass(frozen=True)
class AuditSearch:
    since: dt.datetime | None  # the start of that day in the council's time
    subject: tuple[str, str] | None  # ("post", its number)
    errors: dict[str, str]


def audit_search(form: Mapping[str, str], zone: ZoneInfo) -> AuditSearch:
    errors: dict[str, str] = {}
    since = None
    if form["since"]:
        try:
            day = dt.date.fromisoformat(form["since"])
            since = dt.datetime.combine(day, dt.time(), zone)
        except ValueError:
            errors["since"] = "Give a date as YYYY-MM-DD."
    if form["post"] and not form["post"].isdigit():
        errors["post"] = "Give a post's number."
    subject = ("post", form["post"]) if form["post"] and not errors.get("post") else None
    return AuditSearch(since, subject, errors)
