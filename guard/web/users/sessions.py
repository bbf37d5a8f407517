"""How long a signed-in session lasts: an idle timeout and an absolute lifetime, server-checked.

The times live in the signed session cookie, which the visitor cannot alter; whether the
session is still the user's current one is checked against the database on every request
(see services.users.user_for_token).
"""

from __future__ import annotations

import datetime as dt

from flask import current_app, session

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"


def begin(now: dt.datetime) -> None:
    """Mark the session as started now; the cookie expires with the absolute lifetime."""
    session.permanent = True
    session[SIGNED_IN_AT] = session[SEEN_AT] = int(now.timestamp())


def still_fresh(now: dt.datetime) -> bool:
    """False when the session has been idle too long or has lived too long: sign in again."""
    web = current_app.extensions["guard"].settings.web
    started, seen = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if not isinstance(started, int) or not isinstance(seen, int):
        return False
    moment = int(now.timestamp())
    if moment - started > web.session_lifetime_hours * 3600:
        return False
    if moment - seen > web.idle_timeout_minutes * 60:
        return False
    if moment - seen >= 60:  # a new cookie at most once a minute, not on every request
        session[SEEN_AT] = moment
    return True
