"""Benchmark of reading the text in images: first read, cached read, against decoding alone."""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from collections.abc import Callable

from PIL import Image
from sqlmodel import Session, SQLModel, create_engine

from guard.image_text import _engine, read_image_text
from guard.services.posts import image_text
from guard.store.models_candidates import ImageTextRow
from tests.posters import poster

NOW = dt.datetime(2027, 4, 15, 9, tzinfo=dt.UTC)
POSTERS = (
    ("Follow @CllrAnnBaker",),
    ("Meet Councillor", "Rajesh Patel", "at the library"),
    ("Market Street closed", "Monday 3 May, 8am to 6pm"),
    ("Heanor in Bloom", "Vote for your favourite garden", "Entries close Friday"),
)


def _median(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _decode(data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        image.load()


def main() -> None:
    t0 = time.perf_counter()
    _engine()
    print(f"model load (once per process): {time.perf_counter() - t0:.2f} s")
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine, tables=[ImageTextRow.__table__])  # type: ignore[list-item]
    print(
        f"{'image':>5} {'size':>9} {'first s':>8} {'cached ms':>10} {'memory us':>10} "
        f"{'decode ms':>10} {'first/decode':>13} {'cached/decode':>14}"
    )
    for number, lines in enumerate(POSTERS, start=1):
        data = poster(*lines)
        sha = f"bench-{number}"
        decode = _median(lambda data=data: _decode(data), 9)
        with Session(engine) as session:
            t0 = time.perf_counter()
            image_text.text_of(session, sha, data, now=NOW, reader=read_image_text)
            first = time.perf_counter() - t0
            session.commit()
        image_text._MEMORY.clear()  # a new process: the table answers
        with Session(engine) as session:
            t0 = time.perf_counter()
            image_text.text_of(session, sha, data, now=NOW)
            cached = time.perf_counter() - t0
            memory = _median(
                lambda s=session, d=data, h=sha: image_text.text_of(s, h, d, now=NOW), 99
            )
        print(
            f"{number:>5} {len(data):>9,} {first:>8.2f} {cached * 1e3:>10.2f} "
            f"{memory * 1e6:>10.1f} {decode * 1e3:>10.2f} {first / decode:>13.0f} "
            f"{cached / decode:>14.2f}"
        )


if __name__ == "__main__":
    main()
