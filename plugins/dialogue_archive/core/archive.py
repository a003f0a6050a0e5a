"""The loaded archive: registries plus sessions, with the look-ups pages need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from .cache import fingerprint
from .models import TIMEZONE, Agency, Item, Place, Procedure, SessionMeta, Topic
from .privacy import Redactor
from .registry_match import succession

U = TypeVar("U", Agency, Place)



class Visibility(StrEnum):
    published = "published"
    draft = "draft"
    scheduled = "scheduled"


@dataclass
class Session:
    """One session: its write-up front matter and body, and its record of items."""

    id: str
    folder: Path
    meta: SessionMeta
    body: str
    items: list[Item]
    excerpts: list[str] = field(default_factory=list)
    """Each item's excerpt as lists show it (markup.text_excerpt): made while parsing, on all
    cores, and cached with the parsed session."""
    lead: str = ""
    """The write-up's first paragraph as plain text (markup.lead), which describes a session
    without a `summary` (feeds.own_description); empty when it has one. Made from the redacted
    write-up, rendered once while parsing, as excerpts are."""
    visibility: Visibility = Visibility.published
    answers_path: Path | None = None
    source_key: str = ""
    """Hash of the session's two files (see loader.session_key)."""
    parsed_key: str = ""
    """Where the loader cached the parsed session (see loader.private_copy)."""
    lost_anchors: list[str] = field(default_factory=list)
    """Anchors of the items of answers.yaml that did not validate: they are not on the page, but
    a link to one is not broken, the item is (and its own problem is reported)."""
    record_read: bool = True
    """False when answers.yaml could not be read at all (its own problem is reported): which
    anchors its page will have is then unknown, and links to them are not reported."""
    salvaged: bool = False
    """True when its front matter did not validate and was read without its wrong keys, for the
    other checks only (loader.salvaged): its problems are reported, the build stops."""
    links: list[str] = field(default_factory=list)
    """Source paths of the pages its texts link to (`sessions/2023/x/index.md`), found by the
    loader; those the build makes itself can only be checked against the built site."""
    photos: list[str] = field(default_factory=list)
    """Paths in the content folder of the photos its texts show, its own folder's or another's
    (`sessions/2024/x/anh.jpg`): its page shows their sizes, and changes with them."""

    @property
    def year(self) -> int:
        return self.meta.date.year

    @property
    def date(self) -> dt.date:
        return self.meta.date

    @property
    def src_uri(self) -> str:
        """Path of the write-up inside the content folder (MkDocs' src_uri)."""
        return f"sessions/{self.year}/{self.id}/index.md"

    @property
    def index_path(self) -> Path:
        return self.folder / "index.md"

    def published_at(self) -> dt.datetime:
        """When the write-up goes public (FORMAT.md: absent = the session date), in Vietnam's
        time however it was written (`…T01:00:00Z` is 08:00): its day, and the hour the build
        log and messages give, are Vietnam's."""
        value = self.meta.published or dt.datetime.combine(self.meta.date, dt.time())
        return value.astimezone(TIMEZONE) if value.tzinfo else value.replace(tzinfo=TIMEZONE)

    def updated_at(self, today: dt.date) -> dt.datetime:
        """When the record last changed for a reader: a written answer, a commitment's
        progress or a correction added after the write-up (dates after `today` do not count yet)."""
        later = [day for day in (
            *(correction.date for correction in self.meta.corrections),
            *(day for item in self.items for day in (
                *(answer.date for answer in item.answers if answer.date),
                *(update.date for commitment in item.commitments for update in commitment.updates))))
            if day <= today]
        published = self.published_at()
        if not later or max(later) <= published.date():
            return published
        return dt.datetime.combine(max(later), dt.time(), tzinfo=TIMEZONE)

    def answer_date(self, answer_date: dt.date | None) -> dt.date:
        return answer_date or self.meta.date


@dataclass
class UnloadedSession:
    """A session folder whose front matter did not validate: not one of the archive's sessions
    (its problems are reported, and the build stops), but a link to it from another text is
    judged by what its page will have once it is fixed. Such links were reported broken, as
    links to a page of Markdown headings ('fix the anchor or remove it'), besides its one real
    problem. Also a session a partial preview leaves out unread (core/partial_preview.py)."""

    id: str
    folder: Path
    body: str
    items: list[Item]
    lost_anchors: list[str]
    record_read: bool
    """As Session's: False when its answers.yaml could not be read, and which anchors its page
    will have is unknown (links to them are not judged)."""
    year: int | None = None
    """The year whose list it will be on: its `date` as written, else its folder name's (None
    when neither reads as a day)."""
    draft: bool = False
    """`draft: true` is written: it will be on no public list."""


@dataclass
class Archive:
    """Everything read from one content folder, valid or not yet checked."""

    root: Path
    build_date: dt.date
    agencies: dict[str, Agency] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    procedures: dict[str, Procedure] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    unloaded: list[UnloadedSession] = field(default_factory=list)
    """The session folders left out for their front matter (see UnloadedSession)."""
    left_out: frozenset[str] = frozenset()
    """The folders (`sessions/<year>/<id>`) of the sessions a partial preview leaves out."""
    include_drafts: bool = False
    fingerprint: str = ""
    """Hash of every file the archive was read from, the build date and the reading code."""
    context_fingerprint: str = ""
    """The same without the sessions and the date (but with the units it ended): what every
    session's outputs also depend on."""
    page_photos: list[str] = field(default_factory=list)
    """The photos the content folder's other pages show (about.md, the home page's text), by
    path in the content folder as saved (a name a Mac saved decomposed stays so): they get
    smaller copies and are published without their metadata as the sessions' photos are (a
    GIF too, without a copy)."""
    session_photos: dict[str, list[Path]] = field(default_factory=dict)
    """The photos of each session's folder that a text shows or links to, by session id: the
    folder is listed once a build, when the archive is read."""
    unused_photos: frozenset[str] = frozenset()
    """The photos of session folders that no text shows or links to, by path in the content
    folder (NFC, as MkDocs' files are named): not published (a copy of an ID card the office
    put in the folder with the event's photos was, at a guessable address)."""
    redactor: Redactor = field(default_factory=Redactor)
    """The site-wide redaction rules, for the pages MkDocs makes from the content folder's
    other Markdown files (the sessions' texts are redacted when they are read)."""

    def leaves_out(self, path: str) -> bool:
        """Whether `path` (from the content folder) is in a session a partial preview leaves out."""
        return "/".join(path.split("/")[:3]) in self.left_out

    @cached_property
    def published(self) -> list[Session]:
        """Sessions on the public site, newest first (drafts too in a draft preview)."""
        shown = {Visibility.published}
        if self.include_drafts:
            shown |= {Visibility.draft, Visibility.scheduled}
        chosen = [s for s in self.sessions if s.visibility in shown]
        return sorted(chosen, key=lambda s: (s.date, s.meta.time or "", s.id), reverse=True)

    @cached_property
    def cache_variant(self) -> str:
        """This content folder, with or without drafts, in a few letters: the cache keeps one
        entry a namespace of its large folders (a search index, a year's open data), and a
        preview (drafts shown) and a build, or two archives sharing a cache, each keep their own
        in namespaces named with it; they evicted each other's, and each build after a preview
        made them all again."""
        return fingerprint(str(self.root.resolve()), str(self.include_drafts))[:8]

    def announced(self, session: Session) -> bool:
        """A session published ahead of its day (with at most questions sent in before it), or
        on its day with no record yet: not counted as held."""
        return session.date > self.build_date or (not session.items and session.date == self.build_date)

    @cached_property
    def held(self) -> list[Session]:
        """The published sessions that took place (newest first): what statistics count."""
        return [s for s in self.published if not self.announced(s)]

    def successors(self, registry: Mapping[str, U], unit_id: str) -> list[U]:
        """Today's units a dissolved or merged place or agency lives on in (followed
        transitively); `registry`: `places` or `agencies`."""
        return [unit for unit, ended in succession(registry, unit_id, self.build_date)
                if not (ended and unit.succeeded_by)]

    @cached_property
    def _areas(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for place_id in self.places:
            chain = [place_id]
            while (parent := self.places[chain[-1]].parent) in self.places and parent not in chain:
                chain.append(parent)
            found[place_id] = tuple(chain)
        return found

    def areas(self, place_id: str) -> tuple[str, ...]:
        """The place and every place it lies within (ward, district, province): what is
        raised in a ward is listed, filtered and followed under its district too."""
        return self._areas.get(place_id, (place_id,))

    def areas_now(self, place_id: str) -> tuple[str, ...]:
        """`areas`, and those of the units the place was merged into whole, however far on (a
        ward merged into today's ward): what the search's place filter finds a record under. A
        citizen of the merged ward ticks the ward of today, and found none of its former wards'
        records (a review's find). A unit split among several (a district among its wards) is
        not followed: most of its records concern the others."""
        return self._areas_now.get(place_id, (place_id,))

    @cached_property
    def _areas_now(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for place_id, place in self.places.items():
            areas = list(self.areas(place_id))
            while len(place.succeeded_by) == 1 and (after := place.succeeded_by[0]) not in areas \
                    and after in self.places:
                areas += [area for area in self.areas(after) if area not in areas]
                place = self.places[after]
            found[place_id] = tuple(areas)
        return found

    def ended(self, unit: Agency | Place) -> bool:
        """The unit no longer exists on the build date (dissolved, merged, renamed)."""
        return unit.valid_until is not None and unit.valid_until < self.build_date
