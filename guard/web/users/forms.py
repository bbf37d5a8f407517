"""The users' forms read from the request: a new user, a user named for a change of role or a
removal, signing in, and where to go after it (only a path on this site)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

NEW_USER_FIELDS = ("email", "role", "password")


def new_user(form: Mapping[str, str]) -> dict[str, str]:
    """The new user's email, role and password, as typed (the service checks them)."""
    return {k: form.get(k, "") for k in NEW_USER_FIELDS}


@dataclass(frozen=True)
class Named:
    """The user a role change or a removal names, and the role asked for."""

    email: str
    role: str = ""

    def is_self(self, actor: str) -> bool:
        """An admin never changes their own role or removes themselves from the list."""
        return self.email.strip().lower() == actor


def named_user(form: Mapping[str, str]) -> Named:
    return Named(form.get("email", ""), form.get("role", ""))


@dataclass(frozen=True)
class SignInForm:
    email: str
    password: str = field(repr=False)


def sign_in(form: Mapping[str, str]) -> SignInForm:
    return SignInForm(form.get("email", ""), form.get("password", ""))


def local_path(target: str | None, default: str) -> str:
    """Only a path on this site, never an open redirect to another: else ``default``.

    A browser reads a backslash as a slash, so "/\\evil.example" would leave the site too.
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
