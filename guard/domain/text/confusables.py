"""The UTS #39 confusables table: each look-alike character mapped to its prototype."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

# confusable-homoglyphs ships Unicode's confusables.txt as JSON, stored both ways: a source
# character lists its one prototype, a prototype lists all its sources. We recover the
# one-way source -> prototype table that UTS #39's skeleton() uses.
_PACKAGE = "confusable_homoglyphs"
_MARKS = str.maketrans("", "", "\u200e\u200f")
# ASCII punctuation we keep as it is: '%' must survive for percent-encoded links.
_KEEP = frozenset("%")


def _read() -> dict[str, list[str]]:
    raw = json.loads(files(_PACKAGE).joinpath("confusables.json").read_text("utf-8"))
    return {k: [e["c"].translate(_MARKS) for e in v] for k, v in raw.items() if len(k) == 1}


@cache
def prototypes() -> dict[str, str]:
    """Source character -> prototype string, after case folding (see ``fold_char``)."""
    listed = _read()
    table: dict[str, str] = {}
    for char, targets in listed.items():
        if len(targets) != 1 or char in _KEEP:
            continue  # a prototype lists many sources and maps to itself
        target = targets[0]
        back = listed.get(target, [])
        if len(target) > 1 or len(back) > 1 or back != [char]:
            table[char] = target
        else:  # a prototype with a single source: the lower code point is the prototype
            table[max(char, target)] = min(char, target)
    # UTS #39 expands 'm' to 'rn'. We contract 'rn' to 'm' instead (``text.fold`` does it
    # after the per-character pass): the same equivalence, and ASCII stays one-to-one, which
    # keeps str.translate on its fast path.
    table = {k: v.replace("rn", "m") for k, v in table.items() if k != "m"}
    table['"'] = "'"
    # The skeleton is case-sensitive ('I' -> 'l') but we fold case first, so the lower-case
    # 'i' must join 'l' too, or "CIlr" would not meet "Cllr".
    table["i"] = "l"
    return table
