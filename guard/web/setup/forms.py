"""The first-run form: the first admin's email and password (typed twice) and the council's
name, time zone and wards (one a line)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from guard.services.site import COUNCIL_KEYS
from guard.settings import CouncilSettings


@dataclass(frozen=True)
class SetupForm:
    shown: dict[str, Any]  # what the page shows again if refused: never the passwords
    password: str = field(repr=False)
    password_again: str = field(repr=False)

    @property
    def email(self) -> str:
        return str(self.shown["email"])

    @property
    def council(self) -> dict[str, Any]:
        """The council's details as the service saves them."""
        return {k: self.shown[k] for k in COUNCIL_KEYS}

    def mismatch(self) -> str | None:
        if self.password != self.password_again:
            return "The two passwords are not the same."
        return None


def posted(form: Mapping[str, str]) -> SetupForm:
    shown: dict[str, Any] = {k: form.get(k, "") for k in ("email", "name", "timezone")}
    shown["wards"] = tuple(form.get("wards", "").splitlines())
    return SetupForm(shown, form.get("password", ""), form.get("password_again", ""))


def first_shown(council: CouncilSettings) -> dict[str, Any]:
    """The page's fields before anything is typed: the council as the file describes it."""
    return {"name": council.name, "timezone": council.timezone, "wards": council.wards, "email": ""}
