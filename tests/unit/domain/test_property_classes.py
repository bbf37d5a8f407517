"""Property tests, one per open class of evasion: each generates the class, and no
transformation in it turns a blocked or flagged post into an allowed one."""

from __future__ import annotations

import base64
import re
from urllib.parse import quote

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.guard_support import REGISTER, check
from tests.hypothesis_profiles import examples

PEOPLE = [c for c in REGISTER.councillors if " " in c.name]
X = [(c.name, h) for c in REGISTER.councillors for h in c.x_handles]
FB = ["ann.baker.heanor", "MarkBrownForLoscoe", "zoe.hartwilliams", "aisha.rahman.cllr"]
RUN = settings(max_examples=examples(120), deadline=None, database=None)
WORDS = st.sampled_from(["thanks", "for", "everything", "great", "team", "day", "heanor", "rocks"])


@st.composite
def x_address(draw: st.DrawFn) -> str:
    """An X profile as a browser would still open it."""
    handle = draw(st.sampled_from(X))[1]
    host = draw(
        st.sampled_from(
            ["x.com", "twitter.com", "mobile.x.com", "mobile.twitter.com", "xcancel.com",
             "nitter.net", "nitter.example.org", "fixvx.com", "fxtwitter.com", "vxtwitter.com"]
        )
    )  # fmt: skip
    scheme = draw(
        st.sampled_from(["", "https://", "http://", "https:/", "https:", "//", "HTTPS://"])
    )
    user = draw(st.sampled_from(["", "news@", "a:b@"])) if scheme.endswith("//") else ""
    port = draw(st.sampled_from(["", ":443", ":8080"]))
    dots = draw(st.sampled_from(["", "./", "i/../", "a/b/../../"]))
    tail = draw(st.sampled_from(["", "/", "/status/1790000000000000000", "?s=20", "#top"]))
    return f"{scheme}{user}{host}{port}/{dots}{handle}{tail}"


@st.composite
def x_widget(draw: st.DrawFn) -> str:
    handle = draw(st.sampled_from(X))[1]
    host = draw(st.sampled_from(["x.com", "twitter.com", "platform.twitter.com", "mobile.x.com"]))
    form = draw(
        st.sampled_from(
            ["/intent/follow?screen_name={}", "/intent/user?screen_name={}",
             "/widgets/follow_button.html?screen_name={}", "/search?q=from%3A{}",
             "/search?q=%40{}&f=live", "/share?text=hi&via={}"]
        )
    )  # fmt: skip
    return "https://" + host + form.format(handle)


@st.composite
def wrapped(draw: st.DrawFn, inner: str) -> str:
    """``inner`` carried inside other links: any parameter or path segment, percent-encoded
    any number of times or base64-encoded, to a depth of three."""
    link = inner if re.match(r"[a-zA-Z]+:|//", inner) else "https://" + inner
    for _ in range(draw(st.integers(1, 3))):
        how = draw(st.sampled_from(["query", "path", "base64", "base64-path"]))
        name = draw(st.sampled_from(["u", "dest", "to", "r", "target", "x1", "continue"]))
        host = draw(st.sampled_from(["out.example.org", "mail.example.com", "l.facebook.com"]))
        if how.startswith("base64"):
            code = base64.urlsafe_b64encode(link.encode()).decode().rstrip("=")
            link = (
                f"https://{host}/c/{code}"
                if how == "base64-path"
                else f"https://{host}/r?{name}={code}"
            )
        else:
            encoded = link
            for _ in range(draw(st.integers(1, 3))):
                encoded = quote(encoded, safe="")
            link = (
                f"https://{host}/go/{encoded}"
                if how == "path"
                else f"https://{host}/?{name}={encoded}"
            )
    return link


@RUN
@given(link=x_address(), before=st.sampled_from(["Read ", "See: ", "(", "Profile - "]))
def test_x_addresses_stay_blocked(link, before):
    assert check(f"{before}{link} today").outcome == "block"


@RUN
@given(link=x_widget())
def test_widget_intent_and_search_links_stay_blocked(link):
    assert check(f"Follow {link}").outcome == "block"


@RUN
@given(data=st.data())
def test_wrapped_links_stay_blocked(data):
    inner = data.draw(st.one_of(x_address().filter(lambda u: "@" not in u), x_widget()))
    assert check("More: " + data.draw(wrapped(inner))).outcome == "block"


@RUN
@given(
    name=st.sampled_from(FB),
    sub=st.sampled_from(["", "www.", "m.", "de-de.", "en-gb.", "fr-fr.", "business.", "web."]),
    scheme=st.sampled_from(["", "https://", "https:/"]),
)
def test_facebook_sub_hosts_stay_blocked(name, sub, scheme):
    assert check(f"Page: {scheme}{sub}facebook.com/{name}").outcome == "block"


@RUN
@given(number=st.integers(10**6, 10**12), form=st.sampled_from(
    ["https://x.com/i/user/{}", "twitter.com/intent/user?user_id={}",
     "https://www.facebook.com/profile.php?id={}", "facebook.com/{}"]
))  # fmt: skip
def test_numeric_user_links_are_never_allowed(number, form):
    assert check("See " + form.format(number)).outcome != "allow"


@st.composite
def named(draw: st.DrawFn) -> str:
    """A councillor's name in any usual form, disguised any usual way."""
    person = draw(st.sampled_from(PEOPLE))
    first, *_, last = person.name.split()
    form = draw(
        st.sampled_from(
            ["{f} {l}", "{l}, {f}", "{L} {f}", "Cllr {l}", "Coun. {l}", "Cr {l}", "Clr {l}",
             "Councillor {f}", "Mayor {l}", "Deputy Mayor {l}", "Chair {l}", "{i}. {l}"]
        )
    )  # fmt: skip
    text = form.format(f=first, l=last, L=last.upper(), i=first[0])
    how = draw(st.sampled_from(["plain", "spaced", "hashtag", "lines", "rtl"]))
    if how == "spaced":
        return "  ".join(" ".join(part) for part in f"{first} {last}".split())
    if how == "hashtag":
        around = draw(st.lists(WORDS, max_size=2)), draw(st.lists(WORDS, max_size=2))
        name = re.sub(r"[^\w ]", "", f"{first} {last}")  # a hashtag has no apostrophes
        parts = [*around[0], *name.split(), *around[1]]
        return "#" + "".join(p[:1].upper() + p[1:] for p in parts)
    if how == "lines":
        return text.replace(" ", "\n", 1)
    if how == "rtl":
        return "\u202e" + text[::-1] + "\u202c"
    return text


@RUN
@given(name=named(), before=st.sampled_from(["Thanks to ", "Well done ", "Meet ", ""]))
def test_names_in_any_usual_form_are_flagged(name, before):
    assert check(f"{before}{name} at the fete").outcome != "allow"


@RUN
@given(
    vote=st.sampled_from(["Vote", "vote for", "Re-elect", "Elect", "VOTE"]),
    party=st.sampled_from(["Labour", "Green Party", "Reform UK", "Liberal Democrats", "Tories"]),
    middle=st.sampled_from(["", " and keep Heanor", " on 6 May for", " to keep the"]),
)
def test_a_party_in_a_vote_phrase_is_flagged(vote, party, middle):
    assert check(f"{vote}{middle} {party}!").outcome != "allow"


@RUN
@given(person=st.sampled_from(PEOPLE), vote=st.sampled_from(["Vote", "Vote for", "Re-elect"]))
def test_voting_for_a_first_name_or_a_surname_hashtag_is_flagged(person, vote):
    first, *_, last = person.name.split()
    assert check(f"{vote} {first} on Thursday").outcome != "allow"
    tag = re.sub(r"\W", "", last)
    assert check(f"Polls open at 7am #Vote{tag}").outcome != "allow"
