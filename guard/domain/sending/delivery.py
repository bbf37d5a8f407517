"""Deliveries: one per post and target account, and the only moves their state may make."""

from __future__ import annotations

from enum import StrEnum


class DeliveryStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    HELD = "held"  # flagged: waits for a clerk's approval
    BLOCKED = "blocked"  # the guard refuses it: edit or cancel
    SENDING = "sending"  # claimed by a scheduler; the platform may or may not have it
    SENT = "sent"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"  # the outcome is unknown: the clerk must look
    MISSED = "missed"  # overdue past the limit: never sent late
    CANCELLED = "cancelled"


S = DeliveryStatus

# Every allowed move. The store refuses any other.
TRANSITIONS: dict[DeliveryStatus, frozenset[DeliveryStatus]] = {
    S.DRAFT: frozenset({S.SCHEDULED, S.HELD, S.BLOCKED, S.CANCELLED}),
    S.SCHEDULED: frozenset({S.SENDING, S.HELD, S.BLOCKED, S.MISSED, S.CANCELLED, S.DRAFT}),
    S.HELD: frozenset({S.SCHEDULED, S.BLOCKED, S.MISSED, S.CANCELLED, S.DRAFT}),
    S.BLOCKED: frozenset({S.SCHEDULED, S.HELD, S.CANCELLED, S.DRAFT}),
    # From sending: published, refused, unknown; back to scheduled only for a retry of an
    # error known not to have posted; held, blocked or missed when the checks made after the
    # claim and before the platform call say so.
    S.SENDING: frozenset(
        {S.SENT, S.FAILED, S.UNCONFIRMED, S.SCHEDULED, S.HELD, S.BLOCKED, S.MISSED}
    ),
    S.UNCONFIRMED: frozenset({S.SENT, S.FAILED}),  # the clerk says what they found
    S.FAILED: frozenset({S.SCHEDULED, S.CANCELLED}),  # the clerk may try again
    S.MISSED: frozenset({S.SCHEDULED, S.CANCELLED}),  # rescheduled for a new time
    S.SENT: frozenset(),
    S.CANCELLED: frozenset(),
}

FINAL = frozenset(s for s, moves in TRANSITIONS.items() if not moves)


class TransitionError(ValueError):
    """A delivery was asked to move in a way the table does not allow."""


def check_transition(current: DeliveryStatus, new: DeliveryStatus) -> None:
    if new not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "nothing: it is final"
        raise TransitionError(f"a {current} delivery cannot become {new} (it may become {allowed})")
