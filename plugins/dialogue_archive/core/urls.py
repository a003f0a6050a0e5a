"""The archive's permanent, diacritic-free addresses, as MkDocs source paths.

A source path such as `agencies/phong-tu-phap/index.md` becomes `/agencies/phong-tu-phap/`;
changing any of these breaks every link people have shared, so they only ever grow.
"""

from __future__ import annotations

import posixpath
import re

PAGE_SIZE = 50
"""Entries on one list page: a page's size must not grow with the archive."""


def _paged(base: str, page: int) -> str:
    return f"{base}index.md" if page <= 1 else f"{base}page/{page}/index.md"


def home() -> str:
    return "index.md"


def session(year: int, session_id: str) -> str:
    return f"sessions/{year}/{session_id}/index.md"


ITEMS_ANCHOR = "y-kien"
"""Anchor of the items section of a session page; an item's own anchor is its id."""

STATISTICS_ANCHOR = "so-lieu-phien"
CORRECTIONS_ANCHOR = "dinh-chinh"
CONTENT_ANCHOR = "da-noi-dung"
"""A page's title, where "skip to content" leads."""

COMMITMENT_ANCHOR_PREFIX = "cam-ket-"

SESSION_PAGE_ANCHORS = frozenset({
    ITEMS_ANCHOR, STATISTICS_ANCHOR, CONTENT_ANCHOR, CORRECTIONS_ANCHOR, "tk-by-type",
    "tk-by-type-cap", "tk-outcome", "tk-outcome-cap", "tk-scope", "tk-scope-cap", "tk-by-topic",
    "tk-by-topic-cap", "da-header-q", "da-lightbox-caption", "da-announce",
})
"""Ids a session page gives to its own parts (templates archive/session.html and its partials,
the charts of core/statistics.py): an item id or a heading of the write-up must not take one."""


def year_anchor(value: int) -> str:
    """Where a year's entries start on a page of a list ordered by date (views.YearStart)."""
    return f"nam-{value}"


def commitment_anchor(commitment_id: str) -> str:
    return f"{COMMITMENT_ANCHOR_PREFIX}{commitment_id}"


def answer_anchor(item_id: str, number: int) -> str:
    """An item's `number`th answer (from 1): `<item id>/answer-<n>`, which no item id can be
    (ids have no `/`); the open data's answer ids end with it."""
    return f"{item_id}/answer-{number}"


def sessions_index(page: int = 1) -> str:
    return _paged("sessions/", page)


def year(value: int, page: int = 1) -> str:
    return _paged(f"sessions/{value}/", page)


def agencies_index(page: int = 1) -> str:
    return _paged("agencies/", page)


def agency(agency_id: str, page: int = 1) -> str:
    return _paged(f"agencies/{agency_id}/", page)


def topics_index(page: int = 1) -> str:
    return _paged("topics/", page)


def topic(topic_id: str, page: int = 1) -> str:
    return _paged(f"topics/{topic_id}/", page)


def places_index(page: int = 1) -> str:
    return _paged("places/", page)


def place(place_id: str, page: int = 1) -> str:
    return _paged(f"places/{place_id}/", page)


REGISTRY_PAGES = {"agency": agency, "topic": topic, "place": place}
"""The registry entries that have a page (and a feed), by kind."""


def commitments(page: int = 1) -> str:
    return _paged("commitments/", page)


def commitments_overdue(page: int = 1) -> str:
    return _paged("commitments/overdue/", page)


def commitments_status(status: str, page: int = 1) -> str:
    return _paged(f"commitments/status/{status}/", page)


def commitments_agency(agency_id: str, page: int = 1) -> str:
    return _paged(f"commitments/agency/{agency_id}/", page)


def commitments_year(value: int, page: int = 1) -> str:
    return _paged(f"commitments/year/{value}/", page)


def statistics() -> str:
    return "statistics/index.md"


def open_data() -> str:
    return "open-data/index.md"


DATA_DIR = "data/"
"""Open data files, written next to the pages: data/archive.json, data/items.csv, ..."""
ASSETS_DIR = "assets/dialogue-archive/"
"""The archive's scripts and styles, loaded on every page."""
SEARCH_ASSETS_DIR = "assets/dialogue-archive-search/"
"""Scripts and styles of the search page only."""
SEARCH_BUNDLE_DIR = "pagefind/"
"""The search indexes (pagefind/<index id>/)."""
FILE_FOLDERS = (DATA_DIR, ASSETS_DIR, SEARCH_ASSETS_DIR, SEARCH_BUNDLE_DIR)
"""Folders of files (not pages) the site writes itself: nothing of the content folder may be
published there."""


DATA_FILES = (("archive.json", "file_archive"), ("items.csv", "file_items"),
              ("commitments.csv", "file_commitments"), ("schema.json", "file_schema"),
              ("popolo.json", "file_popolo"), ("datapackage.json", "file_datapackage"))
"""The files of data/ (besides one per session, `session_data`), with the label describing
each, in the order the open-data page lists them."""
BULK_FILES = ("archive.json", "items.csv", "commitments.csv", "popolo.json")
"""The files of data/ holding the whole archive (in the order of DATA_FILES), which the
open-data page has the browser save rather than show: displaying archive.json (456 MB at
10,000 sessions) crashed a Chromium tab. Each is also written per year (`year_data`)."""
YEARS_DIR = "years/"


def year_data(year: int, name: str) -> str:
    """A bulk file of the sessions held in one year, within data/ ('years/2024/items.csv'): the
    whole archive's pass 100 MB, which many hosts refuse for one file, at 2,300-3,000 sessions."""
    return f"{YEARS_DIR}{year}/{name}"
ROOT_FILES = frozenset({"feed.xml", "calendar.ics", "sitemap.xml", "sitemap.xml.gz", "404.html"})
"""Files the build writes at the site's root: the site's feed, the calendar, MkDocs' sitemap
and the theme's 404 page (each agency's, topic's and place's feed is `<section>/<id>/feed.xml`).
The sitemap's numbered parts, written past its limits, depend on the site's number of pages
(sitemap.part_count)."""


def session_data(session_id: str) -> str:
    """One session's record in the open data (data/sessions/<id>.json)."""
    return f"{DATA_DIR}sessions/{session_id}.json"


INDEX_PAGES = ("index.md", "README.md")
"""The names MkDocs publishes as their folder's page."""


def web_path(uri: str, directory_urls: bool = True) -> str:
    """A source path as the site-relative path a browser asks for ('sessions/2024/x/')."""
    path, _, anchor = uri.partition("#")
    folder, name = posixpath.split(path)
    if name in INDEX_PAGES:  # not 'searchindex.md', a page of its own
        folder = f"{folder}/" if folder else ""
        path = folder if directory_urls else f"{folder}index.html"
    elif path.endswith(".md"):
        path = path[:-3] + "/" if directory_urls else path[:-3] + ".html"
    return f"{path}#{anchor}" if anchor else path


def search() -> str:
    return "search/index.md"


GENERATED_SECTIONS = frozenset({"agencies", "topics", "places", "commitments", "statistics",
                                "open-data", "search"})
"""Top-level folders of the pages the generator makes (besides the session lists)."""
SITE_SECTIONS = GENERATED_SECTIONS | {"sessions"}
"""Top-level folders whose pages the site makes: every page there is a folder's index.md."""


SESSION_LISTS = re.compile(r"sessions/(?:\d+/)?(?:page/\d+/)?index\.md")
"""The session lists' pages: all sessions, a year's, and their next pages."""


def generated(uri: str) -> bool:
    """Whether `uri` is the address of a page the generator makes (a list, a registry entry, a
    report), rather than a write-up of the content folder; such a page exists when it is built.
    Each is a folder's index.md: `sessions/about.md` is no page (it was taken for a list's,
    passed validate and stopped the build naming no line)."""
    parts = uri.split("/")
    if parts[0] == "sessions":
        return SESSION_LISTS.fullmatch(uri) is not None
    return uri == home() or (parts[0] in GENERATED_SECTIONS and parts[-1] == "index.md")
