"""Vietnamese text as search sees it: one spelling per word, and an accent-free copy.

The same rules run in the browser (`search_assets/vietnamese.js`) on what a reader types;
the two must agree word for word, which the tests check on a list of words.

- `normalise`: Unicode NFC, `Ð`/`ð` read as `Đ`/`đ` (`LOOKALIKES`), the characters that
  glue words read as `-` or a space (`SEPARATORS`), and the tone mark
  of an open syllable ending in `oa`, `oe` or `uy` placed on the first vowel (`hoà` -> `hòa`,
  `thuỷ` -> `thủy`, `khoẻ` -> `khỏe`), the placement the sample content and most official
  documents use. Writers mix both placements, so without this `hoà` would not find `hòa`.
- `other_spelling`: the i or y spelling a syllable may also be written with (`lí`/`lý`,
  `kĩ`/`kỹ`, `quí`/`quý`): the search's records hold both; `i_for_y` writes them all with
  i, to compare phrases.
- `fold`: every diacritic removed and `đ`/`Đ` (and their `LOOKALIKES`) turned into `d`/`D`.
  Pagefind already ignores combining marks when it matches, but `đ` is a letter of its own,
  not a marked `d`.
- `sort_key`: Vietnamese alphabetical order for names in lists (`Đất đai` after `Dân số`,
  not after `Z`), as the search page's `localeCompare(…, "vi", {numeric: true})` orders its filter values.
- `in_sentence`: a place's name as written within a sentence (`tại phường Hòa Xuân`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
"""Combining grave, acute, tilde, hook above and dot below: the five tones."""

MARKS = re.compile("[\u0300-\u036f]")
VOWELS = frozenset("aăâeêioôơuưy")
MOVABLE_ENDINGS = ("oa", "oe", "uy")

LOOKALIKES = {"\u00d0": "\u0110", "\u00f0": "\u0111"}
"""Latin Eth (Ð, ð), which old-font (TCVN3, VNI) conversions and PDF copies put for Đ and đ:
it looks the same and is another letter, so `Ðình` was neither `Đình` nor `dinh` to search,
the registries' names or the alphabetical order. Read as Đ and đ wherever text is compared."""

SEPARATORS = {"\u2010": "-", "\u2011": "-", "\u200b": " ", "\u2060": " ", "\ufeff": " "}
"""The hyphen of PDF copies (U+2010), Word's non-breaking hyphen (U+2011), and a zero-width
space, word joiner or byte-order mark within a text: Pagefind glued the words around them into
one (`Giấy‐phép` was the word `giấyphép`, which `phép` did not find). As `-` and a space they
part words as those do."""


def _replacing(table: dict[str, str]) -> Callable[[str], str]:
    """A function replacing each character of `table` in a text: one regex pass, which costs
    next to nothing where there is none (nearly every text)."""
    pattern = re.compile(f"[{''.join(table)}]")
    return functools.partial(pattern.sub, lambda match: table[match.group(0)])


separated = _replacing(SEPARATORS)
"""A text with `SEPARATORS` replaced: what the search indexes and its excerpts quote."""
_unlike = _replacing({**LOOKALIKES, **SEPARATORS})


UNIT_WORDS = ("Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Phường", "Xã", "Quận", "Huyện", "Tỉnh")
"""The words an administrative unit's name starts with that say which kind of unit it is."""


def _either_case(letters: str) -> str:
    """`letters` and each of them with one tone mark, in both cases (NFC)."""
    return "".join(unicodedata.normalize("NFC", letter + mark)
                   for letter in letters + letters.upper() for mark in ("", *TONE_MARKS))


LETTERS = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
"""Latin letters: every Vietnamese letter, composed (NFC), is in these blocks."""
MOVABLE_WORD = re.compile(
    f"(?<![{LETTERS}])[{LETTERS}]*"
    f"(?:[{_either_case('o')}][{_either_case('ae')}]|[{_either_case('u')}][{_either_case('y')}])"
    f"(?![{LETTERS}])")
"""The words whose tone mark `_placed` may move: those ending in `oa`, `oe` or `uy`, a tone
mark or not on either letter. Only they are looked at (a tenth of the words of a text): every
search record's text is normalised."""


CONSONANTS = "bcdghklmnprstvx"
"""The consonant letters a syllable written with i or y may start with (and `qu`)."""
I_FOR_Y = dict(zip(_either_case("y"), _either_case("i"), strict=True))
Y_FOR_I = {i: y for y, i in I_FOR_Y.items()}
ONSETS_OF_I_AS_Y = frozenset({"l", "k", "m", "s", "h", "qu"})
"""Onsets whose i-ended syllables are also written with y (lí/lý, kĩ/kỹ, mì/mỳ, sĩ/sỹ, hi/hy,
quí/quý); `tỉ`/`tỷ` is the one pair for t. Not ch, kh, th, đ…: nobody writes `chy` for `chi`."""
SPELT_EITHER_WAY = re.compile(
    f"(?<![{LETTERS}])(?:[{CONSONANTS}]+|qu)[{''.join(I_FOR_Y)}{''.join(Y_FOR_I)}](?![{LETTERS}])",
    re.IGNORECASE)
"""Words of consonants (or qu) and a final i or y: those `other_spelling` may respell."""


@functools.lru_cache(maxsize=4096)
def other_spelling(word: str) -> str | None:
    """The other spelling of a syllable that spelling reforms left written with i or y (`lí` for
    `lý`, `Kỹ` for `Kĩ`, `quý` for `quí`), tone kept; None for any other word. The search's
    records hold both (`extra_words`), so either finds the other; a query is never respelled,
    since Pagefind takes a word typed for the start of longer ones (`ki` finds kiến, kinh)."""
    onset, last = word[:-1].lower(), word[-1:]
    if last in I_FOR_Y and onset and (onset == "qu" or all(c in CONSONANTS for c in onset)):
        return word[:-1] + I_FOR_Y[last]
    if last in Y_FOR_I and (onset in ONSETS_OF_I_AS_Y or (onset == "t" and last in "ỉỈ")):
        return word[:-1] + Y_FOR_I[last]
    return None


ENDS_IN_Y = re.compile(f"(?<![{LETTERS}])(?:[{CONSONANTS}]+|qu)[yýỳỷỹỵ](?![{LETTERS}])")
"""A lower-case syllable of consonants (or qu) and a final y: what `i_for_y` respells."""


def i_for_y(text: str) -> str:
    """Lower-case `text` with each syllable of ENDS_IN_Y written with i (`quý` -> `quí`,
    `quy hoach` -> `qui hoach`), for telling whether words are the same whichever spelling
    they have (search.js `iForY`): a topic's phrase written `quy hoạch` is held by a text
    writing `qui hoạch`, and typed so."""
    return ENDS_IN_Y.sub(lambda match: other_spelling(match[0]) or match[0], text)


def other_spellings(text: str) -> list[str]:
    """`other_spelling` of each word of `text` that has one, once each."""
    return list(dict.fromkeys(filter(None, map(other_spelling, SPELT_EITHER_WAY.findall(text)))))


def normalise(text: str) -> str:
    """NFC text with one tone-mark placement for `oa`, `oe`, `uy` syllables."""
    return MOVABLE_WORD.sub(_place_tone, _plain(text))


def same_words(text: str) -> str:
    """`text` as two writings of one name compare: normalised, case and spacing set aside."""
    return " ".join(normalise(text).casefold().split())


def _plain(text: str) -> str:
    """NFC text with `LOOKALIKES` and `SEPARATORS` replaced: what every comparison starts from."""
    return _unlike(unicodedata.normalize("NFC", text))


def _place_tone(match: re.Match[str]) -> str:
    return _placed(match.group(0))


def fold(text: str) -> str:
    """`Đất đai` -> `Dat dai`: what a reader types on a keyboard without Vietnamese input."""
    stripped = MARKS.sub("", unicodedata.normalize("NFD", _plain(text)))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))


ALPHABET = {letter: rank for rank, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
"""The Vietnamese alphabet, lower case, with f, j, w and z where they stand in Latin."""

TONE_ORDER = {mark: rank for rank, mark in enumerate("\u0300\u0309\u0303\u0301\u0323", 1)}
"""Huyền, hỏi, ngã, sắc, nặng: the dictionary order (and CLDR's); no tone ranks 0."""


@functools.lru_cache(maxsize=16384)
def sort_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], str]:
    """Sort key for Vietnamese alphabetical order.

    Python's plain `sorted` compares code points, which puts `Đ` after `Z` and `Ủ` after
    every unaccented letter. Here letters rank in the Vietnamese alphabet (a ă â b c d đ e ê
    g …), case-insensitively; tone marks only break ties between spellings with the same
    letters (toneless first, so `ma mà mả mã má mạ` stay together); the text itself breaks
    the last ties (lower case first), so the order is stable. Spaces and punctuation come
    before numbers, which are compared as numbers, then letters, then letters outside the Latin
    alphabet. Written here, not taken from PyICU (which
    needs the system ICU library and a compiler to install) or pyuca (whose default table files
    ă and â under a): the same order as the browser's, in a few lines.
    """
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    for run in NUMBER.split(_plain(text).lower()):
        if run.isdigit():  # a number as one: Phường 2 before Phường 10
            primary.append((0, NUMBER_RANK + int(run)))
            continue
        for char in run:
            letter, tone = _letter_and_tone(char)
            if letter in ALPHABET:
                primary.append((1, ALPHABET[letter]))
            else:
                primary.append((2 if letter.isalpha() else 0, ord(letter[0])))
            tones.append(tone)
    return tuple(primary), tuple(tones), text.swapcase()  # lower case first, as ICU


NUMBER = re.compile(r"(\d+)")
NUMBER_RANK = 0x110000
"""Numbers rank after spaces and punctuation (code points) and before letters."""


@functools.lru_cache(maxsize=4096)
def _letter_and_tone(char: str) -> tuple[str, int]:
    """`ở` -> (`ơ`, hỏi): the letter without its tone mark. Another mark (the `ü` of a
    foreign name) is dropped from the letter and ranks after the five tones."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = next((TONE_ORDER[c] for c in decomposed if c in TONE_ORDER), 0)
    letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    if letter in ALPHABET or unicodedata.normalize("NFD", letter) == letter:
        return letter or char, tone
    return MARKS.sub("", unicodedata.normalize("NFD", letter)) or letter, tone + len(TONE_ORDER) + 1


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


def unit_word(place_name: str) -> str | None:
    """The word of UNIT_WORDS a place's name starts with ('Thị trấn' of 'Thị trấn Ái Nghĩa')."""
    return next((word for word in UNIT_WORDS if place_name.startswith(f"{word} ")), None)


def in_sentence(place_name: str, lang: str = "vi") -> str:
    """'Phường Hòa Thọ Đông' -> 'phường Hòa Thọ Đông': the kind of place is lower-case within a
    Vietnamese sentence ('tại phường …'); the name stays as written, and wholly so within a
    sentence of another language (an English interface's 'Sessions in Phường Hòa Xuân')."""
    kind = unit_word(place_name) if lang == "vi" else None
    return f"{kind.lower()}{place_name[len(kind):]}" if kind else place_name
