"""How a search record's text is written for Pagefind: the words a result shows, and the
hidden words it is also found by (spellings, dates, phrases).

A record's `text` is what a reader sees in a result excerpt (normalised Vietnamese), in
`Words`: the interface's own words in it ('Trả lời', 'Địa điểm:') are indexed with no weight; its
`extra` words are searchable but never shown: the words of its topics' synonyms that its
text lacks, each once (so `so do` finds an item tagged with the land-certificate topic), the
accent-free form of every word with `đ`, which Pagefind does not fold by itself, and a
word for each phrase of the topics' names and synonyms the record holds, of one kind when
its own words say it and of another when only its topics do (`Phrases`).

Apart from core/search.py, which makes the records from the archive's views: the indexing
workers (core/search_index.py, started afresh) import this alone, not the whole archive's
model (which took them about 0.3 s of CPU each, in every build).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass, field

from .vietnamese import fold, i_for_y, normalise, other_spellings

SEPARATOR = "⁂"
"""Between shown text and `extra` words in a record: the browser cuts excerpts there."""
HIDDEN_MARK = "zxq"
"""Starts each word that only the search page looks up (EVERY_RECORD, `Phrases`), never a
word typed: Pagefind matches every word starting with a word typed, and no Vietnamese word
starts with z. An index's words starting so do not count as holding a word typed (search.js
`holdsPrefix`)."""
EVERY_RECORD = f"{HIDDEN_MARK}moihoso"
"""A hidden word every record holds: a search with filters and no words looks it up, where
Pagefind's search without a term fetched every word chunk of every index it searched (1.3 MB
for one year of a 600-session archive, 8 MB for all of it: about 120 MB at 10,000 sessions)."""
DATE_MARK = f"{HIDDEN_MARK}d"
"""Starts the word of a date (`zxqd01122025`, `date_word`): as Pagefind's word of the date as
written ('01122025'), `1/12/2025` also matched a longer number starting so ('01.12.2025.001')."""
PHRASE_MARK = f"{HIDDEN_MARK}p"
"""Starts the word of a phrase (`zxqpsodo`): written as the phrase's words joined (`tiengon`
for 'tiếng ồn'), it was matched by `tien`, and `tien do` put an item about noise first."""


@dataclass(frozen=True)
class Words:
    """A stretch of a record's shown text. `label`: words of the interface that introduce a
    part of the record ('Trả lời (…):', 'Tiến độ:'). They read the excerpt as sentences but are
    indexed with no weight (search_record.html): they are in every record with such a part, so
    at full weight `tien do` or `dia diem` put records first for their headings, not their text."""

    text: str
    label: bool = False


SPACE = Words(" ")
WORD_SPAN = re.compile(r"\S+")


@dataclass(frozen=True)
class SearchRecord:
    """What Pagefind indexes for one result, and what the result shows."""

    url: str
    title: str
    shown: tuple[Words, ...]
    extra: str
    date: str
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    """Shown on the result, and searchable: Pagefind (since 1.5) indexes every metadata value,
    with no option to leave one out. So only the record's own facts (a write-up's organiser, an
    item's answering agencies and commitment status, worth typing: `qua han`): an item carrying
    its session's title or date was found by any query matching them (`ky hop giua nam`: all the
    items of a session "… trước kỳ họp giữa năm 2024"). The session's title and date come from
    the index's SESSIONS_FILE; the kind shown is the `type` filter's name (as meta, a write-up's
    "Bài tường thuật phiên đối thoại" made `doi thoai` find every write-up; an item's type is in
    its title)."""

    @property
    def text(self) -> str:
        """The excerpt's text, as a reader sees it."""
        return "".join(words.text for words in self.shown)

    @functools.cached_property
    def unweighted(self) -> str:
        """Hidden, and indexed with no weight as the labels in `shown` are: the labels' words
        spelt as queries spell them (`den` for the 'đến' of '… chuyển đến …', `Dia diem`),
        which Pagefind does not fold from `đ` itself, unless `extra` holds them. `chuyen den`
        missed an item whose only 'đến' was its referral's, which `chuyển đến` found; in
        `extra`, at full weight, `dia diem` would rank every write-up first for its heading.
        Worked out once: search_record.html asks for it up to three times a record."""
        held = set(self.extra.split())
        labels = " ".join(words.text for words in self.shown if words.label)
        return " ".join(w for w in extra_words(labels).split() if w not in held)

    @property
    def indexed(self) -> list[Words]:
        """`shown` cut where Pagefind reads it (search_record.html): a label's words apart only
        where a space parts them from the record's own. Pagefind parts words at every element's
        edge, which the excerpt shows as a space: "Trả lời ( Phòng …, Chuyên viên ):". A word
        made of both ('(Phòng', 'viên):') is the record's: its label part is punctuation.
        A run goes on to the next word of another kind, the spaces between them its own. Worked
        out on a mask of the text's characters ("0": the record's own): a list of them, one per
        character, was most of the time Pagefind's input took to write (0.3 ms a record)."""
        text = self.text
        mask = "".join(("1" if words.label else "0") * len(words.text) for words in self.shown)
        runs: list[Words] = []
        start, labelled = 0, False
        for word in WORD_SPAN.finditer(text):
            here = "0" not in mask[word.start():word.end()]
            if here != labelled:
                if word.start() > start:
                    runs.append(Words(text[start:word.start()], labelled))
                start, labelled = word.start(), here
        if len(text) > start:
            runs.append(Words(text[start:], labelled))
        return runs

SENTENCE_CLOSED = re.compile(r"[.!?…:;][\"'”’)\]]*$")


def sentence(part: tuple[Words, ...]) -> tuple[Words, ...]:
    """`part` ending as a sentence does, with a full stop unless it has its own mark: a
    record's parts read one after the other ("… không? Trả lời (…): …"), not run together."""
    text = "".join(words.text for words in part)
    return part if SENTENCE_CLOSED.search(text) else (*part, Words("."))


def filled(label: str, **values: Words) -> tuple[Words, ...]:
    """`label` (with `{name}` fields) filled with `values`, its own words marked as such."""
    return tuple(words for literal, name, _spec, _conversion in string.Formatter().parse(label)
                 for words in (Words(literal, label=True) if literal else None,
                               values[name] if name is not None else None) if words)


def extra_words(text: str, synonyms: Iterable[str] = (), normalised: str | None = None) -> str:
    """The synonyms' words that the text does not hold, each once, the words written otherwise
    than queries spell them (`hoà` -> `hòa`, `Ðình` -> `Đình`), the words a slash or a dash
    other than the hyphen joins (`JOINT`), the other spelling of words written with i or y (`lý` for `lí`; a
    synonym's too: `qui hoach` found no item holding "quy hoạch" only through its topic), then
    the folded form of each word with `đ`.
    Pagefind folds every other mark itself, and counts each copy of a word: an item carrying
    its topic's whole synonym list, as written and again accent-free, held `tiền` five times
    and outranked the records whose own text said what was typed (`may tinh tien`).
    `normalised`: `normalise(text)`, when the caller has it already."""
    normalised = normalise(text) if normalised is None else normalised
    held = {word_key(w) for w in normalised.split()}
    added = [w for w in _synonym_words(tuple(synonyms)) if word_key(w) not in held]
    respelled = [] if normalised == text else [
        new for old, new in zip(text.split(), normalised.split(), strict=True) if new != old]
    parts = parted(normalised)
    joined: list[str] = []
    if len(parts) > len(normalised.split()):  # words a slash or a dash joins: the parts Pagefind lacks
        indexed = held | pagefind_parts(normalised)
        joined = [word.strip(EDGES) for word in parts if word_key(word) and word_key(word) not in indexed]
    with_d = [w for w in [*parts, *added] if "đ" in w or "Đ" in w]
    folded = fold(" ".join(with_d)).split()  # one call: words are folded alike alone or together
    return " ".join(dict.fromkeys([*added, *respelled, *joined,
                                   *other_spellings(" ".join([normalised, *added])),
                                   *folded, *date_forms(text)]))


DASHES = "\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
"""The dash-like characters a text pasted from Word or a PDF may join words with, besides the
hyphens `SEPARATORS` turns into `-`: figure, en and em dash, horizontal bar, minus sign, small
em dash, small and fullwidth hyphen-minus. The search page cuts a query at them too
(search.js WORD_JOINT, given them in its config)."""

EDGES = string.punctuation + "“”‘’…" + DASHES

JOINT = re.compile(f"(?<=[^\\W_])(?:[{DASHES}]|:?/+)(?=[^\\W_])")
"""A dash of `DASHES` or a slash (an address's '://' too) joining words or numbers ('hạn—theo',
'khai sinh–thường trú', '2031–2035', 'XKT–734', 'kiệt 12/3', 'tổ 5/khu phố 7', 'TP/HCM',
'45/2024/NĐ-CP', 'https://dichvucong.gov.vn/p/home'): the search page cuts a query there as at
a hyphen (search.js WORD_JOINT). Pagefind does not cut a word at these dashes (it indexed
`hạntheo` and `20312035`, which neither `han theo`, `hạn—theo` nor `2035` found), and at a
slash keeps only the parts of two characters or more (`PAGEFIND_CUT`: '12/3' gave `123` and
`12`, and `kiet 12 3` found nothing); the parts it leaves out are hidden words. A date written
with slashes stays whole (`parted`)."""


PAGEFIND_CUT = re.compile(r"[!-/:-@\[-`{-~]+")
"""ASCII punctuation, where Pagefind cuts a word: it indexes the word joined ('12/3': `123`) and
each part of two characters or more ('12', not '3'; `pagefind_parts`)."""


def pagefind_parts(text: str) -> set[str]:
    """The parts of the text's words that Pagefind indexes by itself (`PAGEFIND_CUT`), lower-case:
    a copy among the hidden words would count twice ('khu' of 'tổ 5/khu', 'HCM' of 'TP/HCM')."""
    return {part.lower() for word in JOINED_WORD.findall(text)
            for part in PAGEFIND_CUT.split(word) if len(part) > 1}


JOINED_WORD = re.compile(r"\S*[^\W_][!-/:-@\[-`{-~]+[^\W_]\S*")
"""A word whose letters or digits ASCII punctuation joins ('12/3', 'TP.HCM'), not only ends ('Linh,')."""


def parted(text: str) -> list[str]:
    """The words of `text`, cut where `JOINT` joins words or numbers, but for a date's ('1/7/2025',
    '1/12/25': one word, its hidden word found typed however spelt, `date_word`), as search.js
    `dashParts` cuts the words typed."""
    if not JOINT.search(text):  # most texts: every record's words come here
        return text.split()
    return [part for word in text.split() for part in (
        JOINT.sub(" ", word).split() if JOINT.search(word) and not written_date(word.strip(EDGES))
        else [word])]


def word_key(word: str) -> str:
    """A word as written, for telling whether a text holds it: lower-case, without the
    punctuation around it (`(CT07),` -> `ct07`), accents kept (`tiền` is not `tiến`)."""
    return word.strip(EDGES).lower()


WRITTEN_DATE = re.compile(r"(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.-]\d)")
"""A date as written in a text, with slashes, dashes or dots ('05-12-2025'), its year in four
digits or two ('1/12/25', `full_year`), not inside a longer number ('1,5/3/2024',
'12/3/2024/NQ')."""


def full_year(written: str) -> int:
    """A date's year as written: two digits are this century's ('25' is 2025), as citizens
    write it ('1/12/25') and as search.js reads a date typed so (`dateOf`)."""
    return 2000 + int(written) if len(written) == 2 else int(written)


def date_forms(text: str) -> list[str]:
    """The hidden words of the text's dates (`date_word`), however written ('1/12/2025',
    '01-12-2025', '01.12.2025', '1/12/25'): the search page looks a date typed up as its hidden word
    (search.js `dateWord`), which no other date and no longer number shares, where Pagefind
    made '1/12/2025' the word of '11/2/2025' and '01/12/2025' matched '01.12.2025.001'."""
    return list(dict.fromkeys(word for match in WRITTEN_DATE.finditer(text) if (word := _date_word(match))))


def written_date(word: str) -> str | None:
    """The hidden word of the date `word` is ('1/7/2025', '01.7.25'; `date_word`), or None."""
    match = WRITTEN_DATE.fullmatch(word)
    return _date_word(match) if match else None


def _date_word(match: re.Match[str]) -> str | None:
    """The hidden word of a date WRITTEN_DATE found; None for no day of the calendar ('31/2/2024',
    '1/13/2024': spelt as written only)."""
    day, month, year = int(match[1]), int(match[3]), full_year(match[4])
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return date_word(day, month, year)


def date_word(day: int, month: int, year: int) -> str:
    """A date's hidden word (DATE_MARK, both leading zeros: `zxqd05032024`): one word whatever
    the spelling a citizen or an official document uses, looked up whole."""
    return f"{DATE_MARK}{day:02}{month:02}{year}"


@functools.lru_cache(maxsize=4096)
def _synonym_words(synonyms: tuple[str, ...]) -> tuple[str, ...]:
    """The synonyms' words normalised, each once (`lệ phí, phí, lệ phí trước bạ`: `lệ`, `phí`,
    `trước`, `bạ`): the same for every item of a topic."""
    words: dict[str, str] = {}
    for word in normalise(" ".join(synonyms)).split():
        if word_key(word):
            words.setdefault(word_key(word), word.strip(EDGES))
    return tuple(words.values())


PHRASE_WORD = re.compile(r"[a-z0-9]+")
WRITTEN_WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?;:]")


def phrase_words(text: str) -> tuple[str, ...]:
    """A text's words as a reader types them, accent-free and lower-case."""
    return tuple(PHRASE_WORD.findall(fold(text).lower()))


def written_words(text: str) -> tuple[str, ...]:
    """A text's words as written, lower-case, with one tone-mark placement."""
    return tuple(WRITTEN_WORD.findall(normalise(text).lower()))


def same_spelling(words: tuple[str, ...]) -> tuple[str, ...]:
    """Lower-case words with i for y where either is written (`i_for_y`): a phrase's words
    compared so are found however the text or the query spells them (`qui hoạch` holds the
    phrase `quy hoạch`)."""
    return tuple(i_for_y(" ".join(words)).split())


TOPIC_MARK = "đ"
"""Ends the word of a phrase that a record holds only through its topics or procedures
(`zxqpsodođ`), where its own words saying the phrase give it `zxqpsodo`: the search page
lists those first, then the others (a cash-register complaint saying "máy tính tiền" came second, after
an item on the land-use fee tagged with the taxes topic, one of whose synonyms it is). No
phrase's word holds a `đ` (its words are folded), so the two kinds never meet."""


def topic_word(word: str) -> str:
    """The word of a phrase (`Phrases.words`) held through a record's topics (TOPIC_MARK)."""
    return word + TOPIC_MARK


class Phrases:
    """The topics' names and synonyms of several words (`sổ đỏ`, `giấy phép xây dựng`), each
    with a hidden word of its own, written together after PHRASE_MARK (`zxqpsodo`).

    Pagefind matches words, not phrases, and a Vietnamese word is one syllable: `so do` alone
    matches every text with số, sở, đó or đỏ (and, as Pagefind also matches words starting
    alike, soạn or doanh), and long texts full of them rank first. A record holding a phrase,
    spelt with its accents or entirely without (`số đó` is not `sổ đỏ`), with i or y alike
    (`qui hoạch` holds `quy hoạch`, `same_spelling`), also gets the phrase's word: as it is
    when its own words say it, with TOPIC_MARK when only its topics' names and synonyms do;
    the search page looks both up exactly and shows those records first, the first kind
    before the second."""

    def __init__(self, phrases: Iterable[str]):
        self.words: dict[tuple[str, ...], str] = {}
        """Accent-free phrase -> its word: what the search page matches a query against."""
        self._forms: dict[tuple[str, ...], str] = {}
        self._starting: dict[str, list[tuple[str, ...]]] = {}
        self._in_names: dict[tuple[str, ...], list[str]] = {}
        by_key: dict[tuple[str, ...], str] = {}
        for phrase in phrases:
            plain = phrase_words(phrase)
            if len(plain) < 2:
                continue
            key = same_spelling(plain)
            word = self.words.setdefault(plain, by_key.setdefault(key, PHRASE_MARK + "".join(key)))
            for form in map(same_spelling, (written_words(phrase), plain)):
                if form not in self._forms:
                    self._forms[form] = word
                    self._starting.setdefault(form[0], []).append(form)

    def found(self, *texts: str) -> list[str]:
        """The hidden words of the phrases in `texts`, each looked at on its own, sentence by
        sentence (a phrase does not run from one into the next)."""
        return self.found_in_normalised(*map(normalise, texts))

    def found_in_normalised(self, *texts: str) -> list[str]:
        """`found` for texts already normalised (`normalise`)."""
        found: dict[str, None] = {}
        for text in texts:
            for sentence in SENTENCE_END.split(i_for_y(text.lower())):
                words = tuple(WRITTEN_WORD.findall(sentence))  # as `written_words`
                for i, word in enumerate(words):
                    for form in self._starting.get(word, ()):
                        if words[i:i + len(form)] == form:
                            found[self._forms[form]] = None
        return list(found)

    def found_in_names(self, names: tuple[str, ...]) -> list[str]:
        """`found` for an item's topic and procedure names: worked out once for all the items
        that share them."""
        if names not in self._in_names:
            self._in_names[names] = self.found(*names)
        return self._in_names[names]

    def config(self) -> dict[str, str]:
        """For the search page: accent-free phrase -> its word (which it looks up with
        TOPIC_MARK too)."""
        return {" ".join(key): word for key, word in self.words.items()}
