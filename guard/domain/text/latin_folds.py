"""The matching form of Latin-1, Latin Extended-A and B and general punctuation, written out.

Names such as 'Zoë', 'Siân' and "O’Neill" are common in a register: folding them from this
table means a check never loads the 900 KB confusables table for them (most of a `guard check`
start-up when it did). Generated from ``fold_char``: ``python -m guard.domain.text.latin_folds``
prints it again; tests/unit/domain/test_text.py checks every entry against ``fold_char``.
"""

from __future__ import annotations

RANGES = ((0xA0, 0x250), (0x2000, 0x2070))
_MANY = "\x00"  # in the strings: folds to none or several, listed after them (_OTHER: in both)

_SKELETON = (
    " \xa1c\xa3\xa4y\xa6\xa7 \xa9a\xab\xac\x00\xae \xb0\xb123 \u03bc\xb6\xb7 lo\xbb\x00\x00"
    "\x00\xbfaaaaaa\x00ceeeelllldnoooooxouuuuy\xfe\x00aaaaaa\x00ceeeellll\u2202nooooo\xf7ouuu"
    "uy\xfeyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhllllllllll\x00\x00jjkk\u0138llllll\x00"
    "\x00llnnnnnn\x00\u014b\u014boooooo\x00\x00rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzsb"
    "\x00bbb\u0185\u0254\x00\u0188d\x00ddg\u01dd\u01dd\ua793ff\x00y\u0195ll\x00kl\u019bwnnooo"
    "\u01a3\u01a3\x00pr2\u01a8\u0283\u01aa\u01ab\x00ttuu\u028au\x00yzz3\u01b9\u01b9\u01ba25s"
    "\u01be\xfel\x00\u01c2!\x00\x00\x00\x00\x00\x00\x00\x00\x00aalloouuuuuuuuuu\u01ddaaaa\x00"
    "\x00ggggkkoooo3\u021dj\x00\x00\x00gg\u0195\xfennaa\x00\x00ooaaaaeeeelllloooorrrruuuusstt"
    "3\u021dhhn\u022188zzaaeeooooooooyy\u0234\u0235\u0236\u0237\u0238\u0239\u2c65cclt\u023f"
    "\u0240?\u0242bu\u028ceejj\u024b\u024brryy           \x00\x00\x00\x00\x00------\x00 ''''"
    "\x00\x00\u201e\x00\u2020\u2021\xb7\u2023.\x00\x00\xb7  \x00\x00\x00\x00\x00 \x00\x00'"
    "\x00\x00'\x00\x00\u2038<>\u203b\x00\u203d \u203f\u2040/\u2042-/\u2045\u2046\x00\x00\x00"
    "\u204a\u204b\u204c\u204d*\u204f\u2050\u2051\x00~\u2054\u2055\u2056\x00\u2058\u2059:"
    "\u205b\u205c\u2d57\u2d42 \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00"
)
_PLAIN = (
    " \xa1\xa2\xa3\xa4\xa5\xa6\xa7 \xa9a\xab\xac\x00\xae \xb0\xb123 \u03bc\xb6\xb7 1o\xbb\x00"
    "\x00\x00\xbfaaaaaa\xe6ceeeeiiii\xf0nooooo\xd7\xf8uuuuy\xfe\x00aaaaaa\xe6ceeeeiiii\xf0noo"
    "ooo\xf7\xf8uuuuy\xfeyaaaaaaccccccccdd\u0111\u0111eeeeeeeeeegggggggghh\u0127\u0127iiiiiii"
    "ii\u0131\x00\x00jjkk\u0138llllll\x00\x00\u0142\u0142nnnnnn\x00\u014b\u014boooooo\u0153"
    "\u0153rrrrrrsssssssstttt\u0167\u0167uuuuuuuuuuuuwwyyyzzzzzzs\u0180\u0253\u0183\u0183"
    "\u0185\u0185\u0254\u0188\u0188\u0256\u0257\u018c\u018c\u018d\u01dd\u0259\u025b\u0192"
    "\u0192\u0260\u0263\u0195\u0269\u0268\u0199\u0199\u019a\u019b\u026f\u0272\u019e\u0275oo"
    "\u01a3\u01a3\u01a5\u01a5r\u01a8\u01a8\u0283\u01aa\u01ab\u01ad\u01ad\u0288uu\u028a\u028b"
    "\u01b4\u01b4\u01b6\u01b6\u0292\u01b9\u01b9\u01ba\u01bb\u01bd\u01bd\u01be\u01bf\u01c0"
    "\u01c1\u01c2\u01c3\x00\x00\x00\x00\x00\x00\x00\x00\x00aaiioouuuuuuuuuu\u01ddaaaa\xe6\xe6"
    "\u01e5\u01e5ggkkoooo\u0292\u0292j\x00\x00\x00gg\u0195\u01bfnnaa\xe6\xe6\xf8\xf8aaaaeeeei"
    "iiioooorrrruuuusstt\u021d\u021dhh\u019e\u0221\u0223\u0223\u0225\u0225aaeeooooooooyy"
    "\u0234\u0235\u0236\u0237\u0238\u0239\u2c65\u023c\u023c\u019a\u2c66\u023f\u0240\u0242"
    "\u0242\u0180\u0289\u028c\u0247\u0247\u0249\u0249\u024b\u024b\u024d\u024d\u024f\u024f    "
    "       \x00\x00\x00\x00\x00------\u2016 ''''\u201c\u201d\u201e\u201f\u2020\u2021\u2022"
    "\u2023.\x00\x00\u2027  \x00\x00\x00\x00\x00 \u2030\u2031'\x00\x00'\x00\x00\u2038\u2039"
    "\u203a\u203b\x00\u203d \u203f\u2040\u2041\u2042-\u2044\u2045\u2046\x00\x00\x00\u204a"
    "\u204b\u204c\u204d\u204e\u204f\u2050\u2051\u2052\u2053\u2054\u2055\u2056\x00\u2058\u2059"
    "\u205a\u205b\u205c\u205d\u205e \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00"
)
_OTHER = {
    0x00AD: "",
    0x00DF: "ss",
    0x013F: "l\xb7",
    0x0140: "l\xb7",
    0x0149: "'n",
    0x01C4: "dz",
    0x01C5: "dz",
    0x01C6: "dz",
    0x01C7: "lj",
    0x01C8: "lj",
    0x01C9: "lj",
    0x01CA: "nj",
    0x01CB: "nj",
    0x01CC: "nj",
    0x01F1: "dz",
    0x01F2: "dz",
    0x01F3: "dz",
    0x200B: "",
    0x200C: "",
    0x200D: "",
    0x200E: "",
    0x200F: "",
    0x2025: "..",
    0x2026: "...",
    0x202A: "",
    0x202B: "",
    0x202C: "",
    0x202D: "",
    0x202E: "",
    0x2033: "''",
    0x2034: "'''",
    0x2036: "''",
    0x2037: "'''",
    0x203C: "!!",
    0x2047: "??",
    0x2048: "?!",
    0x2049: "!?",
    0x2057: "''''",
    0x2060: "",
    0x2061: "",
    0x2062: "",
    0x2063: "",
    0x2064: "",
    0x2065: "",
    0x2066: "",
    0x2067: "",
    0x2068: "",
    0x2069: "",
    0x206A: "",
    0x206B: "",
    0x206C: "",
    0x206D: "",
    0x206E: "",
    0x206F: "",
}
_SKELETON_OTHER = {
    0x00BC: "l/4",
    0x00BD: "l/2",
    0x00BE: "3/4",
    0x00C6: "ae",
    0x00E6: "ae",
    0x0132: "lj",
    0x0133: "lj",
    0x0152: "oe",
    0x0153: "oe",
    0x0181: "'b",
    0x0187: "c'",
    0x018A: "'d",
    0x0193: "g'",
    0x0198: "k'",
    0x01A4: "'p",
    0x01AC: "'t",
    0x01B3: "'y",
    0x01C1: "ll",
    0x01E2: "ae",
    0x01E3: "ae",
    0x01FC: "ae",
    0x01FD: "ae",
    0x2016: "ll",
    0x201C: "''",
    0x201D: "''",
    0x201F: "''",
    0x2030: "o/oo",
    0x2031: "o/ooo",
    0x2052: "o/o",
}
_PLAIN_OTHER = {
    0x00BC: "1\u20444",
    0x00BD: "1\u20442",
    0x00BE: "3\u20444",
    0x0132: "ij",
    0x0133: "ij",
}


def latin_fold_table(skeleton: bool) -> dict[int, str]:
    """``fold_char`` of every character in ``RANGES``, without computing it."""
    single, other = (_SKELETON, _SKELETON_OTHER) if skeleton else (_PLAIN, _PLAIN_OTHER)
    codes = [code for low, high in RANGES for code in range(low, high)]
    table = {code: folded for code, folded in zip(codes, single, strict=True) if folded != _MANY}
    table.update(_OTHER)
    table.update(other)
    return table


def _literal() -> str:  # pragma: no cover  (run by hand when the confusables change)
    from guard.domain.text.normalise import fold_char

    def escaped(text: str) -> str:
        return text.encode("unicode_escape").decode("ascii").replace('"', '\\"')

    codes = [c for low, high in RANGES for c in range(low, high)]
    folds = {
        name: [fold_char(chr(c), skeleton) for c in codes]
        for name, skeleton in (("_SKELETON", True), ("_PLAIN", False))
    }
    others = {
        name: {c: f for c, f in zip(codes, found, strict=True) if len(f) != 1}
        for name, found in folds.items()
    }
    both = {c: f for c, f in others["_SKELETON"].items() if others["_PLAIN"].get(c) == f}
    lines = []
    for name, found in folds.items():
        lines.append(f"{name} = (")
        line = ""
        for piece in (escaped(f if len(f) == 1 else _MANY) for f in found):
            if len(line) + len(piece) > 88:  # lines end between characters, never inside one
                lines.append(f'    "{line}"')
                line = ""
            line += piece
        lines += [f'    "{line}"', ")"]
    dicts = [("_OTHER", both)]
    dicts += [
        (f"{name}_OTHER", {c: f for c, f in other.items() if c not in both})
        for name, other in others.items()
    ]
    for name, entries in dicts:
        lines.append(f"{name} = {{")
        lines += [f'    0x{c:04X}: "{escaped(f)}",' for c, f in entries.items()]
        lines.append("}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(_literal())
