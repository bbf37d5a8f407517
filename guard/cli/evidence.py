"""`guard evidence …`: capture inappropriate posts as evidence, hold, export and retention."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from guard.cli.output import echo_list, list_command
from guard.cli.runtime import LOCAL_DATETIME, CliError, Runtime, pass_runtime
from guard.services.record import evidence as service
from guard.services.record.evidence_export import export_case
from guard.services.record.retention import run_retention

OPERATOR = "cli"
BY = click.option("--by", "actor", default=OPERATOR, show_default=True, help="Who (audited).")


@click.group()
def evidence() -> None:
    """Evidence of inappropriate posts, kept by case type and deleted when due."""


@evidence.command("open")
@click.option("--type", "case_type", type=click.Choice(service.CASE_TYPES), required=True)
@click.option("--title", required=True)
@BY
@pass_runtime
def open_(runtime: Runtime, case_type: str, title: str, actor: str) -> None:
    """Open a case; prints its id."""
    with runtime.session() as session:
        case = service.open_case(
            session, title=title, case_type=case_type, actor=actor, now=runtime.now()
        )
        click.echo(case.id)


@evidence.command("add")
@click.argument("case_id", type=int)
@click.option("--url")
@click.option("--platform", required=True)
@click.option("--author", required=True, help="The author exactly as the post shows it.")
@click.option("--text", required=True, help="The text exactly as seen.")
@click.option("--seen-at", type=LOCAL_DATETIME, required=True)
@click.option("--notes", default="")
@click.option(
    "--file", "files", multiple=True, type=click.Path(dir_okay=False, path_type=Path, exists=True)
)
@BY
@pass_runtime
def add(runtime: Runtime, case_id: int, url, platform, author, text, seen_at, notes, files, actor):
    """Add an item (a post as seen, with screenshots or files) to CASE_ID; prints its id."""
    limit = runtime.settings.evidence.max_upload_bytes
    uploads = []
    for path in files:
        if path.stat().st_size > limit:  # refuse before reading a huge file into memory
            raise CliError(
                f"the file {str(path)!r} is {path.stat().st_size} bytes; the largest allowed "
                f"is {limit} bytes (evidence.max_upload_bytes)"
            )
        # The type is read from the bytes when stored, never guessed from the name.
        uploads.append(service.Upload(path.name, path.read_bytes()))
    with runtime.session() as session:
        seen = service.SeenPost(platform, author, text, seen_at, url=url, notes=notes)
        item = service.add_item(
            session, runtime.settings, case_id, seen, files=uploads, actor=actor, now=runtime.now()
        )
        click.echo(item.id)


@list_command(evidence)
def list_(runtime: Runtime, as_json: bool) -> None:
    """The cases: type, hold and number of items (not their content)."""
    with runtime.session() as session:
        cases = service.list_cases(session)

    def line(c: dict) -> str:
        hold = f" [on hold: {c['hold_reason']}]" if c["on_hold"] else ""
        return f"{c['id']:>4}  {c['type']:<16} {c['items']} item(s)  {c['title']}{hold}"

    echo_list(cases, as_json=as_json, line=line, empty="No evidence cases.")


@evidence.command("show")
@click.argument("case_id", type=int)
@BY
@pass_runtime
def show(runtime: Runtime, case_id: int, actor: str) -> None:
    """Show a case's items (the view is audited)."""
    with runtime.session() as session:
        case = service.view_case(session, case_id, actor=actor, now=runtime.now())
        click.echo(f"Case {case.row.id} ({case.row.case_type}): {case.row.title}")
        for item in case.items:
            click.echo(
                f"- item {item.row.id}: {item.row.platform}, {item.row.author_as_written!r}, "
                f"seen {item.row.seen_at.isoformat()}: {item.row.text_seen!r}"
            )
            for f in item.files:
                click.echo(f"    {f.filename} {f.size} bytes sha256 {f.sha256}")


@evidence.command("hold")
@click.argument("case_id", type=int)
@click.option("--reason", required=True)
@BY
@pass_runtime
def hold(runtime: Runtime, case_id: int, reason: str, actor: str) -> None:
    """Put a case on hold: it is not deleted, whatever its age, until released."""
    with runtime.session() as session:
        service.set_hold(session, case_id, hold=True, reason=reason, actor=actor, now=runtime.now())
    click.echo(f"case {case_id} is on hold")


@evidence.command("release")
@click.argument("case_id", type=int)
@click.option("--reason", default="hold released", show_default=True)
@BY
@pass_runtime
def release(runtime: Runtime, case_id: int, reason: str, actor: str) -> None:
    """Release a hold; the retention period starts again from now."""
    with runtime.session() as session:
        service.set_hold(
            session, case_id, hold=False, reason=reason, actor=actor, now=runtime.now()
        )
    click.echo(f"case {case_id} is no longer on hold")


@evidence.command("export")
@click.argument("case_id", type=int)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@BY
@pass_runtime
def export(runtime: Runtime, case_id: int, out: Path, actor: str) -> None:
    """Write a zip for the Monitoring Officer: the files, manifest.json and summary.txt."""
    with runtime.session() as session:
        result = export_case(
            session, runtime.settings, case_id, out, actor=actor, now=runtime.now()
        )
    click.echo(f"wrote {out} (sha256 {result['sha256']})")


@evidence.command("retention")
@click.option("--dry-run", is_flag=True, help="Say what is due; delete nothing.")
@pass_runtime
def retention(runtime: Runtime, dry_run: bool) -> None:
    """Delete every case past its type's retention period that is not on hold."""
    now: dt.datetime = runtime.now()
    with runtime.session() as session:
        result = run_retention(session, runtime.settings, now=now, dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    if not result.rules:
        click.echo("nothing is due for deletion")
    for rule in result.rules:
        click.echo(
            f"{verb} {len(rule.case_ids)} case(s), {rule.items} item(s), {rule.files} file(s) "
            f"under {rule.rule}"
        )
