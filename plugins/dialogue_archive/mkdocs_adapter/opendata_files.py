"""Open data as MkDocs files: written with the pages, so atomic publishing and `serve` cover them."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..core import urls
from ..core.archive import Archive
from ..core.cache import DiskCache, code_fingerprint, fingerprint
from ..core.labels import VI
from ..core.opendata import OpenData, Publication
from .config import ArchivePluginConfig


def open_data(archive: Archive, config: MkDocsConfig, options: ArchivePluginConfig) -> OpenData:
    """The export of `archive` with the site's address, publisher and data licence."""
    site_url = config.site_url or "/"
    publication = Publication(
        site_url=site_url if site_url.endswith("/") else site_url + "/",
        publisher=options.data_publisher or config.copyright or config.site_name,
        licence_name=options.data_licence, licence_url=options.data_licence_url,
        directory_urls=config.use_directory_urls)
    return OpenData(archive, publication, VI)


def data_files(data: OpenData, config: MkDocsConfig, cache: DiskCache) -> list[File]:
    """The data files; from the cache when the same archive was exported by the same code."""
    key = fingerprint(data.archive.fingerprint, code_fingerprint(), repr(data.pub), repr(VI))
    contents = cache.get_json("opendata", key) if data.archive.fingerprint else None
    if contents is None:
        contents = data.files()
        if data.archive.fingerprint:
            cache.put_json("opendata", key, contents)
    return [File.generated(config, urls.DATA_DIR + name, content=text)
            for name, text in contents.items()]
