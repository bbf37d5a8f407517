"""Benchmark of a check's cost against the post's length, up to Facebook's 63,206 characters,
with names, vote phrases and parties dense throughout: time per character as a ratio to the
shortest post's, measured in the same run (flat: linear; doubling at each step: quadratic)."""

from __future__ import annotations

import datetime as dt
import time

from guard.domain.guard.register import Councillor, make_register
from guard.domain.guard.verdict import GuardContext, PostDraft, evaluate

AT = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
SIZES = (4_000, 16_000, 63_206)
UNIT = "Cllr Baker vote Labour and support @CllrAnnBaker at the Green fete "


def per_character(context: GuardContext, size: int) -> float:
    text = (UNIT * (size // len(UNIT) + 1))[:size]
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        evaluate(PostDraft(text, "facebook"), context, at=AT)
        best = min(best, time.perf_counter() - started)
    return best / size


def main() -> None:
    people = [Councillor("Ann Baker", "Heanor East", party="Labour", x_handles=("CllrAnnBaker",))]
    context = GuardContext(make_register(people, ()), ())
    floor = per_character(context, SIZES[0])
    for size in SIZES:
        ratio = per_character(context, size) / floor
        print(f"check {size:>6} characters: {ratio:5.2f}x the time per character at {SIZES[0]}")


if __name__ == "__main__":
    main()
