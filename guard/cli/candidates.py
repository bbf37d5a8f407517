"""`guard candidates …`: each election's candidates (the Statement of Persons Nominated)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from guard.cli.output import accounts_of, as_json_option, counts, echo_list, rejected_lines
from guard.cli.runtime import CliError, Runtime, pass_runtime
from guard.services import candidates as service

ELECTION = click.option("--election", "election_id", type=int, required=True, help="Election id.")


@click.group()
def candidates() -> None:
    """Candidates at an election: guarded as councillors during that election's period."""


@candidates.command("import")
@ELECTION
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@pass_runtime
def import_(runtime: Runtime, election_id: int, file: Path) -> None:
    """Import FILE.csv (the register's columns: name, ward, party, x, facebook, instagram,
    websites, aliases); all or nothing; re-importing updates."""
    try:
        text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"cannot read {file}: {exc}") from None
    with rejected_lines(file), runtime.session() as session:
        result = service.import_csv(
            session, election_id, text, now=runtime.now(), actor=runtime.actor
        )
    click.echo(f"imported {file} for election {election_id}: {counts(result)}")


@candidates.command("list")
@ELECTION
@as_json_option
@pass_runtime
def list_(runtime: Runtime, election_id: int, as_json: bool) -> None:
    """The election's candidates, their accounts, and which are councillors."""
    with runtime.session() as session:
        rows = service.list_candidates(session, election_id)

    def as_dict(r: service.ListedCandidate) -> dict:
        return {
            "id": r.id,
            "election_id": election_id,
            **dataclasses.asdict(r.candidate.person),
            "withdrawn": r.candidate.withdrawn,
            "councillor": r.councillor,
        }

    def line(r: service.ListedCandidate) -> str:
        p = r.candidate.person
        notes = [p.ward, p.party or "no party"]
        if r.councillor:
            notes.append(f"councillor {r.councillor}")
        if r.candidate.withdrawn:
            notes.append("withdrawn: guarded to the poll")
        return f"{r.id:>4}  {p.name} ({', '.join(notes)}): {accounts_of(p)}"

    empty = (
        f"Election {election_id} has no candidates: import them with "
        f"`guard candidates import --election {election_id} FILE.csv`."
    )
    echo_list(rows, as_json=as_json, as_dict=as_dict, line=line, empty=empty)


@candidates.command("remove")
@ELECTION
@click.argument("name")
@click.option(
    "--mistake", is_flag=True, help="Delete outright: the person never stood in this election."
)
@pass_runtime
def remove(runtime: Runtime, election_id: int, name: str, mistake: bool) -> None:
    """A candidate withdraws: kept and guarded to the poll (or deleted with --mistake)."""
    with runtime.session() as session:
        removed = service.remove_candidate(
            session, election_id, name, now=runtime.now(), actor=runtime.actor, mistake=mistake
        )
    if mistake:
        click.echo(f"removed {removed} from election {election_id}")
    else:
        click.echo(f"{removed} has withdrawn from election {election_id}: guarded to the poll")
