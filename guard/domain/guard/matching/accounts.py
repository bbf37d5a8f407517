"""The register's accounts as the scan looks them up: @handles, links to profiles and websites,
the council's own accounts set aside."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from guard.domain.guard.matching.automaton import Hit
from guard.domain.guard.register import Councillor
from guard.domain.text.links import Link, facebook_key, instagram_key, resolve, x_key
from guard.domain.text.normalise import fold_text

OWN = -2  # ``mentioned``: the council's own account (no hit); -1 is nobody's


class Accounts:
    """Who each account belongs to: profile keys (``accounts``), X and Instagram handles by
    their folded form, and websites by host; none of them the council's own."""

    def __init__(
        self,
        people: Sequence[Councillor],
        own_accounts: Iterable[str],
        keys: dict[str, int],
        handles: dict[str, int],
        insta: dict[str, int],
    ) -> None:
        self.own = {k for a in own_accounts for k in _own_keys(a)}
        self.keys, self.handles, self.insta = keys, handles, insta
        # Websites by host: a sub-domain of a registered site is that site too.
        self.sites: dict[str, list[tuple[str, int]]] = {}
        for i, c in enumerate(people):
            for key in (k for s in c.websites for k in resolve(s)[1] if k.startswith("web:")):
                host, _, path = key[4:].partition("/")
                self.sites.setdefault(host, []).append(("/" + path, i))
        self.own_x = {k[2:] for k in self.own if k[:2] == "x:"}
        self.own_ig = {k[10:] for k in self.own if k[:10] == "instagram:"}
        for key in self.own:
            self.keys.pop(key, None)
            if key.startswith("web:"):
                self.sites.pop(key[4:].split("/")[0], None)
            self.handles.pop(key[2:] if key[:2] == "x:" else "", None)
            self.insta.pop(key[10:] if key[:10] == "instagram:" else "", None)

    def mentioned(self, body: str) -> int:
        """Whose handle the folded body of an @mention is ('cllrannbaker', or 'ann.baker' on
        Instagram): a councillor's index, ``OWN`` for the council's own, or -1."""
        head = body.split(".")[0] if "." in body else body
        if body in self.own_x or head in self.own_x or body in self.own_ig:
            return OWN
        return self.insta.get(body, self.handles.get(body, self.handles.get(head, -1)))

    def link_hits(self, links: list[Link]) -> Iterator[Hit]:
        """The accounts ``links`` lead to, and the links whose target can't be checked."""
        for link in links:
            if link.shortener:
                yield Hit("shortener", link.start, link.end, link.text, -1, link.url)
            unresolved = False
            for target in link.targets:
                if target.startswith("unresolved:"):
                    # a numeric profile: unverifiable unless it is a registered account
                    key = target[11:]
                    unresolved |= key not in self.keys and key not in self.own
                    continue
                if target in self.own:
                    continue
                who = self.keys.get(target, -1)
                if who < 0 and target.startswith("web:"):
                    who = self._site(target[4:])
                if who < 0 and target.startswith("web:"):
                    who = self._handle_in_path(target[4:])
                if who >= 0:
                    yield Hit("account", link.start, link.end, link.text, who, target)
            if unresolved and not link.shortener:
                yield Hit("shortener", link.start, link.end, link.text, -1, link.url)
            if link.shortener and (who := self._handle_in_path(link.url)) >= 0:
                yield Hit("account", link.start, link.end, link.text, who, link.url)

    def _handle_in_path(self, address: str) -> int:
        """A registered handle as a path segment of any other site ('threads.net/@Name',
        'linktr.ee/Name'): the same person's profile there."""
        for segment in address.split("/")[1:]:
            key = fold_text(segment.lstrip("@"))
            if len(key) >= 4:
                who = self.handles.get(key, self.insta.get(key, -1))
                if who >= 0 and key not in self.own_x and key not in self.own_ig:
                    return who
        return -1

    def _site(self, address: str) -> int:
        """The councillor whose website ``address`` is on: the host or any parent of it."""
        host, _, path = address.partition("/")
        labels = host.split(".")
        for k in range(len(labels) - 1):
            for prefix, who in self.sites.get(".".join(labels[k:]), ()):
                if ("/" + path).startswith(prefix):
                    return who
        return -1


def _own_keys(account: str) -> Iterable[str]:
    """The keys of one of the council's own accounts, a link or a bare handle."""
    if "/" in account or "." in account.lstrip("@").split("?")[0][1:-1]:
        return resolve(account)[1]
    return (x_key(account), instagram_key(account), facebook_key(account))
