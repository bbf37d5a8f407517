"""`make bench`: run every benchmark and print its figures."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> None:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    only = sys.argv[1:]
    sys.argv = sys.argv[:1]  # the benchmarks that take options read them from sys.argv
    for name in names:
        if only and name not in only:
            continue
        print(f"== {name} ==", flush=True)
        importlib.import_module(f"tests.benchmarks.{name}").main()
        print(flush=True)


if __name__ == "__main__":
    main()
