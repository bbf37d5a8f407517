"""`guard init`, and the one-time setup link that `guard serve` prints on a fresh install."""

from __future__ import annotations

import sys
from typing import Any

import click

from guard.cli.runtime import CliError, Runtime, pass_runtime
from guard.services import InputError, site
from guard.services.users import MIN_PASSWORD
from guard.store import db as store_db


def prepare_database(runtime: Runtime) -> None:
    """Migrate a SQLite database that is empty or behind; elsewhere say what to run.

    On PostgreSQL several processes may start at once, and migrating is the maintainer's step.
    """
    url = runtime.file_settings.database.url
    if store_db.current_revision(runtime.engine) == store_db.head_revision():
        return
    if not url.startswith("sqlite"):
        raise CliError("the database is not at the latest revision: run `guard db upgrade` first")
    store_db.upgrade(url)
    click.echo(f"database ready at {runtime.engine.url.database}")
    runtime.__dict__.pop("settings", None)  # read again, now that the tables exist


def setup_link(runtime: Runtime, base_url: str) -> str | None:
    """A new one-time setup link while nobody can sign in yet."""
    with runtime.session() as session:
        token = site.issue_setup_token(session, now=runtime.now())
    return f"{base_url.rstrip('/')}/setup/{token}" if token else None


@click.command()
@click.option("--email", help="The first administrator's email address.")
@click.option("--council", "name", help="The council's name.")
@click.option("--timezone", help="The council's time zone, e.g. Europe/London.")
@click.option("--wards", help="The wards, separated by commas.")
@pass_runtime
def init(
    runtime: Runtime, email: str | None, name: str | None, timezone: str | None, wards: str | None
) -> None:
    """Set up a fresh install in the terminal: the database, the first admin and the council.

    What the setup page does; the password is prompted for (or read from stdin in scripts).
    """
    prepare_database(runtime)
    with runtime.session() as session:
        if not site.needs_setup(session):
            raise CliError("already set up: there are users; add more with `guard users add`")
    settings = runtime.settings
    council = settings.council
    email = email or click.prompt("The first administrator's email address")
    answers: dict[str, Any] = {}
    for key, given, label, default in (
        ("name", name, "The council's name", council.name),
        ("timezone", timezone, "Time zone", council.timezone),
        ("wards", wards, "Wards, separated by commas", ", ".join(council.wards)),
    ):
        if site.fixed(settings, key):
            if given:
                raise CliError(f"council.{key} is set in the settings file or the environment")
            answers[key] = default
        else:
            answers[key] = given or click.prompt(label, default=default)
    answers["wards"] = [w.strip() for w in str(answers["wards"]).split(",")]
    password = _password()
    try:
        with runtime.session() as session:
            site.complete_setup(
                session,
                settings,
                email=email,
                password=password,
                council=answers,
                actor=runtime.actor,
                now=runtime.now(),
            )
    except InputError as exc:
        raise CliError(str(exc)) from None
    click.echo(f"set up: {email.strip().lower()} is the administrator of {answers['name']}")
    click.echo("next: `guard serve`, sign in, and connect the council's accounts")


def _password() -> str:
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(
            "Password (at least 12 characters)", hide_input=True, confirmation_prompt=True
        )
    if len(password) < MIN_PASSWORD:
        raise CliError(f"the password must be at least {MIN_PASSWORD} characters long")
    return password
