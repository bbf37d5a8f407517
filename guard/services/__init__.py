"""Use cases: plain functions that the web app, the CLI and the scheduler all call."""

from typing import TypeVar

T = TypeVar("T")


class InputError(ValueError):
    """The caller's input is wrong; the message names the problem. Nothing was written."""


def found(row: T | None, what: str) -> T:
    """``row``, unless there is none: then an InputError saying "no ``what``"."""
    if row is None:
        raise InputError(f"no {what}")
    return row
