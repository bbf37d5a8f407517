"""`guard timetable`, `guard elections …` and `guard periods`: the election calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from guard.cli.runtime import ISO_DATE, CliError, Runtime, echo_json, pass_runtime
from guard.domain.calendar.elections import Election, ElectionKind, RestrictedPeriod, Timetable
from guard.domain.calendar.periods import RestrictedSpan
from guard.services import InputError
from guard.services.calendar import elections as calendar_service

KIND = click.Choice([k.value for k in ElectionKind])
KIND_HELP = (
    "local (parish, town, district, county, unitary and by-elections), pcc, mayor, "
    "parliament or referendum (neighbourhood planning)."
)


def timetable_to_dict(timetable: Timetable) -> dict[str, Any]:
    return {
        "kind": timetable.kind.value,
        "poll_date": timetable.poll_date,
        "notice_of_election_deadline": timetable.notice_of_election_deadline,
        "close_of_nominations": timetable.close_of_nominations,
        "period_start": timetable.period_start,
        "period_end": timetable.period_end,
        "start_is_actual": timetable.start_is_actual,
        "provisional": timetable.provisional,
        "dies_non_skipped": [
            {"date": s.day, "reason": s.reason} for s in reversed(timetable.skipped)
        ],
    }


@click.command()
@click.option("--poll-date", type=ISO_DATE, required=True, help="The day of poll.")
@click.option("--kind", type=KIND, default="local", show_default=True, help=KIND_HELP)
@click.option("--notice-published", type=ISO_DATE, help="The day the notice was published.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_runtime
def timetable(
    runtime: Runtime,
    poll_date: dt.date,
    kind: str,
    notice_published: dt.date | None,
    as_json: bool,
) -> None:
    """The statutory dates and the restricted period for a poll."""
    try:
        table = calendar_service.timetable(
            runtime.settings,
            ElectionKind(kind),
            poll_date,
            notice_published=notice_published,
            today=runtime.now().date(),
        )
    except InputError as exc:
        raise CliError(str(exc)) from None
    data = timetable_to_dict(table)
    if as_json:
        echo_json(data)
        return
    zone = runtime.settings.council.zone
    click.echo(f"Poll ({kind}):                  {poll_date:%A %d %B %Y}")
    click.echo(f"Notice of election deadline:  {table.notice_of_election_deadline:%A %d %B %Y}")
    if table.close_of_nominations:
        click.echo(f"Close of nominations:         {_local(table.close_of_nominations, zone)}")
    click.echo(f"Restricted period starts:     {_local(table.period_start, zone)}")
    click.echo(f"Restricted period ends:       {_local(table.period_end, zone)}")
    if table.provisional:
        click.echo("Provisional: relies on bank holidays not yet announced.")
    for skipped in data["dies_non_skipped"]:
        if skipped["reason"] not in ("Saturday", "Sunday"):
            click.echo(f"Not counted: {skipped['date']:%a %d %b %Y} ({skipped['reason']})")


def _local(value: dt.datetime, zone: Any) -> str:
    return value.astimezone(zone).strftime("%A %d %B %Y %H:%M %Z")


@click.group()
def elections() -> None:
    """The elections on the council's calendar."""


def election_to_dict(election: Election, period: RestrictedPeriod | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": election.id,
        "title": election.title,
        "kind": election.kind.value,
        "poll_date": election.poll_date,
        "wards": sorted(election.wards),
        "notice_published": election.notice_published,
    }
    if period is not None:
        data |= {
            "period_start": period.start,
            "period_end": period.end,
            "provisional": period.provisional,
        }
    return data


@elections.command("add")
@click.option("--title", required=True)
@click.option("--kind", type=KIND, required=True, help=KIND_HELP)
@click.option("--poll-date", type=ISO_DATE, required=True)
@click.option("--ward", "wards", multiple=True, help="A ward it covers (repeat); none: all.")
@click.option("--notice-published", type=ISO_DATE)
@pass_runtime
def add(runtime: Runtime, title, kind, poll_date, wards, notice_published) -> None:
    """Add an election; prints its id."""
    election = Election(
        title=title.strip(),
        kind=ElectionKind(kind),
        poll_date=poll_date,
        wards=frozenset(wards),
        notice_published=notice_published,
    )
    with runtime.session() as session:
        added = calendar_service.add_election(
            session, runtime.settings, election, now=runtime.now(), actor=runtime.actor
        )
    click.echo(added.id)


@elections.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_runtime
def list_(runtime: Runtime, as_json: bool) -> None:
    """The elections, with their restricted periods."""
    with runtime.session() as session:
        found = calendar_service.list_elections(session)
    periods = calendar_service.periods_for(runtime.settings, found)
    rows = [election_to_dict(p.election, p) for p in periods]  # unworkable ones are skipped
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No elections on the calendar.")
    zone = runtime.settings.council.zone
    for e, p in zip(found, periods, strict=True):
        scope = ", ".join(sorted(e.wards)) or "whole council"
        click.echo(
            f"{e.id:>4}  {e.poll_date}  {e.kind.value:<10} {e.title} ({scope}); "
            f"restricted {_local(p.start, zone)} to {_local(p.end, zone)}"
            + (" [provisional]" if p.provisional else "")
        )


@elections.command("update")
@click.argument("election_id", type=int)
@click.option("--title")
@click.option("--kind", type=KIND, help=KIND_HELP)
@click.option("--poll-date", type=ISO_DATE)
@click.option("--ward", "wards", multiple=True, help="Replace the wards (repeat).")
@click.option("--whole-council", is_flag=True, help="Cover every ward again.")
@click.option("--notice-published", type=ISO_DATE)
@click.option("--clear-notice", is_flag=True, help="Forget the entered notice date.")
@pass_runtime
def update(runtime: Runtime, election_id: int, **options: Any) -> None:
    """Change an election, for example the day its notice was actually published."""
    changes: dict[str, Any] = {}
    if options["title"] is not None:
        changes["title"] = options["title"].strip()
    if options["kind"] is not None:
        changes["kind"] = ElectionKind(options["kind"])
    if options["poll_date"] is not None:
        changes["poll_date"] = options["poll_date"]
    if options["wards"] and options["whole_council"]:
        raise CliError("give --ward or --whole-council, not both")
    if options["wards"]:
        changes["wards"] = frozenset(options["wards"])
    if options["whole_council"]:
        changes["wards"] = frozenset()
    if options["notice_published"] and options["clear_notice"]:
        raise CliError("give --notice-published or --clear-notice, not both")
    if options["notice_published"] is not None:
        changes["notice_published"] = options["notice_published"]
    if options["clear_notice"]:
        changes["notice_published"] = None
    if not changes:
        raise CliError("nothing to change: give at least one option")
    with runtime.session() as session:
        calendar_service.update_election(
            session,
            runtime.settings,
            election_id,
            now=runtime.now(),
            actor=runtime.actor,
            **changes,
        )
    click.echo(f"updated election {election_id}")


@elections.command("remove")
@click.argument("election_id", type=int)
@pass_runtime
def remove(runtime: Runtime, election_id: int) -> None:
    """Remove an election (subscribed calendars are told it is cancelled)."""
    with runtime.session() as session:
        calendar_service.remove_election(
            session, election_id, now=runtime.now(), actor=runtime.actor
        )
    click.echo(f"removed election {election_id}")


def span_to_dict(span: RestrictedSpan) -> dict[str, Any]:
    return {
        "start": span.start,
        "end": span.end,
        "label": span.label,
        "overlapping": span.overlapping,
        "provisional": span.provisional,
        "elections": [election_to_dict(p.election, p) for p in span.periods],
    }


@click.command()
@click.option("--json", "as_json", is_flag=True)
@pass_runtime
def periods(runtime: Runtime, as_json: bool) -> None:
    """The restricted periods on the calendar, merged where they overlap."""
    with runtime.session() as session:
        spans = calendar_service.restricted_spans(session, runtime.settings)
    if as_json:
        echo_json([span_to_dict(s) for s in spans])
        return
    if not spans:
        click.echo("No restricted periods: no elections on the calendar.")
    zone = runtime.settings.council.zone
    for span in spans:
        notes = [
            n
            for n, on in (("overlapping", span.overlapping), ("provisional", span.provisional))
            if on
        ]
        click.echo(
            f"{_local(span.start, zone)} to {_local(span.end, zone)}: {span.label}"
            + (f" [{', '.join(notes)}]" if notes else "")
        )
