"""Vietnamese text as search sees it: one spelling per word, and an accent-free copy.

The same rules run in the browser (`search_assets/vietnamese.js`) on what a reader types;
the two must agree word for word, which the tests check on a list of words.

- `normalise`: Unicode NFC, and the tone mark of an open syllable ending in `oa`, `oe`
  or `uy` placed on the first vowel (`hoà` -> `hòa`, `thuỷ` -> `thủy`, `khoẻ` -> `khỏe`),
  the placement the sample content and most official documents use. Writers mix both
  placements, so without this `hoà` would not find `hòa`.
- `fold`: every diacritic removed and `đ`/`Đ` turned into `d`/`D`. Pagefind already ignores
  combining marks when it matches, but `đ` is a letter of its own, not a marked `d`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

WORD = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
"""Runs of Latin letters: every Vietnamese letter, composed (NFC), is in these blocks."""

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
"""Combining grave, acute, tilde, hook above and dot below: the five tones."""

MARKS = re.compile("[\u0300-\u036f]")
VOWELS = frozenset("aăâeêioôơuưy")
MOVABLE_ENDINGS = ("oa", "oe", "uy")


def normalise(text: str) -> str:
    """NFC text with one tone-mark placement for `oa`, `oe`, `uy` syllables."""
    return WORD.sub(_place_tone, unicodedata.normalize("NFC", text))


def _place_tone(match: re.Match[str]) -> str:
    return _placed(match.group(0))


def fold(text: str) -> str:
    """`Đất đai` -> `Dat dai`: what a reader types on a keyboard without Vietnamese input."""
    stripped = MARKS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))


def has_d_stroke(word: str) -> bool:
    return "đ" in word or "Đ" in word


@functools.lru_cache(maxsize=65536)
def _placed(word: str) -> str:
    """Vietnamese has a few thousand syllables: each is worked out once."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in TONE_MARKS]
    if len(tones) != 1:
        return word
    base = unicodedata.normalize("NFC", decomposed.replace(tones[0], ""))
    lower = base.lower()
    if not lower.endswith(MOVABLE_ENDINGS):
        return word
    before = lower[-3] if len(lower) >= 3 else ""
    if before in VOWELS:
        return word  # a longer vowel cluster: its placement does not vary
    target = len(base) - 1 if lower.endswith("uy") and before == "q" else len(base) - 2
    letters = list(base)
    letters[target] = unicodedata.normalize("NFC", letters[target] + tones[0])
    return "".join(letters)
