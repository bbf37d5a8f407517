"""`guard accounts`: the key that seals the tokens connected in the app, and the accounts' state."""

from __future__ import annotations

import click

from guard.cli.runtime import Runtime, pass_runtime


@click.group()
def accounts() -> None:
    """The council's platform accounts (connect them on the Accounts page of the web app)."""


@accounts.command("new-key")
def new_key() -> None:
    """Print a new encryption key for GUARD_ACCOUNTS_ENCRYPTION_KEY."""
    from cryptography.fernet import Fernet

    click.echo(Fernet.generate_key().decode())


@accounts.command("status")
@pass_runtime
def show(runtime: Runtime) -> None:
    """Each account's state, and any warning (a token or the Graph API version ending)."""
    from guard.services.accounts import status

    with runtime.session() as session:
        states = status.account_states(session, runtime.settings, now=runtime.now())
        warnings = status.warnings(session, runtime.settings, now=runtime.now())
    for state in states:
        if state.from_settings:
            where = "from the settings file or environment"
        elif state.connected:
            where = f"connected in the app: {state.connected.label}"
        else:
            where = "not connected"
        click.echo(f"{state.title}: {where}")
    for warning in warnings:
        click.echo(f"warning: {warning}")
