"""The commitments pages: every promise with its status, and one static page per filter.

Filters are plain links to pre-built pages (/commitments/overdue/, /commitments/status/done/,
/commitments/agency/<id>/, /commitments/year/<year>/), each paginated like every list, so
they work without JavaScript and without a server, and a filtered view has an address
that can be shared. Filters are not combined: that would multiply the pages.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from . import urls
from .commitments import CommitmentRecord
from .labels import VI, described, format_date, format_short_date
from .models import CommitmentStatus
from .vietnamese import sort_key
from .views import (
    ArchiveViews,
    Link,
    PageSpec,
    SessionEntry,
    StatusBadge,
    due_view,
    list_entry,
    paged_title,
    paginate,
    session_year,
)


@list_entry
class CommitmentEntry:
    """A commitment as one entry of a list, linking to its anchor on the session page."""

    uri: str
    item_uri: str
    text: str
    agency: Link
    now_by: tuple[Link, ...]
    """Who carries it today, when the agency that made it is gone (see ArchiveViews)."""
    agency_gone: str
    """The agency's last day, when it is gone and nobody is named (ArchiveViews.agency_gone)."""
    badge: StatusBadge
    due: str
    due_iso: str
    due_was: str
    due_was_label: str
    session: SessionEntry
    item_type: str
    asker: str
    last_update: str
    last_update_iso: str
    last_note: str


@dataclass(frozen=True, slots=True)
class FilterLink:
    text: str
    count: int
    uri: str
    current: bool


class CommitmentPages:
    """Indexes the published commitments once, then yields one page spec per list page."""

    def __init__(self, views: ArchiveViews):
        self.views = views
        self.text = VI["commitments"]
        self.build_date = views.archive.build_date
        self.records = [record for record, _ in views.commitments_now]
        carried = [now for _, now in views.commitments_now]
        self.entries = [self._entry(r, now) for r, now in zip(self.records, carried, strict=True)]
        self.carriers = [dict.fromkeys((r.commitment.by, *now))
                         for r, now in zip(self.records, carried, strict=True)]
        """Each commitment's agencies: the one that made it, and the one carrying it now if it
        is gone: a unit's filter lists the promises it inherited too."""

    def _entry(self, record: CommitmentRecord, now_by: tuple[str, ...]) -> CommitmentEntry:
        c, session, item = record.commitment, record.session, record.item
        last = c.updates[-1] if c.updates else None
        return CommitmentEntry(
            uri=f"{session.src_uri}#{record.anchor}", item_uri=f"{session.src_uri}#{item.id}",
            text=c.text, agency=self.views.agency_link(c.by, full=True),
            now_by=tuple(self.views.today_agency_link(a, c.by, full=True) for a in now_by),
            agency_gone=self.views.agency_gone(c, now_by), badge=self.views.badge(c),
            **due_view(c),
            session=self.views.session_entries[session.id],
            item_type=VI["item_type"][item.type.value], asker=item.asker.label,
            last_update=format_short_date(last.date) if last else "",
            last_update_iso=last.date.isoformat() if last else "",
            last_note=(last.note or "") if last else "")

    def _selections(self) -> Iterator[tuple[str, str, list[int], Callable[[int], str]]]:
        """(filter key, heading, indexes of the entries shown, page address) of every list.
        The commitments are grouped in one pass: a scan per agency and year would grow with
        their product."""
        everything = range(len(self.records))
        by_status: dict[CommitmentStatus, list[int]] = defaultdict(list)
        by_agency: dict[str, list[int]] = defaultdict(list)
        by_year: dict[int, list[int]] = defaultdict(list)
        for i, record in enumerate(self.records):
            by_status[record.commitment.status].append(i)
            for agency in self.carriers[i]:
                by_agency[agency].append(i)
            by_year[record.session.year].append(i)
        yield "all", self.text["heading"], list(everything), urls.commitments
        yield ("overdue", self.text["overdue_heading"],
               [i for i in everything if self.entries[i].badge.overdue], urls.commitments_overdue)
        for status in CommitmentStatus:
            label = VI["commitment_status"][status.value]
            yield (f"status:{status.value}", self.text["status_heading"].format(status=label),
                   by_status[status], lambda n, s=status.value: urls.commitments_status(s, n))
        for agency in self._agencies() + self._agencies_without():
            yield (f"agency:{agency}", self.text["of_agency"].format(name=self.views.agency_name(agency)),
                   by_agency[agency], lambda n, a=agency: urls.commitments_agency(a, n))
        for year in self._years():
            yield (f"year:{year}", self.text["of_year"].format(year=year),
                   by_year[year], lambda n, y=year: urls.commitments_year(y, n))

    def _agencies(self) -> list[str]:
        counts = self._counts[1]
        return sorted(counts, key=lambda a: (-counts[a], sort_key(self.views.agency_name(a))))

    def _agencies_without(self) -> list[str]:
        """The registry's agencies that carry no commitment: their list is kept, empty, so
        that an address shared while it held one leads to a page saying so, not to a 404 (the
        last commitment moved to another agency, its session a draft again). The filter bar
        names only those with commitments."""
        counts = self._counts[1]
        return sorted((a for a in self.views.archive.agencies if a not in counts),
                      key=lambda a: sort_key(self.views.agency_name(a)))

    def _years(self) -> list[int]:
        return sorted(self._counts[2], reverse=True)

    @cached_property
    def _counts(self) -> tuple[Counter[str], Counter[str], Counter[int], int]:
        """Commitments per status, agency and year, and overdue: the same for every page."""
        return (Counter(r.commitment.status.value for r in self.records),
                Counter(a for carriers in self.carriers for a in carriers),
                Counter(r.session.year for r in self.records),
                sum(e.badge.overdue for e in self.entries))

    def _filters(self, current: str) -> dict[str, list[FilterLink]]:
        """The filter bar: every choice with how many commitments it shows."""
        statuses, agencies, years, overdue = self._counts
        return {
            "status": [FilterLink(self.text["all"], len(self.records), urls.commitments(), current == "all"),
                       FilterLink(self.text["overdue"], overdue,
                                  urls.commitments_overdue(), current == "overdue")]
            + [FilterLink(VI["commitment_status"][s.value], statuses[s.value],
                          urls.commitments_status(s.value), current == f"status:{s.value}")
               for s in CommitmentStatus],
            "agency": [FilterLink(self.views.agency_name(a), agencies[a], urls.commitments_agency(a),
                                  current == f"agency:{a}") for a in self._agencies()],
            "year": [FilterLink(str(y), years[y], urls.commitments_year(y), current == f"year:{y}")
                     for y in self._years()],
        }

    def pages(self) -> Iterator[PageSpec]:
        for key, heading, chosen, uri in self._selections():
            entries = [self.entries[i] for i in chosen]
            filters = self._filters(key)
            # Once a list, not once a page: a list of 40,000 commitments has 800 pages
            description = self.text["intro"] if key == "all" else described(
                "commitments", {"commitments": len(entries)}, heading=heading,
                date=format_date(self.build_date))
            updated = self.views.newest(e.session.uri for e in entries)
            for chunk, pager in paginate(entries, uri, session_year):
                yield PageSpec(uri(pager.number), paged_title(heading, pager), "archive/commitments.html", {
                    "kind": "commitments", "filter": key, "heading": heading, "entries": chunk,
                    "total": len(entries), "pager": pager, "filters": filters,
                    "agency_filter_open": key.startswith("agency:"),
                    # the name in the heading, in the records' language (content_lang)
                    "agency_name": self.views.agency_name(key.removeprefix("agency:"))
                    if key.startswith("agency:") else "",
                    "as_of": format_date(self.build_date)},
                    description=description, updated=updated)


def commitment_pages(views: ArchiveViews) -> Iterator[PageSpec]:
    return CommitmentPages(views).pages()

