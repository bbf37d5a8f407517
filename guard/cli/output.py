"""What list and import commands print: JSON or one line per item, an import's counts, and a
rejected file's bad lines (FILE:LINE: problem), each written once for every command."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

import click

from guard.cli.runtime import CliError, echo_json, pass_runtime
from guard.services.register import ImportRejected

T = TypeVar("T")

# `--json` on every list command: the same flag, the same words in --help.
as_json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print JSON instead of one line per item."
)


def list_command(group: click.Group) -> Callable[[Callable[..., None]], click.Command]:
    """`guard GROUP list`: with `--json`, and the runtime passed first."""

    def declare(command: Callable[..., None]) -> click.Command:
        return group.command("list")(as_json_option(pass_runtime(command)))

    return declare


def echo_list(
    items: Sequence[T],
    *,
    as_json: bool,
    line: Callable[[T], str],
    empty: str | None = None,
    as_dict: Callable[[T], Any] | None = None,
) -> None:
    """JSON (each item through `as_dict` when given), or a line per item (`empty` when none)."""
    if as_json:
        echo_json(list(items) if as_dict is None else [as_dict(item) for item in items])
        return
    if not items and empty is not None:
        click.echo(empty)
    for item in items:
        click.echo(line(item))


def accounts_of(person: Any) -> str:
    """A councillor's or a candidate's accounts on one line: @handles, then pages."""
    handles = [f"@{h}" for h in person.x_handles]
    return ", ".join([*handles, *person.facebook, *person.instagram])


class Imported(Protocol):
    @property
    def added(self) -> Sequence[Any]: ...
    @property
    def updated(self) -> Sequence[Any]: ...
    @property
    def unchanged(self) -> Sequence[Any]: ...


def counts(result: Imported) -> str:
    return (
        f"{len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged"
    )


@contextmanager
def rejected_lines(file: object) -> Iterator[None]:
    """A file refused as a whole: each bad line on stderr, then one error; nothing was saved."""
    try:
        yield
    except ImportRejected as exc:
        for error in exc.errors:
            click.echo(f"{file}:{error.line}: {error.message}", err=True)
        raise CliError(f"{file}: {exc}") from None
