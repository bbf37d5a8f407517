"""`guard ical`: the restricted-period feed, exactly as the web serves it."""

from __future__ import annotations

import click

from guard.cli.runtime import CliError, Runtime, pass_runtime
from guard.domain.calendar.wards import find_ward
from guard.services.calendar.feeds import build_feed


@click.command()
@click.option("--ward", help="One ward's feed (its name or its slug); default: the council's.")
@pass_runtime
def ical(runtime: Runtime, ward: str | None) -> None:
    """Print the restricted-period iCalendar feed."""
    wards = runtime.settings.council.wards
    name = None
    if ward is not None:
        name = find_ward(wards, ward)
        if name is None:
            raise CliError(f"unknown ward {ward!r}: the council's wards are {', '.join(wards)}")
    with runtime.session() as session:
        feed = build_feed(session, runtime.settings, ward=name, now=runtime.now())
    click.echo(feed.body, nl=False)
