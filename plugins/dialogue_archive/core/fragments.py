"""Markdown of one session rendered once, and then only again when its text changes.

Rendering Markdown is the largest part of building a session page; the rendered HTML of a
session is cached on disk under the hash of the texts it was made from.
"""

from __future__ import annotations

import functools
import itertools
import sys
from pathlib import Path
from typing import Any

from . import markup, urls
from .archive import Session
from .cache import DiskCache, fingerprint, library_versions
from .labels import VI
from .markup import MarkdownRenderer

FRAGMENTS_NAMESPACE = "fragments"
"""Where rendered texts are cached, by `fragments_key`."""


@functools.cache
def render_version() -> str:
    """What the HTML of a text depends on besides the text: this module's, markup.py's and
    urls.py's code, and the versions of Python-Markdown, the sanitiser and the slug maker (the
    headings' ids): a version number bumped by hand was once forgotten, and a cache kept serving
    the old HTML."""
    code = [Path(module.__file__).read_bytes() for module in (markup, urls, sys.modules[__name__])
            if module.__file__]
    return fingerprint(*code, *library_versions(("markdown", "nh3", "python-slugify")))


def page_anchors(session: Session) -> frozenset[str]:
    """Ids the session page gives to its parts, items and commitments: the headings of its
    texts give way to them."""
    return urls.SESSION_PAGE_ANCHORS | {
        anchor for item in session.items
        for anchor in (item.id, *item.aliases, *(urls.commitment_anchor(c.id) for c in item.commitments))}


def fragments_key(session: Session, directory_urls: bool = True) -> str:
    texts: list[str] = [render_version(), VI["text"]["footnote_back"], str(directory_urls),
                        session.src_uri, session.body, *sorted(page_anchors(session))]
    for item in session.items:
        texts.append(item.text)
        texts.extend(answer.text for answer in item.answers)
    return fingerprint(*texts)


def render_fragments(session: Session, renderer: MarkdownRenderer) -> dict[str, Any]:
    """JSON-ready HTML of the write-up (with its headings) and of every item; the record's texts
    are on the session page too, so their links are made from it."""
    anchors = page_anchors(session)
    body = renderer.render_body(session.body, session.src_uri, anchors)
    taken = anchors | body.heading_ids

    texts = itertools.count(1)

    def render(text: str) -> str:
        """A heading gives way to the page's anchors and to every heading shown before it; the
        write-up's footnotes are 'fn:1', the n-th text's after it 'fn:n-1'."""
        nonlocal taken
        rendered = renderer.render_body(text, session.src_uri, taken, footnotes=f"{next(texts)}-")
        taken |= rendered.heading_ids
        return rendered.html

    items = [{"text": render(item.text),
              "answers": [render(a.text) if a.text.strip() else "" for a in item.answers]}
             for item in session.items]
    return {"body": body.html, "toc": body.toc, "items": items}


class FragmentStore:
    """Rendered fragments by session, from the disk cache when the texts are unchanged."""

    def __init__(self, cache: DiskCache | None = None, directory_urls: bool = True):
        self.cache = cache or DiskCache(None)
        self.directory_urls = directory_urls
        self.renderer = MarkdownRenderer(directory_urls)

    def key(self, session: Session) -> str:
        """The session's entry in the cache (what DiskCache.sweep keeps)."""
        return fragments_key(session, self.directory_urls)

    def get(self, session: Session) -> dict[str, Any]:
        key = self.key(session)
        cached = self.cache.get_json(FRAGMENTS_NAMESPACE, key)
        if cached is not None:
            return cached
        rendered = render_fragments(session, self.renderer)
        self.cache.put_json(FRAGMENTS_NAMESPACE, key, rendered)
        return rendered
