"""`guard check`: the guard's verdict on a text, or on a whole content plan (--jsonl)."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from guard.cli.runtime import LOCAL_DATETIME, CliError, Runtime, pass_runtime
from guard.domain.calendar.council_time import parse_datetime
from guard.domain.guard.verdict import GuardContext, Outcome, Verdict, verdict_to_dict
from guard.services import InputError

EXIT = {Outcome.ALLOW: 0, Outcome.FLAG: 3, Outcome.BLOCK: 4}
PLATFORMS = ("x", "facebook", "instagram")


@click.command()
@click.option("--at", "at", type=LOCAL_DATETIME, help="When it would be sent (default: now).")
@click.option("--platform", type=click.Choice(PLATFORMS), help="Also check this platform's limits.")
@click.option("--link", help="A link to attach, as `guard posts schedule --link`.")
@click.option(
    "--media",
    "media_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="An image to attach; the text printed in it is read and checked. Repeat for more.",
)
@click.option("--alt", "alts", multiple=True, help="Alt text for each --media, in order.")
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON.")
@click.option("--jsonl", is_flag=True, help="Read JSON lines {text, at, platform} from stdin.")
@click.argument("text", required=False)
@pass_runtime
def check(
    runtime: Runtime,
    at: dt.datetime | None,
    platform: str | None,
    link: str | None,
    media_paths: tuple[Path, ...],
    alts: tuple[str, ...],
    as_json: bool,
    jsonl: bool,
    text: str | None,
) -> int:
    """Check TEXT (or - for standard input). Exit 0 allow, 3 flag, 4 block, 2 bad input."""
    from guard.services.posts.context import load_context

    with runtime.engine.connect() as connection:  # Core, not the ORM: starting up stays quick
        context = load_context(connection, runtime.settings)
    if jsonl:
        if text is not None or media_paths:
            raise CliError("give TEXT (with --media) or --jsonl, not both")
        return _check_lines(runtime, context)
    if text is None:
        raise CliError("give the TEXT to check, or - to read it from standard input")
    if text == "-":
        text = sys.stdin.read()
    media: list[dict[str, Any]] = []
    if media_paths or alts:
        from guard.services.posts.image_text import with_image_text
        from guard.services.posts.media import load_media

        try:
            media = load_media(media_paths, alts)
        except InputError as exc:
            raise CliError(str(exc)) from None
        with runtime.session() as session:
            media = with_image_text(session, media, now=runtime.now())
    verdict = _judge(context, text, platform, link, media, at or runtime.now())
    if as_json:
        click.echo(json.dumps(verdict_to_dict(verdict), ensure_ascii=False))
    else:
        click.echo(verdict.outcome.value)
        for f in verdict.findings:
            where = f' "{f.text}" at {f.start}-{f.end}' if f.text else ""
            source = f" ({f.source})" if f.source != "text" else ""
            click.echo(f"  {f.severity.value}: {f.explanation}{where}{source}")
            if f.severity.value != "info" and f.clause:
                click.echo(f"    policy: {f.clause}")
    return EXIT[verdict.outcome]


def _judge(
    context: GuardContext,
    text: str,
    platform: str | None,
    link: str | None,
    media: list[dict[str, Any]],
    at: dt.datetime,
) -> Verdict:
    """The verdict through the same function that schedules and sends posts."""
    from guard.services.posts.judge import drafts_of, judge

    return judge(drafts_of(text, link, media, [platform]), context, at=at).verdicts[0]


def _check_lines(runtime: Runtime, context: GuardContext) -> int:
    """One verdict a line, written as each is judged (buffered: flushed when the pipe's buffer
    fills, or at once on a terminal), all against the one guard context."""
    zone = runtime.settings.council.zone
    out = sys.stdout
    times: dict[str, dt.datetime] = {}  # a plan repeats its times: each is read once
    now = runtime.now()
    worst = 0
    bad_lines = False
    for number, line in enumerate(_lines(), start=1):
        if not line.strip():
            continue
        try:
            line.encode("utf-8")  # bytes that were not UTF-8 fail here, as this line's error
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('expected an object with a "text" string')
            when = item.get("at")
            if when and when not in times:
                times[when] = parse_datetime(when, zone)
            at = times[when] if when else now
            platform = item.get("platform")
            if platform not in (None, *PLATFORMS):
                raise ValueError(
                    f"unknown platform {platform!r}: expected one of {', '.join(PLATFORMS)}"
                )
            link = item.get("link")
            if link is not None and not isinstance(link, str):
                raise ValueError('"link" must be a string')
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            # One bad line is reported in its place and the batch goes on.
            error = "not UTF-8 text" if isinstance(exc, UnicodeError) else str(exc)
            out.write(json.dumps({"line": number, "error": error}) + "\n")
            bad_lines = True
            continue
        verdict = _judge(context, item["text"], platform, link, [], at)
        out.write(json.dumps(verdict_to_dict(verdict), ensure_ascii=False) + "\n")
        worst = max(worst, EXIT[verdict.outcome])
    out.flush()
    return 2 if bad_lines else worst


def _lines() -> Iterator[str]:
    """Standard input line by line; undecodable bytes are kept (as surrogates) to be reported."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        yield from sys.stdin
        return
    lines = io.TextIOWrapper(buffer, encoding="utf-8", errors="surrogateescape")
    try:
        yield from lines
    finally:
        lines.detach()  # leave standard input open for whoever reads it next
