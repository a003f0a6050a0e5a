"""Open data: the published archive as JSON, CSV and Popolo, built from the same model as the pages.

Only `Archive.published` is exported, so drafts and scheduled sessions never appear, even
in a draft preview (`include_drafts`) where the pages show them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass
from itertools import chain, groupby
from pathlib import Path
from typing import Any, NamedTuple, TextIO
from urllib.parse import quote

from . import opendata_schema as out
from . import urls
from .archive import TIMEZONE, Archive, Session, Visibility
from .cache import DiskCache, fingerprint
from .commitments import deadline_outcome, done_date, is_overdue
from .labels import VI
from .markup import HTML_COMMENT, PATH_SAFE, absolute_links
from .models import (
    AnswerMode,
    AskerKind,
    Chair,
    Commitment,
    CommitmentStatus,
    Item,
    ItemType,
    SessionKind,
)
from .parallel import Stopper
from .statistics import item_outcome
from .views import ArchiveViews

CSV_COLUMNS = (
    "session_id", "session_date", "session_title", "session_kind", "session_kind_label",
    "organizer_id", "organizer",
    "place_id", "place", "item_id", "item_url", "item_type", "item_type_label", "asker",
    "asker_kind", "asker_kind_label", "asker_place_id", "asker_place", "topic_ids", "topics",
    "procedures", "in_scope", "item_text", "outcome", "outcome_label",
    "answer_number", "answer_by_id", "answer_by", "answer_official", "answer_mode",
    "answer_mode_label", "answer_date", "answer_referred_to_id", "answer_referred_to",
    "answer_document", "answer_text", "commitments", "commitments_overdue", "as_of",
    "session_held",
)
"""items.csv, one row per item-answer; documented column by column on the open-data page."""

CSV_CODES = {"session_kind": SessionKind, "item_type": ItemType, "asker_kind": AskerKind,
             "outcome": out.Outcome, "answer_mode": AnswerMode, "status": CommitmentStatus,
             "deadline": out.Deadline}
"""The CSV columns that hold codes (both files), for the open-data page to list their values."""

COMMITMENT_COLUMNS = (
    "commitment_id", "commitment_url", "session_id", "session_date", "session_title", "item_id",
    "item_url", "item_type", "item_type_label", "topic_ids", "topics", "place_id", "place", "by_id",
    "by", "now_by_ids",
    "now_by", "text", "due", "current_due", "status", "status_label", "overdue", "done_date", "deadline",
    "deadline_label", "updates", "last_update_date", "last_update_note", "as_of",
)
"""commitments.csv, one row per commitment: whether promises were kept, in a spreadsheet
(items.csv only counts them)."""

CSV_FILES = (("items.csv", "csv_docs", CSV_COLUMNS),
             ("commitments.csv", "commitment_csv_docs", COMMITMENT_COLUMNS))
"""Each CSV file, the labels.VI group describing its columns, and its columns in order."""

Column = tuple[str, str, list[tuple[str, str]]]
"""A CSV column's name, its description, and the codes it holds with their labels."""


def csv_columns() -> dict[str, list[Column]]:
    """Each CSV file's columns in order, described: what the open-data page lists and
    datapackage.json declares, paired in one place."""
    return {name: [(column, VI["open_data"][docs_key][column],
                    out.coded_values(CSV_CODES.get(column))) for column in columns]
            for name, docs_key, columns in CSV_FILES}

COLUMN_TYPES = {"session_date": "date", "answer_date": "date", "due": "date", "current_due": "date",
                "done_date": "date", "last_update_date": "date", "as_of": "date", "in_scope": "boolean",
                "session_held": "boolean", "overdue": "boolean", "answer_number": "integer",
                "commitments": "integer", "commitments_overdue": "integer", "updates": "integer"}
"""Table Schema type of the CSV columns (both files) that are not text; every other column,
ids and procedure codes ('2.000720') included, is text, so that no tool reads it as a number."""

TRUE, FALSE = "true", "false"
"""How the CSV files write yes and no (datapackage.json declares them); an empty cell is a
missing value."""

LINE_END = "\r\n"
"""The CSV files' line ending; their other conventions are the csv module's "excel" dialect."""

RECORDS_NAMESPACE = "opendata-sessions"
"""The cache's namespace of each session's data as the files take it (`OpenData.exported`)."""
YEARS_PREFIX = "opendata-year-"
"""The cache's namespaces of each year's bulk files, `opendata-year-<year>-<variant>`
(`OpenData.year_namespace`): one entry is kept a namespace."""



@dataclass(frozen=True)
class Publication:
    """Who publishes the data, where, and under which licence."""

    site_url: str
    """Absolute root of the site ('https://example.vn/'), or '/' when mkdocs.yml has none."""
    publisher: str
    licence_name: str
    licence_url: str
    directory_urls: bool = True

    def url(self, uri: str) -> str:
        return self.site_url + urls.web_path(uri, self.directory_urls)


class OpenData:
    """Export records of one archive; every method reads the loaded archive, never the site.

    It reads the pages' views too, so that the data says what the pages say where the pages
    work something out (who carries a commitment today)."""

    def __init__(self, views: ArchiveViews, publication: Publication):
        self.views = views
        self.archive: Archive = views.archive
        self.pub = publication
        self.sessions = [s for s in self.archive.published if s.visibility is Visibility.published]
        self.years = sorted({s.date.year for s in self.sessions}, reverse=True)
        """The years sessions were held in, newest first: each has its bulk files."""
        self.csv_line = _CsvLine()
        """Formats the CSV files' lines (one writer, not one a row)."""
        self.exports = 0
        """Sessions whose data was made from their record, not read back from the cache."""
        self.years_written: list[int] | None = None
        """The years whose bulk files `write` wrote, not linked from the cache (None: not run)."""
        self.sizes: dict[str, int] = {}
        """Each file of urls.DATA_FILES by name and of `year_files` by path in data/, its size
        in bytes, once written (`measure`): the open-data page gives them (a preview's page,
        written before the files, the sizes its previous build measured)."""

    def year_files(self) -> list[tuple[int, list[str]]]:
        """Each year's bulk files, by path in data/, newest year first."""
        return [(year, [urls.year_data(year, name) for name in urls.BULK_FILES])
                for year in self.years]

    def measure(self, folder: Path) -> None:
        """Take the sizes of the files written in `folder` (or linked there from the cache)."""
        self.sizes = {path: (folder / path).stat().st_size for path in chain(
            (name for name, _ in urls.DATA_FILES), *(paths for _, paths in self.year_files()))}

    def ref(self, registry: dict[str, Any], key: str) -> out.Ref:
        record = registry.get(key)
        return out.Ref(id=key, name=record.name if record else key)

    # --- archive.json -----------------------------------------------------------------

    def provenance(self) -> out.Provenance:
        """The head of every JSON file: whose data, under which licence, computed on which day."""
        return out.Provenance(
            format_version=out.FORMAT_VERSION, build_date=self.archive.build_date,
            site_url=self.pub.site_url, publisher=self.pub.publisher,
            licence=out.Licence(name=self.pub.licence_name, url=self.pub.licence_url))

    def archive_head(self) -> out.Archive:
        """archive.json without its sessions, which `write` adds one at a time."""
        a, url = self.archive, self.pub.url
        return out.Archive(
            **dict(self.provenance()),
            agencies=[out.Agency(**x.model_dump(), kind_label=VI["agency_kind"].get(x.kind),
                                 url=url(urls.agency(x.id))) for x in a.agencies.values()],
            topics=[out.Topic(**x.model_dump(), url=url(urls.topic(x.id))) for x in a.topics.values()],
            places=[out.Place(**x.model_dump(mode="json"), kind_label=VI["place_kind"][x.kind],
                              url=url(urls.place(x.id))) for x in a.places.values()],
            procedures=[out.Procedure(**x.model_dump()) for x in a.procedures.values()],
            sessions=[])

    def session_record(self, session: Session) -> out.Session:
        m, a = session.meta, self.archive
        return out.Session(
            id=session.id, url=self.pub.url(session.src_uri), title=m.title, date=m.date,
            time=m.time, held=not a.announced(session), kind=m.kind.value,
            kind_label=VI["session_kind"][m.kind.value],
            organizer=self.ref(a.agencies, m.organizer), place=self.ref(a.places, m.place),
            venue=m.venue, subject=m.subject,
            chair=self._chair(m.chair) if m.chair else None,
            participants=[self.ref(a.agencies, p) for p in m.participants],
            attendance=dict(m.attendance),
            attendance_labels={key: self.views.attendance_label(key) for key in m.attendance},
            author=m.author, published=session.published_at(),
            summary=m.summary, writeup=self.published_text(session.body, session).strip(),
            sources=[out.Source(**s.model_dump()) for s in m.sources],
            corrections=[out.Correction(**c.model_dump())
                         for c in sorted(m.corrections, key=lambda c: c.date)],
            # `src` is a file's name: its own '%' is encoded, as on the page (`50%25.jpg`)
            image=out.Image(url=quote(self.pub.url(posixpath.join(posixpath.dirname(session.src_uri),
                                                                  m.image.src)), safe=PATH_SAFE),
                            caption=m.image.caption, alt=m.image.alt) if m.image else None,
            aliases=list(m.aliases), items=[self.item_record(session, item) for item in session.items])

    def item_record(self, session: Session, item: Item) -> out.Item:
        a, outcome = self.archive, item_outcome(item, held=not self.archive.announced(session))
        page = self.pub.url(session.src_uri)
        return out.Item(
            id=item.id, url=f"{page}#{item.id}", session_id=session.id, type=item.type.value,
            type_label=VI["item_type"][item.type.value],
            asker=out.Asker(label=item.asker.label, kind=item.asker.kind.value,
                            kind_label=VI["asker_kind"][item.asker.kind.value],
                            place=self.ref(a.places, item.asker.place) if item.asker.place else None,
                            named_with_consent=item.asker.named_with_consent),
            topics=[self.ref(a.topics, t) for t in item.topics], procedures=list(item.procedures),
            in_scope=item.in_scope, text=self.published_text(item.text, session),
            outcome=outcome, outcome_label=VI["outcome"][outcome],
            answers=[out.Answer(
                by=self.ref(a.agencies, x.by), official=x.official, mode=x.mode.value,
                mode_label=VI[out.CODE_LABELS[AnswerMode]][x.mode.value],
                date=session.answer_date(x.date),
                referred_to=self.ref(a.agencies, x.referred_to) if x.referred_to else None,
                document=x.document, text=self.published_text(x.text, session)) for x in item.answers],
            commitments=[self.commitment_record(page, c) for c in item.commitments],
            aliases=list(item.aliases))

    def commitment_record(self, page: str, c: Commitment) -> out.Commitment:
        a, build_date = self.archive, self.archive.build_date
        deadline = deadline_outcome(c, build_date)
        return out.Commitment(
            id=c.id, url=f"{page}#{urls.commitment_anchor(c.id)}", by=self.ref(a.agencies, c.by),
            now_by=[self.ref(a.agencies, x) for x in self.views.carriers.now_responsible_ids(c)],
            text=c.text, due=c.due, current_due=c.current_due, status=c.status.value,
            status_label=VI["commitment_status"][c.status.value],
            overdue=is_overdue(c, build_date), done_date=done_date(c),
            deadline=deadline, deadline_label=VI["deadline_outcome"][deadline],
            updates=[out.Update(date=u.date, status=u.status.value if u.status else None,
                                status_label=VI["commitment_status"][u.status.value]
                                if u.status else None, note=u.note, due=u.due) for u in c.updates])

    def published_text(self, markdown: str, session: Session) -> str:
        """A text as written, with its links and photos as full addresses: in a file read
        outside the site, `../2023/<id>/index.md#x` would lead nowhere. Without its HTML
        comments, which the page does not show either: an office's notes to itself there
        ('<!-- người hỏi là ... -->') were published in the open data."""
        return absolute_links(HTML_COMMENT.sub("", markdown), session.src_uri, self.pub.site_url,
                              self.pub.url)

    def schema(self) -> dict[str, Any]:
        return out.json_schema(VI["open_data"]["field_docs"],
                               self.pub.url(urls.DATA_DIR + "schema.json"))

    # --- datapackage.json -------------------------------------------------------------

    def package(self, folder: Path) -> dict[str, Any]:
        """The Frictionless Data Package descriptor of data/: each CSV column's type, so that a
        tool reads the procedure code '2.000720' as text rather than the number 2.00072. Made
        from the column lists the CSV files are written with, so that it cannot fall behind;
        each resource's size and hash from its file written in `folder`, so that a tool can
        tell a 456 MB download (archive.json at 10,000 sessions) before starting it."""
        text, pub = VI["open_data"], self.pub
        created = dt.datetime.combine(self.archive.build_date, dt.time(), tzinfo=TIMEZONE)
        return {
            "profile": "data-package",
            "id": pub.url(urls.DATA_DIR + "datapackage.json"),
            "name": "dialogue-archive",
            "title": text["package_title"].replace("{publisher}", pub.publisher),
            "description": text["intro"],
            "homepage": pub.url(urls.open_data()),
            "created": created.isoformat(),
            "licenses": [{"title": pub.licence_name, "path": pub.licence_url}],
            "contributors": [{"title": pub.publisher, "role": "publisher", "path": pub.site_url}],
            "resources": [self.resource(folder, name, text[key])
                          for name, key in urls.DATA_FILES if name != "datapackage.json"]
            + [self.resource(folder, name, text["year_file"].replace("{file}", name)
                             .replace("{year}", str(year)), year)
               for year in self.years for name in urls.BULK_FILES],
        }

    def resource(self, folder: Path, name: str, description: str,
                 year: int | None = None) -> dict[str, Any]:
        """The resource of the file `name` in `folder`, or of its copy for one `year`'s sessions
        (same schema: 'items-2024', at years/2024/items.csv), with its size and hash."""
        path = urls.year_data(year, name) if year else name
        stem = name.rpartition(".")[0]
        described = {"name": f"{stem}-{year}" if year else stem, "path": path,
                     "description": description}
        tables = csv_columns()
        return (self.table_resource(described, tables[name]) if name in tables
                else _json_resource(described)) | _file_facts(folder / path)

    def table_resource(self, described: dict[str, str], columns: list[Column]) -> dict[str, Any]:
        """A CSV file (`described`: its name, path and description) as a tabular data resource:
        its dialect, then each column in order with its type, its codes and the open-data
        page's description."""
        excel, values = csv.get_dialect("excel"), VI["open_data"]["values"]

        def field(column: str, docs: str, codes: list[tuple[str, str]]) -> dict[str, Any]:
            kind = COLUMN_TYPES.get(column, "string")
            described = {"name": column, "type": kind, "description": docs}
            if kind == "boolean":
                described |= {"trueValues": [TRUE], "falseValues": [FALSE]}
            if codes:
                listed = ", ".join(f"{code} ({label})" for code, label in codes)
                described |= {"description": f"{docs} {values}: {listed}.",
                              "constraints": {"enum": [code for code, _ in codes]}}
            return described

        return {"name": described["name"], "path": described["path"], "type": "table",
                "profile": "tabular-data-resource",
                # UTF-8 after a BOM (`_spreadsheet`), as frictionless itself names it
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "description": described["description"],
                "dialect": {"csvddfVersion": 1.2, "delimiter": excel.delimiter,
                            "lineTerminator": LINE_END, "quoteChar": excel.quotechar,
                            "doubleQuote": excel.doublequote, "header": True},
                "schema": {"fields": [field(*column) for column in columns],
                           "missingValues": [""]}}

    # --- items.csv --------------------------------------------------------------------

    def csv_rows(self, session: out.Session) -> Iterator[dict[str, str]]:
        """items.csv's rows of a session, but their `as_of` (`_holed`)."""
        for item in session.items:
            base = _shared_columns(session, item) | {
                "session_kind": session.kind, "session_kind_label": session.kind_label,
                "organizer_id": session.organizer.id, "organizer": session.organizer.name,
                "asker": item.asker.label, "asker_kind": item.asker.kind,
                "asker_kind_label": item.asker.kind_label,
                "asker_place_id": item.asker.place.id if item.asker.place else "",
                "asker_place": item.asker.place.name if item.asker.place else "",
                "procedures": "; ".join(item.procedures),
                "in_scope": _flag(item.in_scope), "item_text": _cell(item.text),
                "outcome": item.outcome, "outcome_label": item.outcome_label,
                "session_held": _flag(session.held),
            }
            counts = {"commitments": str(len(item.commitments)),
                      "commitments_overdue": str(sum(c.overdue for c in item.commitments))}
            for number, x in enumerate(item.answers, start=1):
                # the item's counts on its first row only, so that a column's sum is the archive's
                yield base | (counts if number == 1 else {}) | {
                    "answer_number": str(number), "answer_by_id": x.by.id, "answer_by": x.by.name,
                    "answer_official": x.official or "", "answer_mode": x.mode,
                    "answer_mode_label": x.mode_label, "answer_date": x.date.isoformat(),
                    "answer_referred_to_id": x.referred_to.id if x.referred_to else "",
                    "answer_referred_to": x.referred_to.name if x.referred_to else "",
                    "answer_document": x.document or "", "answer_text": _cell(x.text)}
            if not item.answers:
                yield base | counts

    def commitment_rows(self, session: out.Session) -> Iterator[dict[str, str]]:
        """commitments.csv's rows of a session, but their `as_of` (`_holed`)."""
        for item in session.items:
            for c in item.commitments:
                last = c.updates[-1] if c.updates else None
                yield _shared_columns(session, item) | {
                    "commitment_id": c.id, "commitment_url": c.url, "by_id": c.by.id, "by": c.by.name,
                    "now_by_ids": "; ".join(x.id for x in c.now_by),
                    "now_by": "; ".join(x.name for x in c.now_by),
                    "text": _cell(c.text), "due": _iso(c.due) or "",
                    "current_due": _iso(c.current_due) or "",
                    "status": c.status, "status_label": c.status_label,
                    "overdue": _flag(c.overdue),
                    "done_date": _iso(c.done_date) or "", "deadline": c.deadline,
                    "deadline_label": c.deadline_label,
                    "updates": str(len(c.updates)),
                    "last_update_date": last.date.isoformat() if last else "",
                    "last_update_note": _cell(last.note or "") if last else "",
                }

    # --- popolo.json ------------------------------------------------------------------
    # Popolo organizations, events (one per session) and speeches (question / answer).

    def _chair(self, chair: Chair) -> out.Chair:
        """As the page shows it: `on_behalf_of` written as an agency's id is that agency's name,
        and its id is given apart (a slug in place of the name told a reuser nothing)."""
        behalf = chair.on_behalf_of
        agency = behalf if behalf in self.archive.agencies else None
        return out.Chair(name=chair.name, position=chair.position, on_behalf_of_id=agency,
                         on_behalf_of=self.views.agency_name(agency) if agency else behalf)

    def popolo_organizations(self) -> list[dict[str, Any]]:
        return [{"id": a.id, "name": a.name, "parent_id": a.parent, "classification": a.kind,
                 "founding_date": _iso(a.valid_from), "dissolution_date": _iso(a.valid_until)}
                for a in self.archive.agencies.values()]

    def popolo_event(self, s: out.Session) -> dict[str, Any]:
        """A session as an event; its place named as the pages name it (a ward that kept its name
        after a merger is told apart by its period)."""
        return {"id": s.url, "name": s.title, "classification": s.kind,
                "start_date": _moment(s.date, s.time) if s.time else s.date.isoformat(),
                "organization_id": s.organizer.id, "location": s.venue or self.views.place_name(s.place.id),
                "description": s.summary, "sources": [{"url": s.url}]}

    @staticmethod
    def popolo_speeches(session: out.Session) -> Iterator[dict[str, Any]]:
        """Questions and answers as speeches. Popolo's speech `date` is a date-time (its
        schema's format; a plain date failed every speech): a question at the session's start,
        an answer at the start of its day (the session's, when it was given there). A referral
        to another agency is a speech of type "referral", naming that agency: the site counts
        no answer in it (a reuser's 51 answers against the statistics' 48)."""
        start = session.time or "00:00"
        for item in session.items:
            yield {"id": item.url, "event_id": session.url, "type": "question",
                   "title": item.type_label, "attribution_text": item.asker.label,
                   "date": _moment(session.date, start), "text": item.text,
                   "sources": [{"url": item.url}]}
            for number, x in enumerate(item.answers, start=1):
                # Popolo's speaker is a person; the answering agency's id is an extension
                # (`organization_id`, as on events) so that answers join the organizations.
                # The id is the answer's address on its session page.
                referral = {"referred_to_id": x.referred_to.id} if x.referred_to else {}
                yield {"id": f"{session.url}#{urls.answer_anchor(item.id, number)}", "event_id": session.url,
                       "type": "referral" if x.mode == AnswerMode.referred else "answer", **referral,
                       "organization_id": x.by.id, "attribution_text": x.by.name,
                       "role": x.official, "audience_id": item.url,
                       "date": _moment(x.date, start if x.date == session.date else "00:00"),
                       "text": x.text, "sources": [{"url": item.url}]}

    # --- files ------------------------------------------------------------------------

    def record_key(self, session: Session) -> str:
        """What a session's data is made of (`exported`): its files, what the build date decides
        about it (held yet, which commitments are overdue: `ArchiveViews.day_facts`), what every
        session's depends on (registries, units ended, labels, code: the archive's context) and
        the publication; "" when the loader did not record them (nothing is cached then)."""
        if not (self.archive.context_fingerprint and session.source_key):
            return ""
        return fingerprint(self.archive.context_fingerprint, session.source_key,
                           self.views.day_facts(session), repr(self.pub))

    def record_keys(self) -> set[str]:
        """The keys of the sessions' data this archive's files are made of (the cache keeps them)."""
        return {key for session in self.sessions if (key := self.record_key(session))}

    def year_key(self, record_keys: list[str]) -> str:
        """What a year's bulk files are made of: its sessions' data in order (`record_key`) and
        the build date (their `as_of` and `build_date`); "" when a session's data has no key."""
        return fingerprint(self.archive.build_date.isoformat(), *record_keys) if all(record_keys) else ""

    def year_namespace(self, year: int) -> str:
        """Where a year's bulk files are cached: one entry a namespace, as for a search index."""
        return f"{YEARS_PREFIX}{year}-{self.archive.cache_variant}"

    def year_namespaces(self) -> set[str]:
        return {self.year_namespace(year) for year in self.years}

    def exported(self, session: Session, key: str, cache: DiskCache) -> _Exported:
        """A session's data as the files take it, read back from `cache` under its `key` when it
        is there, else made from its record (and kept there)."""
        if key and isinstance(kept := cache.get_pickle(RECORDS_NAMESPACE, key), _Exported):
            return kept
        self.exports += 1
        record = self.session_record(session)
        made = _Exported(
            _model_json(record), _holed(self.csv_rows(record), CSV_COLUMNS, self.csv_line),
            _holed(self.commitment_rows(record), COMMITMENT_COLUMNS, self.csv_line),
            _compact(self.popolo_event(record)), ", ".join(map(_compact, self.popolo_speeches(record))))
        if key:
            cache.put_pickle(RECORDS_NAMESPACE, key, made)
        return made

    def write(self, folder: Path, cache: DiskCache, stopper: Stopper) -> list[str]:
        """Write every data file into `folder` in one pass over the sessions (newest first, so
        a year's come together), each session's data made once, or read back from `cache`, and
        dropped after use: at 10,000 sessions the whole export held in memory took 3 GB
        (measured), written this way it takes one session's worth. Each session goes to its own
        file, to the whole archive's bulk files and to its year's, unless its year's files are in
        the cache as this build would write them (`year_key`): they are linked from there. Returns
        the files written (paths within `folder`), for the cache's manifest. Ends at the next
        session once `stopper` stops."""
        written = ["schema.json", *urls.BULK_FILES, "datapackage.json"]
        self.exports, self.years_written = 0, []
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sessions").mkdir(exist_ok=True)
        (folder / "schema.json").write_text(_json(self.schema()), encoding="utf-8")
        head = _opening(_model_json(self.provenance()), "\n}\n") + ",\n"
        as_of = self.archive.build_date.isoformat()
        start = _Start(_opening(_model_json(self.archive_head()), _ArchiveJson.EMPTY),
                       _compact(self.popolo_organizations()),
                       *(_header(columns, self.csv_line) for columns in (CSV_COLUMNS, COMMITMENT_COLUMNS)))
        with _BulkFiles(folder, start) as whole:
            for year, sessions in groupby(self.sessions, key=lambda s: s.date.year):
                keyed = [(session, self.record_key(session)) for session in sessions]
                key, namespace = self.year_key([k for _, k in keyed]), self.year_namespace(year)
                annual_folder = folder / urls.YEARS_DIR / str(year)
                written += [urls.year_data(year, name) for name in urls.BULK_FILES]
                linked = bool(key) and cache.restore_tree(namespace, key, annual_folder)
                with nullcontext() if linked else _BulkFiles(annual_folder, start) as annual:
                    for session, record_key in keyed:
                        stopper.check()
                        exported = self.exported(session, record_key, cache)
                        # out.SessionFile: the head, then the session's fields (its text already made)
                        path = folder / "sessions" / f"{session.id}.json"
                        path.write_text(head + exported.json.removeprefix("{\n"), encoding="utf-8")
                        written.append(f"sessions/{path.name}")
                        for alias in session.meta.aliases:  # a renamed session's former address too
                            shutil.copyfile(path, folder / "sessions" / f"{alias}.json")
                            written.append(f"sessions/{alias}.json")
                        texts = exported.texts(as_of)
                        whole.add(texts)
                        if annual is not None:
                            annual.add(texts)
                if not linked:
                    self.years_written.append(year)
                    if key:
                        cache.store_tree(namespace, key, annual_folder)
        # last: it gives the size and hash of each file above
        (folder / "datapackage.json").write_text(_json(self.package(folder)), encoding="utf-8")
        return written


class _Texts(NamedTuple):
    """One session as each bulk file takes it, written out once for the whole archive's and
    its year's."""

    archive: str
    rows: str
    commitments: str
    event: str
    speeches: str


class _Exported(NamedTuple):
    """One session's data as the files take it, without the build date (`_holed`), so that it is
    cached by what it is made of (`OpenData.record_key`): the next day reuses that of every
    session the day did not change."""

    json: str
    """Its record (out.Session) as JSON, as its own file has it after the head."""
    rows: tuple[str, ...]
    """Its rows of items.csv, `as_of` left out (`_holed`)."""
    commitments: tuple[str, ...]
    """Its rows of commitments.csv, the same way."""
    event: str
    """Its Popolo event, as compact JSON."""
    speeches: str
    """Its Popolo speeches, as compact JSON separated by ", " ("" for none)."""

    def texts(self, as_of: str) -> _Texts:
        return _Texts(_indented(self.json), as_of.join(self.rows), as_of.join(self.commitments),
                      self.event, self.speeches)


class _Start(NamedTuple):
    """What each bulk file of a build starts with."""

    archive: str
    """archive.json up to its sessions (`_ArchiveJson`)."""
    organizations: str
    """popolo.json's organizations, as compact JSON."""
    rows: str
    """items.csv's BOM and header."""
    commitments: str
    """commitments.csv's BOM and header."""


class _BulkFiles:
    """archive.json, items.csv, commitments.csv and popolo.json of a run of sessions, written
    into one folder a session at a time; finished when the `with` block ends without error."""

    def __init__(self, folder: Path, start: _Start):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder, self.organizations = folder, start.organizations
        files = self.files = ExitStack()
        self.archive = _ArchiveJson(files.enter_context(_open(folder / "archive.json")), start.archive)
        self.rows = files.enter_context(_open(folder / "items.csv"))
        self.rows.write(start.rows)
        self.commitments = files.enter_context(_open(folder / "commitments.csv"))
        self.commitments.write(start.commitments)
        self.speeches = files.enter_context(_scratch(folder))
        self.events: list[str] = []
        self.separator = ""

    def __enter__(self) -> _BulkFiles:
        return self

    def add(self, session: _Texts) -> None:
        self.archive.add(session.archive)
        self.rows.write(session.rows)
        self.commitments.write(session.commitments)
        self.events.append(session.event)
        if session.speeches:
            self.speeches.write(self.separator + session.speeches)
            self.separator = ", "

    def __exit__(self, error: type[BaseException] | None, *details: object) -> None:
        with self.files:
            if error is None:
                self.archive.close()
                with _open(self.folder / "popolo.json") as popolo:  # large: compact
                    events = ", ".join(self.events)  # as _compact writes the list
                    popolo.write(f'{{"organizations": {self.organizations}, '
                                 f'"events": [{events}], "speeches": [')
                    self.speeches.seek(0)
                    shutil.copyfileobj(self.speeches, popolo)
                    popolo.write("]}\n")


class _ArchiveJson:
    """archive.json written session by session: the archive's other fields (`opening`, its
    JSON up to the sessions), then each session's JSON indented as it is inside the whole
    document (`_indented`)."""

    EMPTY = '"sessions": []\n}\n'

    def __init__(self, stream: TextIO, opening: str):
        self.stream = stream
        stream.write(opening + '"sessions": [')
        self.separator = "\n"

    def add(self, indented: str) -> None:
        self.stream.write(self.separator + indented)
        self.separator = ",\n"

    def close(self) -> None:
        self.stream.write("\n ]\n}\n" if self.separator != "\n" else "]\n}\n")


def _open(path: Path) -> TextIO:
    return path.open("w", encoding="utf-8", newline="")


def _scratch(folder: Path) -> TextIO:
    """A temporary text file in `folder`, nameless and gone once closed: popolo.json's speeches,
    written before them. In the folder written, not the system's temporary one: a full TMPDIR
    was taken for a full disk of the cache or the site, which had room."""
    return tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder)


def _moment(day: dt.date, time: str) -> str:
    """A day and an HH:MM in Vietnam as RFC 3339 ('2024-06-20T08:00:00+07:00')."""
    return f"{day.isoformat()}T{time}:00+07:00"


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _json_resource(described: dict[str, str]) -> dict[str, Any]:
    """A JSON file of data/ in datapackage.json (`described`: its name, path and description);
    its `type` keeps frictionless from taking schema.json, by its name, for a Table Schema."""
    return {"name": described["name"], "path": described["path"], "type": "json",
            "profile": "data-resource", "format": "json", "mediatype": "application/json",
            "encoding": "utf-8", "description": described["description"]}


def _file_facts(path: Path) -> dict[str, Any]:
    """A written file's `bytes` and `hash` as Data Package v1 gives them ('sha256:<hex>'):
    read back once (600 MB in 0.4 s, measured on a processor with SHA instructions; the
    files are 1.2 GB at 10,000 sessions)."""
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return {"bytes": path.stat().st_size, "hash": f"sha256:{digest}"}


def _flag(value: bool) -> str:
    return TRUE if value else FALSE


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet program reads a cell that starts with one of these as a formula."""


SOFT_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?![ \t]*(?:\n|[-*+]\s|#{1,6}\s|[>|]|\d{1,9}[.)]\s"
                        r"|(?:[-*_][ \t]*){3,}(?:\n|\Z)))[ \t]*")
"""A line break inside a paragraph (not before a blank line, a list item, a quote, a heading,
a rule or a table row; a line opening with '**bold**' or '-5%' goes on the sentence), with the
next line's indent (a wrapped list item's): Markdown shows it as a
space."""


def _cell(markdown: str) -> str:
    """A text for a spreadsheet cell: paragraphs and lists keep their lines, a sentence does
    not break where the YAML block happened to wrap it."""
    return SOFT_BREAK.sub(" ", markdown.strip())


def _shared_columns(session: out.Session, item: out.Item) -> dict[str, str]:
    """The session and item columns items.csv and commitments.csv both have."""
    return {"session_id": session.id, "session_date": session.date.isoformat(),
            "session_title": session.title, "place_id": session.place.id,
            "place": session.place.name, "item_id": item.id, "item_url": item.url,
            "item_type": item.type, "item_type_label": item.type_label,
            "topic_ids": "; ".join(t.id for t in item.topics),
            "topics": "; ".join(t.name for t in item.topics)}


class _CsvLine:
    """Cells as a line of CSV (the csv module's "excel" dialect), without its end. Written with
    the files' line end, then cut off: the csv module quotes a cell holding a character of the
    line end it writes, and written without one it left a cell's line break unquoted (3.11)."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator=LINE_END)

    def __call__(self, cells: list[str]) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(cells)
        return self.buffer.getvalue()[:-len(LINE_END)]


def _header(columns: tuple[str, ...], line: _CsvLine) -> str:
    """A CSV file's start: a BOM, so that spreadsheet programs read Vietnamese right, and the
    columns' names."""
    return "\ufeff" + line(list(columns)) + LINE_END


def _holed(rows: Iterable[dict[str, str]], columns: tuple[str, ...], line: _CsvLine) -> tuple[str, ...]:
    """Rows (made spreadsheet-safe; a missing cell is empty) as CSV text, but their `as_of`:
    the text is `as_of.join(parts)`. The build date is thus no part of a session's cached data,
    and the next day's build reuses that of every session the day did not change. Each part is
    written with an empty cell where the date goes, so that none is a lone empty cell (which the
    csv module writes as `""`); `as_of` is never a file's first column."""
    at = columns.index("as_of")
    before, after = columns[:at], columns[at + 1:]
    parts, tail = [], ""
    for row in map(_spreadsheet_safe, rows):
        parts.append(tail + line([*(row.get(column, "") for column in before), ""]))
        tail = (line(["", *(row.get(column, "") for column in after)]) if after else "") + LINE_END
    parts.append(tail)
    return tuple(parts)


def _spreadsheet_safe(row: dict[str, str]) -> dict[str, str]:
    """A text such as '- Hỗ trợ người cao tuổi' (a Markdown list) or '=Hội...' gets a leading
    apostrophe in the CSV files, so that Excel shows it as text instead of '#NAME?' or running it
    as a formula; the JSON files keep every text as written."""
    return {key: f"'{value}" if value.startswith(FORMULA_STARTS) else value
            for key, value in row.items()}


def _opening(json_text: str, closing: str) -> str:
    """An object's JSON without its `closing` text, for more fields to be written after it."""
    assert json_text.endswith(closing), f"the JSON no longer ends with {closing!r}"
    return json_text[: -len(closing)]


def _indented(json_text: str) -> str:
    """A JSON document's text indented by two spaces, at its own line breaks only: textwrap.indent
    also broke lines at the breaks Python sees in a string (U+2028, U+0085, which JSON keeps as
    they are), and a write-up pasted from a web page got two spaces inside a line of its text in
    archive.json, not in the session's own file."""
    return "  " + json_text.rstrip("\n").replace("\n", "\n  ")


def _model_json(model: Any) -> str:
    """pydantic's own (compiled) serialiser: the standard library's is slow with indent."""
    return model.model_dump_json(indent=1) + "\n"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
