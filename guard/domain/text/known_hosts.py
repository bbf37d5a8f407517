"""Web hosts and paths the link reader knows: social sites, their aliases, shorteners."""

from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


SHORTENERS = _set(
    """
    t.co bit.ly bitly.com j.mp tinyurl.com ow.ly buff.ly goo.gl is.gd v.gd tiny.cc rebrand.ly
    shorturl.at cutt.ly lnkd.in t.ly rb.gy bl.ink s.id shorte.st adf.ly dlvr.it ift.tt trib.al
    on.fb.me x.co qr.ae wp.me bit.do tr.im snip.ly po.st db.tt su.pr soo.gd tinu.be clck.ru
    shorturl.gg short.io urlz.fr hubs.ly hubs.la spr.ly mtr.cool linktr.ee fb.watch fb.gg
    aka.ms tiny.one shorturl.com bitly.is lnk.to smarturl.it
    """
)
HOSTS = {
    "x.com": "x.com",
    "twitter.com": "x.com",
    "fxtwitter.com": "x.com",
    "vxtwitter.com": "x.com",
    "fixupx.com": "x.com",
    "nitter.net": "x.com",
    "facebook.com": "facebook.com",
    "fb.com": "facebook.com",
    "fb.me": "facebook.com",
    "m.me": "facebook.com",
    "messenger.com": "facebook.com",
    "instagram.com": "instagram.com",
    "instagr.am": "instagram.com",
    "ig.me": "instagram.com",
    "l.facebook.com": "redirect",
    "lm.facebook.com": "redirect",
    "l.instagram.com": "redirect",
    "google.com": "google",
    "google.co.uk": "google",
}
SUBDOMAINS = ("www.", "m.", "mobile.", "web.", "mbasic.", "touch.", "free.", "business.", "en-gb.")
TLDS = _set(
    """
    com net org uk co io ly me gl gd cc at in to am ee it ai app info biz us eu de fr ie sh so
    gg dev page link site online news tv xyz gov ac nhs sch social blog live id la ru
    """
)
X_RESERVED = _set(
    """
    intent share i home search hashtag explore settings messages notifications compose login
    signup tos privacy download
    """
)
FB_ID_PAGES = _set("profile.php permalink.php story.php photo.php")
FB_NOT_PROFILES = _set(
    """
    groups events watch hashtag photo photo.php sharer sharer.php share.php dialog l.php flx
    login marketplace gaming search help policies pages reel stories
    """
)
IG_NOT_PROFILES = frozenset(["p", "reel", "reels", "explore", "accounts", "tv", "direct"])
