"""`guard audit …`: check the hash chain and export the audit trail."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import click

from guard.cli.runtime import ISO_DATE, CliError, Runtime, pass_runtime
from guard.services.record import audit as audit_service


def day_start(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The instant a council-time day begins, in UTC."""
    return dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)


@click.group()
def audit() -> None:
    """The audit trail: every change and decision, hash-chained."""


@audit.command("verify")
@pass_runtime
def verify(runtime: Runtime) -> None:
    """Check every record against the chain; exit 1 naming the first broken one."""
    with runtime.session() as session:
        report = audit_service.verify(session)
    if not report.ok:
        raise CliError(f"chain broken: {report.problem}", exit_code=1)
    click.echo(f"chain intact: {report.records} records")


@audit.command("export")
@click.option("--since", type=ISO_DATE, required=True, help="From this day (council time).")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv")
@pass_runtime
def export(runtime: Runtime, since: dt.date, fmt: str) -> None:
    """Print the records from SINCE on, with each one's hash and its predecessor's."""
    start = day_start(since, runtime.settings.council.zone)
    line = io.StringIO()
    writer = csv.DictWriter(line, fieldnames=audit_service.EXPORT_COLUMNS, lineterminator="\n")
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
