"""Folding: NFKC, case, invisibles, confusables, punctuation variants, and offsets kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guard.domain.text.normalise import ascii_fold_table, camel_words, fold, fold_char, fold_text


def test_variants_fold_alike() -> None:
    assert fold_text("Zoë Hart‑Williams") == fold_text("zoe hart-williams")
    assert fold_text("O’Neill") == fold_text("O'Neill") == fold_text("O`Neill")
    assert fold_text("Ann\u00a0Baker") == fold_text("Ann\u2003Baker") == fold_text("Ann Baker")
    assert fold_text("C\u200bllr\u00ad\u2060") == fold_text("cllr")
    assert fold_text("С\u0406lr") == fold_text("Cllr")  # Cyrillic Es, Byelorussian I
    assert fold_text("LI WEI") == fold_text("Li Wei")
    assert fold_text("rnark") == fold_text("mark")
    assert fold_text("—–-‐") == "----"


def test_fold_keeps_offsets_through_expansion_and_removal() -> None:
    text = "ﬁ x\u200by rn é"
    folded = fold(text)
    assert folded.text == "fl xy m e"
    assert folded.span(0, 2) == (0, 1)  # both letters of the ligature come from one character
    assert text[slice(*folded.span(3, 5))] == "x\u200by"
    assert text[slice(*folded.span(6, 7))] == "rn"


@settings(database=None)
@given(st.text(max_size=60))
def test_every_folded_slice_maps_inside_the_original(text: str) -> None:
    folded = fold(text)
    for start in range(len(folded.text)):
        lo, hi = folded.span(start, start + 1)
        assert 0 <= lo < hi <= len(text)


def test_camel_words() -> None:
    assert camel_words("VoteJoKing") == ["Vote", "Jo", "King"]
    assert camel_words("GOTVAnnBaker2027") == ["GOTV", "Ann", "Baker", "2027"]
    assert camel_words("jo_king_lma") == ["jo", "king", "lma"]


def test_the_written_out_ascii_table_is_what_folding_computes() -> None:
    # ASCII is folded from a table written in the source, so that folding English text never
    # loads the confusables; it must agree with the computed fold, character by character.
    for skeleton in (True, False):
        table = ascii_fold_table(skeleton)
        assert [table[c] for c in range(128)] == [fold_char(chr(c), skeleton) for c in range(128)]


def test_the_written_out_latin_table_is_what_folding_computes() -> None:
    from guard.domain.text.latin_folds import RANGES, latin_fold_table

    for skeleton in (True, False):
        table = latin_fold_table(skeleton)
        codes = [c for low, high in RANGES for c in range(low, high)]
        assert [table[c] for c in codes] == [fold_char(chr(c), skeleton) for c in codes]


def test_folding_a_latin_name_does_not_load_the_confusables() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from guard.domain.text.normalise import fold, fold_text\n"
        "assert fold_text('Zoë Siân O’Neill Ægir') == \"zoe slan o'nelll aeglr\"\n"
        "print('confusable_homoglyphs' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
