"""Search in the MkDocs build: the /search/ page, its scripts, and the Pagefind bundle.

The bundle is built from the archive model in `on_post_build` (never by reading the
written HTML), into `<site_dir>/pagefind/`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

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


def build_search_index(views: ArchiveViews, config: MkDocsConfig) -> None:
    """Index every item and write-up of the built site with Pagefind."""
    bundle = Path(config.site_dir) / BUNDLE_DIR
    try:
        stats = write_bundle(SearchRecords(views, config.use_directory_urls), bundle)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info(f"search: {stats.records} records indexed in {stats.seconds:.1f} s, "
             f"{stats.bundle_bytes / 1e6:.1f} MB in {bundle}")
