"""View data: what each page of the site shows, computed from the validated archive.

Pages are described by their MkDocs source path (see `urls`) and a context mapping that
templates read. List pages are built once from indexes; a session page's rendered text is
built only when the page is written, so memory does not grow with rendered HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import Any, TypeVar
from urllib.parse import quote, unquote, urlencode, urlsplit

from markupsafe import escape

from . import urls
from .archive import TIMEZONE, Archive, Session
from .cache import DiskCache, fingerprint
from .commitments import (
    OPEN_STATUSES,
    UNFINISHED,
    Carriers,
    CommitmentRecord,
    commitment_records,
    deadline_outcome,
    is_overdue,
    scorecards,
)
from .feeds import session_agencies, session_description
from .fragments import FragmentStore
from .labels import VI, attendance_kind, count_label, described, format_date, format_short_date
from .links import CODE_SAMPLE
from .loader import private_copy
from .markup import destination, sized_images
from .models import Agency, Answer, AnswerMode, Commitment, CommitmentStatus, Item, ItemType, Place, Topic
from .resizing import Sized, image_attributes, photo_stamps
from .statistics import (
    answering,
    answers_given,
    forwarded_to,
    referred_by,
    referred_to,
    referring,
    session_statistics,
)
from .vietnamese import in_sentence, same_words, sort_key, unit_word

ITEMS_ANCHOR = urls.ITEMS_ANCHOR


E = TypeVar("E", bound=type)


def list_entry(cls: E) -> E:
    """A frozen, slotted dataclass for the entries of lists, whose repr is remembered.

    Slotted: an archive holds one entry per item (200,000 at 10,000 sessions) and page writers
    read them all. A list page's cache key is the hash of its view's repr, and an entry is on
    several list pages (its agency's, its topics', its place's): its repr is worked out once
    and kept short, the class name and a hash of its fields (keeping the full text took 0.5 GB
    more at 10,000 sessions)."""
    cls.__annotations__["_repr"] = "str"
    cls._repr = field(default="", init=False, repr=False, compare=False)  # type: ignore[attr-defined]
    made: Any = dataclass(frozen=True, slots=True)(cls)
    generated = made.__repr__

    def __repr__(self: Any) -> str:
        known = self._repr
        if not known:
            digest = hashlib.blake2b(generated(self).encode(), digest_size=16).hexdigest()
            known = f"{made.__name__}#{digest}"
            object.__setattr__(self, "_repr", known)  # a cache, not one of the frozen fields
        return known

    made.__repr__ = __repr__
    return made  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    uri: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class StatusBadge:
    """A commitment's status as the pages show it, and beside it where it stands against its
    due date when that is news: overdue while open, or done after the due date (which looked
    like one done on time everywhere but the statistics and open data)."""

    status: str
    label: str
    deadline: str = ""
    """'overdue', 'late' (a `commitments.deadline_outcome`), or '' when nothing is said."""
    deadline_label: str = ""

    @property
    def overdue(self) -> bool:
        return self.deadline == "overdue"


@list_entry
class SessionEntry:
    """A session as one line of a list."""

    uri: str
    title: str
    date: str
    date_iso: str
    kind: str
    place: str
    organizer: str
    items: int
    summary: str
    visibility: str
    announced: bool


@list_entry
class ItemEntry:
    """An item as one line of a list, linking to its anchor on the session page."""

    session: SessionEntry
    uri: str
    type: str
    asker: str
    excerpt: str
    agencies: tuple[Link, ...]
    """Who answered (a referral is no answer)."""
    referred: tuple[Link, ...]
    """Where it was referred to, waiting for that agency's answer."""
    statuses: tuple[StatusBadge, ...]
    in_scope: bool
    passed_on: tuple[Link, ...] = ()
    """On the list of an agency that referred it elsewhere: where that agency referred it (a
    referral answers nothing, but the agency's page shows what it passed on, and to whom)."""


@dataclass(slots=True)
class Group:
    """Consecutive item entries of one session, shown under the session's heading."""

    session: SessionEntry
    items: list[ItemEntry] = field(default_factory=list)
    anchor: str = ""
    """The id of a year's start (`urls.year_anchor`) when the list's entries of that year
    begin with this group (see YearStart)."""


@dataclass
class PageSpec:
    """One page of the site: where it goes, what it is called, and what it shows."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] | Callable[[], dict[str, Any]]
    generated: bool = True
    description: str = ""
    updated: dt.date | None = None
    """The last day what the page shows changed, its sitemap's lastmod (None: not known)."""
    inputs: str = ""
    """Hash of everything the view is made from, when that is known without building it (a
    session page: its files and the archive's registries, build date and code). An unchanged
    page is then reused without building its view; otherwise the view itself is hashed."""
    links: list[str] = field(default_factory=list)
    """The pages the view links to (`sessions/…/index.md`): checked against the site's
    pages, whether the page is rendered or reused."""

    def resolve(self) -> dict[str, Any]:
        return self.context() if callable(self.context) else self.context


@dataclass(frozen=True, slots=True)
class Carried:
    """The commitments of units now gone that an agency carries, as its page counts them: its
    commitments list holds them beside its own, which its scorecard counts."""

    unfinished: int
    """Not started or in progress ("Chưa hoàn thành", as the commitments' pages count it)."""
    overdue: int
    """Of the unfinished, those past their due date."""
    escalated: int
    """Waiting on a higher level ("Đã chuyển cấp trên"): not unfinished, yet in the list."""


@dataclass(frozen=True, slots=True)
class YearStart:
    """Where a year's entries start in a list ordered by date: the page and anchor its link
    leads to (`topics/x/page/217/index.md#nam-2019`), and how many entries of that year the
    list holds. The pager links two pages either side only: page 217 of 434 was 108 clicks
    away, and a topic's list had no other way to a period."""

    year: int
    count: int
    uri: str


@dataclass(frozen=True, slots=True)
class Pager:
    number: int
    count: int
    previous: str | None
    next: str | None
    pages: tuple[tuple[int, str], ...]
    years: tuple[YearStart, ...] = ()
    """The list's year starts, the same on every page; none when they would lead nowhere
    new (a list of one page, or of one year)."""
    year: int | None = None
    """The year of the page's first entry: its link is marked current."""
    year_anchors: dict[int, str] = field(default_factory=dict)
    """Position on this page of each entry that starts a year, with its anchor."""


def page_count(entries: int) -> int:
    """The pages of a list of `entries` (PAGE_SIZE a page; an empty list still has page 1)."""
    return max(1, -(-entries // urls.PAGE_SIZE))


def paginate(entries: list[Any], uri: Callable[[int], str],
             year_of: Callable[[Any], int] | None = None) -> Iterator[tuple[list[Any], Pager]]:
    """Slices of PAGE_SIZE with their page links; an empty list still has page 1. With
    `year_of`, for a list ordered by date, the pager also links to where each year starts:
    they are found in one pass over the list, not per page."""
    count = page_count(len(entries))
    links = tuple((n, uri(n)) for n in range(1, count + 1))
    years, anchors = _year_starts(entries, year_of, links) if year_of and count > 1 else ((), {})
    if len(years) < 2:
        years, anchors = (), {}
    for number in range(1, count + 1):
        chunk = entries[(number - 1) * urls.PAGE_SIZE: number * urls.PAGE_SIZE]
        yield chunk, Pager(number, count, links[number - 2][1] if number > 1 else None,
                           links[number][1] if number < count else None, _window(links, number),
                           years, year_of(chunk[0]) if years and year_of else None,
                           anchors.get(number, {}))


def _year_starts(entries: list[Any], year_of: Callable[[Any], int], links: tuple[tuple[int, str], ...]
                 ) -> tuple[tuple[YearStart, ...], dict[int, dict[int, str]]]:
    """The year starts of `entries` (newest first, so each year's entries are together), and
    per page number the positions on it where a year starts, with their anchors."""
    found: list[tuple[int, int]] = []  # (year, index of its first entry)
    counts: Counter[int] = Counter()
    for index, entry in enumerate(entries):
        year = year_of(entry)
        if not found or found[-1][0] != year:
            found.append((year, index))
        counts[year] += 1
    anchors: dict[int, dict[int, str]] = defaultdict(dict)
    years: list[YearStart] = []
    for year, index in found:
        page, position = divmod(index, urls.PAGE_SIZE)
        anchor = urls.year_anchor(year)
        anchors[page + 1][position] = anchor
        years.append(YearStart(year, counts[year], f"{links[page][1]}#{anchor}"))
    return tuple(years), anchors


def session_year(entry: Any) -> int:
    """The year of an item's or commitment's session: what their lists' year starts follow."""
    return int(entry.session.date_iso[:4])


def _window(links: tuple[tuple[int, str], ...], current: int) -> tuple[tuple[int, str], ...]:
    """First, last and neighbours: page links stay few however long the list is."""
    keep = {1, len(links), current - 2, current - 1, current, current + 1, current + 2}
    return tuple(link for link in links if link[0] in keep)


def group_by_session(entries: Iterable[ItemEntry], anchors: dict[int, str]) -> list[Group]:
    """`anchors`: the pager's `year_anchors`; a year starts with a session, so with a group."""
    groups: list[Group] = []
    for position, entry in enumerate(entries):
        if not groups or groups[-1].session is not entry.session:
            groups.append(Group(entry.session, anchor=anchors.get(position, "")))
        groups[-1].items.append(entry)
    return groups


def due_view(commitment: Commitment) -> dict[str, str]:
    """The due date a page shows: the one in force, and the one first promised when an update
    moved it (a reader sees that the promise was extended, and from when)."""
    due, first = commitment.current_due, commitment.due
    return {"due": format_short_date(due) if due else "", "due_iso": due.isoformat() if due else "",
            "due_was": format_short_date(first) if first and first != due else "",
            # a due date brought forward is no extension ('gia hạn'): its label says moved
            "due_was_label": "due_was" if not (first and due) or due > first else "due_brought_forward"}


def other_names(agency: Agency) -> list[str]:
    """The agency's short name, then its aliases, each once and none its name again: a writer
    often lists the short name among the aliases too, and the page showed it twice."""
    return _unrepeated(agency.name, (agency.short_name, *agency.aliases))


def agency_kind(written: str) -> str:
    """A `kind` no label translates, as a reader meets it after "Loại cơ quan": words, not an
    id, starting with a capital as the labels do ('hội_đồng_tổ' is "Hội đồng tổ")."""
    words = written.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def other_words(topic: Topic) -> list[str]:
    """A topic's synonyms, each once and none its name again (a review found "Thuế, phí, lệ
    phí" listed under the topic of that name)."""
    return _unrepeated(topic.name, topic.synonyms)


def _unrepeated(name: str, others: Iterable[str | None]) -> list[str]:
    """`others` that are written, each once, none of them `name` again (words compared)."""
    seen = {same_words(name)}
    kept = []
    for other in others:
        if other and same_words(other) not in seen:
            seen.add(same_words(other))
            kept.append(other)
    return kept


MARKDOWN_LINK = re.compile(r"\]\(\s*<?(?P<inline>[^)\s>]+)"
                           r"|^ {0,3}\[[^\]\n]+\]:[ \t]*<?(?P<reference>[^\s>]+)"
                           r"|<a\b[^>]*?\bhref\s*=\s*[\"'](?P<html>[^\"']+)", re.M | re.I)
"""Where a link of a text leads, as written: inline (`[buổi đối thoại](../../2023/x/index.md#y)`),
by reference (`[buổi đối thoại][1]` and `[1]: ../../2023/x/index.md#y`) or as HTML (`<a href=…>`)."""
MAY_LINK = ("](", "]:", "href")


def links_written(text: str | None) -> Iterator[str]:
    """Where the links of a Markdown text lead, as written, but those shown as a sample in code
    (`` `[x](../../2023/…)` ``, a fenced block), which are no link on the page."""
    if not text or not any(mark in text for mark in MAY_LINK):
        return
    samples = [m.span() for m in CODE_SAMPLE.finditer(text)] if "`" in text or "~~~" in text else []
    for match in MARKDOWN_LINK.finditer(text):
        if not any(begin <= match.start() < end for begin, end in samples):
            yield match[match.lastgroup or "inline"]


class ArchiveViews:
    """Indexes over the archive, and the page specs built from them."""

    def __init__(self, archive: Archive, cache: DiskCache | None = None, directory_urls: bool = True):
        self.archive = archive
        self.fragments = FragmentStore(cache, directory_urls)
        self.photos: dict[str, Sized] = {}
        """The photos' sizes (the sessions' and the other pages') by path in the content folder,
        known once their copies are placed (resizing.PhotoCopies), before the pages are written."""
        self.links: dict[tuple[str, bool], Link] = {}
        self.badges: dict[tuple[str, str], StatusBadge] = {}
        self.text = VI["text"]
        self.lang: str = VI["locale"]["lang"]
        self.session_entries: dict[str, SessionEntry] = {}
        # The item lists and counts below hold the items of sessions already held (see _index).
        self.by_agency: dict[str, list[ItemEntry]] = defaultdict(list)
        """An agency's items: those it answered, was referred or referred elsewhere."""
        self.answered_or_referred: set[str] = set()
        """The agencies that answered an item or were referred one: the home page's count
        (`text.agencies_count`), which an agency that only passed items on is not in."""
        self.by_topic: dict[str, list[ItemEntry]] = defaultdict(list)
        self.by_place: dict[str, list[ItemEntry]] = defaultdict(list)
        """A place's own items: its wards' are counted in items_within and found by searching
        within it (listing them again would multiply a province's pages by its wards)."""
        self.items_within: Counter[str] = Counter()
        """Per place, its items and those of every place within it."""
        self.awaiting_within: Counter[str] = Counter()
        """Per place, as items_within, the questions sent in before sessions not held yet: the
        search finds them, so a link into it that gives a count says how many of them it holds."""
        self.sessions_by_place: dict[str, list[SessionEntry]] = defaultdict(list)
        """Sessions held in a place or in a place within it, newest first."""
        self.sessions_by_agency: dict[str, list[SessionEntry]] = defaultdict(list)
        """Sessions an agency held or sent representatives to, newest first."""
        self.by_year: dict[int, list[SessionEntry]] = defaultdict(list)
        self.counts = {"sessions": len(archive.held), "items": 0, "answers": 0, "commitments": 0}
        self.scorecards = scorecards(archive)
        self.carriers = Carriers(archive)
        self.place_labels = self._told_apart(archive.places, lambda p: p.name)
        names = self._details(archive.agencies, lambda a: a.name)
        labels = self._details(archive.agencies, lambda a: a.label)
        for mine, other in ((names, labels), (labels, names)):  # one period mark in both forms
            mine.update({i: d for i, d in other.items()
                         if i not in mine and d == self._period(archive.agencies[i])})
        self.agency_names = {i: f"{archive.agencies[i].name} ({d})" for i, d in names.items()}
        self.agency_labels = {i: f"{archive.agencies[i].label} ({d})" for i, d in labels.items()}
        """Agencies whose name, or short name, another agency has: told apart as places are. A
        unit told apart by its period in one form carries it in the other too (the old and the
        new ward's committee may share a short name and have two names: each page then said it
        its own way, or not at all); a parent's name or an id marks only the form shared (two
        wards' police sharing 'Công an phường' keep their names as written)."""
        self.predecessors: dict[str, dict[str, list[str]]] = {"agency": {}, "place": {}}
        """Per kind, the units whose `succeeded_by` names an id."""
        for kind, registry in (("agency", archive.agencies), ("place", archive.places)):
            for unit in registry.values():
                for successor in unit.succeeded_by:
                    self.predecessors[kind].setdefault(successor, []).append(unit.id)
        self.subplaces: dict[str, dict[str, Place]] = defaultdict(dict)
        """Per place, the places whose `parent` it is."""
        for place in archive.places.values():
            if place.parent:
                self.subplaces[place.parent][place.id] = place
        for session in archive.published:  # newest first, so every list is too
            self._index(session)

    # --- names ------------------------------------------------------------------------

    def agency_name(self, agency_id: str) -> str:
        """An agency's name, told apart from another agency of the same name like a place's
        (a commune's people's committee keeps its name when communes merge into it)."""
        agency = self.archive.agencies.get(agency_id)
        return self.agency_names.get(agency_id, agency.name if agency else agency_id)

    def place_name(self, place_id: str) -> str:
        """A place's name, told apart from another place of the same name by its period
        ('Phường Hòa Xuân (đến 30/6/2025)', 'Phường Hòa Xuân (từ 1/7/2025)'): a ward keeps its
        name when wards merge into it."""
        place = self.archive.places.get(place_id)
        return self.place_labels.get(place_id, place.name if place else place_id)

    def place_kind(self, place: Place) -> str:
        """What kind of unit a place is, as its name says when it starts with one (a 'Thị trấn'
        or a 'Thị xã' is no 'Xã' nor 'Quận, huyện'), else the label of its `kind`; in an
        interface of another language, always the label (the name's word is Vietnamese)."""
        said = unit_word(place.name) if self.lang == "vi" else None
        return said or VI["place_kind"][place.kind.value]

    def _told_apart(self, registry: dict[str, Any], name_of: Callable[[Any], str]) -> dict[str, str]:
        """Labels of the units whose name another unit of `registry` has: the name and
        its `_details`."""
        return {i: f"{name_of(registry[i])} ({d})" for i, d in self._details(registry, name_of).items()}

    def _details(self, registry: dict[str, Any], name_of: Callable[[Any], str]) -> dict[str, str]:
        """What tells apart the units whose name (`name_of`) another unit of `registry` has:
        their period, or the name of the unit each belongs to, or failing both its id."""
        by_name: dict[str, list[Any]] = defaultdict(list)
        for unit in registry.values():
            by_name[name_of(unit)].append(unit)
        found: dict[str, str] = {}
        for units in by_name.values():
            if len(units) < 2:
                continue
            for describe in (self._period, partial(self._parent_name, registry), lambda u: u.id):
                details = [describe(u) for u in units]
                if all(details) and len(set(details)) == len(details):
                    found.update({u.id: d for u, d in zip(units, details, strict=True)})
                    break
        return found

    def _until(self, place: Place) -> str:
        """'đến 31/1/2024' for a place that has ended, unless its name is told apart so already:
        a district's list of units mixes those of several periods."""
        if not self.archive.ended(place) or place.id in self.place_labels:
            return ""
        assert place.valid_until is not None
        return self.text["named_until"].format(date=format_short_date(place.valid_until))

    def _period(self, unit: Place | Agency) -> str:
        if unit.valid_until:
            return self.text["named_until"].format(date=format_short_date(unit.valid_until))
        if unit.valid_from:
            return self.text["named_from"].format(date=format_short_date(unit.valid_from))
        return ""

    @staticmethod
    def _parent_name(registry: dict[str, Any], unit: Place | Agency) -> str:
        parent = registry.get(unit.parent or "")
        return str(parent.name) if parent else ""

    @cached_property
    def commitments_now(self) -> list[tuple[CommitmentRecord, tuple[str, ...]]]:
        """Every commitment with the units that carry it today
        (`Carriers.now_responsible_ids`), worked out once for the commitment lists and the
        agency pages."""
        return [(record, self.carriers.now_responsible_ids(record.commitment))
                for record in commitment_records(self.archive)]

    @cached_property
    def inherited(self) -> dict[str, Carried]:
        """Per agency: the commitments of units now gone it carries, by status, as its page
        says them. Unfinished is "Chưa hoàn thành" as the commitments' pages count it, not
        started or in progress (one escalated was counted too); the escalated are said apart:
        the agency's list holds them, and a page that left them unsaid had a scorecard of 3
        and 1 carried leading to a list of 6."""
        return {agency: Carried(
                    unfinished=sum(r.commitment.status in OPEN_STATUSES for r in records),
                    overdue=sum(is_overdue(r.commitment, self.archive.build_date) for r in records),
                    escalated=sum(r.commitment.status is CommitmentStatus.escalated for r in records))
                for agency, records in self.carried.items()}

    @cached_property
    def carried(self) -> dict[str, list[CommitmentRecord]]:
        """Per agency: the commitments of units now gone that it carries (not kept nor dropped:
        `Carriers.now_responsible_ids`), which its commitments list holds (see `inherited`);
        their sessions date its page too (sitemap)."""
        carried: dict[str, list[CommitmentRecord]] = defaultdict(list)
        for record, now in self.commitments_now:
            for agency in now:
                carried[agency].append(record)
        return carried

    @cached_property
    def mentions(self) -> dict[tuple[str, str], list[Link]]:
        """Per item (its page's site path and an id or alias of it), the items, or write-ups, of
        other published sessions whose texts link to it: a promise followed up at a later
        session, linked from there, left its first page saying nothing of it (a citizen read
        "no progress since 2025" there; a review's find)."""
        found: dict[tuple[str, str], list[Link]] = defaultdict(list)
        for session in self.archive.published:
            own = urls.web_path(session.src_uri)
            entry = self.session_entries[session.id]
            title = f"{entry.title} ({format_short_date(session.date)})"
            linking = [(Link(title, session.src_uri), (session.body,))] + [
                (Link(title, f"{session.src_uri}#{item.id}"),
                 (item.text, *(answer.text for answer in item.answers))) for item in session.items]
            for link, texts in linking:
                for text in texts:
                    for written in links_written(text):
                        where = destination(written, session.src_uri, False)
                        # An answer's anchor (`<item>/answer-2`) names its item.
                        anchor = where.suffix.partition("#")[2].partition("/")[0] if where else ""
                        if anchor and where and where.path != own and link not in found[where.path, anchor]:
                            found[where.path, anchor].append(link)
        return found

    @cached_property
    def _mentioned_pages(self) -> set[str]:
        return {page for page, _ in self.mentions}

    def mentions_of(self, session: Session, item: Item) -> list[Link]:
        """The items elsewhere that link to `item` (`mentions`), by its id, an alias, one of its
        answers or commitments, once each; a session once, at its item rather than its write-up
        when both link (two links of the same title, one less precise)."""
        page = urls.web_path(session.src_uri)
        if page not in self._mentioned_pages:  # most pages: each of their 20 items asked once
            return []
        names = (item.id, *item.aliases, *(urls.commitment_anchor(c.id) for c in item.commitments))
        links = list(dict.fromkeys(link for name in names for link in self.mentions.get((page, name), [])))
        precise = {link.uri.partition("#")[0] for link in links if "#" in link.uri}
        return [link for link in links if "#" in link.uri or link.uri not in precise]

    def agency_gone(self, commitment: Commitment, now_by: tuple[str, ...]) -> str:
        """What to say after the agency of an unfinished commitment that no longer exists and
        whose work nobody is named to carry (`now_by` empty): its last day, and that nobody is
        known to have taken it over, or that an update says who did; a citizen must not take it
        for an office to ask. '' otherwise."""
        agency = self.archive.agencies.get(commitment.by)
        if now_by or commitment.status not in UNFINISHED or agency is None or not self.archive.ended(agency):
            return ""
        assert agency.valid_until is not None
        said = "agency_handed" if self.carriers.handed_to(commitment, agency) else "agency_gone"
        return VI["commitments"][said].format(date=format_short_date(agency.valid_until))

    def agency_link(self, agency_id: str, full: bool = False) -> Link:
        """One Link per agency and form, shared by all the entries that show it: its short name
        with the full name as its title, where a line is short of room (an answer's heading); with
        `full`, the full name alone, where a reader meets the name on its own (the commitments
        lists, the scorecards table): "Bộ phận TN&TKQ quận" said nothing to a citizen."""
        link = self.links.get((agency_id, full))
        if link is None:
            agency = self.archive.agencies.get(agency_id)
            uri = urls.agency(agency_id)
            link = self.links[agency_id, full] = (
                Link(self.agency_name(agency_id), uri) if full
                else Link(self.agency_labels.get(agency_id, agency.label) if agency else agency_id,
                          uri, self.agency_name(agency_id) if agency else ""))
        return link

    def today_agency_link(self, agency_id: str, ended_id: str, full: bool = False) -> Link:
        """`agency_link` for an agency of today named in brackets after the ended agency
        `ended_id` ('nay thuộc trách nhiệm của …'), see `_today`."""
        agency, ended = self.archive.agencies.get(agency_id), self.archive.agencies.get(ended_id)
        link = self.agency_link(agency_id, full)
        return self._today(link, agency, ended) if agency and ended else link

    def _today(self, link: Link, unit: Place | Agency, ended: Place | Agency) -> Link:
        """`link` to a unit of today named inside brackets after the `ended` one ('nay thuộc
        …'). Its period, which tells it from an ended unit of its name, nested brackets:
        "(nay thuộc phường Hòa Xuân (từ 1/7/2025))". Where only units of today are named it
        says nothing and goes; after an ended unit of the same name it says the two apart, and
        follows a comma: "Phường Hòa Xuân (đến 30/6/2025) (nay thuộc phường Hòa Xuân, từ
        1/7/2025)". A parent's name or an id, which tell it from another unit of today, stay;
        so does the name in the link's title, as every page gives it."""
        period = self._period(unit)
        if not period or not link.text.endswith(f" ({period})"):
            return link
        same = unit.name == ended.name or (
            isinstance(unit, Agency) and isinstance(ended, Agency) and unit.label == ended.label)
        return replace(link, text=link.text.removesuffix(f" ({period})") + (f", {period}" if same else ""))

    # --- indexes ----------------------------------------------------------------------

    def _index(self, session: Session) -> None:
        meta = session.meta
        entry = SessionEntry(
            uri=session.src_uri, title=meta.title, date=format_date(meta.date),
            date_iso=meta.date.isoformat(), kind=VI["session_kind"][meta.kind.value],
            place=self.place_name(meta.place), organizer=self.agency_name(meta.organizer),
            items=len(session.items), summary=meta.summary or "",
            visibility=session.visibility.value, announced=self.archive.announced(session))
        self.session_entries[session.id] = entry
        self.by_year[session.year].append(entry)
        for place_id in self.archive.areas(meta.place):
            self.sessions_by_place[place_id].append(entry)
        for agency_id in dict.fromkeys([meta.organizer, *meta.participants]):
            self.sessions_by_agency[agency_id].append(entry)
        if entry.announced:
            # The questions sent in before a session are on its page and in the search; the
            # figures and the agency, topic and place lists count held sessions, as the
            # statistics do (a topic said 12 where the statistics said 11).
            for item in session.items:
                for area in self.archive.areas(item.asker.place or meta.place):
                    self.awaiting_within[area] += 1
            return
        for item, text in zip(session.items, session.excerpts, strict=True):
            item_entry = self._item_entry(session, entry, item, text)
            self.counts["items"] += 1
            self.counts["answers"] += answers_given(item)
            self.counts["commitments"] += len(item.commitments)
            concerned = [*answering(item), *forwarded_to(item)]
            self.answered_or_referred.update(concerned)
            passed = referring(item)  # listed as passed on, and where to: no answer
            for agency_id in dict.fromkeys([*concerned, *passed]):
                self.by_agency[agency_id].append(self._passed_on(item_entry, item, agency_id)
                                                 if agency_id in passed else item_entry)
            for topic_id in item.topics:
                self.by_topic[topic_id].append(item_entry)
            place = item.asker.place or meta.place
            self.by_place[place].append(item_entry)
            for area in self.archive.areas(place):
                self.items_within[area] += 1

    def _item_entry(self, session: Session, entry: SessionEntry, item: Item, text: str) -> ItemEntry:
        return ItemEntry(
            session=entry, uri=f"{session.src_uri}#{item.id}",
            type=VI["item_type"][item.type.value], asker=item.asker.label,
            excerpt=text,
            agencies=tuple(self.agency_link(a, full=True) for a in answering(item)),
            referred=tuple(self.agency_link(a, full=True) for a in referred_to(item)),
            statuses=tuple(self.badge(c) for c in item.commitments),
            in_scope=item.in_scope)

    def _passed_on(self, entry: ItemEntry, item: Item, agency_id: str) -> ItemEntry:
        """`entry` as the list of the agency that referred it shows it: where that agency
        referred it, said once (not again among the referrals still awaiting an answer)."""
        targets = [self.agency_link(a, full=True) for a in referred_by(item, agency_id)]
        return replace(entry, passed_on=tuple(targets),
                       referred=tuple(link for link in entry.referred if link not in targets))

    def badge(self, commitment: Any) -> StatusBadge:
        """One badge per status (and lateness), shared by all the entries that show it."""
        outcome = deadline_outcome(commitment, self.archive.build_date)
        key = (commitment.status.value, outcome if outcome in self._deadline_labels else "")
        badge = self.badges.get(key)
        if badge is None:
            badge = self.badges[key] = StatusBadge(key[0], VI["commitment_status"][key[0]],
                                                   key[1], self._deadline_labels.get(key[1], ""))
        return badge

    @cached_property
    def _deadline_labels(self) -> dict[str, str]:
        """The deadline outcomes a badge shows beside the status: 'Quá hạn' as the lists'
        filter says it, and a promise kept late as the statistics and open data say it."""
        return {"overdue": VI["text"]["overdue"], "late": VI["deadline_outcome"]["late"]}

    # --- pages ------------------------------------------------------------------------

    def pages(self) -> Iterator[PageSpec]:
        """Every generated page, plus the session pages (whose files exist)."""
        yield from self._session_pages()
        yield from self.list_pages()

    def list_pages(self) -> Iterator[PageSpec]:
        """The sessions', years', agencies', topics' and places' lists, every page of each:
        validate checks a link to one against them (links._Targets)."""
        yield from self._sessions_index_pages()
        yield from self._year_pages()
        yield from self._registry_pages("agency", self.archive.agencies, self.by_agency,
                                        urls.agencies_index, urls.agency, "agencies")
        yield from self._registry_pages("topic", self.archive.topics, self.by_topic,
                                        urls.topics_index, urls.topic, "topics")
        yield from self._registry_pages("place", self.archive.places, self.by_place,
                                        urls.places_index, urls.place, "places")

    def _session_pages(self) -> Iterator[PageSpec]:
        for session in self.archive.published:
            yield PageSpec(session.src_uri, session.meta.title, "archive/session.html",
                           _bind(self.session_page_view, session), generated=False,
                           description=session_description(session, self.archive),
                           updated=self.data_dates[session.src_uri],
                           inputs=self.session_inputs(session),
                           links=session.links)

    def _sessions_index_pages(self) -> Iterator[PageSpec]:
        entries = [self.session_entries[s.id] for s in self.archive.published]
        years = [Link(str(y), urls.year(y)) for y in sorted(self.by_year, reverse=True)]
        title = VI["nav"]["sessions"]
        description, updated = self._described("sessions", entries), self.newest(e.uri for e in entries)
        for chunk, pager in paginate(entries, urls.sessions_index):
            yield PageSpec(urls.sessions_index(pager.number), paged_title(title, pager),
                           "archive/sessions.html",
                           {"kind": "sessions", "heading": title, "sessions": chunk,
                            "pager": pager, "years": years, "total": len(entries),
                            "upcoming": sum(e.announced for e in entries)},
                           description=description, updated=updated)

    def _year_pages(self) -> Iterator[PageSpec]:
        years = [Link(str(y), urls.year(y)) for y in sorted(self.by_year, reverse=True)]
        for year, entries in self.by_year.items():
            title = self.text["sessions_of_year"].format(year=year)
            description = self._described("year", entries, year=year)
            updated = self.newest(e.uri for e in entries)
            for chunk, pager in paginate(entries, lambda n, y=year: urls.year(y, n)):
                yield PageSpec(urls.year(year, pager.number), paged_title(title, pager),
                               "archive/sessions.html",
                               {"kind": "year", "heading": title, "year": year, "sessions": chunk,
                                "pager": pager, "years": years, "total": len(entries),
                                "upcoming": sum(e.announced for e in entries)},
                               description=description, updated=updated)

    @staticmethod
    def _described(kind: str, sessions: list[SessionEntry], **values: object) -> str:
        """A sessions list's description (labels.described): its sessions, and the items of
        those held."""
        return described(kind, {"sessions": len(sessions),
                                "items": sum(e.items for e in sessions if not e.announced)}, **values)

    def _registry_pages(self, kind: str, registry: dict[str, Any],
                        items: dict[str, list[ItemEntry]], index_uri: Callable[[int], str],
                        entry_uri: Callable[..., str], nav_key: str) -> Iterator[PageSpec]:
        rows = [self._registry_row(kind, record, self.items_within[record.id] if kind == "place"
                                   else len(items.get(record.id, [])))
                for record in self._ordered(kind, registry)]
        heading = VI["nav"][nav_key]
        ends = self._ends(kind).values()
        listed = max((d for d in (self.newest(self.data_dates), *ends) if d), default=None)
        for chunk, pager in paginate(rows, index_uri):
            yield PageSpec(index_uri(pager.number), paged_title(heading, pager),
                           "archive/registry_index.html",
                           {"kind": kind, "heading": heading, "rows": chunk, "pager": pager,
                            "total": len(rows)},
                           description=VI["publishing"]["described"][nav_key], updated=listed)
        for record in registry.values():
            entries = items.get(record.id, [])
            header = self._registry_header(kind, record)
            description = self._registry_description(kind, record, len(entries))
            days = (self.newest(e.session.uri for e in entries),
                    self.newest(e.uri for e in self._sessions_here(kind, record.id)),
                    self._ends(kind).get(record.id),
                    self.newest(r.session.src_uri for r in self.carried.get(record.id, []))
                    if kind == "agency" else None)
            updated = max((d for d in days if d), default=None)
            for chunk, pager in paginate(entries, lambda n, r=record.id: entry_uri(r, n), session_year):
                yield PageSpec(
                    entry_uri(record.id, pager.number),
                    paged_title(self._display_name(kind, record), pager),
                    "archive/registry_page.html",
                    partial(self._registry_page_view, kind, record, header, chunk, pager, len(entries)),
                    description=description, updated=updated)

    def _sessions_here(self, kind: str, unit_id: str) -> list[SessionEntry]:
        """The sessions a place's or an agency's page lists (held there, held or attended)."""
        by_kind = {"place": self.sessions_by_place, "agency": self.sessions_by_agency}
        return by_kind[kind].get(unit_id, []) if kind in by_kind else []

    @cached_property
    def data_dates(self) -> dict[str, dt.date]:
        """Each published session's data_date, by its page: a list is dated by the newest of
        what it lists (its pages' sitemap lastmod)."""
        return {s.src_uri: self._dated(s) for s in self.archive.published}

    def newest(self, session_uris: Iterable[str]) -> dt.date | None:
        """The newest data_date of these sessions' pages; None for none."""
        return max((self.data_dates[uri] for uri in session_uris), default=None)

    def _ends(self, kind: str) -> dict[str, dt.date]:
        """The day after each unit of `kind` that ended by the build day ended (`_unit_ends`):
        its page says so from then; topics do not end."""
        agencies, places = self._unit_ends
        return {"agency": agencies, "place": places}.get(kind, {})

    def _registry_description(self, kind: str, record: Any, items: int) -> str:
        """A topic's own description, or what the unit's page holds: its items, the sessions
        it held or attended (an agency) or held there (a place), and the unfinished commitments
        of gone units an agency carries (its page says so)."""
        if kind == "topic":
            return record.description or described("topic", {"items": items}, name=record.name)
        name = self._display_name(kind, record)
        sessions = self._sessions_here(kind, record.id)
        upcoming = sum(e.announced for e in sessions)
        if kind == "agency":
            carried = self.inherited.get(record.id)
            return described("agency", {"items": items, "sessions": len(sessions),
                                        "inherited": carried.unfinished if carried else 0},
                             upcoming=upcoming, name=name, unit=name)
        return described("place", {"sessions": len(sessions), "items": self.items_within[record.id]},
                         upcoming=upcoming, name=in_sentence(name, self.lang), unit=name)

    def _registry_page_view(self, kind: str, record: Any, header: dict[str, Any],
                            chunk: list[ItemEntry], pager: Pager, total: int) -> dict[str, Any]:
        """Made when the page is written: its grouped entries are then not kept for every page
        of the archive (at 10,000 sessions, a million objects shared with the page writers)."""
        sessions_here = self._sessions_here(kind, record.id)
        name = self._display_name(kind, record)
        return {"kind": kind, "record": record, "name": name,
                "name_in_sentence": in_sentence(name, self.lang) if kind == "place" else name,
                "header": header,
                "groups": group_by_session(chunk, pager.year_anchors), "pager": pager, "total": total,
                "sessions_here": sessions_here[:10] if pager.number == 1 else [],
                "sessions_here_total": len(sessions_here),
                "sessions_here_upcoming": sum(e.announced for e in sessions_here),
                "scorecard": self.scorecards.get(record.id) if kind == "agency" else None,
                "inherited": self.inherited.get(record.id) if kind == "agency" else None,
                "scorecard_uri": urls.commitments_agency(record.id)}

    def _ordered(self, kind: str, registry: dict[str, Any]) -> list[Any]:
        """Places by hierarchy (province, district, ward); others in registry order."""
        if kind != "place":
            return list(registry.values())
        depth: dict[str, int] = {}

        def level(place: Place) -> int:
            if place.id not in depth:
                depth[place.id] = 0  # guards against a parent cycle
                parent = registry.get(place.parent) if place.parent else None
                depth[place.id] = level(parent) + 1 if parent else 0
            return depth[place.id]

        # today's units before those that ended, at each level: the new wards of a province
        # are not lost among its dissolved districts
        return sorted(registry.values(), key=lambda p: (level(p), self.archive.ended(p), sort_key(p.name)))

    def _registry_row(self, kind: str, record: Any, count: int) -> dict[str, Any]:
        uri = urls.REGISTRY_PAGES[kind](record.id)
        # (label, name) parts: the names are the records' language (content_lang), not the labels
        detail: list[tuple[str, str]] = []
        if kind == "agency" and record.parent:
            detail = [(self.text["parent_agency"], self.agency_name(record.parent))]
        elif kind == "place":
            detail = [(self.place_kind(record), "")]
            if record.parent:
                detail.append((self.text["within"], in_sentence(self.place_name(record.parent), self.lang)))
        elif kind == "topic" and (synonyms := other_words(record)):
            detail = [("", ", ".join(synonyms))]
        ended = getattr(record, "valid_until", None)
        return {"link": Link(self._display_name(kind, record), uri), "detail": detail, "count": count,
                "ended": format_short_date(ended) if ended and ended < self.archive.build_date else ""}

    def _registry_header(self, kind: str, record: Any) -> dict[str, Any]:
        header: dict[str, Any] = {}
        if kind == "agency":
            agency: Agency = record
            header["parent"] = self.agency_link(agency.parent) if agency.parent else None
            header["spellings"] = other_names(agency)
            header["kind"] = (VI["agency_kind"].get(agency.kind) or agency_kind(agency.kind)
                              if agency.kind else "")
            direct, today = self._successors(self.archive.agencies, agency)
            header["successors"] = [self.agency_link(a) for a in direct]
            header["today"] = [self.agency_link(a) for a in today if today != direct]
        elif kind == "topic":
            topic: Topic = record
            header["description"] = topic.description
            header["synonyms"] = other_words(topic)
        else:
            place: Place = record
            header["kind"] = self.place_kind(place)
            # after "thuộc" in the field, as the places list says it: "Phường thuộc quận Cẩm Lệ"
            header["parent"] = (Link(in_sentence(self.place_name(place.parent), self.lang),
                                     urls.place(place.parent)) if place.parent else None)
            direct, today = self._successors(self.archive.places, place)
            header["successors"] = [Link(self.place_name(p), urls.place(p)) for p in today]
            header["direct"] = [Link(self.place_name(p), urls.place(p)) for p in direct if direct != today]
            header["subplaces"] = [(Link(self.place_name(p.id), urls.place(p.id)),
                                    self.items_within[p.id], self._until(p))
                                   for p in self._ordered("place", self.subplaces.get(place.id, {}))]
            header["items_within"] = self.items_within[place.id]
            header["awaiting_within"] = self.awaiting_within[place.id]
            # The search page's items (not write-ups) of the place and the places within it:
            # what items_within and awaiting_within count together, in the whole archive (by
            # default the page searches the newest indexes only, and found 2,080 of 2,600).
            header["items_query"] = urlencode([("place", place.id)]
                                              + [("type", t.value) for t in ItemType]
                                              + [("scope", "all")])
        if kind != "topic":
            header["predecessors"] = self._predecessor_links(kind, record.id)
            header["within"] = self._with_predecessors(kind, record.id)
            started = record.valid_from
            header["started"] = format_date(started) if started else ""
        ended = getattr(record, "valid_until", None)
        header["ended"] = format_date(ended) if ended and ended < self.archive.build_date else ""
        return header

    def _display_name(self, kind: str, record: Any) -> str:
        if kind == "agency":
            return self.agency_name(record.id)
        return self.place_name(record.id) if kind == "place" else record.name

    def _successors(self, registry: dict[str, Any], unit: Agency | Place) -> tuple[list[str], list[str]]:
        """The ids of the units that took `unit`'s place, and of those that carry it on today
        (a renamed ward merged again): none while it still exists on the build day."""
        if not self.archive.ended(unit):
            return [], []
        return list(unit.succeeded_by), [u.id for u in self.archive.successors(registry, unit.id)]

    def _predecessor_links(self, kind: str, unit_id: str) -> list[tuple[Link, bool]]:
        """The units that went into this one, each with whether only part of it did: one split
        among several successors (a district among its communes) did not form this unit whole."""
        registry = self.archive.agencies if kind == "agency" else self.archive.places
        return [(self.agency_link(i) if kind == "agency" else Link(self.place_name(i), urls.place(i)),
                 len(registry[i].succeeded_by) > 1)
                for i in self.predecessors[kind].get(unit_id, [])]

    def _with_predecessors(self, kind: str, unit_id: str) -> list[str]:
        """A unit and every unit merged into it, however far back: "search within" a merged
        ward searches the records of the wards merged into it as well. A unit split among
        several successors (a district among its wards) is left out: most of its records
        concern the others."""
        registry = self.archive.agencies if kind == "agency" else self.archive.places
        found, seen = [unit_id], {unit_id}
        for current in found:
            for before in self.predecessors[kind].get(current, []):
                if before not in seen and len(registry[before].succeeded_by) == 1:
                    seen.add(before)
                    found.append(before)
        return found

    # --- session page -----------------------------------------------------------------

    def session_inputs(self, session: Session) -> str:
        """What session_view depends on: the session's files and visibility, the sizes and
        copies of the photos it shows (from any folder), what the build date decides about it,
        and what every session depends on (empty when the loader did not record them)."""
        if not (session.source_key and self.archive.context_fingerprint):
            return ""
        return fingerprint(self.archive.context_fingerprint, session.source_key,
                           session.visibility.value, self.day_facts(session),
                           photo_stamps(self.archive.root / p for p in self._photos_shown(session)),
                           repr([self.mentions_of(session, item) for item in session.items]))

    @staticmethod
    def _photos_shown(session: Session) -> list[str]:
        """The photos a session's page shows (their paths in the content folder): the header's
        and those of its texts, from any folder."""
        image = session.meta.image
        header = [posixpath.join(posixpath.dirname(session.src_uri), image.src)] if image else []
        return header + session.photos

    def day_facts(self, session: Session) -> str:
        """What the build date decides about a session's own page and search records: whether
        it is held yet, which of its commitments are overdue, and the data's date (which a
        commitment falling overdue does not move for a scheduled session in a preview: its
        data's date is its future publication). Keyed by these rather than by the date, the
        next day's build reuses every session's outputs but those of the sessions it changed."""
        overdue = [is_overdue(c, self.archive.build_date) for i in session.items for c in i.commitments]
        return repr((self.archive.announced(session), overdue, self.data_date(session)))

    def data_date(self, session: Session) -> dt.date:
        """The last day what the session's record says changed, as its printed copy dates its
        data: the write-up published, an answer or a commitment's progress added later, the
        session held after it was announced, a commitment falling overdue, or a unit it names
        ending (the page then says what the unit is part of now, or that it ended). Worked out
        once for a published session: its page's key, its page and the sitemap ask for it."""
        known = self.data_dates.get(session.src_uri)
        return known if known is not None else self._dated(session)

    def _dated(self, session: Session) -> dt.date:
        build_date = self.archive.build_date
        days = [session.updated_at(build_date).date(),
                *(c.current_due + dt.timedelta(days=1) for i in session.items for c in i.commitments
                  if c.current_due is not None and is_overdue(c, build_date))]
        agencies_ended, places_ended = self._unit_ends
        if agencies_ended:  # the agencies and places the page names
            days += [agencies_ended[a] for a in session_agencies(session, self.carriers)
                     if a in agencies_ended]
        if places_ended:
            days += [places_ended[p] for p in (session.meta.place, *(i.asker.place for i in session.items))
                     if p in places_ended]
        if not self.archive.announced(session):
            days.append(session.date)
        return max(days)

    @cached_property
    def _unit_ends(self) -> tuple[dict[str, dt.date], dict[str, dt.date]]:
        """The day after the last of each agency and place ended by the build date, by id: a
        page naming one dates its data no earlier (data_date). Most archives have few."""
        agencies, places = ({unit.id: unit.valid_until + dt.timedelta(days=1)
                             for unit in registry.values()
                             if unit.valid_until is not None and self.archive.ended(unit)}
                            for registry in (self.archive.agencies, self.archive.places))
        return agencies, places

    def session_page_view(self, session: Session) -> dict[str, Any]:
        """The view of a session page while pages are written: made from a private copy of the
        session (see loader.private_copy)."""
        return self.session_view(private_copy(session, self.fragments.cache))

    def session_view(self, session: Session) -> dict[str, Any]:
        """Everything the session template shows, with Markdown rendered to safe HTML."""
        meta = session.meta
        rendered = self._with_photo_sizes(session, self.fragments.get(session))
        headings = self.session_headings(session)
        awaiting = headings["awaiting"] if self.archive.announced(session) else ""
        return {
            "kind": "session",
            "session": session,
            "entry": self.session_entries.get(session.id),
            "kind_label": VI["session_kind"][meta.kind.value],
            "headings": headings,
            "data_uri": urls.session_data(session.id),
            "date": format_date(meta.date, weekday=True),
            "time": meta.time,
            "published": self._published(session),
            "corrections": [{"date": format_short_date(c.date), "iso": c.date.isoformat(), "note": c.note}
                            for c in sorted(meta.corrections, key=lambda c: c.date)],
            "organizer": self.agency_link(meta.organizer),
            "place": Link(self.place_name(meta.place), urls.place(meta.place)),
            "place_successors": self._place_today(meta.place),
            "participants": [self.agency_link(a) for a in meta.participants],
            "chair_for": self._chair_for(meta.chair.on_behalf_of if meta.chair else None),
            "attendance": [(self.attendance_label(k, n), n) for k, n in meta.attendance.items()],
            "photo": self._header_photo(session),
            "body_html": rendered["body"],
            "toc": self._session_toc(session, rendered["toc"], headings),
            "items": [self._item_view(session, item, html, awaiting)
                      for item, html in zip(session.items, rendered["items"], strict=True)],
            "visibility": session.visibility.value,
            "visibility_label": self._visibility_label(session),
            "announced": self.archive.announced(session),
            "data_date": self.data_date(session),
            "stats": session_statistics(session, self.archive) if session.items else {},
        }

    def _header_photo(self, session: Session) -> dict[str, Any] | None:
        """The `image:` above the write-up: the original, which the photo viewer's link opens,
        and the <img>'s attributes (its copy, when it is large)."""
        image = session.meta.image
        if image is None:
            return None
        src = quote(image.src)
        sized = self.photos.get(self._photos_shown(session)[0])
        return {"full": src, "attributes": image_attributes(sized, src) if sized
                else {"src": src, "loading": "lazy"}}

    def _with_photo_sizes(self, session: Session, rendered: dict[str, Any]) -> dict[str, Any]:
        """The rendered texts (cached as they are written) with their photos' sizes and copies,
        which change with the photos, not with the texts."""
        def sized(fragment: str) -> str:
            return sized_images(fragment, partial(self._photo_attributes, session))

        return {**rendered, "body": sized(rendered["body"]),
                "items": [{"text": sized(item["text"]), "answers": [sized(a) for a in item["answers"]]}
                          for item in rendered["items"]]}

    def _photo_attributes(self, session: Session, src: str) -> dict[str, str]:
        """The <img> attributes of a photo of a text of the session's page, at `src`."""
        found = destination(src, session.src_uri, image=True)
        return self._sized(found.reference.target if found and found.reference and not found.suffix
                           else None, src)

    def _sized(self, photo: str | None, src: str) -> dict[str, str]:
        """The <img> attributes of the photo at `photo` (its path in the content folder, None
        when `src` names none of them), shown at `src`: its copy and size, when it has them."""
        sized = self.photos.get(photo) if photo is not None else None
        return image_attributes(sized, src) if sized else {"loading": "lazy"}

    def page_with_photo_sizes(self, html: str, url: str) -> str:
        """A page of the content folder's own (about.md, the home page's text), as MkDocs
        rendered it at the address `url`, with its photos' sizes and copies as a session's
        (MkDocs wrote each photo's `src` relative to that address)."""
        folder = url if url.endswith("/") else posixpath.dirname(url)

        def attributes(src: str) -> dict[str, str]:
            parts = urlsplit(src)
            target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
            local = not (parts.scheme or parts.netloc or parts.query or parts.fragment)
            return self._sized(unicodedata.normalize("NFC", target) if local else None, src)

        return sized_images(html, attributes)

    def _visibility_label(self, session: Session) -> str:
        """A preview's flag; a scheduled session's says when it goes public."""
        if session.visibility.value == "scheduled":  # by `published`, or by its date
            return self._when(session, VI["visibility"])
        return VI["visibility"].get(session.visibility.value, "")

    def _published(self, session: Session) -> str:
        """When the write-up went public, as its byline says it, if `published` gives it."""
        return "" if session.meta.published is None else self._when(session, self.text)

    @staticmethod
    def _when(session: Session, words: dict[str, str]) -> str:
        """When the session goes public, in the `published_on`/`published_at` words given."""
        moment = session.published_at().astimezone(TIMEZONE)
        date = format_short_date(moment.date())
        if moment.time() == dt.time():
            return words["published_on"].format(date=date)
        return words["published_at"].format(time=f"{moment:%H:%M}", date=date)

    def _session_toc(self, session: Session, writeup: list[dict[str, Any]],
                     headings: dict[str, str]) -> list[dict[str, Any]]:
        """The page's title, holding the write-up's headings, the figures and the items: Material
        lists what the title holds, and its "skip to content" link leads to the title."""
        def entry(anchor: str, name: str, level: int = 2, children: Any = ()) -> dict[str, Any]:
            return {"level": level, "id": anchor, "name": name, "html": name, "children": list(children)}

        parts = [*writeup, *([entry(urls.CORRECTIONS_ANCHOR, self.text["corrections"])]
                             if session.meta.corrections else []),
                 *([entry(urls.STATISTICS_ANCHOR, headings["stats"])] if session.items else []),
                 entry(ITEMS_ANCHOR, headings["items"])]
        return [entry(urls.CONTENT_ANCHOR, str(escape(session.meta.title)), 1, parts)]

    def session_headings(self, session: Session) -> dict[str, str]:
        """A session page's words that name its kind: a voter meeting hears voters' proposals
        ("Ý kiến, kiến nghị của cử tri"), and its figures are those of a "buổi tiếp xúc cử tri"."""
        kind = session.meta.kind.value
        name = VI["session_kind_in_sentence"][kind]
        return {"items": self.text["items"][kind],
                "stats": VI["statistics"]["session_block"].format(kind=name),
                "no_record_yet": self.text["no_record_yet"].format(kind=name),
                "awaiting": self.text["awaiting_session"].format(kind=name,
                                                                 date=format_short_date(session.date))}

    def _place_today(self, place_id: str | None) -> list[Link]:
        """What a place that has since been merged or renamed is part of today (FORMAT.md: the
        record keeps the place as it was; the site shows today's successor next to it), named
        as within a sentence: the page says it in brackets, "(nay thuộc phường Cẩm Lệ)"."""
        place = self.archive.places.get(place_id) if place_id else None
        if place is None or not self.archive.ended(place):
            return []
        return [self._today(Link(in_sentence(self.place_name(p.id), self.lang), urls.place(p.id)), p, place)
                for p in self.archive.successors(self.archive.places, place_id)]

    def _chair_for(self, on_behalf_of: str | None) -> Link | None:
        """For whom the chair presided: free text (FORMAT.md), but an agency's id, as every other
        agency field is written, is shown as that agency's name and page."""
        if not on_behalf_of:
            return None
        if on_behalf_of in self.archive.agencies:
            return Link(self.agency_name(on_behalf_of), urls.agency(on_behalf_of))
        return Link(on_behalf_of, "")

    def attendance_label(self, key: str, count: int | None = None) -> str:
        """`attendance` keys are free (FORMAT.md): a key without a label is shown as written,
        its hyphens as spaces; with a `count`, a label's form for it ('1 guest')."""
        if key not in self.text["attendance_kinds"] or count is None:
            return attendance_kind(key)
        return count_label(f"text.attendance_kinds.{key}", count)

    def _referred_now(self, item: Item, answer: Answer) -> tuple[Link, ...]:
        """Who has a referral still awaiting an answer today, when the agency it went to is gone
        and the registry names one unit after it: a citizen following it up asks them (a
        review's find; a commitment's agency is followed up so, `now_by`)."""
        ended = self.archive.agencies.get(answer.referred_to or "")
        if ended is None or not self.archive.ended(ended) or answer.referred_to not in referred_to(item):
            return ()
        today = self.archive.successors(self.archive.agencies, ended.id)
        return (self.today_agency_link(today[0].id, ended.id),) if len(today) == 1 else ()

    def _item_view(self, session: Session, item: Item, rendered: dict[str, Any],
                   awaiting: str) -> dict[str, Any]:
        """What the item card shows (templates/archive/partials/item_card.html), its texts
        already rendered once (`rendered`, from the fragment cache); `awaiting`: what it says
        in place of "not answered" in a session not held yet (a question sent in before it)."""
        answers = []
        pairs = zip(item.answers, rendered["answers"], strict=True)
        for number, (answer, answer_html) in enumerate(pairs, start=1):
            answer_date = session.answer_date(answer.date)
            mode = VI["answer_mode"][answer.mode.value]
            answers.append({
                "anchor": urls.answer_anchor(item.id, number),
                "former_anchors": [urls.answer_anchor(alias, number) for alias in item.aliases],
                "agency": self.agency_link(answer.by),
                "official": answer.official,
                "mode": answer.mode.value,
                "mode_label": mode,
                "referred_to": self.agency_link(answer.referred_to)
                if answer.mode is AnswerMode.referred and answer.referred_to else None,
                "referred_now": self._referred_now(item, answer),
                "date": format_short_date(answer_date),
                "date_iso": answer_date.isoformat(),
                "late": answer_date != session.date,
                "document": answer.document,
                "html": answer_html,
            })
        commitments = []
        for commitment in item.commitments:
            now = self.carriers.now_responsible_ids(commitment)
            commitments.append({
                "id": commitment.id,
                "anchor": urls.commitment_anchor(commitment.id),
                "agency": self.agency_link(commitment.by),
                "now_by": tuple(self.today_agency_link(a, commitment.by) for a in now),
                "agency_gone": self.agency_gone(commitment, now),
                "text": commitment.text,
                **due_view(commitment),
                "badge": self.badge(commitment),
                "updates": [{"date": format_short_date(u.date), "date_iso": u.date.isoformat(),
                             "status": VI["commitment_status"][u.status.value]
                             if u.status else "", "note": u.note,
                             "due": format_short_date(u.due) if u.due else ""}
                            for u in commitment.updates],
            })
        return {
            "id": item.id,
            "aliases": item.aliases,
            "type": item.type.value,
            "type_label": VI["item_type"][item.type.value],
            "asker": item.asker.label,
            "asker_kind": VI["asker_kind"][item.asker.kind.value],
            "named_with_consent": item.asker.named_with_consent,
            "asker_place": Link(self.place_name(item.asker.place), urls.place(item.asker.place))
            if item.asker.place else None,
            "asker_place_today": self._place_today(item.asker.place),
            "topics": [Link(self.archive.topics[t].name if t in self.archive.topics else t,
                            urls.topic(t)) for t in item.topics],
            "procedures": [self._procedure(code) for code in item.procedures],
            "in_scope": item.in_scope,
            "html": rendered["text"],
            "answers": answers,
            "awaiting": awaiting,
            "commitments": commitments,
            "mentions": self.mentions_of(session, item),
        }

    def _procedure(self, code: str) -> dict[str, str]:
        procedure = self.archive.procedures.get(code)
        return {"code": code, "name": procedure.name if procedure else code,
                "url": (procedure.url or "") if procedure else ""}

    # --- home -------------------------------------------------------------------------

    def home_view(self, latest: int = 10) -> dict[str, Any]:
        entries = [self.session_entries[s.id] for s in self.archive.held[:latest]]
        upcoming = [self.session_entries[s.id] for s in self.archive.published
                    if self.archive.announced(s)][::-1]  # the nearest first
        return {"kind": "home", "latest": entries, "upcoming": upcoming,
                "counts": dict(self.counts, agencies=len(self.answered_or_referred)),
                "count_pages": {"sessions": urls.sessions_index(), "items": urls.statistics(),
                                "answers": urls.statistics(), "commitments": urls.commitments(),
                                "agencies": urls.agencies_index()},
                "years": [Link(str(y), urls.year(y)) for y in sorted(self.by_year, reverse=True)]}


def _bind(function: Callable[[Session], dict[str, Any]], session: Session) -> Callable[[], dict[str, Any]]:
    return lambda: function(session)


def paged_title(title: str, pager: Pager) -> str:
    """A list page's title: page 1 is the list's, the next ones say their number (the label
    `text.paged_title`), so that tabs, bookmarks and search results tell them apart."""
    text = VI["text"]
    return title if pager.number == 1 else text["paged_title"].format(
        title=title, page=text["page"], number=pager.number)
