"""MkDocs side of publishing: feed, calendar and redirect files, and each page's share data."""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Iterator, Mapping
from itertools import chain
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..core import feeds, urls
from ..core.aliases import alias_redirects
from ..core.archive import Archive
from ..core.cache import DiskCache, code_fingerprint, fingerprint
from ..core.commitments import Carriers
from ..core.labels import VI
from ..core.parallel import Stopper
from ..core.publish import write_files
from ..core.sharing import ROBOTS, print_header, robots_txt, share_tags
from ..core.sitemap import INDEX, sitemap_files

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def write_feeds(archive: Archive, config: MkDocsConfig, cache: DiskCache, carriers: Carriers,
                told_apart: Mapping[str, Mapping[str, str]], stopper: Stopper) -> None:
    """feed.xml, agencies/, topics/ and places/<id>/feed.xml and calendar.ics, written into
    the site at the end of the build (like the open data, they need no MkDocs page); linked
    from the cache when the same archive was written by the same code (1 s at 1,000 sessions).
    Ends at the next file once `stopper` stops."""
    site_url = config.site_url
    if not site_url:
        log.info("no site_url in mkdocs.yml: feeds and the calendar need absolute addresses and "
                 "are not written")
        return
    site = feeds.Site(config.site_name, site_url,
                      lambda uri: urljoin(site_url, urls.web_path(uri, config.use_directory_urls)))
    key = fingerprint(archive.fingerprint, code_fingerprint(), site_url, config.site_name,
                      str(config.use_directory_urls), repr(VI)) if archive.fingerprint else ""
    cache.made_tree("feeds", key, Path(config.site_dir), lambda folder: write_files(
        folder, chain(feeds.feeds(archive, site, carriers, told_apart),
                      [(feeds.CALENDAR, feeds.calendar(archive, site, told_apart.get("place")))]),
        stopper), merge=True)


def redirect_pages(archive: Archive, config: MkDocsConfig) -> Iterator[File]:
    """A redirect page at each session's former address (its `aliases`)."""
    site_url = config.site_url
    template = config.theme.get_env().get_template("archive/redirect.html")
    for old_uri, session in alias_redirects(archive):
        old_page = posixpath.dirname(old_uri) + "/"
        target = posixpath.relpath(urls.web_path(session.src_uri, config.use_directory_urls), old_page)
        if config.use_directory_urls:
            target += "/"
        html = template.render(
            target=target, title=session.meta.title, labels=VI,
            canonical=urljoin(site_url, urls.web_path(session.src_uri, config.use_directory_urls))
            if site_url else "")
        yield File.generated(config, old_page + "index.html", content=html)


def robots_file(config: MkDocsConfig, files: Files) -> File | None:
    """robots.txt naming the sitemap, when the content folder has none (an office's own wins)
    and site_url gives the sitemap's absolute address, which robots.txt requires. Not for a
    site at a sub-path (`https://portal.vn/doithoai/`): crawlers read only the host's own
    /robots.txt, which the office adds the line to."""
    if not config.site_url or files.get_file_from_path(ROBOTS) is not None:
        return None
    sitemap = urljoin(config.site_url, "sitemap.xml")
    if urlsplit(config.site_url).path.strip("/"):
        log.info(f"dialogue-archive: no robots.txt is written for a site at a sub-path: crawlers "
                 f"read only the host's own /robots.txt; add 'Sitemap: {sitemap}' to it")
        return None
    return File.generated(config, ROBOTS, content=robots_txt(sitemap))


def within_sitemap_limits(sitemap: str, config: MkDocsConfig) -> str:
    """MkDocs' `sitemap` as `sitemap.xml` when within the protocol's limits; past them, its
    parts written at the site's root and the index naming them returned, which MkDocs then
    writes as `sitemap.xml` (and `sitemap.xml.gz`), the address robots.txt names."""
    files = sitemap_files(sitemap, config.site_url or "/")
    for name, text in files.items():
        if name != INDEX:
            (Path(config.site_dir) / name).write_text(text, encoding="utf-8")
    return files[INDEX]


def page_publishing(page: Page, config: MkDocsConfig, view: dict[str, Any] | None) -> dict[str, Any]:
    """What archive templates put in <head> (share tags, feed links) and on a printed page."""
    kind = (view or {}).get("kind", "")
    record = (view or {}).get("record")
    session = (view or {}).get("session") if kind == "session" else None
    # The page's own title, as its <title> and <h1> say it: page.title is the menu's label
    # ("Trang chủ" for the home page). Titles and descriptions are kept escaped for Material's
    # templates (the plugin's on_page_markdown); the share tags are escaped by their own template.
    meta = page.meta or {}
    title = Markup(meta.get("title") or page.title or config.site_name).unescape()
    description = Markup(meta.get("description") or config.site_description or "").unescape()
    return {
        "tags": share_tags(title, description, page.canonical_url, config.site_name, session,
                           ((view or {}).get("photo") or {}).get("attributes")),
        "feeds": feeds.feed_links(kind, getattr(record, "id", None)),
        "calendar": feeds.CALENDAR if config.site_url else "",
        "has_feeds": bool(config.site_url),
        "print": print_header(page.canonical_url, view["data_date"]) if session else None,
    }
