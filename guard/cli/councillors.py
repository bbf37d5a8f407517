"""`guard councillors …`: the register."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from guard.cli.output import accounts_of, counts, echo_list, list_command, rejected_lines
from guard.cli.runtime import CliError, Runtime, pass_runtime
from guard.services import register as register_service
from guard.services import register_file


@click.group()
def councillors() -> None:
    """The councillor register."""


@councillors.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@pass_runtime
def import_(runtime: Runtime, file: Path) -> None:
    """Import FILE.csv (columns as `guard councillors export`); re-importing updates."""
    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {file}: {exc}") from None
    with rejected_lines(file), runtime.session() as session:
        result = register_file.import_file(
            session, runtime.settings, data, now=runtime.now(), actor=runtime.actor
        )
    click.echo(f"imported {file}: {counts(result)}")


@list_command(councillors)
def list_(runtime: Runtime, as_json: bool) -> None:
    """The councillors and their accounts."""
    with runtime.session() as session:
        rows = register_service.list_councillors(session)
    echo_list(
        rows,
        as_json=as_json,
        as_dict=lambda row: {"id": row[0], **dataclasses.asdict(row[1])},
        empty="The register is empty: import it with `guard councillors import FILE.csv`.",
        line=lambda row: (
            f"{row[0]:>4}  {row[1].name} ({row[1].ward}, {row[1].party or 'no party'}): "
            f"{accounts_of(row[1])}"
        ),
    )


@councillors.command("export")
@pass_runtime
def export(runtime: Runtime) -> None:
    """Print the register as CSV, in the import format."""
    with runtime.session() as session:
        click.echo(register_service.export_csv(session), nl=False)
