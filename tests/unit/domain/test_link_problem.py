"""A post's link is a web address: any other scheme (javascript:, data:, mailto:…) is refused
with words a clerk can act on; https, http and an address typed without a scheme are kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guard.domain.text.keepable import link_problem

SCHEME = st.from_regex(r"\A[A-Za-z][A-Za-z0-9+-]{0,12}\Z").filter(
    lambda s: s.lower() not in ("http", "https")
)
REST = st.from_regex(r"\A[A-Za-z0-9/._%?=&#-]{0,40}\Z")


@given(scheme=SCHEME, rest=REST)
def test_any_other_scheme_is_refused_naming_it(scheme, rest):
    problem = link_problem(f"{scheme}:{rest}")
    assert problem == f'"{scheme}:" is not a web address: give one starting https://'


@given(scheme=st.sampled_from(["https", "http", "HTTPS", "Http"]), rest=REST)
def test_web_addresses_are_kept(scheme, rest):
    assert link_problem(f"{scheme}://heanor-loscoe.example/{rest}") is None


def test_an_address_typed_without_a_scheme_is_kept():
    assert link_problem("heanor-loscoe.example/bins") is None
    assert link_problem("www.heanor-loscoe.example") is None


def test_the_usual_tricks():
    assert link_problem("javascript:alert(1)") is not None
    assert link_problem(" JavaScript:alert(1)") is not None
    assert link_problem("data:text/html,<script>") is not None
    assert link_problem("https://heanor.example/a b") == "a web address has no spaces in it"
