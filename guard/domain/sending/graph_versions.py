"""The Graph API's versions and the day each stops working, and the warning before it does.

From Meta's changelog (developers.facebook.com/docs/graph-api/changelog/versions), read on
2026-11-25. Meta keeps each version for about two years; "None" is a version whose end Meta has
not announced yet. When Meta announces a date, add it here.
"""

from __future__ import annotations

import datetime as dt

# version: (released, available until)
GRAPH_VERSIONS: dict[str, tuple[dt.date, dt.date | None]] = {
    "v26.0": (dt.date(2026, 7, 29), None),
    "v25.0": (dt.date(2026, 2, 18), dt.date(2028, 7, 29)),
    "v24.0": (dt.date(2025, 10, 8), dt.date(2028, 2, 18)),
    "v23.0": (dt.date(2025, 5, 29), dt.date(2027, 10, 8)),
    "v22.0": (dt.date(2025, 1, 21), dt.date(2027, 5, 20)),
    "v21.0": (dt.date(2024, 10, 2), dt.date(2027, 1, 21)),
    "v20.0": (dt.date(2024, 5, 21), dt.date(2026, 9, 24)),
    "v19.0": (dt.date(2024, 1, 23), dt.date(2026, 5, 21)),
}
WARN_BEFORE = dt.timedelta(days=60)


def latest() -> str:
    return max(GRAPH_VERSIONS, key=lambda v: GRAPH_VERSIONS[v][0])


def version_warning(version: str, today: dt.date) -> str | None:
    """What the admin must know about the configured version today, or None."""
    if version not in GRAPH_VERSIONS:
        return (
            f"The Graph API version {version!r} is not one this program knows the end of; "
            f"the newest it knows is {latest()}."
        )
    ends = GRAPH_VERSIONS[version][1]
    if ends is None or today < ends - WARN_BEFORE:
        return None
    advice = f"set [facebook] graph_version to {latest()}"
    if today >= ends:
        return f"The Graph API {version} ended on {ends:%-d %B %Y}: Facebook posts fail; {advice}."
    days = (ends - today).days
    return (
        f"The Graph API {version} ends on {ends:%-d %B %Y}, in {days} day{'s' * (days != 1)}: "
        f"{advice} before then."
    )
