"""The councillor register: who the councillors are and which public accounts are theirs."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from guard.domain.text.links import resolve
from guard.domain.text.normalise import fold_text
from guard.domain.text.spreadsheet import SafeWriter, unescape_cell

COLUMNS = ("name", "ward", "party", "x", "facebook", "instagram", "websites", "aliases")
_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
_INSTAGRAM = re.compile(r"[A-Za-z0-9._]{1,30}")
_HOST = re.compile(r"(?:https?://)?[\w\-]+(?:\.[\w\-]+)+(?:[/?#]\S*)?", re.IGNORECASE)


@dataclass(frozen=True)
class Councillor:
    name: str
    ward: str
    party: str = ""
    aliases: tuple[str, ...] = ()
    x_handles: tuple[str, ...] = ()  # without the '@'
    facebook: tuple[str, ...] = ()  # profile URLs or numeric ids
    instagram: tuple[str, ...] = ()  # user names
    websites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Register:
    councillors: tuple[Councillor, ...]
    own_accounts: tuple[str, ...] = ()  # the council's: handles ('@HeanorLoscoeTC') or URLs
    version: str = ""  # the matcher is cached by this: change it whenever the content changes


@dataclass(frozen=True)
class RowError:
    line: int  # 1-based line of the file
    message: str


def make_register(councillors: Iterable[Councillor], own_accounts: Iterable[str] = ()) -> Register:
    """A register whose version is a hash of its content."""
    people, own = tuple(councillors), tuple(own_accounts)
    digest = hashlib.sha256((register_to_csv(people) + "\n".join(own)).encode()).hexdigest()
    return Register(people, own, digest[:16])


def _cells(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def _x_handle(value: str) -> str | None:
    if "/" in value:  # a profile URL: keep the handle as written
        targets = resolve(value)[1]
        found = re.search(r"/@?(\w{1,15})/?$", value.split("?")[0].split("#")[0])
        ok = len(targets) == 1 and targets[0].startswith("x:") and found
        value = found.group(1) if ok and found else ""
    handle = value.removeprefix("@")
    return handle if _X_HANDLE.fullmatch(handle) else None


def _facebook(value: str) -> str | None:
    if value.isdigit():
        return value
    if "facebook" not in value.lower() and "fb." not in value.lower():
        return None
    targets = resolve(value)[1]
    return value if len(targets) == 1 and targets[0].startswith("facebook:") else None


def _instagram(value: str) -> str | None:
    if "/" in value:
        targets = resolve(value)[1]
        return targets[0].split(":", 1)[1] if targets and targets[0][:10] == "instagram:" else None
    handle = value.removeprefix("@")
    return handle if _INSTAGRAM.fullmatch(handle) else None


def _parse_row(
    row: dict[str, str], wards: Iterable[str] | None, ward_required: bool = True
) -> tuple[Councillor | None, str]:
    name, ward = row["name"].strip(), row["ward"].strip()
    if not name:
        return None, "missing name"
    if not ward and ward_required:  # a candidate's empty ward is the election's whole area
        return None, f"{name}: missing ward"
    if wards is not None and ward not in set(wards):
        return None, f"{name}: unknown ward {ward!r}"
    handles, facebook, instagram = [], [], []
    for value in _cells(row["x"]):
        if (handle := _x_handle(value)) is None:
            return None, f"{name}: malformed X handle {value!r}"
        handles.append(handle)
    for value in _cells(row["facebook"]):
        if (page := _facebook(value)) is None:
            return None, f"{name}: facebook value {value!r} is neither a Facebook URL nor an id"
        facebook.append(page)
    for value in _cells(row["instagram"]):
        if (user := _instagram(value)) is None:
            return None, f"{name}: malformed Instagram name {value!r}"
        instagram.append(user)
    websites = _cells(row["websites"])
    for site in websites:
        if not _HOST.fullmatch(site):
            return None, f"{name}: website {site!r} is not a web address"
    councillor = Councillor(
        name=name,
        ward=ward,
        party=row["party"].strip(),
        aliases=_cells(row["aliases"]),
        x_handles=tuple(handles),
        facebook=tuple(facebook),
        instagram=tuple(instagram),
        websites=websites,
    )
    return councillor, ""


def parse_register_csv(
    text: str, *, wards: Iterable[str] | None = None, ward_required: bool = True
) -> tuple[list[Councillor], list[RowError]]:
    """Councillors from the register CSV, and an error for each row that can't be taken."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    found = tuple(h.strip().lower() for h in header or ())
    if found != COLUMNS:
        message = f"the header must be {','.join(COLUMNS)}; found {','.join(found) or 'nothing'}"
        return [], [RowError(1, message)]
    known = None if wards is None else tuple(wards)
    councillors: list[Councillor] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(COLUMNS):
            errors.append(RowError(line, f"expected {len(COLUMNS)} columns, found {len(row)}"))
            continue
        cells = (unescape_cell(cell) for cell in row)  # as register_to_csv wrote them
        fields = dict(zip(COLUMNS, cells, strict=True))
        councillor, problem = _parse_row(fields, known, ward_required)
        if councillor is None:
            errors.append(RowError(line, problem))
            continue
        key = fold_text(" ".join(councillor.name.split()))
        if key in seen:
            errors.append(RowError(line, f"duplicate name {councillor.name!r} (line {seen[key]})"))
            continue
        seen[key] = line
        councillors.append(councillor)
    return councillors, errors


def register_to_csv(councillors: Iterable[Councillor]) -> str:
    """The register CSV for ``councillors``; ``parse_register_csv`` reads it back."""
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\n")  # handles begin with @: quoted for spreadsheets
    writer.writerow(COLUMNS)
    for c in councillors:
        writer.writerow(
            (
                c.name,
                c.ward,
                c.party,
                ";".join("@" + h for h in c.x_handles),
                ";".join(c.facebook),
                ";".join(c.instagram),
                ";".join(c.websites),
                ";".join(c.aliases),
            )
        )
    return out.getvalue()
