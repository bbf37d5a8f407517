"""What every command shares: the settings and the engine, made on first use, and the clock."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import click

from guard.domain.calendar.council_time import parse_datetime
from guard.services import InputError
from guard.settings import Settings, load_settings

if TYPE_CHECKING:  # the database layer is imported when a command first uses it
    from sqlalchemy.engine import Engine
    from sqlmodel import Session


F = TypeVar("F", bound=Callable[..., Any])


class CliError(Exception):
    """A problem the user can fix: printed as one line; exit status 2 unless given."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class Runtime:
    @cached_property
    def file_settings(self) -> Settings:
        """The settings file and environment alone."""
        return load_settings()

    @cached_property
    def settings(self) -> Settings:
        """With the council's details saved in the app where the file and environment are silent."""
        from guard.services.site_settings import effective_from

        return effective_from(self.engine, self.file_settings)

    @cached_property
    def engine(self) -> Engine:
        from guard.services.record.audit_key import bind_key, load_key
        from guard.store.db import make_engine

        engine = make_engine(self.file_settings.database.url)
        bind_key(engine, load_key(self.file_settings.audit))
        return engine

    def close(self) -> None:
        if "engine" in self.__dict__:
            self.engine.dispose()

    @cached_property
    def actor(self) -> str:
        """Who the audit trail says did it: the operating-system user at the shell."""
        try:
            return f"cli:{getpass.getuser()}"
        except (KeyError, OSError):
            return "cli"

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction; input errors from the services become CliErrors, with nothing written."""
        from guard.store.db import session_scope

        try:
            with session_scope(self.engine) as session:
                yield session
        except InputError as exc:
            raise CliError(str(exc)) from None


pass_runtime = click.make_pass_decorator(Runtime)


def echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a date (expected YYYY-MM-DD)", param, ctx)


ISO_DATE = IsoDate()


class LocalDateTime(click.ParamType):
    """ISO 8601; without an offset, the council's wall-clock time (refused if it is ambiguous)."""

    name = "DATETIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, dt.datetime):
            return value
        runtime = ctx.find_object(Runtime) if ctx else None
        zone = runtime.settings.council.zone if runtime else ZoneInfo("Europe/London")
        try:
            return parse_datetime(value, zone)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


LOCAL_DATETIME = LocalDateTime()


def media_options(command: F) -> F:
    """`--media` and `--alt`: a post's images, the same in `guard check` and `posts schedule`."""
    command = click.option(
        "--alt",
        "alts",
        multiple=True,
        help="Alt text for each --media image, in the same order (required).",
    )(command)
    return click.option(
        "--media",
        "media_paths",
        multiple=True,
        type=click.Path(path_type=Path),
        help="An image to attach (JPEG, PNG, GIF or WebP; up to 4); the text printed in it is "
        "read and checked. Repeat for more.",
    )(command)
