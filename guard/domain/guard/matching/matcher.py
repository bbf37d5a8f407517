"""The register compiled once into automata, and a scan of a post that costs its length."""

from __future__ import annotations

from collections.abc import Iterator

from guard.domain.guard.matching.accounts import OWN, Accounts
from guard.domain.guard.matching.automaton import Hit, affixed, build_automaton, prune
from guard.domain.guard.matching.campaigning import electioneering
from guard.domain.guard.matching.disguises import (
    display_order,
    joined_lines,
    spaced_runs,
    three_letters,
)
from guard.domain.guard.matching.mentions import (
    COMPOUND,
    FILLERS,
    UNFILL,
    camel_spans,
    case_step_outside,
    sigils,
    terms_inside_mentions,
)
from guard.domain.guard.matching.phrases import (
    Found,
    Words,
    first_names,
    people,
    promoted,
)
from guard.domain.guard.matching.register_terms import Terms
from guard.domain.guard.matching.search_terms import (
    PLURAL_TITLES,
    TITLES,
    Term,
    campaign_terms,
    party_terms,
    words,
)
from guard.domain.guard.matching.word_positions import WordPositions
from guard.domain.guard.register import Register
from guard.domain.text.links import find_links
from guard.domain.text.normalise import (
    SAME_OFFSETS,
    Folded,
    blank_non_words,
    camel_words,
    fold,
    fold_text,
    word_stream,
)

_new = tuple.__new__  # a named tuple from all its fields: half the cost of its class's call
_NAMES = frozenset({"name", "titled", "handle-word"})
_FOLDED_TITLES = frozenset(fold_text(t) for t in TITLES) | PLURAL_TITLES
_LONGEST_COMPACT = 60
_TITLE_WORDS = tuple(fold_text(t) for t in TITLES[:4])
_BARE = frozenset({"", *(fold_text(t) for t in TITLES)})
_VOTE_AFFIXES = frozenset(fold_text(a) for a in ("vote", "votefor", "vote4", "reelect", "elect"))
_CAMPAIGN_AFFIXES = _VOTE_AFFIXES | {fold_text(a) for a in ("back", "support", "team", "go")}


class Matcher:
    """Everything the guard looks for in one register, compiled for fast scans."""

    def __init__(self, register: Register) -> None:
        people = register.councillors
        self.register = register
        terms = Terms(people)
        self.accounts = Accounts(
            people, register.own_accounts, terms.accounts, terms.handles, terms.insta
        )
        self.name_words = frozenset(terms.name_words)
        self.first = terms.first
        parties = {c.party for c in people if c.party}
        for term, value in (*party_terms(parties), *campaign_terms()):
            terms.add(term, value)
        # Run-together forms (#AnnBaker) are looked up by substring of each hashtag, which
        # costs the hashtag's length squared (capped), not the register's size.
        self.compact = terms.compact
        for term, value in (("".join(t.split()), v) for t, v in party_terms(parties)):
            self.compact.setdefault(term, []).append(value)
        self.words = build_automaton(terms.stream)

    def scan(self, text: str) -> list[Hit]:
        """Every hit in ``text``: accounts, tags, names, parties, electioneering, short links."""
        folded = fold(text)
        spaced = blank_non_words(folded.text)
        stream = word_stream(spaced)
        known: dict[int, int] = {}
        found = self._stream_terms(stream, known)
        plain = (
            self._plain(text, folded, spaced, stream, (found, known)) if text.isascii() else None
        )
        if plain is not None:
            return plain
        mentions: list[tuple[int, int, int]] = []
        compounds = self._compounds(text, folded, mentions)
        ft = folded.text
        if text.isascii() and "." not in ft and "/" not in ft and "%" not in ft and "dot" not in ft:
            hits = list(compounds)  # no link: find_links needs a dot, '//', '%' or a 'dot'
        else:
            hits = self._links(text) + compounds
        hits += self._words(folded, spaced, stream, compounds, mentions, (found, known))
        if not text.isascii() and FILLERS.search(text):
            # Blank fillers (Hangul, Braille) read as spaces or as nothing: try both.
            hidden = fold(text.translate(UNFILL))
            hits += (
                h._replace(text=text[h.start : h.end])
                for h in (*self._compounds(text, hidden), *self._words(hidden))
            )
        if "\n" in text or "\u202e" in text or three_letters(stream):
            hits += self._disguised(text, folded, stream)
        return prune(hits) if len(hits) > 1 else hits

    def _plain(
        self,
        text: str,
        folded: Folded,
        spaced: str,
        stream: str,
        terms: tuple[list[tuple[int, int, Term]], dict[int, int]],
    ) -> list[Hit] | None:
        """The hits of a plain ASCII post, read in one short pass, or None where the full
        reading is needed. Plain: nothing a link, a hashtag, a second reading or a camel-case
        name could come from; every @mention a registered (or the council's own) handle; and
        every term the words hold inside such a mention. Most posts are plain: their hits are
        the accounts mentioned (tests/unit check this against the full reading)."""
        ft = folded.text
        if (
            folded.chars is not SAME_OFFSETS
            or folded.pairs is not SAME_OFFSETS
            or "." in ft
            or "/" in ft
            or "%" in ft
            or "#" in ft
            or "|" in text  # folds to 'l': a word character that was not one
            or "\n" in text
            or "dot" in ft
            or three_letters(stream)
        ):
            return None
        hits: list[Hit] = []
        mentions: list[tuple[int, int, int]] = []
        at = ft.find("@")
        while at >= 0:
            match = COMPOUND.match(ft, at)
            if match is None:
                at = ft.find("@", at + 1)
                continue
            end, body = match.end(), match.group(1)
            if end - at != len(body) + 1:
                return None  # '@ Name': the words after the space are read as written
            who = self.accounts.mentioned(body)
            if who == -1:
                return None  # an unregistered @mention may spell a name
            if who != OWN:  # the council's own account: no hit
                hits.append(_new(Hit, ("account", at, end, text[at:end], who, "@" + body)))
            mentions.append((at, end, who))
            at = ft.find("@", end)
        if case_step_outside(text, mentions):
            return None  # a name run together outside a mention ('AnnBaker')
        found, known = terms
        if found and not (
            mentions and terms_inside_mentions(found, known, spaced, stream, mentions)
        ):
            return None
        return prune(hits) if len(hits) > 1 else hits

    def _disguised(self, text: str, folded: Folded, stream: str) -> Iterator[Hit]:
        """Hits in the other readings of ``text``: letters spaced out, words joined across
        lines, and right-to-left overrides in the order they are displayed."""
        for lo, hi in spaced_runs(folded.text, stream):
            start, end = folded.span(lo, hi)
            body = text[start:end]
            yield from self._compound_names(body, start, end, body, "spaced")
        if (joined := joined_lines(text)) is not None:
            again = fold(joined)
            for h in (*self._compounds(joined, again), *self._words(again)):
                yield h._replace(text=text[h.start : h.end])
        if (shown := display_order(text)) is not None:
            display, spans = shown
            again = fold(display)
            for h in (*self._links(display), *self._compounds(display, again), *self._words(again)):
                # a hit inside a reversed stretch is reported over the whole stretch
                for lo, hi in spans:
                    if lo < h.end and h.start < hi:
                        h = h._replace(start=min(lo, h.start), end=max(hi, h.end))
                yield h._replace(text=text[h.start : h.end])

    def _links(self, text: str) -> list[Hit]:
        links = find_links(text)
        return list(self.accounts.link_hits(links)) if links else []

    def _stream_terms(
        self, stream: str, known: dict[int, int] | None = None
    ) -> list[tuple[int, int, Term]]:
        """(first word, number of words, term) for every term in ``stream``, a list of words
        as ``" " + " ".join(words) + " "``; ``known`` gets each term's first word's position
        in the stream."""
        # A term starts a word; its word's number is the spaces before it, less the padding,
        # counted on from the last hit's (hits come by end, so a step back is at most a term
        # long): the whole scan costs the stream's length, and a text without hits nothing.
        found = []
        last_at, last_k = 1, 0
        for end, entries in self.words.iter(stream):
            for length, count, term in entries:
                at = end - length + 2
                if at >= last_at:
                    k = last_k + stream.count(" ", last_at, at)
                else:
                    k = last_k - stream.count(" ", at, last_at)
                last_at, last_k = at, k
                found.append((k, count, term))
                if known is not None:
                    known[k] = at
        return found

    def _words(
        self,
        folded: Folded,
        spaced: str = "",
        stream: str = "",
        compounds: list[Hit] | None = None,
        mentions: list[tuple[int, int, int]] | None = None,
        terms: tuple[list[tuple[int, int, Term]], dict[int, int]] | None = None,
    ) -> list[Hit]:
        """Names, titles and campaign phrases in the word stream (``spaced`` and ``stream``
        as ``scan`` makes them, or made here; ``terms``: the terms found in it, and where). A
        tagged handle inside an @mention the ``compounds`` found as the account is left out:
        pruning would drop it (an account outranks a tag on the same councillor). When every
        term found is a handle or name inside such a mention (``mentions``: its span in the
        folded text, and the councillor), nothing here can outlast pruning: no more is
        worked out."""
        if not stream:
            spaced = blank_non_words(folded.text)
            stream = word_stream(spaced)
        if terms is None:
            known: dict[int, int] = {}
            terms = self._stream_terms(stream, known), known
        found, known = terms
        if not found:
            return []
        if mentions and terms_inside_mentions(found, known, spaced, stream, mentions):
            return []
        starts = WordPositions(spaced, stream, known)
        accounts = [(h.start, h.end, h.who) for h in compounds or () if h.kind == "account"]
        return list(self._named(folded, stream.split(), found, starts, accounts))

    def _named(
        self,
        folded: Folded,
        tokens: list[str],
        found: list[tuple[int, int, Term]],
        starts: WordPositions,
        accounts: list[tuple[int, int, int]],
    ) -> Iterator[Hit]:
        """The hits the terms ``found`` in ``tokens`` make: people named, campaigning."""
        found += first_names(tokens, found, self.first)
        original = folded.original

        def hit(kind: str, first: int, last: int, who: int = -1, detail: str = "") -> Hit:
            at = starts[first] - (kind == "tag")  # a tag's span starts at its '@'
            start, end = folded.span(at, starts[last] + len(tokens[last]))
            return Hit(kind, start, end, original[start:end], who, detail)

        def gap(i: int, j: int) -> str:
            return folded.text[starts[i] + len(tokens[i]) : starts[j]]

        def capital(k: int) -> bool:
            start = folded.span(starts[k], starts[k] + 1)[0]
            return original[start : start + 1].isupper()

        words = Words(tokens, [Found(*f) for f in found], gap, capital, self.name_words)
        named = people(words)
        for k, n, t in named:
            at = starts[k]
            tagged = at > 0 and folded.text[at - 1] == "@"
            if t.kind == "handle-word" and not tagged and promoted(tokens, k, n):
                yield hit("name", k, k + n - 1, t.who, t.kind)._replace(kind="tag")
                continue
            found_hit = hit("tag" if tagged else "name", k, k + n - 1, t.who, t.kind)
            if tagged and accounts and _within(found_hit, accounts):
                continue
            yield found_hit
        yield from electioneering(words, named, hit)

    def _compounds(
        self, text: str, folded: Folded, mentions: list[tuple[int, int, int]] | None = None
    ) -> list[Hit]:
        """Hashtags and @mentions: registered handles, and names run together (#VoteJoKing);
        ``mentions`` gets each account's @mention as (start, end) in the folded text and who."""
        found: list[Hit] = []
        tagged = "@" in folded.text or "#" in folded.text
        for match in sigils(folded.text) if tagged else ():
            at, after = match.span()
            start, end = folded.span(at, after)
            raw, body = text[start:end], match.group(1)
            if folded.text[at] == "@":
                # the body is folded already, as the keys are (folding twice changes nothing)
                who = self.accounts.mentioned(body)
                if who == OWN:
                    continue
                if who >= 0:
                    if mentions is not None:
                        mentions.append((at, after, who))
                    found.append(Hit("account", start, end, raw, who, "@" + body))
                    continue
                found += self._compound_names(raw[1:], start, end, raw, "name")
            else:
                found += self._compound_names(raw[1:], start, end, raw, "hashtag")
        for start, end in camel_spans(text):
            body = text[start:end]
            found += self._compound_names(body, start, end, body, "camel")
        return found

    def _compound_names(
        self, body: str, start: int, end: int, raw: str, kind: str
    ) -> Iterator[Hit]:
        camel = [w for part in camel_words(body) for w in words(part)]
        seen: set[int] = set()
        out = "name" if kind in ("camel", "spaced") else kind
        untitled = [w for w in camel if w not in _FOLDED_TITLES]
        for _, count, term in self._stream_terms(" " + " ".join(camel) + " "):
            if term.kind in _NAMES and term.who not in seen:
                seen.add(term.who)
                exact = kind == "name" and count >= len(untitled)
                yield Hit("tag" if exact else out, start, end, raw, term.who, term.kind)
        squeezed = "".join(words(body))[:_LONGEST_COMPACT]
        for first in range(len(squeezed)):
            for last in range(first + 2, len(squeezed)):
                for term in self.compact.get(squeezed[first : last + 1], ()):
                    prefix, suffix = squeezed[:first], squeezed[last + 1 :]
                    if not (affixed(prefix) and affixed(suffix)):
                        continue
                    titled = term.kind == "surname" and prefix.endswith(_TITLE_WORDS)
                    # a surname spelt out letter by letter is hidden on purpose: a name
                    spelt = kind == "spaced" and term.kind == "surname"
                    voted = term.kind == "surname" and (
                        prefix.rstrip("0123456789") in _CAMPAIGN_AFFIXES
                        or (suffix.startswith(("for", "4")) and len(suffix) > 3)
                    )  # '#VoteBaker', '#TeamBaker', '#BakerForHeanor'

                    if voted and term.who not in seen:  # '#VoteFielding'
                        seen.add(term.who)
                        yield Hit("electioneering", start, end, raw, term.who, "vote")
                    elif (term.kind in _NAMES or titled or spelt) and term.who not in seen:
                        seen.add(term.who)
                        exact = kind == "name" and {prefix, suffix} <= _BARE and not titled
                        yield Hit("tag" if exact else out, start, end, raw, term.who, term.kind)
                    elif (
                        term.kind.startswith("party")
                        and prefix.rstrip("0123456789") in _VOTE_AFFIXES
                    ):
                        yield Hit("electioneering", start, end, raw, -1, term.label)


def _within(hit: Hit, accounts: list[tuple[int, int, int]]) -> bool:
    """Whether an account hit on the same councillor spans ``hit``."""
    return any(s <= hit.start and hit.end <= e and w == hit.who for s, e, w in accounts)


_CACHE: dict[str, Matcher] = {}


def matcher_for(register: Register) -> Matcher:
    """The matcher for this register version, built on first use and then reused."""
    matcher = _CACHE.get(register.version)
    if matcher is None:  # the version names the content: equal versions, equal registers
        if len(_CACHE) >= 4:
            _CACHE.pop(next(iter(_CACHE)))
        matcher = _CACHE[register.version] = Matcher(register)
    return matcher
