"""Property tests: no evasion transformation turns a blocked post into one that isn't."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.guard_support import check
from tests.hypothesis_profiles import examples

HANDLES = ["CllrAnnBaker", "RajPatelHeanor", "MarkBrownCllr", "GraceFielding", "LiWei_Cllr"]
FACEBOOK = ["ann.baker.heanor", "MarkBrownForLoscoe", "zoe.hartwilliams", "aisha.rahman.cllr"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\ufe0f", "\u034f"]
CONFUSABLE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "l": "I", "p": "\u0440"}


@st.composite
def disguised(draw: st.DrawFn, word: str) -> str:
    """``word`` with its case changed, invisibles inserted and letters swapped for look-alikes."""
    out = []
    for ch in word:
        if draw(st.booleans()):
            ch = ch.swapcase()
        if draw(st.integers(0, 4)) == 0 and ch.lower() in CONFUSABLE:
            ch = CONFUSABLE[ch.lower()]
        out.append(ch)
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    return "".join(out)


@st.composite
def x_link(draw: st.DrawFn) -> str:
    handle = draw(st.sampled_from(HANDLES))
    scheme = draw(st.sampled_from(["", "http://", "https://", "HTTPS://"]))
    host = draw(st.sampled_from(["x.com", "twitter.com"]))
    sub = draw(st.sampled_from(["", "www.", "m.", "mobile."]))
    path = draw(st.sampled_from([handle, quote(handle, safe=""), handle.lower(), handle.upper()]))
    tail = draw(st.sampled_from(["", "/", "/status/1790000000000000000", "/photo/1"]))
    query = draw(st.sampled_from(["", "?s=20", "?ref_src=twsrc%5Etfw", "#top", "?a=1#b"]))
    url = f"{scheme}{sub}{host}/{path}{tail}{query}"
    if draw(st.booleans()):
        url = "https://l.facebook.com/l.php?u=" + quote("https://" + url.split("://")[-1], safe="")
    return draw(st.sampled_from(["{}", "({}).", "[profile]({})", "<{}>", "{}!", "{},"])).format(url)


@st.composite
def facebook_link(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(FACEBOOK))
    sub = draw(st.sampled_from(["", "www.", "m.", "mobile.", "web.", "mbasic."]))
    host = draw(st.sampled_from(["facebook.com", "fb.com"]))
    tail = draw(st.sampled_from(["", "/", "/posts/123", "/photos/a.1/2"]))
    query = draw(st.sampled_from(["", "?ref=share", "#x", "?mibextid=ZbWKwL"]))
    scheme = draw(st.sampled_from(["", "https://"]))
    url = f"{scheme}{sub}{host}/{name.upper() if draw(st.booleans()) else name}{tail}{query}"
    if draw(st.booleans()):
        url = "https://www.facebook.com/sharer/sharer.php?u=" + quote(url, safe="")
    return url + draw(st.sampled_from(["", ".", ")", "!"]))


@settings(max_examples=examples(200), deadline=None, database=None)
@given(
    handle=st.sampled_from(HANDLES).flatmap(disguised),
    before=st.sampled_from(["Thanks ", "RT ", ""]),
)
def test_disguised_mention_stays_blocked(handle: str, before: str) -> None:
    assert check(f"{before}@{handle} for your help").outcome == "block"


@settings(max_examples=examples(200), deadline=None, database=None)
@given(link=x_link())
def test_x_link_variants_stay_blocked(link: str) -> None:
    assert check(f"Read this {link} today").outcome == "block"


@settings(max_examples=examples(200), deadline=None, database=None)
@given(link=facebook_link())
def test_facebook_link_variants_stay_blocked(link: str) -> None:
    assert check(f"Read this {link} today").outcome == "block"


@settings(max_examples=examples(150), deadline=None, database=None)
@given(name=st.sampled_from(["Ann Baker", "Grace Fielding", "Siobhan O'Neill"]).flatmap(disguised))
def test_disguised_name_is_never_allowed(name: str) -> None:
    assert check(f"{name} opened the new play area").outcome != "allow"
