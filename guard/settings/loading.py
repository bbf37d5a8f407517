"""Reading the settings: the TOML file (GUARD_CONFIG) overlaid with GUARD_<SECTION>_<KEY>
variables, each value converted to its field's type and checked, unknown keys refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import tomllib
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from guard.domain.calendar.wards import ward_slug
from guard.settings.sections import (
    SECTIONS,
    CouncilSettings,
    DatabaseSettings,
    ElectionsSettings,
    EvidenceSettings,
    InstagramSettings,
    SchedulerSettings,
    Settings,
    SettingsError,
    WebSettings,
)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """A settings class's fields and types (read once: the CLI and the app build settings often)."""
    return typing.get_type_hints(cls)


def load_settings(
    path: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Read the TOML file (``path`` or $GUARD_CONFIG, if any), then apply GUARD_* overrides."""
    environ = os.environ if environ is None else environ
    path = path or environ.get("GUARD_CONFIG") or None
    raw: dict[str, Any] = {}
    if path:
        file = Path(path)
        try:
            raw = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SettingsError(f"GUARD_CONFIG: no such file {str(file)!r}") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{file}: not valid TOML: {exc}") from None
    return build_settings(raw, environ)


def build_settings(raw: Mapping[str, Any], environ: Mapping[str, str]) -> Settings:
    sections = {f.name: f.type for f in dataclasses.fields(Settings) if f.name in SECTIONS}
    hints = _hints(Settings)
    _refuse_unknown(raw, sections, lambda name: f"section [{name}]")
    values = {}
    for name in sections:
        cls = hints[name]
        table = raw.get(name, {})
        if not isinstance(table, dict):
            raise SettingsError(f"[{name}] must be a table, not {table!r}")
        values[name] = _build_section(name, cls, table, environ)
    _check_known_env(environ)
    explicit = {f"{name}.{key}" for name in sections for key in raw.get(name, {})}
    explicit |= {
        f"{name}.{key}"
        for name in sections
        for key in _hints(hints[name])
        if env_var(name, key) in environ
    }
    return Settings(**values, explicit=frozenset(explicit))


def _build_section(section: str, cls: type, table: Mapping[str, Any], environ: Mapping[str, str]):
    hints = _hints(cls)
    _refuse_unknown(table, hints, lambda key: f"key {section}.{key}")
    kwargs = {}
    for key, kind in hints.items():
        env_name = env_var(section, key)
        if env_name in environ:
            kwargs[key] = _convert(f"{env_name}", environ[env_name], kind, from_env=True)
        elif key in table:
            kwargs[key] = _convert(f"{section}.{key}", table[key], kind, from_env=False)
    section_value = cls(**kwargs)
    _validate(section, section_value)
    return section_value


def _refuse_unknown(
    given: Iterable[str], known: Mapping[str, Any], name: Callable[[str], str]
) -> None:
    """A mistyped section or key would silently do nothing: refuse it, naming what is allowed."""
    for item in given:
        if item not in known:
            raise SettingsError(f"unknown {name(item)}: expected one of {', '.join(sorted(known))}")


def env_var(section: str, key: str) -> str:
    return f"GUARD_{section}_{key}".upper()


def _check_known_env(environ: Mapping[str, str]) -> None:
    """A mistyped GUARD_* variable would silently do nothing: refuse it instead."""
    known = {"GUARD_CONFIG", "GUARD_TEST_DATABASE_URL"}
    hints = _hints(Settings)
    for section, cls in hints.items():
        if section not in SECTIONS:
            continue
        known |= {env_var(section, key) for key in _hints(cls)}
    for name in environ:
        if name.startswith("GUARD_") and name not in known:
            raise SettingsError(f"unknown setting variable {name}: no such section and key")


def _convert(where: str, value: Any, kind: Any, *, from_env: bool) -> Any:
    origin = typing.get_origin(kind)
    if origin is Literal:
        allowed = typing.get_args(kind)
        if value not in allowed:
            choices = " or ".join(repr(a) for a in allowed)
            raise SettingsError(f"{where} = {value!r}: expected {choices}")
        return value
    if origin is tuple:
        (item_kind, _) = typing.get_args(kind)
        if from_env:
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            raise SettingsError(f"{where} = {value!r}: expected a list")
        return tuple(_convert(where, item, item_kind, from_env=from_env) for item in value)
    if kind is bool:
        if from_env:
            lowered = value.strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
        elif isinstance(value, bool):
            return value
        raise SettingsError(f"{where} = {value!r}: expected true or false")
    if kind is int:
        if from_env:
            try:
                value = int(value)
            except ValueError:
                raise SettingsError(f"{where} = {value!r}: expected a whole number") from None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SettingsError(f"{where} = {value!r}: expected a whole number, 0 or more")
        return value
    if kind is dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise SettingsError(f"{where} = {value!r}: expected a date as YYYY-MM-DD")
    if kind is str:
        if not isinstance(value, str):
            raise SettingsError(f"{where} = {value!r}: expected a string")
        return value
    if isinstance(kind, types.UnionType):  # pragma: no cover - no optional keys yet
        raise SettingsError(f"{where}: unsupported type {kind}")
    raise SettingsError(f"{where}: unsupported type {kind}")  # pragma: no cover


def _validate(section: str, value: Any) -> None:
    if isinstance(value, CouncilSettings):
        try:
            ZoneInfo(value.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(
                f"council.timezone = {value.timezone!r}: expected an IANA time zone "
                "such as 'Europe/London'"
            ) from None
        if not value.wards:
            raise SettingsError("council.wards = []: expected at least one ward")
        slugs = [ward_slug(w) for w in value.wards]
        if len(set(slugs)) != len(slugs) or not all(slugs):
            raise SettingsError(
                f"council.wards = {list(value.wards)!r}: expected distinct ward names "
                "(two names give the same web address, or a name has no letters)"
            )
    if isinstance(value, DatabaseSettings) and "://" not in value.url:
        raise SettingsError(
            f"database.url = {value.url!r}: expected a URL such as 'sqlite:///instance/guard.db' "
            "or 'postgresql+psycopg://user@host/db'"
        )
    if isinstance(value, EvidenceSettings) and value.max_upload_bytes < 1:
        raise SettingsError(
            f"evidence.max_upload_bytes = {value.max_upload_bytes}: expected 1 or more"
        )
    if isinstance(value, ElectionsSettings) and value.cautious_start_working_days > 60:
        raise SettingsError(
            f"elections.cautious_start_working_days = {value.cautious_start_working_days}: "
            "expected a whole number from 0 to 60"
        )
    if isinstance(value, WebSettings):
        for key in ("idle_timeout_minutes", "session_lifetime_hours"):
            if getattr(value, key) < 1:
                raise SettingsError(f"web.{key} = {getattr(value, key)}: expected 1 or more")
    if isinstance(value, InstagramSettings):
        for key in ("media_url_minutes", "status_polls"):
            if getattr(value, key) < 1:
                raise SettingsError(f"instagram.{key} = {getattr(value, key)}: expected 1 or more")
    if isinstance(value, SchedulerSettings) and value.poll_seconds < 1:
        raise SettingsError(f"scheduler.poll_seconds = {value.poll_seconds}: expected 1 or more")
