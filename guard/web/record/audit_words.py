"""The audit trail in words: what happened, said as a sentence a clerk can read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

from guard.domain.calendar.council_time import in_words

PLATFORMS = {"x": "X", "facebook": "Facebook", "instagram": "Instagram"}
VERDICTS = {"allow": "allowed", "flag": "held for review", "block": "blocked"}
STATES = {
    "scheduled": "back in the queue",
    "held": "held for review at send time",
    "blocked": "blocked at send time",
    "missed": "missed: it was overdue and not sent late",
    "unconfirmed": "unconfirmed: the platform did not say whether it took it",
    "failed": "failed",
    "sent": "sent",
}


def _accounts(value: Any) -> str:
    names = [PLATFORMS.get(str(p), str(p)) for p in (value or [])]
    return " and ".join(names) or "no account"


def _time(value: Any, zone: ZoneInfo) -> str:
    try:
        return in_words(dt.datetime.fromisoformat(str(value)), zone)
    except ValueError:
        return str(value)


Words = Callable[[Mapping[str, Any], str, ZoneInfo], str]

SENTENCES: dict[str, Words] = {
    "post.schedule": lambda s, n, z: (
        f"Wrote post {n} for {_time(s.get('at'), z)} to "
        f"{_accounts(s.get('platforms'))}: {VERDICTS.get(s.get('verdict', ''), 'checked')}."
    ),
    "post.edit": lambda s, n, z: (
        f"Edited post {n}, now due {_time(s.get('at'), z)}: "
        f"{VERDICTS.get(s.get('verdict', ''), 'checked')}."
        + (f" {s['approvals_voided']} approval(s) voided." if s.get("approvals_voided") else "")
    ),
    "post.approve": lambda s, n, z: (
        f"Approved post {n} for {_accounts(s.get('platforms'))}: "
        f"“{s.get('reason', '')}”."
        + (
            " A self-approval: the author approved their own post."
            if s.get("self_approval")
            else ""
        )
    ),
    "approval.void": lambda s, n, z: (
        f"The approval of post {n} given by "
        f"{s.get('approved_by', 'a clerk')} became void: {s.get('reason', '')}."
    ),
    "post.cancel": lambda s, n, z: f"Cancelled post {n} on {_accounts(s.get('platforms'))}.",
    "post.send_back": lambda s, n, z: f"Sent post {n} back to draft.",
    "post.retry": lambda s, n, z: (
        f"Asked for post {n} to be sent again to {_accounts(s.get('platforms'))}."
    ),
    "post.settle": lambda s, n, z: (
        f"Checked the account for post {n}: "
        + ("it was published." if s.get("published") else "it was not published.")
    ),
    "post.worse": lambda s, n, z: (
        f"Post {n} is now {VERDICTS.get(s.get('to', ''), '?')} "
        f"(was {VERDICTS.get(s.get('from', ''), '?')}) after a change to the calendar or register."
    ),
    "register.import": lambda s, n, z: (
        f"Imported the register: {len(s.get('added', []))} "
        f"added, {len(s.get('updated', []))} updated, {s.get('unchanged', 0)} unchanged."
    ),
    "councillor.add": lambda s, n, z: f"Added a councillor in {s.get('ward', 'a ward')}.",
    "councillor.edit": lambda s, n, z: f"Changed a councillor's {', '.join(s.get('fields', []))}.",
    "councillor.remove": lambda s, n, z: f"Removed a councillor from {s.get('ward', 'a ward')}.",
    "election.add": lambda s, n, z: (
        f"Added the election “{s.get('title', '')}”, poll on {s.get('poll_date', '?')}."
    ),
    "election.update": lambda s, n, z: (
        "Changed an election: "
        + "; ".join(
            f"{k.replace('_', ' ')} from {v.get('from')} to {v.get('to')}"
            for k, v in s.items()
            if isinstance(v, dict)
        )
        + "."
    ),
    "election.remove": lambda s, n, z: f"Removed the election “{s.get('title', '')}”.",
    "archive.export": lambda s, n, z: (
        f"Exported the archive (for an FOI request): "
        f"{s.get('deliveries', 0)} deliveries sent from {s.get('since') or 'the start'} "
        f"to {s.get('until') or 'now'}."
    ),
    "sign-in": lambda s, n, z: "Signed in.",
    "sign-in.failed": lambda s, n, z: "A sign-in failed.",
    "user.add": lambda s, n, z: f"Added a user as {s.get('role', '?')}.",
    "user.remove": lambda s, n, z: "Removed a user.",
    "user.set-password": lambda s, n, z: "Set a new password.",
}


def describe(
    action: str, summary: Mapping[str, Any], subject_id: str | None, zone: ZoneInfo
) -> str:
    """One sentence for a record; one that has no sentence yet reads as its action and facts."""
    number = subject_id or "?"
    if action.startswith("delivery."):
        state = action.split(".", 1)[1]
        where = PLATFORMS.get(str(summary.get("platform")), str(summary.get("platform")))
        return f"Post {summary.get('post_id', '?')} to {where}: {STATES.get(state, state)}."
    words = SENTENCES.get(action)
    if words is not None:
        try:
            return words(summary, number, zone)
        except (AttributeError, TypeError, KeyError):
            pass  # an older record's summary: fall back to its facts
    facts = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in summary.items())
    return f"{action.replace('.', ': ').replace('_', ' ').capitalize()}" + (
        f" ({facts})" if facts else ""
    )
