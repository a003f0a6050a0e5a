"""Links and photos typed as HTML in the content folder's other pages, for the page's address.

MkDocs makes a Markdown link of `about.md` relative to the page's address (`about/`), and
leaves raw HTML as written: `<img src="images/a.jpg">` there was a broken photo. Python-Markdown
keeps raw HTML aside (its stash) until its last steps; it is rewritten there, once the text's
tags are all set aside, so that a tag shown as code (escaped, no longer a tag) stays as written.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..core.markup import page_html_links

MKDOCS_LINKS = "relpath"
"""The name under which MkDocs (1.6) registers, for each page it renders, the step that makes
its Markdown links relative: it holds the page's file."""


class _RawHtmlLinks(Treeprocessor):
    def run(self, root: Element) -> None:
        """The stash's tags rewritten, once: after the inline steps set aside the last of them
        (a postprocessor runs again for each heading of the table of contents)."""
        steps = self.md.treeprocessors  # a Registry of Python-Markdown's: no `get`
        file = getattr(steps[MKDOCS_LINKS], "file", None) if MKDOCS_LINKS in steps else None
        if file is not None:  # not when the Markdown is rendered outside an MkDocs page
            stash = self.md.htmlStash.rawHtmlBlocks
            stash[:] = [page_html_links(block, file.src_uri, file.use_directory_urls)
                        if isinstance(block, str) else block for block in stash]


class RawHtmlLinks(Extension):
    """The extension of _RawHtmlLinks, named in mkdocs.yml's way by the plugin."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_RawHtmlLinks(md), "archive_raw_html_links", 1)  # 'inline': 20


RAW_HTML_LINKS = f"{__name__}:{RawHtmlLinks.__name__}"
"""RawHtmlLinks as mkdocs.yml's `markdown_extensions` names it."""
