"""The guard's context (the register and the restricted periods) as cheaply as it can be had.

Read in plain SQL (``store.guard_sql``) through a SQLAlchemy connection or, for ``guard check``
on SQLite, the standard library's sqlite3: no ORM, and there no SQLAlchemy at all. The register
is kept per process while its stored version token is unchanged, so an unchanged register costs
one small query, not a reload, a hash and a new matcher; the periods are kept while the
election table is unchanged.
"""

from __future__ import annotations

import threading
from typing import Any

from guard.domain.guard.candidates import Candidate
from guard.domain.guard.codes import Nation
from guard.domain.guard.register import Register, make_register
from guard.domain.guard.verdict import GuardContext
from guard.services.calendar.periods import periods_for
from guard.settings import Settings
from guard.store import guard_sql as guard_reads
from guard.store.guard_sql import Readable as Connection

_lock = threading.Lock()
_registers: dict[tuple[str, tuple[str, ...]], Register] = {}
_periods: dict[Any, tuple] = {}


def load_context(connection: Connection, settings: Settings) -> GuardContext:
    """The register, the candidates and every restricted period as they are now in the store,
    with the council's ``[guard]`` choices and the nation whose Code the findings quote."""
    return GuardContext(
        load_register(connection, settings),
        load_periods(connection, settings),
        load_candidates(connection),
        hold_images=settings.guard.hold_images_in_period,
        hold_all=settings.guard.hold_all_in_period,
        nation=Nation(settings.council.nation),
    )


def load_candidates(connection: Connection) -> tuple[Candidate, ...]:
    """Every candidate who stands in an election, for the guard (few rows: read each time)."""
    return guard_reads.candidates(connection)


def load_register(connection: Connection, settings: Settings) -> Register:
    own = tuple(settings.council.own_accounts)
    version = guard_reads.register_version(connection)
    key = (version or "", own)
    if version is not None and (cached := _registers.get(key)) is not None:
        return cached
    register = make_register(guard_reads.councillors(connection), own)
    if version is not None:
        with _lock:
            _registers.clear()  # only the newest version is worth keeping
            _registers[key] = register
    return register


def load_periods(connection: Connection, settings: Settings) -> tuple:
    key = (hash(settings), *guard_reads.elections_version(connection))
    if (cached := _periods.get(key)) is not None:
        return cached
    periods = tuple(periods_for(settings, guard_reads.elections(connection)))
    with _lock:
        _periods.clear()
        _periods[key] = periods
    return periods
