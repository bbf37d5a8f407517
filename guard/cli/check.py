"""`guard check`: the guard's verdict on a text, or on a whole content plan (--jsonl)."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from guard.cli.runtime import LOCAL_DATETIME, CliError, Runtime, pass_runtime
from guard.domain.calendar.council_time import parse_datetime
from guard.domain.guard.verdict import GuardContext, Outcome, PostDraft, evaluate, verdict_to_dict

EXIT = {Outcome.ALLOW: 0, Outcome.FLAG: 3, Outcome.BLOCK: 4}
PLATFORMS = ("x", "facebook")


@click.command()
@click.option("--at", "at", type=LOCAL_DATETIME, help="When it would be sent (default: now).")
@click.option("--platform", type=click.Choice(PLATFORMS), help="Also check this platform's limits.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
@click.option("--jsonl", is_flag=True, help="Read JSON lines {text, at, platform} from stdin.")
@click.argument("text", required=False)
@pass_runtime
def check(
    runtime: Runtime,
    at: dt.datetime | None,
    platform: str | None,
    as_json: bool,
    jsonl: bool,
    text: str | None,
) -> int:
    """Check TEXT (or - for standard input). Exit 0 allow, 3 flag, 4 block, 2 bad input."""
    from guard.services.posts.context import load_context

    with runtime.engine.connect() as connection:  # Core, not the ORM: starting up stays quick
        context = load_context(connection, runtime.settings)
    if jsonl:
        if text is not None:
            raise CliError("give TEXT or --jsonl, not both")
        return _check_lines(runtime, context)
    if text is None:
        raise CliError("give the TEXT to check, or - to read it from standard input")
    if text == "-":
        text = sys.stdin.read()
    verdict = evaluate(PostDraft(text, platform), context, at=at or runtime.now())
    if as_json:
        click.echo(json.dumps(verdict_to_dict(verdict), ensure_ascii=False))
    else:
        click.echo(verdict.outcome.value)
        for f in verdict.findings:
            where = f' "{f.text}" at {f.start}-{f.end}' if f.text else ""
            click.echo(f"  {f.severity.value}: {f.explanation}{where}")
            if f.severity.value != "info" and f.clause:
                click.echo(f"    policy: {f.clause}")
    return EXIT[verdict.outcome]


def _check_lines(runtime: Runtime, context: GuardContext) -> int:
    """One verdict a line, written as each is judged (buffered: flushed when the pipe's buffer
    fills, or at once on a terminal), all against the one guard context."""
    zone = runtime.settings.council.zone
    out = sys.stdout
    times: dict[str, dt.datetime] = {}  # a plan repeats its times: each is read once
    now = runtime.now()
    worst = 0
    bad_lines = False
    for number, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected an object with a "text" string')
            when = item.get("at")
            if when and when not in times:
                times[when] = parse_datetime(when, zone)
            at = times[when] if when else now
            platform = item.get("platform")
            if platform not in (None, *PLATFORMS):
                raise ValueError(f"unknown platform {platform!r}: expected x or facebook")
        except ValueError as exc:
            out.write(json.dumps({"line": number, "error": str(exc)}) + "\n")
            bad_lines = True
            continue
        verdict = evaluate(PostDraft(item["text"], platform), context, at=at)
        out.write(json.dumps(verdict_to_dict(verdict), ensure_ascii=False) + "\n")
        worst = max(worst, EXIT[verdict.outcome])
    out.flush()
    return 2 if bad_lines else worst
