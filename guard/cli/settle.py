"""`guard posts settle`: the clerk says what they found for an unconfirmed delivery."""

from __future__ import annotations

import datetime as dt

import click

from guard.cli.posts import posts
from guard.cli.runtime import CliError, Runtime, pass_runtime
from guard.services.sending.settle import settle_unconfirmed


@posts.command("settle")
@click.argument("post_id", type=int)
@click.option("--platform", required=True, type=click.Choice(["x", "facebook"]))
@click.option("--on-platform", "on_platform", is_flag=True, help="It is on the platform.")
@click.option("--not-on-platform", "not_on", is_flag=True, help="It is not: send it.")
@click.option("--url", help="With --on-platform: the post's address on the platform.")
@pass_runtime
def settle(
    runtime: Runtime, post_id: int, platform: str, on_platform: bool, not_on: bool, url: str | None
) -> None:
    """Settle an unconfirmed delivery after looking at the council's account."""
    if on_platform == not_on:
        raise CliError("say what you found: --on-platform or --not-on-platform (one of them)")
    if url and not on_platform:
        raise CliError("--url goes with --on-platform")
    missed = dt.timedelta(minutes=runtime.settings.scheduler.missed_after_minutes)
    with runtime.session() as session:
        status = settle_unconfirmed(
            session,
            post_id,
            platform,
            on_platform=on_platform,
            url=url,
            missed_after=missed,
            actor=runtime.actor,
            now=runtime.now(),
        )
    told = {
        "sent": "recorded as sent",
        "scheduled": "it will be sent at once",
        "failed": "it is overdue: give the post a new time to send it",
    }
    click.echo(f"post {post_id} to {platform}: {told.get(status, status)}")
