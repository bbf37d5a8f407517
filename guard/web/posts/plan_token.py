"""The token a checked content plan is scheduled with: it names the exact file checked, who
checked it and the verdicts seen, signed with the app's key and good for an hour.

"Schedule all" sends the file back with this token; the file must hash to what was checked
and the guard must give the same verdicts again, or nothing is scheduled.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

from guard.services.posts.importing import LineVerdict

SALT = "guard.content-plan"
MAX_AGE = 3600  # seconds: a check older than an hour is done again


@dataclass(frozen=True)
class Checked:
    name: str
    content: bytes
    verdicts: str  # the digest of every line's verdict
    form_key: str  # the Schedule form's one-time key: one check schedules once


def verdicts_digest(checked: list[LineVerdict]) -> str:
    """Each line's number, outcome and reasons, hashed: what the clerk saw."""
    seen = [[c.line.line, c.outcome.value, c.reasons()] for c in checked]
    return hashlib.sha256(json.dumps(seen).encode()).hexdigest()


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def issue(name: str, content: bytes, checked: list[LineVerdict], *, by: str) -> dict[str, str]:
    """The hidden fields of the Schedule form: the token, the file and its one-time key."""
    key = secrets.token_urlsafe(24)
    claims = {
        "name": name,
        "sha256": hashlib.sha256(content).hexdigest(),
        "by": by,
        "verdicts": verdicts_digest(checked),
        "key": key,
    }
    return {
        "token": _signer().dumps(claims),
        "plan": base64.b64encode(content).decode(),
        "form_key": key,
    }


def redeem(token: str, plan: str, form_key: str, *, by: str) -> Checked | None:
    """The plan the token was issued for, if the file sent back is that one, the same clerk
    sends it and the check is recent; else None."""
    try:
        claims = _signer().loads(token, max_age=MAX_AGE)
        content = base64.b64decode(plan, validate=True)
    except (BadData, binascii.Error, ValueError):
        return None
    if not isinstance(claims, dict) or claims.get("by") != by or claims.get("key") != form_key:
        return None
    if hashlib.sha256(content).hexdigest() != claims.get("sha256"):
        return None
    return Checked(str(claims["name"]), content, str(claims["verdicts"]), form_key)
