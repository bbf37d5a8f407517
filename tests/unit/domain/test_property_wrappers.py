"""Property tests: wrappers, encodings and look-alike alphabets don't let a promotion through."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.guard_support import check
from tests.hypothesis_profiles import examples

HANDLES = ["CllrAnnBaker", "RajPatelHeanor", "MarkBrownCllr", "GraceFielding", "KevOBrienHeanor"]
WRAPPERS = ["{}", "({})", '"{}"', "“{}”", "«{}»", "[{}]", "**{}**", "_{}_", "<{}>", "{}…", "—{}"]
INVISIBLE = ["\u200b", "\u2060", "\u00ad", "\u3164", "\u2800", "\u180e", "\ufe0f"]


def _alphabet(text: str, offset: int) -> str:
    """``text`` in a mathematical alphabet (bold, sans-serif, script, ...)."""
    out = []
    for ch in text:
        if "A" <= ch <= "Z":
            out.append(chr(offset + ord(ch) - ord("A")))
        elif "a" <= ch <= "z":
            out.append(chr(offset + 26 + ord(ch) - ord("a")))
        else:
            out.append(ch)
    return "".join(out)


@settings(max_examples=examples(150), deadline=None, database=None)
@given(
    handle=st.sampled_from(HANDLES),
    wrapper=st.sampled_from(WRAPPERS),
    alphabet=st.sampled_from([0, 0x1D400, 0x1D5A0, 0x1D5D4, 0x1D670, 0xFF21]),
    invisible=st.sampled_from(["", *INVISIBLE]),
    at=st.integers(1, 8),
)
def test_wrapped_mention_stays_blocked(
    handle: str, wrapper: str, alphabet: int, invisible: str, at: int
) -> None:
    if alphabet == 0xFF21:  # fullwidth: lower case starts at 0xFF41, not after 'Z'
        body = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in handle)
    else:
        body = _alphabet(handle, alphabet) if alphabet else handle
    body = body[:at] + invisible + body[at:]
    assert check("Thanks " + wrapper.format("@" + body) + " today").outcome == "block"


@settings(max_examples=examples(150), deadline=None, database=None)
@given(
    handle=st.sampled_from(HANDLES),
    wrapper=st.sampled_from(WRAPPERS),
    encode=st.sampled_from(["none", "path", "whole", "twice"]),
    host=st.sampled_from(["x.com", "twitter.com", "mobile.twitter.com", "www.x.com"]),
    tail=st.sampled_from(["", "/", "/status/1?s=20", "?lang=en#x"]),
)
def test_encoded_link_stays_blocked(
    handle: str, wrapper: str, encode: str, host: str, tail: str
) -> None:
    url = f"https://{host}/{handle}{tail}"
    if encode == "path":
        url = f"https://{host}/" + quote(handle, safe="").replace("a", "%61") + tail
    elif encode == "whole":
        url = quote(url, safe="")
    elif encode == "twice":
        url = "https://l.facebook.com/l.php?u=" + quote(quote(url, safe=""), safe="")
    assert check("See " + wrapper.format(url) + " now").outcome == "block"


@settings(max_examples=examples(300), deadline=None, database=None)
@given(
    text=st.text(max_size=80) | st.text(alphabet="@#%/.:?=&_-’ x.comCllrAnBake\u200b", max_size=60)
)
def test_any_text_is_checked_and_spans_fit(text: str) -> None:
    for finding in check(text).findings:
        assert 0 <= finding.start <= finding.end <= len(text)
