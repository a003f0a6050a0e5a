"""Search in the MkDocs build: the /search/ page, its scripts, and the Pagefind bundle.

The bundle is built from the archive model in `on_post_build` (never by reading the
written HTML), into `<site_dir>/pagefind/`.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.cache import DiskCache, code_fingerprint, fingerprint
from ..core.search import SearchRecords
from ..core.search_index import SearchIndexError, write_bundle
from ..core.views import ArchiveViews, PageSpec

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

SEARCH_ASSETS_DIR = Path(__file__).resolve().parent.parent / "search_assets"
SEARCH_ASSET_URI = "assets/dialogue-archive-search/"
"""Scripts and styles of the search page only (assets/dialogue-archive/ loads on every page)."""
BUNDLE_DIR = "pagefind"


def add_search_page(files: Files, config: MkDocsConfig, views: ArchiveViews,
                    specs: dict[str, PageSpec]) -> None:
    """The generated /search/ page (out of the menu: the header box leads to it)."""
    spec = SearchRecords(views, config.use_directory_urls).page()
    specs[spec.src_uri] = spec
    files.append(File.generated(config, spec.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    for asset in sorted(SEARCH_ASSETS_DIR.iterdir()):
        if asset.is_file():
            files.append(File.generated(config, SEARCH_ASSET_URI + asset.name, abs_src_path=str(asset)))


def build_search_index(views: ArchiveViews, config: MkDocsConfig, cache: DiskCache) -> None:
    """Index every item and write-up with Pagefind, one index per year under site/pagefind/.
    A year whose sessions (and the registries, build date and code) did not change since a
    previous build is copied from the cache instead of being indexed again."""
    records = SearchRecords(views, config.use_directory_urls)
    archive = views.archive
    started, built, indexed, reused, total_bytes = time.monotonic(), 0, 0, 0, 0
    for shard, sessions in (records.shards() or {"empty": []}).items():
        bundle = Path(config.site_dir) / BUNDLE_DIR / shard
        key = fingerprint(archive.context_fingerprint, code_fingerprint(),
                          str(config.use_directory_urls), *(s.source_key for s in sessions))
        if archive.context_fingerprint and cache.restore_tree(f"search-{shard}", key, bundle):
            reused += 1
            continue
        try:
            stats = write_bundle(records.records(sessions), bundle)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        built, indexed = built + 1, indexed + stats.records
        total_bytes += stats.bundle_bytes
        if archive.context_fingerprint:
            cache.store_tree(f"search-{shard}", key, bundle)
    if not built:
        log.info("search: the archive is unchanged, the search index is reused")
    else:
        log.info(f"search: {indexed} records indexed in {time.monotonic() - started:.1f} s "
                 f"({total_bytes / 1e6:.1f} MB); {reused} unchanged year(s) reused")
