"""`guard archive …`: what the council published, searched or exported for an FOI request."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

import click

from guard.cli.audit import day_start
from guard.cli.output import as_json_option, echo_list
from guard.cli.runtime import ISO_DATE, Runtime, pass_runtime
from guard.services.record import archive as archive_service
from guard.services.record import foi_export

OPERATOR = "cli"


def _range(
    runtime: Runtime, since: dt.date | None, until: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Council-time days, both inclusive, as instants [start, end)."""
    zone = runtime.settings.council.zone
    start = day_start(since, zone) if since else None
    end = day_start(until + dt.timedelta(days=1), zone) if until else None
    return start, end


@click.group()
def archive() -> None:
    """The archive of what was published."""


@archive.command("search")
@click.option("--text", help="Words in what was sent (any case).")
@click.option("--since", type=ISO_DATE, help="Sent on or after this day.")
@click.option("--until", type=ISO_DATE, help="Sent on or before this day.")
@click.option("--platform", type=click.Choice(["x", "facebook", "instagram"]))
@as_json_option
@pass_runtime
def search(runtime: Runtime, text, since, until, platform, as_json: bool) -> None:
    """List what was sent, oldest first."""
    start, end = _range(runtime, since, until)
    with runtime.session() as session:
        found = archive_service.published(
            session, text=text, since=start, until=end, platform=platform
        )
    echo_list(
        found,
        as_json=as_json,
        as_dict=asdict,
        line=lambda e: f"{e.sent_at}  {e.platform:<9} post {e.post_id}  {e.url or '-'}  {e.text!r}",
    )


@archive.command("export")
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="A folder."
)
@click.option("--since", type=ISO_DATE, help="Sent on or after this day (council time).")
@click.option("--until", type=ISO_DATE, help="Sent on or before this day (council time).")
@click.option("--by", "actor", default=OPERATOR, show_default=True, help="Who asks (audited).")
@pass_runtime
def export(runtime: Runtime, out: Path, since, until, actor: str) -> None:
    """Write archive.csv, archive.jsonl and manifest.json (SHA-256 of each) to OUT."""
    start, end = _range(runtime, since, until)
    with runtime.session() as session:
        result = foi_export.export(
            session, out, since=start, until=end, actor=actor, now=runtime.now()
        )
    click.echo(f"wrote {result.deliveries} deliveries to {out}")
