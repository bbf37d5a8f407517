"""`guard timetable`, `guard elections …` and `guard periods`: the election calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from guard.cli.output import as_json_option, echo_list, list_command
from guard.cli.runtime import (
    ISO_DATE,
    LOCAL_DATETIME,
    CliError,
    Runtime,
    echo_json,
    pass_runtime,
)
from guard.domain.calendar.election_law import LAW
from guard.domain.calendar.elections import Election, ElectionKind, RestrictedPeriod
from guard.domain.calendar.periods import RestrictedSpan
from guard.domain.calendar.timetable_text import (
    labelled_dates,
    notice_request,
    start_status,
    timetable_to_dict,
)
from guard.services import InputError
from guard.services.calendar import elections as calendar_service
from guard.services.warnings import poll_warnings

KIND = click.Choice([k.value for k in ElectionKind])
VACANCY_HELP = (
    "A by-election: the day the seat fell vacant. Until the notice date is entered, the "
    "period is taken to run from it."
)
UNCONTESTED_HELP = (
    "The election was uncontested: when the result was declared (YYYY-MM-DDTHH:MM, council "
    "time). The declaration ends its period."
)
KIND_HELP = "; ".join(f"{kind.value}: {law.description}" for kind, law in LAW.items()) + "."


@click.command()
@click.option("--poll-date", type=ISO_DATE, required=True, help="The day of poll.")
@click.option("--kind", type=KIND, default="local", show_default=True, help=KIND_HELP)
@click.option("--notice-published", type=ISO_DATE, help="The day the notice was published.")
@click.option("--vacancy-date", type=ISO_DATE, help="A by-election: the day the seat fell vacant.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_runtime
def timetable(
    runtime: Runtime,
    poll_date: dt.date,
    kind: str,
    notice_published: dt.date | None,
    vacancy_date: dt.date | None,
    as_json: bool,
) -> None:
    """The statutory dates and the restricted period for a poll."""
    try:
        table = calendar_service.timetable(
            runtime.settings,
            ElectionKind(kind),
            poll_date,
            notice_published=notice_published,
            vacancy_date=vacancy_date,
            today=runtime.now().date(),
        )
    except InputError as exc:
        raise CliError(str(exc)) from None
    today = runtime.now().astimezone(runtime.settings.council.zone).date()
    if as_json:
        echo_json(timetable_to_dict(table, today=today))
        return
    description = LAW[table.kind].description
    click.echo(f"{description[:1].upper()}{description[1:]} ({kind})")
    for label, value in labelled_dates(table, runtime.settings.council.zone):
        click.echo(f"{label}: {value}")
    click.echo(start_status(table, today, vacancy_date=vacancy_date))
    if (ask := notice_request(table, "This poll", today)) is not None:
        click.echo(ask)
    if table.provisional:
        click.echo("Provisional: relies on bank holidays not yet announced.")
    for skipped in reversed(table.skipped):
        if skipped.reason not in ("Saturday", "Sunday"):
            click.echo(f"Not counted: {skipped.day:%a %d %b %Y} ({skipped.reason})")
    click.echo(f"Law: {LAW[table.kind].citation}")


def _local(value: dt.datetime, zone: Any) -> str:
    return value.astimezone(zone).strftime("%A %d %B %Y %H:%M %Z")


@click.group()
def elections() -> None:
    """The elections on the council's calendar."""


def election_to_dict(
    election: Election, period: RestrictedPeriod | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": election.id,
        "title": election.title,
        "kind": election.kind.value,
        "poll_date": election.poll_date,
        "wards": sorted(election.wards),
        "notice_published": election.notice_published,
        "vacancy_date": election.vacancy_date,
        "uncontested": election.uncontested,
        "declared_at": election.declared_at,
    }
    if period is not None:
        data |= {
            "period_start": period.start,
            "period_end": period.end,
            "provisional": period.provisional,
        }
        if period.timetable is not None:
            data["timetable"] = timetable_to_dict(period.timetable, today=today)
    return data


@elections.command("add")
@click.option("--title", required=True)
@click.option("--kind", type=KIND, required=True, help=KIND_HELP)
@click.option("--poll-date", type=ISO_DATE, required=True)
@click.option("--ward", "wards", multiple=True, help="A ward it covers (repeat); none: all.")
@click.option("--notice-published", type=ISO_DATE)
@click.option("--vacancy-date", type=ISO_DATE, help=VACANCY_HELP)
@click.option("--uncontested-declared", type=LOCAL_DATETIME, help=UNCONTESTED_HELP)
@pass_runtime
def add(
    runtime: Runtime,
    title,
    kind,
    poll_date,
    wards,
    notice_published,
    vacancy_date,
    uncontested_declared,
) -> None:
    """Add an election; prints its id."""
    election = Election(
        title=title.strip(),
        kind=ElectionKind(kind),
        poll_date=poll_date,
        wards=frozenset(wards),
        notice_published=notice_published,
        vacancy_date=vacancy_date,
        uncontested=uncontested_declared is not None,
        declared_at=uncontested_declared,
    )
    with runtime.session() as session:
        added = calendar_service.add_election(
            session, runtime.settings, election, now=runtime.now(), actor=runtime.actor
        )
    today = runtime.now().astimezone(runtime.settings.council.zone).date()
    for warning in poll_warnings(poll_date, today=today):
        click.echo(f"warning: {warning}", err=True)
    click.echo(added.id)


@list_command(elections)
def list_(runtime: Runtime, as_json: bool) -> None:
    """The elections, with their restricted periods."""
    with runtime.session() as session:
        found = calendar_service.list_elections(session)
    periods = calendar_service.periods_for(runtime.settings, found)
    zone = runtime.settings.council.zone
    today = runtime.now().astimezone(zone).date()
    # An election whose period cannot be worked out is skipped (and logged) by periods_for.
    rows = [election_to_dict(p.election, p, today) for p in periods]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No elections on the calendar.")
    for e, p in zip(found, periods, strict=True):
        scope = ", ".join(sorted(e.wards)) or "whole council"
        click.echo(
            f"{e.id:>4}  {e.poll_date}  {e.kind.value:<10} {e.title} ({scope}); "
            f"restricted {_local(p.start, zone)} to {_local(p.end, zone)}"
            + (" [provisional]" if p.provisional else "")
        )
        if p.timetable is None:
            continue
        click.echo(f"      {start_status(p.timetable, today, vacancy_date=e.vacancy_date)}")
        if p.timetable.uncontested:
            click.echo(
                f"      Uncontested: result declared {_local(p.end, zone)}; the period ended then"
            )
        if (ask := notice_request(p.timetable, e.title, today)) is not None:
            click.echo(f"      Wanted: {ask}")


@elections.command("update")
@click.argument("election_id", type=int)
@click.option("--title")
@click.option("--kind", type=KIND, help=KIND_HELP)
@click.option("--poll-date", type=ISO_DATE)
@click.option("--ward", "wards", multiple=True, help="Replace the wards (repeat).")
@click.option("--whole-council", is_flag=True, help="Cover every ward again.")
@click.option("--notice-published", type=ISO_DATE)
@click.option("--clear-notice", is_flag=True, help="Forget the entered notice date.")
@click.option("--vacancy-date", type=ISO_DATE, help=VACANCY_HELP)
@click.option("--clear-vacancy", is_flag=True, help="Forget the vacancy date.")
@click.option("--uncontested-declared", type=LOCAL_DATETIME, help=UNCONTESTED_HELP)
@click.option("--contested", is_flag=True, help="The election is contested after all.")
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
    changes |= _by_election_changes(options)
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


def _by_election_changes(options: dict[str, Any]) -> dict[str, Any]:
    """The vacancy and uncontested options as changes, refusing contradictory pairs."""
    changes: dict[str, Any] = {}
    if options["vacancy_date"] and options["clear_vacancy"]:
        raise CliError("give --vacancy-date or --clear-vacancy, not both")
    if options["vacancy_date"] is not None:
        changes["vacancy_date"] = options["vacancy_date"]
    if options["clear_vacancy"]:
        changes["vacancy_date"] = None
    if options["uncontested_declared"] and options["contested"]:
        raise CliError("give --uncontested-declared or --contested, not both")
    if options["uncontested_declared"] is not None:
        changes |= {"uncontested": True, "declared_at": options["uncontested_declared"]}
    if options["contested"]:
        changes |= {"uncontested": False, "declared_at": None}
    return changes


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
@as_json_option
@pass_runtime
def periods(runtime: Runtime, as_json: bool) -> None:
    """The restricted periods on the calendar, merged where they overlap."""
    with runtime.session() as session:
        spans = calendar_service.restricted_spans(session, runtime.settings)
    zone = runtime.settings.council.zone

    def line(span: RestrictedSpan) -> str:
        notes = [
            n
            for n, on in (("overlapping", span.overlapping), ("provisional", span.provisional))
            if on
        ]
        return f"{_local(span.start, zone)} to {_local(span.end, zone)}: {span.label}" + (
            f" [{', '.join(notes)}]" if notes else ""
        )

    empty = "No restricted periods: no elections on the calendar."
    echo_list(spans, as_json=as_json, as_dict=span_to_dict, line=line, empty=empty)
