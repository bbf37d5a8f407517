"""The FOI bundle: what was published as CSV and JSON lines with a manifest of hashes.

Rows are read a batch at a time and written straight to files, so an export of any size
runs in flat memory; the web app zips the files into a temporary file it streams.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from guard.domain.text.spreadsheet import SafeDictWriter
from guard.services.record import audit
from guard.services.record.archive import FIELDS, Published, entries_for, sent_query
from guard.store.models import DeliveryRow

BATCH = 500
FILES = ("archive.csv", "archive.jsonl")


@dataclass(frozen=True)
class ExportResult:
    directory: Path
    deliveries: int
    manifest: dict[str, Any]


def iter_published(
    session: Session, *, since: dt.datetime | None, until: dt.datetime | None
) -> Iterator[Published]:
    """What was sent in [since, until), oldest first, read in batches after the last row seen."""
    base = sent_query(session, text=None, since=since, until=until, platform=None)
    sent_at, ident = col(DeliveryRow.sent_at), col(DeliveryRow.id)
    query = base
    while True:
        rows = session.exec(query.order_by(sent_at, ident).limit(BATCH)).all()
        yield from entries_for(session, rows)
        if len(rows) < BATCH:
            return
        last = rows[-1][0]
        after = or_(sent_at > last.sent_at, and_(sent_at == last.sent_at, ident > last.id))
        query = base.where(after)


def csv_row(entry: Published) -> dict[str, Any]:
    """One delivery as a CSV row; nested values (payload, response, findings) as JSON text."""
    row = asdict(entry)
    for key in ("payload", "response", "findings"):
        row[key] = json.dumps(row[key], ensure_ascii=False, sort_keys=True)
    return row


def export(
    session: Session,
    out_dir: Path,
    *,
    since: dt.datetime | None,
    until: dt.datetime | None,
    actor: str,
    now: dt.datetime,
) -> ExportResult:
    """Write archive.csv, archive.jsonl and manifest.json into ``out_dir``, and audit it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    deliveries = 0
    with (
        (out_dir / FILES[0]).open("w", newline="", encoding="utf-8") as as_csv,
        (out_dir / FILES[1]).open("w", encoding="utf-8") as as_jsonl,
    ):
        writer = SafeDictWriter(as_csv, fieldnames=FIELDS, lineterminator="\r\n")
        writer.writeheader()
        for entry in iter_published(session, since=since, until=until):
            writer.writerow(csv_row(entry))
            as_jsonl.write(json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n")
            deliveries += 1
    posts, platforms = _counts(session, since=since, until=until)
    manifest = {
        "generated_at": now.isoformat(),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "deliveries": deliveries,
        "posts": posts,
        "platforms": platforms,
        "files": {name: _facts(out_dir / name) for name in FILES},
    }
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (out_dir / "manifest.json").write_text(text, encoding="utf-8")
    audit.record(
        session,
        "archive.export",
        "archive",
        actor=actor,
        now=now,
        summary={k: manifest[k] for k in ("since", "until", "deliveries", "files")},
    )
    return ExportResult(out_dir, deliveries, manifest)


def zipped_bundle(
    session: Session,
    *,
    since: dt.datetime | None,
    until: dt.datetime | None,
    actor: str,
    now: dt.datetime,
) -> IO[bytes]:
    """The bundle as a zip in an anonymous temporary file, rewound: the caller streams it."""
    archive = tempfile.TemporaryFile()  # noqa: SIM115 - the caller streams and closes it
    with tempfile.TemporaryDirectory() as folder:
        export(session, Path(folder), since=since, until=until, actor=actor, now=now)
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for name in (*FILES, "manifest.json"):
                zf.write(Path(folder) / name, name)
    archive.seek(0)
    return archive


def _facts(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 16), b""):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _counts(
    session: Session, *, since: dt.datetime | None, until: dt.datetime | None
) -> tuple[int, dict[str, int]]:
    """How many posts, and deliveries per account, the bundle holds: counted in SQL."""
    sent = sent_query(session, text=None, since=since, until=until, platform=None).subquery()
    posts = session.exec(select(func.count(func.distinct(sent.c.post_id)))).one()
    by_platform = select(sent.c.platform, func.count()).group_by(sent.c.platform)
    platforms = dict(session.exec(by_platform.order_by(sent.c.platform)).all())
    return int(posts), {str(k): int(v) for k, v in platforms.items()}
