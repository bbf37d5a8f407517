"""Holds that depend on the period alone, not on what the matcher found: images, strict mode."""

from __future__ import annotations

from dataclasses import dataclass

from guard.domain.calendar.elections import RestrictedPeriod
from guard.domain.guard import codes
from guard.domain.guard.payload import PostDraft
from guard.domain.guard.rules import CODE_33, CODE_34


@dataclass(frozen=True)
class Hold:
    """A post held for review inside ``period``, and why."""

    rule: str
    source: str
    explanation: str
    clause: str
    period: RestrictedPeriod
    code_reason: str | None = None  # a Code passage (codes.INDIVIDUALS) quoted for the nation


def image_hold(post: PostDraft, periods: list[RestrictedPeriod]) -> list[Hold]:
    """Code para 34: "Publicity relating to individuals involved directly in the election should
    not be published by local authorities during this period". A photograph may show a councillor
    or a candidate, and the guard does not recognise faces: a person must look."""
    if not periods:
        return []
    period = periods[0]
    return [
        Hold(
            "image-in-period",
            f"media[{i}]",
            f"Image {i + 1} goes out during the restricted period of "
            f"{period.election.title}: confirm that no councillor or candidate appears in it.",
            CODE_34,
            period,
            codes.INDIVIDUALS,
        )
        for i, media in enumerate(post.media)
        if media.sent
    ]


def strict_hold(periods: list[RestrictedPeriod]) -> list[Hold]:
    """Code para 33: "Local authorities should pay particular regard to the legislation governing
    publicity during the period of heightened sensitivity before elections and referendums." The
    council has chosen to review every post in the period (``[guard] hold_all_in_period``)."""
    if not periods:
        return []
    period = periods[0]
    return [
        Hold(
            "held-in-period",
            "text",
            f"The council reviews every post during the restricted period of "
            f"{period.election.title} ([guard] hold_all_in_period).",
            CODE_33,
            period,
        )
    ]


def period_holds(
    post: PostDraft, periods: list[RestrictedPeriod], *, hold_images: bool, hold_all: bool
) -> list[Hold]:
    """Every hold the council's settings call for at this instant."""
    return (image_hold(post, periods) if hold_images else []) + (
        strict_hold(periods) if hold_all else []
    )
