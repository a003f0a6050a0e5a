"""Markdown from write-ups and answers.yaml to safe HTML.

Content is pasted from word processors and e-mails, so whatever HTML it carries goes
through an allow-list sanitiser (nh3, the Ammonia crate) before it reaches a page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

import markdown
import nh3
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
TAG = re.compile(r"<[^>]+>")


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


def excerpt(text: str, limit: int = 220) -> str:
    """A word-boundary cut of plain text, with an ellipsis when shortened."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


@dataclass(frozen=True)
class RenderedBody:
    html: str
    toc: list[dict[str, Any]]


class MarkdownRenderer:
    """One reusable Python-Markdown instance: creating one per fragment is the slow part."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=EXTENSIONS,
            extension_configs={"toc": {"slugify": heading_slug, "toc_depth": "2-3"}},
        )

    def render(self, text: str) -> str:
        self._md.reset()
        return sanitise(self._md.convert(text))

    def render_body(self, text: str) -> RenderedBody:
        self._md.reset()
        body = sanitise(self._md.convert(text))
        return RenderedBody(body, list(getattr(self._md, "toc_tokens", [])))
