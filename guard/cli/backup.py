"""`guard backup` and `guard restore`: a SQLite database copied while the app runs, and put back."""

from __future__ import annotations

from pathlib import Path

import click

from guard.cli.runtime import CliError, Runtime, pass_runtime
from guard.store import backup as store_backup


@click.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@pass_runtime
def backup(runtime: Runtime, target: Path) -> None:
    """Copy the SQLite database to TARGET, a new file (safe while the app runs)."""
    try:
        revision = store_backup.backup(runtime.file_settings.database.url, target)
    except store_backup.BackupError as exc:
        raise CliError(str(exc)) from None
    click.echo(f"backed up to {target} (schema revision {revision})")


@click.command()
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_runtime
def restore(runtime: Runtime, backup_file: Path, yes: bool) -> None:
    """Replace the SQLite database with BACKUP_FILE; the current one is kept beside it.

    Stop `guard serve` and `guard scheduler` first: they would go on with what they hold.
    """
    url = runtime.file_settings.database.url
    try:
        store_backup.check(backup_file)
        if not yes:
            click.confirm(
                f"Replace {store_backup.sqlite_path(url)} with {backup_file}?", abort=True
            )
        runtime.close()  # no connection of ours holds the file while it is replaced
        revision, kept = store_backup.restore(url, backup_file, now=runtime.now())
    except store_backup.BackupError as exc:
        raise CliError(str(exc)) from None
    click.echo(
        f"restored {backup_file} (schema revision {revision}); the previous database is {kept}"
    )
