"""The sitemap within the sitemap protocol's limits: one file while it holds, else an index.

MkDocs writes every page into one `sitemap.xml`; the protocol (sitemaps.org) allows 50,000
URLs and 50 MB uncompressed per file, which an archive of about 16,900 sessions passes (three
pages a session). Past either limit, `sitemap.xml` becomes a sitemap index naming numbered
parts, each within both limits, so that `robots.txt` keeps naming `sitemap.xml`."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

MAX_URLS = 50_000
"""URLs a sitemap file may list (sitemaps.org)."""
MAX_BYTES = 52_428_800
"""Bytes a sitemap file may hold uncompressed (sitemaps.org: 50 MB, 52,428,800 bytes)."""
INDEX = "sitemap.xml"

ENTRY = re.compile(r"<url>.*?</url>", re.DOTALL)
LASTMOD = re.compile(r"<lastmod>\s*([^<\s]+)\s*</lastmod>")
SEPARATOR = "\n    "


PART = re.compile(r"sitemap-(\d+)\.xml")
"""The name of a part of the index, as a link may write it."""


def part_name(number: int) -> str:
    """The file name of the index's `number`th part (from 1), at the site's root."""
    return f"sitemap-{number}.xml"


def part_count(pages: int) -> int:
    """How many parts the sitemap of a site of `pages` pages is split into (0: `sitemap.xml`
    lists them all), known before the sitemap is written, when links to the parts are checked.
    Counted by the URL limit: the byte limit splits further only where the pages' addresses
    average more than a kilobyte (MAX_BYTES / MAX_URLS, less the entry's tags and date), which
    the archive's (ids of at most 100 characters) are not."""
    return 0 if pages <= MAX_URLS else -(-pages // MAX_URLS)


def sitemap_files(sitemap: str, base_url: str, max_urls: int = MAX_URLS,
                  max_bytes: int = MAX_BYTES) -> dict[str, str]:
    """The sitemap files to write, by name at the site's root: `sitemap` (MkDocs' rendered
    `sitemap.xml`) alone when it is within both limits, else an index at `sitemap.xml` and
    its parts (`base_url`: the site's root address, which the index's entries start with)."""
    entries = ENTRY.findall(sitemap)
    if len(entries) <= max_urls and len(sitemap.encode("utf-8")) <= max_bytes:
        return {INDEX: sitemap}
    head = sitemap[: sitemap.index("<url>")].rstrip() + SEPARATOR
    tail = "\n" + sitemap[sitemap.rindex("</url>") + len("</url>"):].lstrip()
    parts: list[list[str]] = []
    size = 0
    for entry in entries:
        grown = len(entry.encode("utf-8")) + len(SEPARATOR)
        if not parts or len(parts[-1]) == max_urls or size + grown > max_bytes:
            parts.append([])
            size = len(head.encode("utf-8")) + len(tail.encode("utf-8"))
        parts[-1].append(entry)
        size += grown
    files = {part_name(n): head + SEPARATOR.join(chunk) + tail for n, chunk in enumerate(parts, 1)}
    return {INDEX: _index(base_url, [(part_name(n), _newest(chunk)) for n, chunk in enumerate(parts, 1)]),
            **files}


def _newest(entries: list[str]) -> str | None:
    """The latest `lastmod` of a part's pages (ISO dates sort as text), None when none has one."""
    return max((m.group(1) for e in entries if (m := LASTMOD.search(e))), default=None)


def _index(base_url: str, parts: list[tuple[str, str | None]]) -> str:
    """A sitemap index of `parts` (name, newest lastmod): a crawler fetches only the parts
    whose date moved."""
    root = base_url if base_url.endswith("/") else base_url + "/"
    listed = "".join(f"\n    <sitemap>\n         <loc>{escape(root + name)}</loc>"
                     + (f"\n         <lastmod>{day}</lastmod>" if day else "")
                     + "\n    </sitemap>" for name, day in parts)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}\n'
            "</sitemapindex>\n")
