"""Markdown from write-ups and answers.yaml to safe HTML.

Content is pasted from word processors and e-mails, so whatever HTML it carries goes
through an allow-list sanitiser (nh3, the Ammonia crate) before it reaches a page.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from slugify import slugify

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li",
    "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
}
URL_SCHEMES = {"http", "https"}
EXTENSIONS = ["extra", "sane_lists", "toc"]
TAG = re.compile(r"<[A-Za-z/!?][^>]*>")
"""A tag starts with a letter, `/`, `!` or `?`: `a < b và c > d` is text."""
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S.*$", re.M)
TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$", re.M)
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
IMAGE = re.compile(r"!\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
LINE_MARKS = re.compile(r"^(?:[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))+", re.M)
EMPHASIS = re.compile(r"(?<!\w)[*_~`]+|[*_~`]+(?!\w)")
"""Emphasis and code marks at either end of a word (`**hồ sơ**.`), not inside (`ho_so.pdf`)."""


def heading_slug(value: str, separator: str) -> str:
    """Diacritic-free heading anchors ('Đất đai' -> 'dat-dai'), stable across builds."""
    return slugify(value, separator=separator) or "muc"


def sanitise(fragment: str) -> str:
    """Allow-listed HTML only: no script, no event handlers, no javascript: URLs."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="noopener")


def plain_text(fragment_html: str) -> str:
    """Text of an HTML fragment, whitespace collapsed (for excerpts and summaries)."""
    return " ".join(html.unescape(TAG.sub(" ", fragment_html)).split())


def markdown_text(source: str) -> str:
    """The words of a Markdown text without its markup (links keep their text, images their
    description, tables their cells), for excerpts and search records. Done with patterns,
    not by rendering: lists and search need it for every one of 200,000 items."""
    text = AUTOLINK.sub(r"\1", source)
    text = LINK_DEFINITION.sub(" ", text)
    text = TABLE_RULE.sub(" ", text)
    text = THEMATIC_BREAK.sub(" ", text)
    text = LINK.sub(r"\1", IMAGE.sub(r"\1", text))
    text = LINE_MARKS.sub(" ", text).replace("|", " ")
    if any(mark in text for mark in "*_~`"):  # the pattern is the slow part: most texts have none
        text = EMPHASIS.sub("", text)
    return plain_text(text)


def excerpt(text: str, limit: int = 220) -> str:
    """A word-boundary cut of plain text, with an ellipsis when shortened."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def page_url(src_uri: str) -> str:
    """Directory-style URL path of a Markdown source path ('a/index.md' -> 'a/', 'a/b.md' -> 'a/b/')."""
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[:-3] + "/" if src_uri.endswith(".md") else src_uri


class _MarkdownLinks(Treeprocessor):
    """Links written the MkDocs way (`../other/index.md#x`) become page URLs, and are recorded
    so that the build can report a link to a page that does not exist."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.base = ""
        self.targets: list[str] = []

    def run(self, root: Element) -> None:
        if not self.base:
            return
        here = posixpath.dirname(self.base)
        for link in root.iter("a"):
            href = link.get("href", "")
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.endswith(".md"):
                continue
            target = posixpath.normpath(posixpath.join(here, parts.path))
            self.targets.append(target)
            relative = posixpath.relpath(page_url(target) or ".", page_url(self.base) or ".")
            url = relative if relative.endswith("/") or relative == "." else relative + "/"
            link.set("href", url + (f"#{parts.fragment}" if parts.fragment else ""))


class _LinkExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_MarkdownLinks(md), "archive_links", 5)


@dataclass(frozen=True)
class RenderedBody:
    html: str
    toc: list[dict[str, Any]]
    links: list[str] = field(default_factory=list)
    """Source paths of the pages the text links to (`sessions/2023/x/index.md`)."""


class MarkdownRenderer:
    """One reusable Python-Markdown instance: creating one per fragment is the slow part."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=[*EXTENSIONS, _LinkExtension()],
            extension_configs={"toc": {"slugify": heading_slug, "toc_depth": "2-3"}},
        )

        self._links: _MarkdownLinks = self._md.treeprocessors["archive_links"]

    def render(self, text: str) -> str:
        self._md.reset()
        self._links.base = ""
        return sanitise(self._md.convert(text))

    def render_body(self, text: str, src_uri: str = "") -> RenderedBody:
        """The write-up of the page at `src_uri`, with its headings and its links to other pages."""
        self._md.reset()
        self._links.base, self._links.targets = src_uri, []
        body = sanitise(self._md.convert(text))
        return RenderedBody(body, list(getattr(self._md, "toc_tokens", [])), list(self._links.targets))
