"""`guard posts import`: schedule a whole content plan, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from guard.cli.runtime import CliError, Runtime, pass_runtime

if TYPE_CHECKING:
    from guard.services.posts.importing import PlanResult


@click.command("import")
@click.argument("plan", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print each line's verdict; write nothing.")
@click.option("--author", help="Who wrote the posts (default: the shell's user).")
@pass_runtime
def import_plan(runtime: Runtime, plan: Path, dry_run: bool, author: str | None) -> None:
    """Schedule every post in PLAN (.jsonl or .csv: text, at, to, link), or none of them.

    Any unreadable line, bad time or blocked post rejects the file, naming every problem
    (exit 2; 4 if the only problems are blocked posts). Flagged posts are held for review.
    """
    from guard.services.posts import importing
    from guard.services.posts.plan import read_plan

    with runtime.session() as session:
        lines, problems = read_plan(
            plan.name,
            plan.read_bytes(),
            zone=runtime.settings.council.zone,
            now=runtime.now(),
        )
        result = importing.import_plan(
            session,
            runtime.settings,
            lines,
            problems,
            author=author or runtime.actor,
            now=runtime.now(),
            dry_run=dry_run,
        )
    if dry_run:
        _print_verdicts(result)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    total = len(result.checked) + sum(p.kind != "blocked" for p in result.problems)
    if result.problems:
        raise CliError(
            f"rejected {plan.name}: {len(result.problems)} of {total} lines have problems; "
            "nothing was scheduled",
            4 if result.only_blocks else 2,
        )
    held = sum(item.outcome.value == "flag" for item in result.checked)
    if dry_run:
        click.echo(f"{total} lines would be scheduled ({held} held for review); nothing written")
        return
    click.echo(f"scheduled {len(result.post_ids)} posts from {plan.name} ({held} held for review)")


def _print_verdicts(result: PlanResult) -> None:
    for item in result.checked:
        accounts = ",".join(p.value for p in item.line.platforms)
        click.echo(f"line {item.line.line}: {item.outcome.value} ({accounts})")
        for reason in item.reasons():
            click.echo(f"  {reason}")
