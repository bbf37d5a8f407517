"""The `guard` command: one click group; each area's commands live in a module beside this one."""

from __future__ import annotations

import importlib
import sys

import click

from guard.cli.runtime import CliError, Runtime
from guard.settings import SettingsError

# Each command's module is imported only when that command runs (or help lists them all), so
# `guard check` never pays for the web app, the scheduler or alembic.
COMMANDS = {
    "archive": "guard.cli.archive:archive",
    "accounts": "guard.cli.accounts:accounts",
    "audit": "guard.cli.audit:audit",
    "backup": "guard.cli.backup:backup",
    "candidates": "guard.cli.candidates:candidates",
    "check": "guard.cli.check:check",
    "councillors": "guard.cli.councillors:councillors",
    "db": "guard.cli.db:db",
    "demo": "guard.cli.server:demo",
    "elections": "guard.cli.elections:elections",
    "evidence": "guard.cli.evidence:evidence",
    "ical": "guard.cli.ical:ical",
    "init": "guard.cli.setup:init",
    "periods": "guard.cli.elections:periods",
    "posts": "guard.cli.posts:posts",
    "privacy": "guard.cli.privacy:privacy",
    "restore": "guard.cli.backup:restore",
    "scheduler": "guard.cli.posts:scheduler",
    "serve": "guard.cli.server:serve",
    "timetable": "guard.cli.elections:timetable",
    "users": "guard.cli.users:users",
}


class LazyGroup(click.Group):
    """A group whose commands are named up front and imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, name = COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Pre-election guard: the election calendar, the guard and the council's scheduled posts."""
    ctx.obj = Runtime()
    ctx.call_on_close(ctx.obj.close)


def main(argv: list[str] | None = None) -> None:
    """Run the command; bad input is one line on stderr and exit status 2."""
    try:
        result = cli.main(args=argv, prog_name="guard", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("guard: aborted", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        where = f"{exc.ctx.command_path}: " if exc.ctx else ""
        click.echo(f"guard: error: {where}{exc.format_message()}", err=True)
        sys.exit(2)
    except (CliError, SettingsError) as exc:
        click.echo(f"guard: error: {exc}", err=True)
        sys.exit(getattr(exc, "exit_code", 2))
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(result if isinstance(result, int) else 0)
