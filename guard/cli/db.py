"""`guard db`: the schema."""

from __future__ import annotations

import click

from guard.cli.runtime import Runtime, pass_runtime
from guard.store import db as store_db


@click.group()
def db() -> None:
    """The database schema."""


@db.command()
@pass_runtime
def upgrade(runtime: Runtime) -> None:
    """Apply every migration not yet applied."""
    url = runtime.settings.database.url
    store_db.upgrade(url)
    click.echo(f"database at revision {store_db.current_revision(runtime.engine)}")


@db.command()
@click.option("-m", "--message", required=True, help="What the migration changes.")
@pass_runtime
def revision(runtime: Runtime, message: str) -> None:
    """Generate a migration from the difference between the models and the database."""
    from alembic import command

    command.revision(
        store_db.alembic_config(runtime.settings.database.url), message=message, autogenerate=True
    )
