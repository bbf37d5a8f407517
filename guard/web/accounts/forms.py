"""What the Accounts pages read from their forms and from the platforms' redirects back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AppKeys:
    """A platform app's key (X's consumer key, Meta's app id) and its secret."""

    key: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class XAnswer:
    """X's redirect back: the request token and its verifier, or the account's refusal."""

    refused: bool
    token: str = ""
    verifier: str = ""


@dataclass(frozen=True)
class FacebookAnswer:
    """Facebook's redirect back: the state this app sent and the login's code, or a refusal."""

    refused: bool
    state: str = ""
    code: str = field(default="", repr=False)


def app_keys(form: Mapping[str, str]) -> AppKeys:
    return AppKeys(form.get("key", ""), form.get("secret", ""))


def page_choice(form: Mapping[str, str]) -> str:
    return form.get("page", "")


def instagram_id(form: Mapping[str, str]) -> str:
    """The account id entered; empty: the one linked to the connected Page."""
    return form.get("instagram_id", "").strip()


def x_answer(args: Mapping[str, str]) -> XAnswer:
    return XAnswer("denied" in args, args.get("oauth_token", ""), args.get("oauth_verifier", ""))


def facebook_answer(args: Mapping[str, str]) -> FacebookAnswer:
    return FacebookAnswer("error" in args, args.get("state", ""), args.get("code", ""))
