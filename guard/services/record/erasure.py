"""Erasure on request: delete a person's data; audit the fact (counts and a hash), not the data."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass

from sqlalchemy import delete
from sqlmodel import Session, col, select

from guard.services import InputError
from guard.services import register as register_service
from guard.services.record import audit
from guard.services.throttle import key_for
from guard.store.models import CouncillorRow
from guard.store.models_auth import SignInThrottleRow, UserRow
from guard.store.models_candidates import CandidateRow
from guard.store.models_record import EvidenceCaseRow, EvidenceFileRow, EvidenceItemRow


@dataclass(frozen=True)
class ErasureResult:
    councillors: int
    evidence_items: int
    evidence_files: int
    # Items kept because their case is on hold: evidence for a legal claim (UK GDPR art. 17(3)(e)).
    evidence_items_held: int
    users: int
    candidates: int = 0

    @property
    def total(self) -> int:
        return self.councillors + self.candidates + self.evidence_items + self.users


def fold(value: str) -> str:
    """One spelling of a name or address: NFKC, case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def fingerprint(value: str) -> str:
    return hashlib.sha256(fold(value).encode()).hexdigest()


def erase_person(
    session: Session,
    *,
    name: str | None = None,
    email: str | None = None,
    actor: str,
    now: dt.datetime,
) -> ErasureResult:
    """Remove the councillor and the candidates called ``name``, evidence items authored as
    ``name`` and the user account ``email``; the audit keeps counts and SHA-256 fingerprints."""
    if not (name and name.strip()) and not (email and email.strip()):
        raise InputError("say whose data to erase: a name, an email address or both")
    councillors = candidates = items = files = held = users = 0
    if name and name.strip():
        wanted = fold(name)
        for row in session.exec(select(CouncillorRow)):
            if fold(row.name) == wanted and row.id is not None:
                register_service.remove_councillor(session, row.id, now=now, actor=actor)
                councillors += 1
        for candidate in list(session.exec(select(CandidateRow))):
            if fold(candidate.name) == wanted:
                session.delete(candidate)  # kept with its election; erased like a councillor
                candidates += 1
        query = select(EvidenceItemRow, EvidenceCaseRow).where(
            col(EvidenceItemRow.case_id) == col(EvidenceCaseRow.id)
        )
        for item, case in list(session.exec(query)):
            if fold(item.author_as_written) != wanted:
                continue
            if case.on_hold:
                held += 1
                continue
            gone = session.execute(
                delete(EvidenceFileRow).where(col(EvidenceFileRow.item_id) == item.id)
            )
            files += gone.rowcount  # type: ignore[attr-defined]
            session.delete(item)
            case.updated_at = now
            session.add(case)
            items += 1
    if email and email.strip():
        wanted_email = fold(email)
        for user in list(session.exec(select(UserRow))):
            if fold(user.email) == wanted_email:
                session.delete(user)
                users += 1
        throttled = session.get(SignInThrottleRow, key_for("account", email.strip().lower()))
        if throttled is not None:
            session.delete(throttled)
    result = ErasureResult(councillors, items, files, held, users, candidates)
    audit.record(
        session,
        "privacy.erase",
        "person",
        actor=actor,
        now=now,
        summary={
            "name_sha256": fingerprint(name) if name and name.strip() else None,
            "email_sha256": fingerprint(email) if email and email.strip() else None,
            "councillors": councillors,
            "candidates": candidates,
            "evidence_items": items,
            "evidence_files": files,
            "evidence_items_kept_on_hold": held,
            "users": users,
        },
    )
    session.flush()
    return result
