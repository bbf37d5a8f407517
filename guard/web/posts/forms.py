"""The composer's form: its fields as typed, read into a draft with every error the submit
would give. Shared by writing a post (compose.py) and editing one (edit.py)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import FileStorage

from guard.domain.calendar.council_time import RepeatedHour, wall_clock
from guard.domain.guard.verdict import platform_name
from guard.domain.text.keepable import keepable
from guard.publishers import Platform
from guard.services import InputError
from guard.services.posts.media import MAX_IMAGES, image_entry, platform_problems
from guard.services.posts.write import check_input, parse_platforms
from guard.services.warnings import post_warnings
from guard.web.context import now, services

# The accounts a post can go to: one source, the publishers' own list.
PLATFORMS = tuple(p.value for p in Platform)
# Instagram needs an image: chosen, never assumed.
DEFAULT_PLATFORMS = tuple(p for p in PLATFORMS if p != Platform.INSTAGRAM)
ACCOUNTS = {"x": "The council's X account", "facebook": "The council's Facebook page"}
SLOTS = range(1, MAX_IMAGES + 1)
# What a kept image carries from one page to the next (never the text read in it: that is
# read again from the bytes, so a form can't say what the picture shows).
KEPT = ("name", "content_type", "data_b64", "people_tags")


def account(platform: str) -> str:
    return ACCOUNTS.get(platform, f"The council's {platform_name(platform)} account")


@dataclass
class Image:
    """One attached image as the page shows it: kept in the form until the post is saved."""

    entry: dict[str, Any]  # as services.posts.media makes it, without alt text
    alt_text: str = ""

    @property
    def kept(self) -> str:
        return json.dumps({k: self.entry[k] for k in KEPT if k in self.entry})

    @property
    def src(self) -> str | None:
        if "data_b64" not in self.entry:
            return None
        return f"data:{self.entry['content_type']};base64,{self.entry['data_b64']}"

    def stored(self) -> dict[str, Any]:
        return {**self.entry, "alt_text": self.alt_text.strip()}

    @classmethod
    def of(cls, entry: dict[str, Any]) -> Image:
        """A stored image (a post's) as the form shows it, to keep, edit or copy."""
        kept = {k: v for k, v in entry.items() if k not in ("alt_text", "image_text")}
        return cls(kept, str(entry.get("alt_text", "")))


@dataclass
class Draft:
    """The composer's fields as typed, and what is wrong with them."""

    text: str = ""
    link: str = ""
    date: str = ""
    time: str = ""
    platforms: list[str] = field(default_factory=lambda: list(DEFAULT_PLATFORMS))
    texts: dict[str, str] = field(default_factory=dict)  # a platform's own text, as typed
    images: list[Image] = field(default_factory=list)
    spare_alts: list[str] = field(default_factory=list)  # alt texts typed without a kept image
    errors: dict[str, str] = field(default_factory=dict)
    at: dt.datetime | None = None
    which: str = ""  # "first" or "second": which of an autumn night's repeated hour
    choices: tuple = ()  # the two, in words, when the time given is one of them
    warnings: list[str] = field(default_factory=list)

    @property
    def platform_texts(self) -> dict[str, str]:
        """The chosen platforms' own texts (a text left empty means the post's text)."""
        chosen = self.texts.items()
        return {p: t for p, t in chosen if p in self.platforms and t.strip() and t != self.text}

    @property
    def media(self) -> list[dict[str, Any]]:
        return [image.stored() for image in self.images]

    def to_save(self, *, as_draft: bool) -> dict[str, Any]:
        """The post as ``schedule_post`` and ``edit_post`` take it, once ``at`` is read."""
        assert self.at is not None
        return {
            "text": self.text,
            "at": self.at,
            "platforms": parse_platforms(self.platforms),
            "link": self.link or None,
            "media": self.media,
            "platform_texts": self.platform_texts,
            "draft": as_draft,
        }


def whole(value: object) -> str:
    """A field as text with no NUL and no lone surrogate (JSON's "\\ud83d" alone is not a
    character: it can be neither counted nor stored), each made U+FFFD as bad bytes would be."""
    return keepable(value) if isinstance(value, str) else ""


def read_draft(form: dict, files: dict[str, FileStorage] | None = None) -> Draft:
    """The fields as typed, with every error the submit would give (the live check uses this)."""
    form = {k: v if k == "platforms" else whole(v) for k, v in form.items()}
    draft = Draft(
        text=form.get("text", ""),
        link=form.get("link", "").strip(),
        date=form.get("date", "").strip(),
        time=form.get("time", "").strip(),
        platforms=[p for p in PLATFORMS if p in form.get("platforms", [])],
        texts={p: form[f"text_{p}"] for p in PLATFORMS if form.get(f"text_{p}")},
        which=str(form.get("which") or ""),
    )
    if not draft.text.strip():
        draft.errors["text"] = "Write the post's text."
    if not draft.platforms:
        draft.errors["platforms"] = "Choose at least one account to post to."
    read_images(draft, form, files or {})
    _read_when(draft)
    return draft


def read_images(draft: Draft, form: dict, files: dict[str, FileStorage]) -> None:
    """Each slot's image (a new file, else the one kept from the last page) and alt text.
    The images are renumbered in order, so "image 2" on the page is image 2 in the findings."""
    for slot in SLOTS:
        if form.get(f"remove_{slot}"):
            continue
        upload = files.get(f"image_{slot}")
        entry = None
        if upload is not None and upload.filename:
            try:
                entry = image_entry(upload.filename, upload.read())
            except InputError as exc:
                draft.errors.setdefault("images", sentence(str(exc)))
        elif form.get(f"kept_{slot}"):
            entry = _kept(form[f"kept_{slot}"])
        alt = str(form.get(f"alt_{slot}", ""))
        if entry is not None:
            draft.images.append(Image(entry, alt))
        elif alt.strip():  # its file was refused or not chosen: the words are kept to reuse
            draft.spare_alts.append(alt)
            draft.errors.setdefault(
                "images", f"“{alt.strip()[:60]}” describes no image: choose its file or clear it."
            )
    alt_errors(draft)
    problems = platform_problems(draft.media, draft.platforms)
    for index, problem in problems.items():
        draft.errors.setdefault(f"image_{index + 1}", sentence(problem))


def alt_errors(draft: Draft) -> None:
    for number, image in enumerate(draft.images, start=1):
        if not image.alt_text.strip():
            draft.errors[f"alt_{number}"] = (
                f"Describe image {number} for people who can't see it: alt text is required."
            )


def _kept(value: str) -> dict[str, Any] | None:
    """An image kept from the last page, checked again from its bytes (its hash made here)."""
    try:
        entry = json.loads(value)
        if "data_b64" not in entry:  # a description without a picture (from the CLI)
            return {k: entry[k] for k in KEPT if k in entry}
        data = base64.b64decode(entry["data_b64"], validate=True)
        checked = image_entry(str(entry.get("name") or "image"), data)
    except (ValueError, TypeError, KeyError, AttributeError, InputError):
        return None  # not what this page wrote: dropped, as a file never chosen
    return {**checked, "people_tags": list(entry.get("people_tags") or [])}


def _read_when(draft: Draft) -> None:
    if not draft.date or not draft.time:
        draft.errors["when"] = "Give the date and the time to post it."
        return
    zone = services().settings.council.zone
    try:
        day, time = dt.date.fromisoformat(draft.date), dt.time.fromisoformat(draft.time)
        draft.at = wall_clock(day, time, zone, which=draft.which)
    except RepeatedHour as exc:
        draft.errors["when"], draft.choices = str(exc), exc.choices
        return
    except ValueError as exc:
        words = "Give the date as a day of the calendar and the time as hours and minutes."
        draft.errors["when"] = str(exc) if "clocks" in str(exc) else words
        return
    try:
        check_input(
            text="(the time alone)", platforms=[Platform.X], at=draft.at, now=now(), zone=zone
        )
    except InputError as exc:
        draft.errors["when"] = sentence(str(exc))
    draft.warnings = post_warnings(draft.at, now=now(), zone=zone)


def sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
