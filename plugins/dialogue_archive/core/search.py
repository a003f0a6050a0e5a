"""Search records built from the validated archive: one per item, one per session write-up.

A record's `text` is what a reader sees in a result excerpt (normalised Vietnamese), in
`Words`: the interface's own words in it ('Trả lời', 'Địa điểm:') are indexed with no weight; its
`extra` words are searchable but never shown: the words of its topics' synonyms that its
text lacks, each once (so `so do` finds an item tagged with the land-certificate topic), the
accent-free form of every word with `đ`, which Pagefind does not fold by itself, and a
word for each phrase of the topics' names and synonyms the record holds, of one kind when
its own words say it and of another when only its topics do (`Phrases`).
Filters use ids (stable in shared URLs); the search page maps them to names.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from . import urls
from .asset_versions import RUNTIME_FILE, runtime_version, versioned
from .commitments import deadline_outcome, is_overdue
from .labels import VI, content_lang, format_short_date
from .markup import markdown_text
from .models import Item, ItemType
from .search_chunks import WORDS_FILE
from .statistics import answering, forwarded_to, referred_to, referring
from .vietnamese import fold, i_for_y, normalise, other_spellings, separated
from .views import ArchiveViews, PageSpec

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

FACETS = ("type", "answered", "status", "topic", "agency", "place", "kind", "year")
"""Filters, in the order the search page shows them."""

SHARD_RECORDS = 3000
"""Records in one Pagefind index, about. Pagefind ranks every match in the browser and its
cost per match grows with the size of the index (measured with 21,000 records in one index:
7 s for a query matching 18,000; with 2,100: under 0.2 s), so the archive is cut into
small indexes, which also keeps indexing memory small and lets an edit re-index one. But a
query fetches one word chunk (30-80 KB) per word from every index it searches, so the first
search should need one index."""

SESSIONS_FILE = "sessions.da_json"
"""Next to each index: its sessions' titles and dates by URL (`SearchRecords.sessions_of`),
gzipped JSON, fetched by the search page for the indexes whose results it shows. Not `.gz`,
for the reason given at search_chunks.WORDS_FILE."""

RECORDS_FILE = "records.da_json"
"""Next to each index: each record's Pagefind path and title by its result's id (`vi_2069e6b`,
its fragment's name), gzipped JSON (core/search_index.py, `write_records`). Fetched only when a
result's excerpt (its fragment, which alone holds its address) is lost: the result still
links to its record. Not `.gz`, for the reason given at search_chunks.WORDS_FILE."""

SCOPE_RECORDS = 2000
"""Records a query searches first, at least (the newest indexes until they hold as many:
usually the newest one alone); older ones load when asked for, so a query's cost does not
grow with the archive."""


@dataclass(frozen=True)
class Shard:
    """Consecutive sessions of one year, indexed together (site/pagefind/<id>/)."""

    id: str
    year: int
    sessions: tuple[Any, ...]

    @property
    def records(self) -> int:
        return sum(1 + len(s.items) for s in self.sessions)


def even_parts(things: list[Any], sizes: list[int], target: int) -> list[list[Any]]:
    """`things` in order, cut into the number of parts closest to `total / target`, as even as
    whole things allow: each goes to the part its middle falls in."""
    total = sum(sizes)
    count = max(1, round(total / target))
    parts: dict[int, list[Any]] = {}
    before = 0
    for thing, size in zip(things, sizes, strict=True):
        parts.setdefault(min(count - 1, int((before + size / 2) * count / total)), []).append(thing)
        before += size
    return list(parts.values())


@dataclass(frozen=True)
class Words:
    """A stretch of a record's shown text. `label`: words of the interface that introduce a
    part of the record ('Trả lời (…):', 'Tiến độ:'). They read the excerpt as sentences but are
    indexed with no weight (search_record.html): they are in every record with such a part, so
    at full weight `tien do` or `dia diem` put records first for their headings, not their text."""

    text: str
    label: bool = False


SPACE = Words(" ")


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
        made of both ('(Phòng', 'viên):') is the record's: its label part is punctuation."""
        text = self.text
        label = [words.label for words in self.shown for _ in words.text]
        runs: list[Words] = []
        for token in re.finditer(r"\s+|\S+", text):
            word = token[0]
            labelled = not word.isspace() and all(label[token.start():token.end()])
            if runs and (word.isspace() or runs[-1].label == labelled):
                runs[-1] = Words(runs[-1].text + word, runs[-1].label)
            else:
                runs.append(Words(word, labelled))
        return runs


def answered_value(item: Item, held: bool = True) -> str:
    """The "answered" filter: answered, referred and awaiting its answer, or neither (a
    referral counted as answered hid the proposals a voter waits on); a question sent in
    before a session not `held` yet awaits that session, as its page says."""
    if not held:
        return "awaiting"
    return "yes" if answering(item) else "referred" if referred_to(item) else "no"


def searchable(text: str) -> str:
    """Markdown (possibly with pasted HTML) as plain words, spelt as the office wrote them
    (a result's excerpt quotes the text; `extra_words` adds the normalised spellings), with
    the hyphens and invisible characters that glue words parting them (`SEPARATORS`)."""
    return separated(markdown_text(text))


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


class SearchRecords:
    """Builds records and the search page from the same views the browse pages use."""

    def __init__(self, views: ArchiveViews, directory_urls: bool = True,
                 shard_records: int = SHARD_RECORDS, scope_records: int = SCOPE_RECORDS):
        self.views = views
        self.shard_records = shard_records
        self.scope_records = scope_records
        self.archive = views.archive
        self.labels = VI  # a labels file changes it in place (label_overrides.use_labels)
        self.words = VI["search"]
        self.directory_urls = directory_urls
        self.phrases = Phrases([*(name for topic in self.archive.topics.values()
                                  for name in (topic.name, *topic.synonyms)),
                                *self.labels["commitment_status"].values(),
                                self.labels["text"]["overdue"]])
        """Topics' names and synonyms, and the commitments' states as the pages say them ('quá
        hạn', 'đang thực hiện'): typed as words, each also matches every text with quá, hạn…"""
        self.agency_names = {agency.id: tuple(n for n in (agency.short_name, *agency.aliases) if n)
                             for agency in self.archive.agencies.values()}
        """Each agency's short name and aliases: what a citizen or an office calls it."""

    def __iter__(self) -> Iterator[SearchRecord]:
        return self.records(self.archive.published)

    def records(self, sessions: Iterable[Any]) -> Iterator[SearchRecord]:
        for session in sessions:
            yield self._session_record(session)
            for item in session.items:
                yield self._item_record(session, item)

    def records_of(self, shard: Shard) -> Iterator[SearchRecord]:
        """The records of one index, each naming it: Pagefind answers a word an index does not
        hold with the records of a shorter word, so the search page asks each index whether it
        holds the words typed (search.js, shardsHolding) and leaves out the ones that do not."""
        for record in self.records(shard.sessions):
            yield replace(record, filters={**record.filters, "shard": (shard.id,)})

    def sessions_of(self, shard: Shard) -> dict[str, tuple[str, str]]:
        """The sessions of one index by URL: (title, date as shown). A result names its session
        from here, found by the result's URL up to its anchor (an item's URL is its session's
        with the item's anchor), instead of from its metadata, which Pagefind makes searchable."""
        return {self._session_url(s): (s.meta.title, format_short_date(s.date)) for s in shard.sessions}

    def shards(self) -> list[Shard]:
        """Newest first. A year's sessions are cut, in date order, into indexes of about
        `shard_records` records (between two thirds and one and a half of it; a session is
        never cut). Cutting within a year keeps an edit or a new session from moving
        the other years' indexes; cutting into equal parts leaves no small last index, which
        would cost a query as many word-chunk fetches as a full one for a few records."""
        years: dict[int, list[Any]] = {}
        for session in self.archive.published:
            years.setdefault(session.year, []).append(session)
        shards: list[Shard] = []
        for year in sorted(years):
            sessions = sorted(years[year], key=lambda s: (s.date, s.id))
            parts = even_parts(sessions, [1 + len(s.items) for s in sessions], self.shard_records)
            shards += [Shard(f"{year}-{n}", year, tuple(part)) for n, part in enumerate(parts, 1)]
        return shards[::-1]

    # --- records ----------------------------------------------------------------------

    def _session_record(self, session: Any) -> SearchRecord:
        meta = session.meta
        shown = self._sentences([self._plain(meta.summary or ""), self._fact("subject", meta.subject),
                                 self._fact("venue", meta.venue), self._plain(session.body)])
        text = self._own(shown)
        topics = dict.fromkeys(t for item in session.items for t in item.topics)
        agencies = tuple(dict.fromkeys([meta.organizer, *meta.participants]))
        return SearchRecord(
            url=self._session_url(session), title=meta.title, shown=shown,
            # Its date is searchable (`15/12/2026` finds the write-up), not its items' (see `meta`),
            # however typed (date_word).
            extra=" ".join(dict.fromkeys([*self._hidden(searchable(meta.title), text, agencies=agencies),
                                          date_word(session.date.day, session.date.month,
                                                    session.date.year)])).strip(),
            date=meta.date.isoformat(),
            filters={"type": ("session",), "year": (str(session.year),),
                     "place": self.archive.areas(meta.place), "kind": (meta.kind.value,),
                     "agency": agencies,
                     "topic": tuple(topics)},
            meta={"organizer": self.views.agency_link(meta.organizer).text})

    def _item_record(self, session: Any, item: Item) -> SearchRecord:
        type_label = self.labels["item_type"][item.type.value]
        title = f"{type_label} — {item.asker.label}"
        parts = [self._plain(item.text)]
        for answer in item.answers:
            parts += [self._answered(answer), self._plain(answer.text),
                      self._fact("document", answer.document)]
        for commitment in item.commitments:
            parts += [self._fact("commitment", commitment.text),
                      *(self._fact("updates", u.note) for u in commitment.updates)]
        shown = self._sentences(parts)
        text = self._own(shown)
        topics = [self.archive.topics[t] for t in item.topics if t in self.archive.topics]
        synonyms = [t.name for t in topics] + [s for t in topics for s in t.synonyms]
        synonyms += [p.name for code in item.procedures
                     if (p := self.archive.procedures.get(code)) is not None]
        synonyms += item.procedures  # the code an office or a citizen may type (1.009994)
        # The agencies an item concerns: who answered, was referred it, referred it elsewhere
        # (as its page lists it, said so), promised, or carries the promise now (agency +
        # status finds its own overdue ones).
        answered_by = dict.fromkeys(
            [*answering(item), *forwarded_to(item), *referring(item)] + [c.by for c in item.commitments]
            + [x for c in item.commitments for x in self.views.carriers.now_responsible_ids(c)])
        statuses = [c.status.value for c in item.commitments]
        if any(is_overdue(c, self.archive.build_date) for c in item.commitments):
            statuses.append("overdue")
        status_words = [self.labels["commitment_status"][c.status.value] for c in item.commitments]
        if "overdue" in statuses:
            status_words.append(self.labels["text"]["overdue"])
        if any(deadline_outcome(c, self.archive.build_date) == "late" for c in item.commitments):
            status_words.append(self.labels["deadline_outcome"]["late"])  # as the pages say it
        agencies = ", ".join(self.views.agency_link(a).text for a in answering(item))
        referred = ", ".join(self.views.agency_link(a).text for a in referred_to(item))
        facts = {"agencies": agencies, "referred": referred,
                 "status": ", ".join(dict.fromkeys(status_words))}
        return SearchRecord(
            url=urls.web_path(f"{session.src_uri}#{item.id}", self.directory_urls), title=title,
            # 'qua han' puts the overdue first, as the item's own words would: its result says so
            shown=shown, extra=" ".join(self._hidden(searchable(title), text, synonyms, status_words,
                                                     answered_by)),
            date=session.date.isoformat(),
            filters={"type": (item.type.value,),
                     "answered": (answered_value(item, held=not self.archive.announced(session)),),
                     "status": tuple(dict.fromkeys(statuses)), "topic": tuple(item.topics),
                     "agency": tuple(answered_by), "year": (str(session.year),),
                     "kind": (session.meta.kind.value,),
                     "place": self.archive.areas(item.asker.place or session.meta.place)},
            meta={key: value for key, value in facts.items() if value})

    @staticmethod
    def _sentences(parts: list[tuple[Words, ...]]) -> tuple[Words, ...]:
        """A record's shown text: its parts, each a sentence, one space between them."""
        shown: list[Words] = []
        for part in filter(None, parts):
            shown += [SPACE] * bool(shown) + list(sentence(part))
        return tuple(shown)

    @staticmethod
    def _own(shown: tuple[Words, ...]) -> str:
        """The record's own words in its shown text, without the labels (whose accent-free
        forms, `dia diem`, would otherwise be added to its hidden words at full weight)."""
        return "".join(words.text for words in shown if not words.label)

    @staticmethod
    def _plain(text: str) -> tuple[Words, ...]:
        """Markdown as a part of a record: its plain words, or no part without any."""
        plain = searchable(text).strip()
        return (Words(plain),) if plain else ()

    def _fact(self, label: str, value: str | None) -> tuple[Words, ...]:
        """'Chủ đề: …', 'Cam kết: …' (`label` of the `text` labels), or no part without a value."""
        own = self._plain(value or "")
        return filled(self.words["excerpt_fact"], name=Words(self.labels["text"][label], label=True),
                      text=own[0]) if own else ()

    def _answered(self, answer: Any) -> tuple[Words, ...]:
        """Who answered, introducing the answer: 'Trả lời (Phòng Quản lý đô thị quận Cẩm Lệ,
        Chuyên viên):'; a referral says to whom ('… chuyển đến …'). The agencies and the
        official are the record's own words, the rest the label's."""
        agency = self.views.agency_name(answer.by)
        if answer.referred_to:
            return filled(self.labels["text"]["referral"], agency=Words(agency),
                          target=Words(self.views.agency_name(answer.referred_to)))
        by = ", ".join(filter(None, [agency, searchable(answer.official or "")]))
        return filled(self.words["excerpt_answer"], agency=Words(by))

    def _hidden(self, title: str, text: str, names: Iterable[str] = (), states: Iterable[str] = (),
                agencies: Iterable[str] = ()) -> list[str]:
        """What a record holds after the separator: its title, searchable (an item's asker
        and ward) but not repeated in the excerpt under it, then the extra words of both."""
        return [title, self._extra(f"{text} {title}", tuple(names), tuple(states), agencies)]

    def _extra(self, text: str, names: tuple[str, ...], states: tuple[str, ...],
               agencies: Iterable[str]) -> str:
        """`names`: its topics' and procedures' names and synonyms; `states`: its commitments'
        states, as its result says them, so among its own words' phrases. `agencies`: ids
        whose short names and aliases are added too (`Phòng QLĐT`, `QLDT`), as a citizen or
        an office names them; not looked at for topic phrases, which would put an office's
        every item first for a query naming its field."""
        normalised = normalise(text)  # once for both
        aliases = dict.fromkeys(n for a in agencies for n in self.agency_names.get(a, ()))
        words = extra_words(text, (*names, *states, *aliases), normalised)
        own = dict.fromkeys([*self.phrases.found_in_normalised(normalised),
                             *self.phrases.found_in_names(states)])
        topical = [topic_word(w) for w in self.phrases.found_in_names(names) if w not in own]
        return " ".join([words, *own, *topical, EVERY_RECORD])

    def _session_url(self, session: Any) -> str:
        return urls.web_path(session.src_uri, self.directory_urls)

    # --- the search page --------------------------------------------------------------

    def facet_values(self) -> dict[str, dict[str, str]]:
        """Every filter value's name, in display order (ids are what URLs carry)."""
        archive, labels = self.archive, self.labels
        years = sorted({s.year for s in archive.published}, reverse=True)
        return {
            "type": {**{t.value: labels["item_type"][t.value] for t in ItemType},
                     "session": self.words["type_session"]},
            "answered": dict(self.words["answered"]),
            "status": {**labels["commitment_status"], "overdue": self.words["overdue"]},
            "topic": {t.id: t.name for t in archive.topics.values()},
            "agency": {a.id: self.views.agency_name(a.id) for a in archive.agencies.values()},
            "place": {p.id: self.views.place_name(p.id) for p in archive.places.values()},
            "kind": dict(labels["session_kind"]),
            "year": {str(y): str(y) for y in years},
        }

    def page(self) -> PageSpec:
        values = self.facet_values()
        facets = [{"key": key, "label": self.words["facets"][key], "values": values[key]}
                  for key in FACETS]
        messages = {k: v for k, v in self.words.items() if isinstance(v, str)}
        shards = [{"id": shard.id, "year": shard.year, "records": shard.records,
                   "from": format_short_date(shard.sessions[0].date),
                   "to": format_short_date(shard.sessions[-1].date)} for shard in self.shards()]
        return PageSpec(
            urls.search(), self.words["title"], "archive/search.html",
            {"kind": "search", "facets": facets,
             "config": {"facets": facets, "separator": SEPARATOR, "messages": messages,
                        "every_record": EVERY_RECORD, "hidden_mark": HIDDEN_MARK, "date_mark": DATE_MARK,
                        "dashes": DASHES,
                        "locale": {**{k: self.labels["locale"][k] for k in ("lang", "number")},
                                   "content": content_lang()},
                        "shards": shards, "phrases": self.phrases.config(),
                        "topic_mark": TOPIC_MARK,
                        "files": {"words": WORDS_FILE, "sessions": SESSIONS_FILE, "records": RECORDS_FILE,
                                  "runtime": versioned(RUNTIME_FILE, runtime_version())},
                        "scope_records": self.scope_records}},
            description=self.words["description"])
