"""Search records built from the validated archive: one per item, one per session write-up,
their text written as core/search_text.py says, cut into indexes (`Shard`), and the search
page's settings. Filters use ids (stable in shared URLs); the search page maps them to names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from . import urls
from .asset_versions import RUNTIME_FILE, runtime_version, versioned
from .commitments import deadline_outcome, is_overdue
from .labels import VI, content_lang, format_short_date
from .markup import markdown_text
from .models import Item, ItemType
from .search_chunks import WORDS_FILE
from .search_index import RECORDS_FILE, SESSIONS_FILE, TOTALS_FILE
from .search_text import (
    DASHES,
    DATE_MARK,
    EVERY_RECORD,
    HIDDEN_MARK,
    SEPARATOR,
    SPACE,
    TOPIC_MARK,
    Phrases,
    SearchRecord,
    Words,
    date_word,
    extra_words,
    filled,
    sentence,
    topic_word,
)
from .statistics import answering, forwarded_to, referred_to, referring
from .vietnamese import fold, normalise, separated
from .views import ArchiveViews, PageSpec

FACETS = ("type", "answered", "status", "topic", "agency", "place", "kind", "year")
"""Filters, in the order the search page shows them."""
WITHIN = ("topic", "agency", "place")
"""The filters whose values the search page knows the indexes of (`SearchRecords.holders`)."""

SHARD_RECORDS = 3000
"""Records in one Pagefind index, about. Pagefind ranks every match in the browser and its
cost per match grows with the size of the index (measured with 21,000 records in one index:
7 s for a query matching 18,000; with 2,100: under 0.2 s), so the archive is cut into
small indexes, which also keeps indexing memory small and lets an edit re-index one. But a
query fetches one word chunk (30-80 KB) per word from every index it searches, so the first
search should need one index."""

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
        within = self._session_within(session)
        agencies = within["agency"]
        # Who chaired it, as its page names them (an official in the role): `Võ Ngọc Hiệp` found
        # nothing, and said no record held 'Ngọc'. Not the byline: 'Văn Nam' or the office's
        # name would make every write-up it signed a result for 'nam' or 'van phong'.
        named = [searchable(meta.chair.name)] if meta.chair and meta.chair.name else []
        title, *more = self._hidden(searchable(meta.title), " ".join([text, *named]), agencies=agencies)
        return SearchRecord(
            url=self._session_url(session), title=meta.title, shown=shown,
            # Its date is searchable (`15/12/2026` finds the write-up), not its items' (see `meta`),
            # however typed (date_word).
            extra=" ".join(dict.fromkeys([title, *named, *more, date_word(
                session.date.day, session.date.month, session.date.year)])).strip(),
            date=meta.date.isoformat(),
            filters={"type": ("session",), "year": (str(session.year),),
                     "kind": (meta.kind.value,), **within},
            meta={"organizer": self.views.agency_name(meta.organizer)})

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
        within = self._item_within(session, item)
        answered_by = within["agency"]
        statuses = [c.status.value for c in item.commitments]
        if any(is_overdue(c, self.archive.build_date) for c in item.commitments):
            statuses.append("overdue")
        status_words = [self.labels["commitment_status"][c.status.value] for c in item.commitments]
        if "overdue" in statuses:
            status_words.append(self.labels["text"]["overdue"])
        if any(deadline_outcome(c, self.archive.build_date) == "late" for c in item.commitments):
            status_words.append(self.labels["deadline_outcome"]["late"])  # as the pages say it
        agencies = ", ".join(self.views.agency_name(a) for a in answering(item))
        referred = ", ".join(self.views.agency_name(a) for a in referred_to(item))
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
                     "status": tuple(dict.fromkeys(statuses)), "year": (str(session.year),),
                     "kind": (session.meta.kind.value,), **within},
            meta={key: value for key, value in facts.items() if value})

    def _session_within(self, session: Any) -> dict[str, tuple[str, ...]]:
        """A write-up's topics (its items'), agencies (who organised and took part) and place
        with the areas it lies in: the filters a page's "search within" box sets."""
        meta = session.meta
        return {"topic": tuple(dict.fromkeys(t for item in session.items for t in item.topics)),
                "agency": tuple(dict.fromkeys([meta.organizer, *meta.participants])),
                "place": self.archive.areas_now(meta.place)}

    def _item_within(self, session: Any, item: Item) -> dict[str, tuple[str, ...]]:
        """An item's topics, agencies and place (the asker's, else the session's, with the
        areas it lies in). Its agencies: who answered, was referred it, referred it elsewhere
        (as its page lists it, said so), promised, or carries the promise now (agency + status
        finds its own overdue ones)."""
        agencies = dict.fromkeys(
            [*answering(item), *forwarded_to(item), *referring(item)] + [c.by for c in item.commitments]
            + [x for c in item.commitments for x in self.views.carriers.now_responsible_ids(c)])
        return {"topic": tuple(item.topics), "agency": tuple(agencies),
                "place": self.archive.areas_now(item.asker.place or session.meta.place)}

    def holders(self, shards: list[Shard]) -> dict[str, dict[str, str]]:
        """Which indexes hold a record of each topic, agency and place, as a hexadecimal mask
        (bit n: `shards[n]`). A search filtered by one (an agency's page's "search within" box)
        loads only the indexes holding it (search.js, `holds`): the answers of a ward merged
        away in 2025 lie in the oldest indexes only, and the newest ones, searched first, held
        none of them. A value every index holds is left out (nothing to skip): in a district's
        archive, the district and its busiest offices."""
        masks: dict[str, dict[str, int]] = {key: {} for key in WITHIN}
        for n, shard in enumerate(shards):
            for session in shard.sessions:
                for within in (self._session_within(session),
                               *(self._item_within(session, item) for item in session.items)):
                    for key, values in within.items():
                        for value in values:
                            masks[key][value] = masks[key].get(value, 0) | 1 << n
        every = (1 << len(shards)) - 1
        return {key: {value: format(mask, "x") for value, mask in values.items() if mask != every}
                for key, values in masks.items()}

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

    def facet_other_names(self) -> dict[str, dict[str, list[str]]]:
        """What else a filter's value is called, for the box that narrows its list: an agency's
        short name and aliases ('QLĐT'), a topic's synonyms ('sổ đỏ'), as the search box finds
        them (a reader typing 'QLĐT' there was told no name held it)."""
        topics = {t.id: list(t.synonyms) for t in self.archive.topics.values() if t.synonyms}
        agencies = {a: list(names) for a, names in self.agency_names.items() if names}
        return {"topic": topics, "agency": agencies}

    def examples(self) -> str:
        """What the search box suggests typing: the words of the archive's three most asked
        topics, a synonym (what citizens type) before the name, the second and third without
        diacritics, as they may be typed ('sổ đỏ, mot cua, ho khau'). It said the sample's
        'cấp sổ đỏ, dang ky tam tru, giay phep xay dung', which another archive may not hold
        (a helper's find)."""
        asked = self.views.by_topic
        ranked = sorted((t for t in self.archive.topics.values() if asked.get(t.id)),
                        key=lambda t: (-len(asked[t.id]), t.name))
        words: list[str] = []
        for topic in ranked:
            if len(words) == 3:
                break
            if word := next((w for w in (*topic.synonyms, topic.name) if "," not in w), None):
                word = word if word.isupper() else word.lower()
                words.append(fold(word) if words else word)
        return ", ".join(words)

    def page(self, cut: list[Shard], holders: dict[str, dict[str, str]]) -> PageSpec:
        """The search page of the indexes `cut` (`shards`), which `holders` describes
        (`self.holders`, or the same read back from a cache)."""
        values, also = self.facet_values(), self.facet_other_names()
        facets = [{"key": key, "label": self.words["facets"][key], "values": values[key],
                   **({"also": also[key]} if key in also else {})} for key in FACETS]
        messages = {k: v for k, v in self.words.items() if isinstance(v, str)}
        shards = [{"id": shard.id, "year": shard.year, "records": shard.records,
                   "from": format_short_date(shard.sessions[0].date),
                   "to": format_short_date(shard.sessions[-1].date)} for shard in cut]
        return PageSpec(
            urls.search(), self.words["title"], "archive/search.html",
            {"kind": "search", "facets": facets, "examples": self.examples(),
             "config": {"facets": facets, "separator": SEPARATOR, "messages": messages,
                        "every_record": EVERY_RECORD, "hidden_mark": HIDDEN_MARK, "date_mark": DATE_MARK,
                        "dashes": DASHES,
                        "locale": {**{k: self.labels["locale"][k] for k in ("lang", "number")},
                                   "content": content_lang()},
                        "shards": shards, "holders": holders, "phrases": self.phrases.config(),
                        "topic_mark": TOPIC_MARK,
                        "files": {"words": WORDS_FILE, "sessions": SESSIONS_FILE, "records": RECORDS_FILE,
                                  "totals": TOTALS_FILE,
                                  "runtime": versioned(RUNTIME_FILE, runtime_version())},
                        "scope_records": self.scope_records}},
            description=self.words["description"])
