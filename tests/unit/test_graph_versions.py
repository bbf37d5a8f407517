"""The Graph API's dated versions, and the warning 60 days before the configured one ends."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from guard.domain.sending.graph_versions import GRAPH_VERSIONS, latest, version_warning
from guard.settings import FacebookSettings

DATED = [v for v, (_, ends) in GRAPH_VERSIONS.items() if ends]


def test_the_table_holds_the_published_dates_and_the_default_is_current():
    assert GRAPH_VERSIONS["v21.0"][1] == dt.date(2027, 1, 21)
    assert latest() == "v26.0" == FacebookSettings().graph_version
    assert version_warning(FacebookSettings().graph_version, dt.date(2026, 11, 25)) is None


@given(st.sampled_from(DATED), st.integers(min_value=-400, max_value=400))
def test_the_warning_starts_60_days_before_the_end_and_says_what_to_do(version, offset):
    ends = GRAPH_VERSIONS[version][1]
    assert ends is not None
    today = ends + dt.timedelta(days=offset)
    warning = version_warning(version, today)
    if offset < -60:
        assert warning is None
    elif offset < 0:
        assert warning and f"in {-offset} day" in warning and latest() in warning
    else:
        assert warning and "ended on" in warning and "Facebook posts fail" in warning


def test_v21_warns_from_22_november_2026():
    assert version_warning("v21.0", dt.date(2026, 11, 21)) is None
    assert "ends on 21 January 2027, in 60 days" in version_warning("v21.0", dt.date(2026, 11, 22))


@given(
    st.from_regex(r"v[0-9]{1,2}\.[0-9]", fullmatch=True).filter(lambda v: v not in GRAPH_VERSIONS)
)
def test_an_unknown_version_is_named(version):
    assert f"{version!r} is not one this program knows" in version_warning(version, dt.date.today())
