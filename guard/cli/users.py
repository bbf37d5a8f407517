"""`guard users`: add, list, set-password and remove the people who may sign in."""

from __future__ import annotations

import datetime as dt
import sys

import click

from guard.cli.output import echo_list, list_command
from guard.cli.runtime import CliError, Runtime, pass_runtime
from guard.services import users as service

ACTOR = "cli"


def _password(confirm: bool = True) -> str:
    """From stdin when it is not a terminal (scripts), otherwise prompted without echo."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=confirm)
    if len(password) < service.MIN_PASSWORD:
        raise CliError(f"the password must be at least {service.MIN_PASSWORD} characters long")
    return password


@click.group()
def users() -> None:
    """The people who may sign in to the web app, and their roles."""


@users.command("add")
@click.argument("email")
@click.option("--role", required=True, help="admin, clerk or viewer")
@pass_runtime
def add(runtime: Runtime, email: str, role: str) -> None:
    """Add a user; the password is read from stdin, or prompted for."""
    try:
        service.parse_role(role)
        service.normal_email(email)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    password = _password()
    with runtime.session() as session:
        user = service.add_user(
            session, email=email, role=role, password=password, actor=ACTOR, now=runtime.now()
        )
    click.echo(f"added {user.email} ({user.role})")


@list_command(users)
def list_(runtime: Runtime, as_json: bool) -> None:
    """List the users and their roles."""
    with runtime.session() as session:
        rows = [
            {"email": u.email, "role": u.role, "last_sign_in_at": u.last_sign_in_at}
            for u in service.list_users(session)
        ]

    def line(row: dict) -> str:
        last = row["last_sign_in_at"]
        when = last.isoformat() if isinstance(last, dt.datetime) else "never"
        return f"{row['email']}\t{row['role']}\t{when}"

    echo_list(rows, as_json=as_json, line=line)


@users.command("set-password")
@click.argument("email")
@pass_runtime
def set_password(runtime: Runtime, email: str) -> None:
    """Set a user's password, read from stdin or prompted for; their sessions end."""
    with runtime.session() as session:
        if service.get_user(session, email) is None:
            raise CliError(f"no user {email.strip().lower()}")
    password = _password()
    with runtime.session() as session:
        service.set_password(
            session, email=email, password=password, actor=ACTOR, now=runtime.now()
        )
    click.echo(f"password set for {email.strip().lower()}")


@users.command("set-role")
@click.argument("email")
@click.argument("role")
@pass_runtime
def set_role(runtime: Runtime, email: str, role: str) -> None:
    """Give a user another role (admin, clerk or viewer); their sessions end at once."""
    with runtime.session() as session:
        service.set_role(session, email=email, role=role, actor=ACTOR, now=runtime.now())
    click.echo(f"{email.strip().lower()} is now {role.strip().lower()}; their sessions ended")


@users.command("remove")
@click.argument("email")
@pass_runtime
def remove(runtime: Runtime, email: str) -> None:
    """Remove a user: they can no longer sign in, and their sessions end."""
    with runtime.session() as session:
        service.remove_user(session, email=email, actor=ACTOR, now=runtime.now())
    click.echo(f"removed {email.strip().lower()}")
