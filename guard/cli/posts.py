"""`guard posts …` and `guard scheduler`: scheduling posts and sending them."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path

import click

from guard.cli.output import echo_list, list_command
from guard.cli.runtime import LOCAL_DATETIME, CliError, Runtime, media_options, pass_runtime
from guard.services import InputError
from guard.services.posts import read as post_queries
from guard.services.posts import write as post_service
from guard.services.posts.judge import explain
from guard.services.posts.media import load_media
from guard.services.warnings import post_warnings


@click.group()
def posts() -> None:
    """The council's scheduled posts."""


def _texts_for(values: tuple[str, ...], to: str) -> dict[str, str]:
    """--text-for x=... as {"x": "..."}, each for an account the post goes to (--to)."""
    chosen = {p.value for p in post_service.parse_platforms(to)}
    texts = {}
    for value in values:
        name, sep, own = value.partition("=")
        if not sep:
            raise InputError(f"--text-for {value!r}: give it as PLATFORM=TEXT, e.g. x=Bins today")
        platform = post_service.parse_platforms(name)[0].value
        if platform not in chosen:
            raise InputError(f"--text-for {platform}: the post does not go to {platform} (--to)")
        texts[platform] = own
    return texts


@posts.command("schedule")
@click.option(
    "--at",
    "at",
    type=LOCAL_DATETIME,
    required=True,
    help="When to send: YYYY-MM-DDTHH:MM in council time, or with an offset.",
)
@click.option(
    "--to", "to", required=True, help="Accounts: x, facebook, instagram, or several: x,instagram."
)
@click.option("--link", help="A link to attach.")
@click.option("--author", help="Who wrote it (default: the shell's user).")
@media_options
@click.option(
    "--text-for",
    "texts",
    multiple=True,
    metavar="PLATFORM=TEXT",
    help="A text of its own for one account (x=..., facebook=...), sent there instead of TEXT.",
)
@click.option("--draft", is_flag=True, help="Keep it as a draft: judged and stored, not sent.")
@click.argument("text")
@pass_runtime
def schedule(
    runtime: Runtime,
    at: dt.datetime,
    to: str,
    link: str | None,
    author: str,
    media_paths: tuple[Path, ...],
    alts: tuple[str, ...],
    texts: tuple[str, ...],
    draft: bool,
    text: str,
) -> None:
    """Schedule TEXT (or - for standard input). A blocked post is refused (exit 4), unless it
    is kept as a --draft."""
    if text == "-":
        text = sys.stdin.read()
    try:
        media = load_media(media_paths, alts)
        platform_texts = _texts_for(texts, to)
    except InputError as exc:
        raise CliError(str(exc), 2) from None
    try:
        with runtime.session() as session:
            platforms = post_service.parse_platforms(to)
            result = post_service.schedule_post(
                session,
                runtime.settings,
                text=text,
                at=at,
                platforms=platforms,
                author=author or runtime.actor,
                now=runtime.now(),
                link=link,
                media=media,
                platform_texts=platform_texts,
                draft=draft,
            )
    except post_service.Refused as exc:
        for verdict in exc.verdicts:
            for line in explain(verdict):
                click.echo(line, err=True)
        raise CliError("refused: the guard blocks this post; edit it and try again", 4) from None
    click.echo(f"{result.post_id} {'draft ' if draft else ''}{result.outcome.value}")
    for warning in post_warnings(at, now=runtime.now(), zone=runtime.settings.council.zone):
        click.echo(f"warning: {warning}", err=True)
    for verdict in result.verdicts:
        for line in explain(verdict):
            click.echo(f"  {line}")
    if result.outcome.value == "flag" and not draft:
        click.echo(
            f"  held for review: approve with `guard posts approve {result.post_id} --reason TEXT`"
        )


@list_command(posts)
def list_(runtime: Runtime, as_json: bool) -> None:
    """Every post with its deliveries."""
    with runtime.session() as session:
        rows = post_queries.list_posts(session)

    def line(row: dict) -> str:
        states = ", ".join(f"{d['platform']} {d['status']}" for d in row["deliveries"])
        return f"{row['id']:>4}  {row['at']}  [{states}]  {row['text'][:60]!r}"

    echo_list(rows, as_json=as_json, line=line, empty="No posts.")


@posts.command("cancel")
@click.argument("post_id", type=int)
@pass_runtime
def cancel(runtime: Runtime, post_id: int) -> None:
    """Cancel a post's deliveries that have not gone out."""
    with runtime.session() as session:
        done = post_service.cancel_post(session, post_id, now=runtime.now(), actor=runtime.actor)
    click.echo(f"cancelled post {post_id} ({', '.join(done)})")


@posts.command("approve")
@click.argument("post_id", type=int)
@click.option("--reason", required=True, help="Why this post may go out although it was flagged.")
@click.option("--by", "user", help="Who approves it (default: the shell's user).")
@pass_runtime
def approve(runtime: Runtime, post_id: int, reason: str, user: str) -> None:
    """Approve a held post for its exact content and period."""
    with runtime.session() as session:
        post_service.approve_post(
            session,
            runtime.settings,
            post_id,
            reason=reason,
            user=user or runtime.actor,
            now=runtime.now(),
        )
    click.echo(f"approved post {post_id}")


@click.command()
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
@pass_runtime
def scheduler(runtime: Runtime, once: bool) -> None:
    """Run the scheduler: the clock that sends due posts (its own process in production)."""
    from guard import scheduler as clock

    sender = clock.make_sender(runtime.engine, runtime.settings, runtime.now)
    if once:
        handled = clock.run_once(sender)
        click.echo(f"handled {handled} due deliveries")
        return
    click.echo(
        f"scheduler {sender.worker} running ({runtime.settings.publishing.mode}); Ctrl+C to stop"
    )
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        clock.build_scheduler(sender).start()


# `guard posts import` lives in its own module: a content plan is a feature of its own.
from guard.cli.plan import import_plan  # noqa: E402
from guard.cli.settle import settle  # noqa: E402

posts.add_command(import_plan)
posts.add_command(settle)
