"""Links: found with or without a scheme, canonicalised, unwrapped, shorteners spotted."""

from __future__ import annotations

import pytest

from guard.domain.text.links import find_links

CASES = [
    ("https://www.facebook.com/profile.php?id=100012345678", "facebook:id:100012345678"),
    ("facebook.com/people/Rajesh-Patel/100012345678", "facebook:id:100012345678"),
    ("facebook.com/p/Raj-Patel-100012345678/", "facebook:id:100012345678"),
    ("fb.com/ann.baker.heanor", "facebook:annbakerheanor"),
    ("https://mbasic.facebook.com/ann.baker.heanor/posts/1", "facebook:annbakerheanor"),
    ("twitter.com/MarkBrownCllr", "x:markbrowncllr"),
    ("https://mobile.twitter.com/markbrowncllr/status/1", "x:markbrowncllr"),
    ("x.com/intent/user?screen_name=MarkBrownCllr", "x:markbrowncllr"),
    ("https://twitter.com/share?url=x&via=MarkBrownCllr", "x:markbrowncllr"),
    ("https://l.facebook.com/l.php?u=https%3A%2F%2Fx.com%2FMarkBrownCllr", "x:markbrowncllr"),
    ("google.com/url?q=https%3A%2F%2Fx.com%2FMarkBrownCllr", "x:markbrowncllr"),
    ("https://www.instagram.com/jo.king.lma/", "instagram:jo.klng.lma"),
]


@pytest.mark.parametrize(("text", "key"), CASES)
def test_link_leads_to_profile(text: str, key: str) -> None:
    (link,) = find_links(f"See {text}.")
    assert key in link.targets
    assert link.text == text


@pytest.mark.parametrize("host", ["t.co", "bit.ly", "tinyurl.com", "ow.ly", "buff.ly", "is.gd"])
def test_shorteners_are_unverifiable(host: str) -> None:
    (link,) = find_links(f"More: {host}/aBc123")
    assert link.shortener and not link.targets


@pytest.mark.parametrize("text", ["e.g. this", "i.e. that", "at 10.30am", "St.John", "Mr.Smith"])
def test_prose_is_not_a_link(text: str) -> None:
    assert find_links(text) == []


def test_markdown_and_angle_brackets_are_trimmed() -> None:
    links = find_links("[a](https://x.com/Foo) <https://x.com/Bar> (x.com/Baz).")
    assert [link.text for link in links] == ["https://x.com/Foo", "https://x.com/Bar", "x.com/Baz"]


def test_the_suffix_list_has_the_rules_the_library_makes() -> None:
    from publicsuffixlist import PublicSuffixList

    from guard.domain.text.link_parts import _suffixes

    ours, theirs = _suffixes(), PublicSuffixList(accept_unknown=False)
    assert ours._publicsuffix == theirs._publicsuffix and ours._maxlabel == theirs._maxlabel
    for host in ("blog.gracefielding.org.uk", "a.b.kobe.jp", "city.kobe.jp", "xn--p1ai", "x.рф"):
        assert ours.privatesuffix(host) == theirs.privatesuffix(host)
