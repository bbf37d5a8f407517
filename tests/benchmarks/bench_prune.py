"""Benchmark of the matcher's overlap pruning as the hits grow, as a ratio to a floor measured
in the same run: sorting the same hits. Flat ratios mean n log n; a quadratic pruning would
multiply the ratio by 4 at each step."""

from __future__ import annotations

import random
import time

from guard.domain.guard.matching.automaton import Hit, prune

SIZES = (1_000, 4_000, 16_000, 64_000)


def hits(count: int, seed: int = 13) -> list[Hit]:
    """Names and tags of 20 councillors spread over a long post, with links spanning some."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        start = rng.randrange(count * 8)
        kind = rng.choice(("name", "name", "tag", "account", "electioneering"))
        out.append(Hit(kind, start, start + rng.randrange(4, 40), "", rng.randrange(20)))
    return out


def best_of(action, data) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        action(data)
        best = min(best, time.perf_counter() - started)
    return best


def floor(data: list[Hit]) -> None:
    sorted(data, key=lambda h: (h.who, h.start, h.end))


def main() -> None:
    for size in SIZES:
        data = hits(size)
        ratio = best_of(prune, data) / best_of(floor, data)
        print(f"prune {size:>6} hits: {ratio:5.2f}x the time to sort them")


if __name__ == "__main__":
    main()
