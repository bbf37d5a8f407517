"""The councillor register: import, export, add, edit and remove councillors."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from guard.domain.guard.register import Councillor, RowError, parse_register_csv, register_to_csv
from guard.services import InputError
from guard.services.record import audit
from guard.settings import Settings
from guard.store import register as store


class ImportRejected(Exception):
    """The file has bad rows; nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"the file was not imported: {len(errors)} bad row(s)")
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    added: list[str]
    updated: list[str]
    unchanged: list[str]


def import_csv(
    session: Session, settings: Settings, text: str, *, now: dt.datetime, actor: str = "system"
) -> ImportResult:
    """Add or update every councillor in the file, matched by name; any bad row rejects it all."""
    councillors, errors = parse_register_csv(text, wards=settings.council.wards)
    if errors:
        raise ImportRejected(errors)
    if not councillors:
        raise ImportRejected([RowError(2, "the file has no councillors")])
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    ids: dict[str, list[int | None]] = {"added": [], "updated": []}
    for councillor in councillors:
        row = store.find_by_name(session, councillor.name)
        if row is not None and store.to_domain(row) == councillor:
            unchanged.append(councillor.name)
            continue
        saved, created = store.save_councillor(session, councillor, now=now, row=row)
        (added if created else updated).append(councillor.name)
        ids["added" if created else "updated"].append(saved.id)
    # Ids and counts, not names: the register holds the names; the chain need not repeat them.
    audit.record(
        session,
        "register.import",
        "register",
        actor=actor,
        now=now,
        summary={**ids, "unchanged": len(unchanged)},
    )
    return ImportResult(added, updated, unchanged)


def export_csv(session: Session) -> str:
    return register_to_csv(store.to_domain(r) for r in store.list_councillors(session))


def list_councillors(session: Session) -> list[tuple[int, Councillor]]:
    return [(r.id, store.to_domain(r)) for r in store.list_councillors(session) if r.id]


_REQUIRED = {"full name": "name", "ward": "ward"}


def _without_at(handle: str) -> str:
    handle = handle.strip()
    return handle[1:].strip() if handle.startswith(("@", "＠")) else handle


def save_councillor(
    session: Session,
    settings: Settings,
    councillor: Councillor,
    *,
    now: dt.datetime,
    councillor_id: int | None = None,
    actor: str = "system",
) -> int:
    """Add (no id) or edit one councillor, checked as strictly as an imported row."""
    missing = [what for what, value in _REQUIRED.items() if not getattr(councillor, value).strip()]
    if missing:
        raise InputError("give the councillor's " + " and ".join(missing))
    # People type handles as they see them, "@name": the register keeps them without the "@".
    councillor = dataclasses.replace(
        councillor,
        x_handles=tuple(_without_at(h) for h in councillor.x_handles),
        instagram=tuple(_without_at(h) for h in councillor.instagram),
    )
    one = register_to_csv([councillor])
    parsed, errors = parse_register_csv(one, wards=settings.council.wards)
    if errors:
        raise InputError(errors[0].message)
    row = None
    if councillor_id is not None:
        row = session.get(store.CouncillorRow, councillor_id)
        if row is None:
            raise InputError(f"no councillor with id {councillor_id}")
    other = store.find_by_name(session, parsed[0].name)
    if other is not None and other is not row:
        raise InputError(f"there is already a councillor called {parsed[0].name!r}")
    before = store.to_domain(row) if row is not None else None
    saved, created = store.save_councillor(session, parsed[0], now=now, row=row)
    assert saved.id is not None
    after = store.to_domain(saved)
    changed = sorted(
        f.name
        for f in dataclasses.fields(after)
        if before is None or getattr(before, f.name) != getattr(after, f.name)
    )
    audit.record(
        session,
        "councillor.add" if created else "councillor.edit",
        "councillor",
        saved.id,
        actor=actor,
        now=now,
        summary={"ward": after.ward, "fields": changed},
    )
    return saved.id


def remove_councillor(
    session: Session, councillor_id: int, *, now: dt.datetime, actor: str = "system"
) -> str:
    row = session.get(store.CouncillorRow, councillor_id)
    if row is None:
        raise InputError(f"no councillor with id {councillor_id}")
    ward = row.ward
    store.remove_councillor(session, row, now=now)
    audit.record(
        session,
        "councillor.remove",
        "councillor",
        councillor_id,
        actor=actor,
        now=now,
        summary={"ward": ward},
    )
    return row.name
