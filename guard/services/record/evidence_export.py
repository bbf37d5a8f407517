"""The evidence bundle for the Monitoring Officer: a zip of the files, a manifest and a summary."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from sqlmodel import Session

from guard.domain.text.files import safe_name
from guard.services.record.evidence import Case, Item, audit_case, load_case
from guard.settings import Settings
from guard.store.models_record import EvidenceFileRow


def export_case(
    session: Session, settings: Settings, case_id: int, out: Path, *, actor: str, now: dt.datetime
) -> dict[str, Any]:
    """Write ``out`` as a zip: files/…, manifest.json (hashes) and summary.txt; audited."""
    case = load_case(session, case_id)
    manifest = manifest_of(case, now=now)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for item in case.items:
            for file in item.files:
                bundle.writestr(path_of(item, file), file.content)
        bundle.writestr(
            "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True)
        )
        bundle.writestr("summary.txt", summary_of(case, manifest, settings=settings))
    zipped = out.read_bytes()
    digest = hashlib.sha256(zipped).hexdigest()
    audit_case(
        session,
        case.row,
        "evidence.export",
        actor=actor,
        now=now,
        sha256=digest,
        size=len(zipped),
        files=manifest["file_count"],
    )
    return {"path": str(out), "sha256": digest, "size": len(zipped), "manifest": manifest}


def path_of(item: Item, file: EvidenceFileRow) -> str:
    # Names stored before they were sanitised are made safe here too: no '..', no '\\'.
    return f"files/item-{item.row.id}/{file.id}-{safe_name(file.filename)}"


def manifest_of(case: Case, *, now: dt.datetime) -> dict[str, Any]:
    """Every item and file, each file with the SHA-256 recorded at upload and as exported."""
    row = case.row
    items = []
    for item in case.items:
        files = []
        for file in item.files:
            actual = hashlib.sha256(file.content).hexdigest()
            files.append(
                {
                    "path": path_of(item, file),
                    "filename": file.filename,
                    "content_type": file.content_type,
                    "size": file.size,
                    "sha256": file.sha256,
                    "sha256_now": actual,
                    "unchanged": actual == file.sha256 and len(file.content) == file.size,
                    "uploaded_at": file.created_at.isoformat(),
                }
            )
        items.append(
            {
                "id": item.row.id,
                "url": item.row.url,
                "platform": item.row.platform,
                "author_as_written": item.row.author_as_written,
                "text_seen": item.row.text_seen,
                "seen_at": item.row.seen_at.isoformat(),
                "notes": item.row.notes,
                "recorded_by": item.row.created_by,
                "recorded_at": item.row.created_at.isoformat(),
                "files": files,
            }
        )
    manifest: dict[str, Any] = {
        "case": {
            "id": row.id,
            "title": row.title,
            "type": row.case_type,
            "on_hold": row.on_hold,
            "hold_reason": row.hold_reason,
            "opened_by": row.created_by,
            "opened_at": row.created_at.isoformat(),
            "updated_at": row.updated_at.isoformat(),
        },
        "generated_at": now.isoformat(),
        "item_count": len(items),
        "file_count": sum(len(i.files) for i in case.items),
        "items": items,
    }
    return manifest


def summary_of(case: Case, manifest: dict[str, Any], *, settings: Settings) -> str:
    """The bundle in plain words, for a reader who will not open the JSON."""
    zone = settings.council.zone
    row = case.row

    def when(value: dt.datetime) -> str:
        return value.astimezone(zone).strftime("%d %B %Y at %H:%M %Z")

    lines = [
        f"Evidence case {row.id}: {row.title}",
        f"Type of investigation: {row.case_type}",
        f"Opened by {row.created_by} on {when(row.created_at)}; "
        f"last changed {when(row.updated_at)}.",
        f"On hold: {'yes — ' + (row.hold_reason or '') if row.on_hold else 'no'}.",
        f"This bundle was made on {when(dt.datetime.fromisoformat(manifest['generated_at']))} "
        f"for {settings.council.name}.",
        f"It holds {manifest['item_count']} item(s) and {manifest['file_count']} file(s).",
        "",
        "Each file's SHA-256 fingerprint was taken when it was uploaded and is listed in",
        "manifest.json; anyone can recompute it (for example `sha256sum FILE`) to check that",
        "the file is exactly as it was received.",
    ]
    for item, entry in zip(case.items, manifest["items"], strict=True):
        lines += [
            "",
            f"Item {item.row.id}, seen on {item.row.platform} on {when(item.row.seen_at)}",
            f"  Author as written: {item.row.author_as_written}",
            f"  Address: {item.row.url or '(none recorded)'}",
            f"  Recorded by {item.row.created_by} on {when(item.row.created_at)}",
            "  Text as seen:",
            *(f"    {line}" for line in item.row.text_seen.splitlines() or [""]),
        ]
        if item.row.notes:
            lines.append(f"  Notes: {item.row.notes}")
        for file in entry["files"]:
            state = "unchanged" if file["unchanged"] else "DOES NOT MATCH ITS RECORDED HASH"
            lines.append(
                f"  File {file['path']} ({file['size']} bytes), SHA-256 {file['sha256']}: {state}"
            )
    return "\n".join(lines) + "\n"
