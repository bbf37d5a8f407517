"""`guard councillors …`: the register."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from guard.cli.runtime import CliError, Runtime, echo_json, pass_runtime
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
    try:
        with runtime.session() as session:
            result = register_file.import_file(
                session, runtime.settings, data, now=runtime.now(), actor=runtime.actor
            )
    except register_service.ImportRejected as exc:
        for error in exc.errors:
            click.echo(f"{file}:{error.line}: {error.message}", err=True)
        raise CliError(f"{file}: {exc}") from None
    click.echo(
        f"imported {file}: {len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged"
    )


@councillors.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_runtime
def list_(runtime: Runtime, as_json: bool) -> None:
    """The councillors and their accounts."""
    with runtime.session() as session:
        rows = register_service.list_councillors(session)
    if as_json:
        echo_json([{"id": i, **dataclasses.asdict(c)} for i, c in rows])
        return
    if not rows:
        click.echo("The register is empty: import it with `guard councillors import FILE.csv`.")
    for i, c in rows:
        accounts = [f"@{h}" for h in c.x_handles] + list(c.facebook) + list(c.instagram)
        click.echo(f"{i:>4}  {c.name} ({c.ward}, {c.party or 'no party'}): {', '.join(accounts)}")


@councillors.command("export")
@pass_runtime
def export(runtime: Runtime) -> None:
    """Print the register as CSV, in the import format."""
    with runtime.session() as session:
        click.echo(register_service.export_csv(session), nl=False)
