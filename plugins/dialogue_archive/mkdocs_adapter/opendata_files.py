"""Open data in the built site: written at the end of the build straight into the site folder
(the staging folder when publishing atomically), one file at a time, never as MkDocs files
held in memory."""

from __future__ import annotations

import logging
import time
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from ..core import urls
from ..core.cache import DiskCache, code_fingerprint, fingerprint
from ..core.labels import VI
from ..core.opendata import OpenData, Publication
from ..core.parallel import Stopper
from ..core.views import ArchiveViews
from .config import ArchivePluginConfig

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def open_data(views: ArchiveViews, config: MkDocsConfig, options: ArchivePluginConfig) -> OpenData:
    """The export of the archive of `views` (the pages': the data reuse them, e.g. who carries
    a commitment today, rather than index the archive a second time) with the site's address,
    publisher and data licence."""
    site_url = config.site_url or "/"
    publication = Publication(
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        publisher=options.data_publisher or config.copyright or config.site_name,
        licence_name=options.data_licence, licence_url=options.data_licence_url,
        directory_urls=config.use_directory_urls)
    return OpenData(views, publication)


def write_data(data: OpenData, site_dir: Path, cache: DiskCache, stopper: Stopper) -> None:
    """Write data/ into `site_dir`, linked from the cache when the same archive was exported
    by the same code (else made from what of it the cache holds: `OpenData.write`, which
    `stopper` ends), take its files' sizes for the open-data page, and say what was made anew
    and how long it took."""
    started = time.monotonic()
    key = fingerprint(data.archive.fingerprint, code_fingerprint(), repr(data.pub),
                      repr(VI)) if data.archive.fingerprint else ""
    write = partial(data.write, cache=cache, stopper=stopper)
    cache.made_tree("opendata-files", key, site_dir / urls.DATA_DIR, write)
    data.measure(site_dir / urls.DATA_DIR)
    took = f"{time.monotonic() - started:.1f} s"
    if data.years_written is None:
        log.info(f"open data: the archive is unchanged, the data files are reused ({took})")
    else:
        log.info(f"open data: written in {took}; {data.exports} of {len(data.sessions)} sessions' "
                 f"data made anew (the others' read from the cache), {len(data.years_written)} of "
                 f"{len(data.years)} years' files written (the others' linked from the cache)")
