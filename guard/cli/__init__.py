"""The `guard` command: one click group; each area's commands live in a module beside this one."""

from __future__ import annotations

import sys

import click

from guard.cli.runtime import CliError, Runtime
from guard.settings import SettingsError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Pre-election guard: the election calendar, the guard and the council's scheduled posts."""
    ctx.obj = Runtime()
    ctx.call_on_close(ctx.obj.close)


def _register_commands() -> None:
    from guard.cli import candidates, check, councillors, db, elections, ical, posts, server, users

    cli.add_command(db.db)
    cli.add_command(elections.timetable)
    cli.add_command(elections.elections)
    cli.add_command(elections.periods)
    cli.add_command(server.serve)
    cli.add_command(server.demo)
    cli.add_command(ical.ical)
    cli.add_command(posts.posts)
    cli.add_command(posts.scheduler)
    cli.add_command(councillors.councillors)
    cli.add_command(candidates.candidates)
    cli.add_command(check.check)
    cli.add_command(users.users)
    _register_record_commands()


def _register_record_commands() -> None:
    from guard.cli import archive, audit, evidence, privacy

    cli.add_command(audit.audit)
    cli.add_command(archive.archive)
    cli.add_command(evidence.evidence)
    cli.add_command(privacy.privacy)


_register_commands()


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
