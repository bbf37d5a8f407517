"""The register's terms and account keys, folded in bulk: one pass over all names at once."""

from __future__ import annotations

import re
from collections.abc import Sequence

from guard.domain.guard.matching.search_terms import Term, words
from guard.domain.guard.register import Councillor
from guard.domain.text.normalise import fold_text

# Items are folded joined by a separator that folding keeps; a register whose names contain
# it (or fold to it) is folded item by item instead.
_SEP = "^"
_RUNS = re.compile(" {2,}")


class _Gaps(dict[int, str]):
    """A str.translate table: word characters and the separator stay, others become ' '."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = self[code] = char if char.isalnum() or char == _SEP else " "
        return value


_GAPS = _Gaps()
_JOINERS = re.compile(r"[\-'’‘`]")
_PLAIN_FACEBOOK = re.compile(r"(?:https?://)?(?:www\.|m\.)?facebook\.com/([\w.]+)/?", re.I)


def spaced_words(items: Sequence[str]) -> list[str]:
    """``" ".join(words(item))`` for every item, in a few passes over one long string."""
    if not items:
        return []
    joined = _RUNS.sub(" ", fold_text(_SEP.join(items)).translate(_GAPS))
    out = joined.replace(" ^", "^").replace("^ ", "^").strip(" ").split(_SEP)
    if len(out) != len(items):
        return [" ".join(words(item)) for item in items]
    return out


def folded(items: Sequence[str]) -> list[str]:
    """``fold_text(item)`` for every item, in one pass."""
    out = fold_text(_SEP.join(items)).split(_SEP) if items else []
    return out if len(out) == len(items) else [fold_text(item) for item in items]


Entry = tuple[int, int, Term]


class Terms:
    """Every councillor's words for the word stream, run-together forms and account keys."""

    def __init__(self, people: Sequence[Councillor]) -> None:
        self.stream: dict[str, list[Entry]] = {}  # ' ann baker ' -> entries
        self.compact: dict[str, list[Term]] = {}  # 'annbaker' -> terms
        self.name_words: set[str] = set()
        self.first: dict[str, list[Term]] = {}  # 'ann' -> terms of councillors called Ann
        self._names(people)
        self.handles: dict[str, int] = {}  # X handle -> councillor
        self.insta: dict[str, int] = {}  # Instagram name -> councillor
        self.accounts = self._accounts(people)

    def add(self, term: str, value: Term) -> None:
        key = f" {term} "
        entry = (len(key), term.count(" ") + 1, value)
        found = self.stream.get(key)
        if found is None:
            self.stream[key] = [entry]
        elif entry not in found:
            found.append(entry)

    def _names(self, people: Sequence[Councillor]) -> None:
        # Four items to fold per name: the name, without joiners, the surname, without joiners.
        rows: list[tuple[Term, Term, bool]] = []
        items: list[str] = []
        handles: list[Term] = []
        handle_items: list[str] = []
        make = tuple.__new__  # Term(...) without NamedTuple's Python-level __new__
        for i, c in enumerate(people):
            name_term, surname_term = make(Term, ("name", i, c.name)), None
            for name in (c.name, *c.aliases):
                parts = name.split()
                if len(parts) == 1 and len(name) < 3:
                    continue  # a lone one- or two-letter alias would match everywhere
                surname_term = surname_term or make(Term, ("surname", i, c.name))
                joins = _JOINERS.search(name) is not None
                rows.append((name_term, surname_term, joins))
                surname = parts[-1] if len(parts) > 1 else ""
                if joins:
                    items += (name, _JOINERS.sub("", name), surname, _JOINERS.sub("", surname))
                else:
                    items += (name, "", surname, "")
            for handle in (*c.x_handles, *c.instagram):
                handles.append(make(Term, ("handle-word", i, c.name)))
                handle_items.append(handle)
        every = spaced_words(items)
        self.name_words.update(" ".join(every[0::4]).split())
        spaced = iter(every)
        stream, compact = self.stream, self.compact
        for (name_term, surname_term, joins), full, joined, surname, surname_joined in zip(
            rows, spaced, spaced, spaced, spaced, strict=False
        ):
            if joins:  # 'O'Neill' as 'O Neill' and 'ONeill'
                variants = [v for v in dict.fromkeys((full, joined)) if v]
                pairs = [(v, name_term) for v in variants]
                pairs += [(v, surname_term) for v in dict.fromkeys((surname, surname_joined))]
                squeezed = variants[-1].replace(" ", "") if variants else ""
                last = surname_joined or surname
            else:
                pairs = [(full, name_term), (surname, surname_term)]
                squeezed, last = full.replace(" ", ""), surname
            for term, value in pairs:
                if not term:
                    continue
                key = f" {term} "
                entry = (len(key), term.count(" ") + 1, value)
                found = stream.get(key)
                if found is None:
                    stream[key] = [entry]
                elif found[-1] != entry:  # one councillor's entries are added together
                    found.append(entry)
            if len(squeezed) >= 5:
                compact.setdefault(squeezed, []).append(name_term)
            if last:
                compact.setdefault(last.replace(" ", ""), []).append(surname_term)
        for value, term in zip(handles, spaced_words(handle_items), strict=True):
            self.add(term, value)
        self._other_forms(people)

    def _other_forms(self, people: Sequence[Councillor]) -> None:
        """'Baker, Ann' and ballot-paper 'BAKER Ann' (the surname first) as names; the first
        or known-as name alone, which names a person after a title ('Cllr Ann')."""
        make = tuple.__new__
        values: list[Term] = []
        items: list[str] = []
        for i, c in enumerate(people):
            for name in (c.name, *c.aliases):
                parts = name.split()
                if len(parts) < 2:
                    continue
                values.append(make(Term, ("name", i, c.name)))
                items.append(" ".join((parts[-1], *parts[:-1])))
                values.append(make(Term, ("first", i, c.name)))
                items.append(parts[0])
        for value, term in zip(values, spaced_words(items), strict=True):
            if len(term) < 2:
                continue
            if value.kind == "first":  # looked up only after a title or a vote word
                self.first.setdefault(term, []).append(value)
            else:
                self.add(term, value)

    def _accounts(self, people: Sequence[Councillor]) -> dict[str, int]:
        """Account key -> councillor: 'x:handle', 'facebook:name', 'facebook:id:N', ..."""
        from guard.domain.text.links import resolve

        x_who: list[int] = []
        x_items: list[str] = []
        fb_who: list[int] = []
        fb_items: list[str] = []
        ig_who: list[int] = []
        ig_items: list[str] = []
        accounts: dict[str, int] = {}
        plain = _PLAIN_FACEBOOK.fullmatch
        for i, c in enumerate(people):
            for h in c.x_handles:
                x_who.append(i)
                x_items.append(h)
            for f in c.facebook:
                f = f.strip().lstrip("@")
                page = plain(f)
                if f.isdigit():
                    accounts["facebook:id:" + f] = i
                elif page and not page.group(1).endswith(".php"):
                    fb_who.append(i)
                    fb_items.append(page.group(1))
                else:
                    accounts.update((key, i) for key in resolve(f)[1])
            for name in c.instagram:
                ig_who.append(i)
                ig_items.append(name)
        strip = [x.strip().lstrip("@") for x in (*x_items, *ig_items)]
        keys = folded(strip)
        x_keys, ig_keys = keys[: len(x_items)], keys[len(x_items) :]
        self.handles.update(zip(x_keys, x_who, strict=True))
        self.insta.update(zip(ig_keys, ig_who, strict=True))
        accounts.update(zip(("x:" + k for k in x_keys), x_who, strict=True))
        # Facebook ignores dots in names
        fb_keys = ("facebook:" + k.replace(".", "") for k in folded(fb_items))
        accounts.update(zip(fb_keys, fb_who, strict=True))
        accounts.update(zip(("instagram:" + k for k in ig_keys), ig_who, strict=True))
        return accounts
