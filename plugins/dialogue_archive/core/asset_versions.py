"""The archive's own scripts and stylesheets at addresses that change with their content.

Their names are the same in every release, and servers send them without `Cache-Control`: a
browser that kept one from an earlier release used it with the new pages and scripts (an old
vietnamese.js under a new search.js: no export 'iForY', no result). Every page therefore asks
for them at `<name>?v=<hash of the content>`, and a script's imports of its neighbours are
rewritten, as the build publishes it, to their versioned addresses: a changed vietnamese.js
changes its own address, and so search.js's content and address too; an unchanged file keeps
its address, and the browser's copy.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

VERSION_LENGTH = 10
"""Hex digits of the content's SHA-256 in `?v=`."""
IMPORT = re.compile(r"""(\bimport\s*(?:[^;"']*?\bfrom\s*)?)(["'])\./([^"'/?]+\.js)\2""")
"""A static import of a script beside the importing one: `import "./x.js"`, `… from './x.js'`."""
FETCH_WATCH = Path(__file__).resolve().parent.parent / "search_assets" / "fetch-watch.js"
"""Prepended to Pagefind's worker (search_index.watch_fetches), which Pagefind's pagefind.js
starts at a fixed name: both are asked for at `runtime_version()`."""
REWRITER = Path(__file__).resolve().parent / "search_index.py"
"""Rewrites the addresses in Pagefind's pagefind.js and worker (`watch_fetches`)."""
RUNTIME_FILE = "pagefind.js"


def content_version(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:VERSION_LENGTH]


def versioned(uri: str, version_tag: str) -> str:
    return f"{uri}?v={version_tag}"


@dataclass(frozen=True)
class Asset:
    """A file as the build publishes it at `uri`."""

    uri: str
    content: bytes

    @property
    def url(self) -> str:
        """What pages ask for: the published content's version in the query."""
        return versioned(self.uri, content_version(self.content))


def published_assets(folder: Path, uri_prefix: str) -> dict[str, Asset]:
    """Every file of `folder`, published under `uri_prefix`, by its URI; each script's imports
    of its neighbours (which import nothing in a cycle) point at their versioned URLs."""
    sources = {uri_prefix + p.name: p for p in sorted(folder.iterdir()) if p.is_file()}
    assets: dict[str, Asset] = {}

    def neighbour(match: re.Match[str]) -> str:
        start, quote, name = match.groups()
        if uri_prefix + name not in sources:
            return match.group(0)
        return f"{start}{quote}./{versioned(name, content_version(publish(uri_prefix + name)))}{quote}"

    def publish(uri: str) -> bytes:
        if uri not in assets:
            content = sources[uri].read_bytes()
            if uri.endswith(".js"):
                content = IMPORT.sub(neighbour, content.decode("utf-8")).encode("utf-8")
            assets[uri] = Asset(uri, content)
        return assets[uri].content

    for uri in sources:
        publish(uri)
    return assets


@functools.lru_cache(maxsize=1)
def runtime_version() -> str:
    """The version of every index's pagefind.js, worker and WebAssembly file: their content is
    Pagefind's (of its installed version), with FETCH_WATCH prepended to the worker and the
    addresses REWRITER writes in both (a change to how it rewrites them changes it too)."""
    return content_version(FETCH_WATCH.read_bytes() + REWRITER.read_bytes()
                           + version("pagefind_bin").encode())
