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

from guard.cli.runtime import LOCAL_DATETIME, CliError, Runtime, media_options, pass_runtime
from guard.domain.calendar.council_time import parse_datetime
from guard.domain.guard.verdict import (
    GuardContext,
    Outcome,
    PostDraft,
    Verdict,
    evaluate,
    verdict_to_dict,
)
from guard.services import InputError

EXIT = {Outcome.ALLOW: 0, Outcome.FLAG: 3, Outcome.BLOCK: 4}
PLATFORMS = ("x", "facebook", "instagram")
_PLATFORM_OR_NONE = (None, *PLATFORMS)


@click.command()
@click.option("--at", "at", type=LOCAL_DATETIME, help="When it would be sent (default: now).")
@click.option("--platform", type=click.Choice(PLATFORMS), help="Also check this platform's limits.")
@click.option("--link", help="A link to attach, as `guard posts schedule --link`.")
@media_options
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
    context = _guard_context(runtime)
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


def _guard_context(runtime: Runtime) -> GuardContext:
    """The guard's context read in plain SQL. A SQLite file is opened read-only with the standard
    library, so a check never imports SQLAlchemy (most of a command's start-up); any other
    database goes through the engine."""
    from guard.services.posts.context import load_context

    path = sqlite_file(runtime.file_settings.database.url)
    if path is None:
        with runtime.engine.connect() as through_engine:
            return load_context(through_engine, runtime.settings)
    import sqlite3
    from urllib.parse import quote

    from guard.services.site_settings import overlay_saved

    try:
        connection = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise CliError(f"cannot open the database {path}: {exc}") from None
    try:
        # The council's details saved in the app, as ``runtime.settings`` would read them.
        runtime.settings = overlay_saved(runtime.file_settings, connection)
        return load_context(connection, runtime.settings)
    except sqlite3.OperationalError as exc:
        problem = f"the database {path} is not ready ({exc}): run `guard db upgrade`"
        raise CliError(problem) from None
    finally:
        connection.close()


def sqlite_file(url: str) -> str | None:
    """The file of a plain ``sqlite:///path`` address; None for anything else (a server, memory,
    options after '?'), which the engine reads."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            path = url[len(prefix) :]
            return path if path and "?" not in path and path != ":memory:" else None
    return None


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


def _plain(outcome: Outcome) -> str:
    """A verdict without findings as a line (most lines of a plan: written without json)."""
    return json.dumps(verdict_to_dict(Verdict(outcome, ()))) + "\n"


def _check_lines(runtime: Runtime, context: GuardContext) -> int:
    """One verdict a line, all against the one guard context: on a terminal each as it is
    judged, into a pipe a few hundred lines a write."""
    plain = {outcome: _plain(outcome) for outcome in Outcome}
    zone = runtime.settings.council.zone
    out = sys.stdout
    batch = 1 if out.isatty() else 256
    pending: list[str] = []
    times: dict[str, dt.datetime] = {}  # a plan repeats its times: each is read once
    now = runtime.now()
    worst = 0
    bad_lines = False
    try:
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
                if platform not in _PLATFORM_OR_NONE:
                    expected = ", ".join(PLATFORMS)
                    raise ValueError(f"unknown platform {platform!r}: expected one of {expected}")
                link = item.get("link")
                if link is not None and not isinstance(link, str):
                    raise ValueError('"link" must be a string')
            except (ValueError, TypeError, AttributeError, OverflowError) as exc:
                # One bad line is reported in its place and the batch goes on.
                error = "not UTF-8 text" if isinstance(exc, UnicodeError) else str(exc)
                pending.append(json.dumps({"line": number, "error": error}) + "\n")
                bad_lines = True
                continue
            # What `_judge` gives for a post without images (``judge`` evaluates each draft
            # ``drafts_of`` makes), without the second rendering ``judge`` keeps for sending.
            verdict = evaluate(PostDraft(item["text"], platform, link or None), context, at=at)
            if verdict.findings:
                pending.append(json.dumps(verdict_to_dict(verdict), ensure_ascii=False) + "\n")
            else:
                pending.append(plain[verdict.outcome])
            if (code := EXIT[verdict.outcome]) > worst:
                worst = code
            if len(pending) >= batch:
                out.write("".join(pending))
                pending.clear()
    finally:  # what was judged is written, even if a line stops the run
        out.write("".join(pending))
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
