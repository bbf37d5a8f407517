"""`guard audit …`: check the hash chain and export the audit trail."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from guard.cli.runtime import ISO_DATE, CliError, Runtime, pass_runtime
from guard.domain.text.spreadsheet import SafeDictWriter
from guard.services.record import anchor
from guard.services.record import audit as audit_service


def day_start(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The instant a council-time day begins, in UTC."""
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


@click.group()
def audit() -> None:
    """The audit trail: every change and decision, hash-chained."""


@audit.command("verify")
@click.option(
    "--anchor",
    "anchor_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="An anchor file (see [audit] anchor_file): also check no anchored record was lost.",
)
@pass_runtime
def verify(runtime: Runtime, anchor_file: Path | None) -> None:
    """Check every record against the chain; exit 1 naming the first broken one."""
    try:
        anchors = anchor_file.read_text(encoding="utf-8") if anchor_file else None
    except OSError as exc:
        raise CliError(f"cannot read the anchor file {str(anchor_file)!r}: {exc}") from None
    with runtime.session() as session:
        report = audit_service.verify(session)
        problems = anchor.check(session, anchors) if anchors is not None else []
    if not report.ok:
        raise CliError(f"chain broken: {report.problem}", exit_code=1)
    if problems:
        raise CliError("chain broken: " + "; ".join(problems), exit_code=1)
    keyed = report.records - report.unkeyed
    click.echo(
        f"chain intact: {report.records} records ({keyed} keyed, {report.unkeyed} unkeyed)"
        + (f"; every anchor in {anchor_file} holds" if anchor_file else "")
    )


@audit.command("anchor")
@click.option(
    "--file",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to append the head (default: [audit] anchor_file).",
)
@pass_runtime
def anchor_head(runtime: Runtime, path: Path | None) -> None:
    """Append the chain's head to the anchor file (the scheduler does this every day)."""
    target = path or (
        Path(runtime.settings.audit.anchor_file) if runtime.settings.audit.anchor_file else None
    )
    if target is None:
        raise CliError("give --file, or set [audit] anchor_file")
    with runtime.session() as session:
        written = anchor.write(session, target, now=runtime.now())
    click.echo(f"anchored record {written.record} ({written.hash[:16]}…) in {target}")


@audit.command("export")
@click.option("--since", type=ISO_DATE, required=True, help="From this day (council time).")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv")
@pass_runtime
def export(runtime: Runtime, since: dt.date, fmt: str) -> None:
    """Print the records from SINCE on, with each one's hash and its predecessor's."""
    start = day_start(since, runtime.settings.council.zone)
    line = io.StringIO()
    writer = SafeDictWriter(line, fieldnames=audit_service.EXPORT_COLUMNS, lineterminator="\n")
    if fmt == "csv":
        writer.writeheader()
        click.echo(line.getvalue(), nl=False)
        line.seek(0)
        line.truncate()
    with runtime.session() as session:
        # Streamed a batch at a time: memory stays flat however long the trail is.
        for record in audit_service.stream(session, since=start):
            row = audit_service.exported(record)
            if fmt == "jsonl":
                line.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            else:
                writer.writerow({**row, "summary": json.dumps(row["summary"], ensure_ascii=False)})
            click.echo(line.getvalue(), nl=False)
            line.seek(0)
            line.truncate()
