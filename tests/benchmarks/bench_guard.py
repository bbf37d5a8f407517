"""Benchmark of the guard: check time against register size, matcher build, memory, a floor."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from zoneinfo import ZoneInfo

import ahocorasick

from guard.domain.calendar.elections import Election, ElectionKind, RestrictedPeriod
from guard.domain.guard.matching.matcher import Matcher
from guard.domain.guard.register import Councillor, make_register
from guard.domain.guard.verdict import GuardContext, PostDraft, evaluate
from guard.domain.text.normalise import fold_text

LONDON = ZoneInfo("Europe/London")
CHECK_BAR = 5  # the 280-character check, as a multiple of a bare automaton scan
AT = dt.datetime(2027, 4, 15, 10, tzinfo=LONDON)
SYLLABLES = (
    "an",
    "bel",
    "cor",
    "dra",
    "el",
    "fin",
    "gar",
    "hol",
    "is",
    "jen",
    "kar",
    "lom",
    "mar",
    "nor",
    "ost",
    "pen",
    "quin",
    "ros",
    "sel",
    "tor",
    "ul",
    "ven",
    "wes",
    "yar",
)
WORDS = [
    "the",
    "council",
    "will",
    "resurface",
    "the",
    "car",
    "park",
    "on",
    "mill",
    "road",
    "next",
    "week",
    "and",
    "the",
    "library",
    "opens",
    "late",
    "on",
    "thursday",
    "thanks",
    "to",
    "all",
    "our",
    "volunteers",
    "for",
    "the",
    "gala",
    "in",
    "memorial",
    "park",
]


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()

    return f"{word()} {word()}"


def register_of(size: int, seed: int = 1) -> tuple[list[Councillor], list[str]]:
    rng = random.Random(seed)
    people, names = [], set()
    while len(people) < size:
        name = _name(rng)
        if name in names:
            continue
        names.add(name)
        slug = name.replace(" ", "")
        people.append(
            Councillor(
                name=name,
                ward="Heanor East",
                party="Independent",
                x_handles=(f"Cllr{slug}"[:15],),
                facebook=(f"https://www.facebook.com/{slug.lower()}.{len(people)}",),
                instagram=(f"{slug.lower()}_{len(people)}",),
            )
        )
    return people, sorted(names)


def post_of(length: int, mention: str, seed: int = 2) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length - len(mention) - 2:
        words.append(rng.choice(WORDS))
    body = " ".join(words)[: length - len(mention) - 2]
    return f"{body} @{mention}".ljust(length, ".")


def paired_medians(
    fns: tuple[Callable[[], object], ...], budget: float = 2.0, least: int = 5
) -> list[float]:
    """Median time of each function, timed in turns so that all see the same machine load
    (other processes come and go; a ratio of medians taken minutes apart would drift)."""
    times: list[list[float]] = [[] for _ in fns]
    started = time.perf_counter()
    while len(times[0]) < least or (
        time.perf_counter() - started < budget and len(times[0]) < 2000
    ):
        for fn, spent in zip(fns, times, strict=True):
            t0 = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - t0)
    return [statistics.median(spent) for spent in times]


def floor_automaton(people: list[Councillor]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for c in people:
        for term in (c.name, *c.x_handles, *c.instagram, c.name.split()[-1]):
            automaton.add_word(fold_text(term), term)
    automaton.make_automaton()
    return automaton


def check_blocks(text: str, context: GuardContext) -> bool:
    return evaluate(PostDraft(text), context, at=AT).outcome == "block"


def _bare_scan(automaton: ahocorasick.Automaton, text: str) -> list[object]:
    return list(automaton.iter(text.lower()))


def main() -> None:
    period = RestrictedPeriod(
        Election("Bench election", ElectionKind.LOCAL, dt.date(2027, 5, 6)),
        dt.datetime(2027, 3, 31, tzinfo=LONDON),
        dt.datetime(2027, 5, 6, 22, tzinfo=LONDON),
        provisional=False,
        start_is_actual=False,
    )
    print(
        f"{'councillors':>11} {'build s':>8} {'peak MiB':>9} {'post':>5} {'check us':>9} "
        f"{'scan us':>8} {'floor us':>9} {'check/floor':>11}"
    )
    baseline: dict[int, float] = {}
    for size in (12, 1_000, 100_000):
        people, _ = register_of(size)
        register = make_register(people)
        t0 = time.perf_counter()
        matcher = Matcher(register)
        build = time.perf_counter() - t0
        tracemalloc.start()  # a second build: tracing slows it several times over
        Matcher(register)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        floor = floor_automaton(people)
        context = GuardContext(register, (period,))
        evaluate(PostDraft("warm up"), context, at=AT)  # builds and caches the matcher
        for length in (280, 5_000):
            text = post_of(length, people[size // 2].x_handles[0])
            assert len(text) == length and check_blocks(text, context)
            post = PostDraft(text)
            check, scan, bare = paired_medians(
                (
                    partial(evaluate, post, context, at=AT),
                    partial(matcher.scan, text),
                    partial(_bare_scan, floor, text),
                )
            )
            baseline.setdefault(length, check)
            bar = f"  bar {CHECK_BAR}x: {'meets' if check / bare <= CHECK_BAR else 'MISSES'}"
            print(
                f"{size:>11,} {build:>8.2f} {peak:>9.1f} {length:>5} {check * 1e6:>9.0f} "
                f"{scan * 1e6:>8.0f} {bare * 1e6:>9.1f} {check / bare:>11.1f}"
                f"   ({check / baseline[length]:.2f}x the 12-councillor check)"
                + (bar if length == 280 else "")
            )


if __name__ == "__main__":
    main()
