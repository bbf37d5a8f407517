"""The UK's bank holidays kept in a file between runs.

Working them out imports the `holidays` package, which loads every country it knows: a tenth
of a second or more, paid by every `guard check` that has an election to judge against. The
table depends only on the years and on the package's version, so it is kept in the user's data
folder under both; a file that can't be read or written is worked out again, never trusted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from types import MappingProxyType

from guard.domain.calendar import dies_non
from guard.domain.calendar.dies_non import BankHoliday, uk_bank_holidays
from guard.paths import data_dir


def bank_holidays(years: Iterable[int]) -> Mapping[dt.date, BankHoliday]:
    """``uk_bank_holidays(years)``, from the file kept for this version when there is one."""
    return _bank_holidays(tuple(sorted(set(years))))


@lru_cache(maxsize=16)
def _bank_holidays(years: tuple[int, ...]) -> Mapping[dt.date, BankHoliday]:
    path = cache_path(years)
    if path is not None:
        try:
            return _read(path)
        except (OSError, ValueError, TypeError, KeyError):
            pass  # missing or damaged: worked out again below
    table = uk_bank_holidays(years)
    if path is not None:
        _write(path, table)
    return table


def cache_path(years: tuple[int, ...]) -> Path | None:
    """The file for these years and the installed `holidays` version (None: version unknown)."""
    version = _holidays_version()
    if version is None:
        return None
    # Keyed by our rules too: a release that changes how the table is worked out (a substitute
    # day, a new part of the UK) never reads a file the last release wrote.
    rules = _rules_digest()
    key = hashlib.sha256(f"{rules}:{','.join(map(str, years))}".encode()).hexdigest()[:16]
    return data_dir() / "cache" / f"bank-holidays-{version}-{key}.json"


@lru_cache(maxsize=1)
def _rules_digest() -> str:
    """A digest of the module that works the table out (its source, as installed)."""
    try:
        return hashlib.sha256(Path(dies_non.__file__).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unread"


@lru_cache(maxsize=1)
def _holidays_version() -> str | None:
    """The version in the package's dist-info folder name, found without importing it."""
    spec = find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    site = Path(next(iter(spec.submodule_search_locations))).parent
    try:
        found = sorted(p.name for p in site.glob("holidays-*.dist-info"))
    except OSError:
        return None
    return found[0].removeprefix("holidays-").removesuffix(".dist-info") if found else None


def _read(path: Path) -> Mapping[dt.date, BankHoliday]:
    rows = json.loads(path.read_text("utf-8"))
    return MappingProxyType(
        {dt.date.fromisoformat(day): BankHoliday(name, tuple(parts)) for day, name, parts in rows}
    )


def _write(path: Path, table: Mapping[dt.date, BankHoliday]) -> None:
    rows = [[day.isoformat(), h.name, list(h.parts)] for day, h in sorted(table.items())]
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
        temporary.replace(path)  # whole or not at all: a reader never sees half a file
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
