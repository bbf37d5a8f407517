"""`guard privacy erase`: delete a person's data on request, auditing the fact, not the data."""

from __future__ import annotations

import click

from guard.cli.runtime import Runtime, pass_runtime
from guard.services.record.erasure import erase_person


@click.group()
def privacy() -> None:
    """Data protection requests (see docs/data-protection.md)."""


@privacy.command("erase")
@click.option(
    "--name", help="A councillor's or candidate's name, or an author's name as written in evidence."
)
@click.option("--email", help="A user account's email address.")
@click.option("--by", "actor", default="cli", show_default=True, help="Who (audited).")
@pass_runtime
def erase(runtime: Runtime, name: str | None, email: str | None, actor: str) -> None:
    """Remove the councillor and candidates, evidence items authored as NAME and the user EMAIL."""
    with runtime.session() as session:
        result = erase_person(session, name=name, email=email, actor=actor, now=runtime.now())
    click.echo(
        f"erased: {result.councillors} councillor(s), {result.evidence_items} evidence item(s) "
        f"with {result.evidence_files} file(s), {result.users} user account(s), "
        f"{result.candidates} candidate(s)"
    )
    if result.evidence_items_held:
        click.echo(
            f"kept: {result.evidence_items_held} evidence item(s) in cases on hold "
            "(release the hold first if the data must go)"
        )
