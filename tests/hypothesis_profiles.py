"""How many examples the property tests try: all of them in `make test` (and CI), a tenth in
`make test-fast` (`--hypothesis-profile fast`), so the quick loop stays quick.

A test that names its own count writes `max_examples=examples(N)`: N in the full run, scaled
with the profile in the fast one. A test that names none takes the profile's own count.
"""

from __future__ import annotations

from hypothesis import settings

FULL = 100  # Hypothesis's own default: the "default" profile keeps every count as written
settings.register_profile("fast", max_examples=FULL // 10)


def examples(full: int) -> int:
    """`full` examples under the default profile; the same share of them under another."""
    return max(5, full * settings.default.max_examples // FULL)
