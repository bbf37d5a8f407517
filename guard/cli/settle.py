"""`guard posts settle`: the clerk says what they found for an unconfirmed post."""

from __future__ import annotations

import click

from guard.cli.runtime import CliError, Runtime, pass_runtime
from guard.services.posts.retry import retry_failed, settle_unconfirmed


@click.command("settle")
@click.argument("post_id", type=int)
@click.option("--on-platform", "on_platform", is_flag=True, help="It is on the platform.")
@click.option("--not-on-platform", "not_on", is_flag=True, help="It is not: send it now.")
@pass_runtime
def settle(runtime: Runtime, post_id: int, on_platform: bool, not_on: bool) -> None:
    """Settle an unconfirmed post after looking at the council's accounts; audited."""
    if on_platform == not_on:
        raise CliError("say what you found: --on-platform or --not-on-platform (one of them)")
    with runtime.session() as session:
        platforms = settle_unconfirmed(
            session, post_id, published=on_platform, user=runtime.actor, now=runtime.now()
        )
        if not_on:  # the clerk has looked and it is not there: send it, checked again
            retry_failed(session, runtime.settings, post_id, user=runtime.actor, now=runtime.now())
    done = "recorded as sent" if on_platform else "not on the platform: it will be sent now"
    click.echo(f"post {post_id} ({', '.join(platforms)}): {done}")
