"""Markdown from write-ups and answers.yaml to safe HTML.

Content is pasted from word processors and e-mails, so whatever HTML it carries goes
through an allow-list sanitiser (nh3, the Ammonia crate) before it reaches a page.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension, extra
from markdown.extensions.toc import unique
from markdown.inlinepatterns import HTML_RE, InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from slugify import slugify

from . import urls
from .labels import VI

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
    "li": {"id"}, "sup": {"id"},  # a footnote and its mark, which lead to each other
}
URL_SCHEMES = {"http", "https"}
SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
"""A URL's scheme (of a URL as browsers read it: `as_browsers_read`)."""
C0_AND_SPACE = "".join(map(chr, range(0x21)))
UNSEEN = re.compile(r"[\x00-\x20\x7f]")
"""Characters a browser drops from a URL (tab, line ends anywhere; controls and spaces at its
ends), or that a path should carry percent-encoded."""
LINK_ATTRIBUTES = {("a", "href"), ("img", "src")}
THEME_IDS = re.compile(r"__|da-within-")
"""Ids the theme gives elements: Material's all start with `__` (it reads its settings from
`#__config`, and the first element of that id wins: a text's `<h3 id="__config">` turned
Material's scripts off, or pointed them at another site), a registry page's search box's with
`da-within-`; the session page's own are urls.SESSION_PAGE_ANCHORS."""
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
EXTENSIONS = ["extra", "sane_lists", "toc"]
EXTRA_WITHOUT_MARKDOWN_IN_HTML = [name for name in extra.extensions if name != "md_in_html"]
"""The parts of `extra` a page has without md_in_html, which reads a tag's content as
Markdown when the tag says `markdown="1"`, and which a site's pages have only if it asks."""
MARKDOWN_IN_HTML = frozenset({"md_in_html", "markdown.extensions.md_in_html", "extra",
                              "markdown.extensions.extra", "pymdownx.extra"})
"""The names in mkdocs.yml's `markdown_extensions` that give its pages md_in_html."""
HTML_ELEMENTS = frozenset({
    "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo",
    "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div", "dl", "dt",
    "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img",
    "input", "ins", "kbd", "label", "legend", "li", "link", "main", "map", "mark", "math",
    "menu", "meta", "meter", "nav", "noscript", "object", "ol", "optgroup", "option", "output",
    "p", "param", "picture", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script",
    "section", "select", "slot", "small", "source", "span", "strong", "style", "sub", "summary",
    "sup", "svg", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time",
    "title", "tr", "track", "u", "ul", "var", "video", "wbr",
})
"""HTML's elements: `<phiếu hẹn>` or `<ho so>` in a text is text, not a tag to remove."""
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
"""An HTML comment: the page does not show it (nor does the open data)."""
TAG = re.compile(rf"</?(?:{'|'.join(sorted(HTML_ELEMENTS))})(?=[\s/>])[^>]*>|{HTML_COMMENT.pattern}",
                 re.I | re.S)
"""An HTML tag or comment: `a < b và c > d` and `<phiếu hẹn>` are text."""
DROPPED_ELEMENT = re.compile(r"<(script|style|template)(?=[\s/>])[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S)
"""The elements the sanitiser removes with what they hold (nh3's `clean_content_tags`, and a
`<template>`): a list's excerpt or a search record must not show words the page does not
('… chợ Trường Giang alert(1)', a helper's find)."""
TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S.*$", re.M)
TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$", re.M)
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
IMAGE = re.compile(r"!\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
LINE_MARKS = re.compile(r"^(?:[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))+", re.M)
EMPHASIS = re.compile(r"(?<!\w)[*_~`]+|[*_~`]+(?!\w)")
"""Emphasis and code marks at either end of a word (`**hồ sơ**.`), not inside (`ho_so.pdf`)."""


def reads_markdown_in_html(extensions: object) -> bool:
    """Whether mkdocs.yml's `markdown_extensions`, as written (names, or one-key mappings of a
    name to its settings) or as MkDocs holds them (names), include md_in_html."""
    entries = extensions if isinstance(extensions, list) else [extensions] if extensions else []
    names = {name for entry in entries
             for name in (entry if isinstance(entry, dict) else [entry]) if isinstance(name, str)}
    return bool(names & MARKDOWN_IN_HTML)


def as_browsers_read(url: str) -> str:
    """`java\tscript:` is `javascript:` to a browser: the URL standard drops tabs and line ends
    anywhere, and control characters and spaces at either end."""
    return re.sub(r"[\t\n\r]", "", url).strip(C0_AND_SPACE)


def heading_slug(value: str, separator: str) -> str:
    """Diacritic-free heading anchors ('Đất đai' -> 'dat-dai'), stable across builds."""
    return slugify(value, separator=separator) or "muc"


def sanitise(fragment: str, links: Callable[[str, str, str], str | None] | None = None) -> str:
    """Allow-listed HTML only: no script, no event handlers, no javascript: URLs; `links` sees
    every photo and link. nh3 checks the scheme of a link as written, not of what `links`
    makes of it, so that is checked again here."""
    def checked(tag: str, attribute: str, value: str) -> str | None:
        assert links is not None
        made = links(tag, attribute, value)
        if made is not None and (tag, attribute) in LINK_ATTRIBUTES:
            scheme = SCHEME.match(as_browsers_read(made))
            if scheme and scheme[1].lower() not in URL_SCHEMES:
                return None
        return made

    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel="noopener",
                     attribute_filter=checked if links is not None else None)


TABLE_ALIGNMENT = {"use_align_attribute": True}
"""A table column's alignment as `align`, which the sanitiser keeps, not as a `style`."""
PAGE_TAGS = ALLOWED_TAGS | {"h1"}
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "*": {"class", "id", "title"}}
PAGE_URL_SCHEMES = URL_SCHEMES | {"mailto", "tel"}


def sanitise_page(page_html: str) -> str:
    """The HTML of a page of the content folder (the home page's text, an 'about' page), as
    Markdown made it: the write-ups' allow-list, plus what MkDocs adds to a page (its `h1`,
    the headings' anchors and their classes), `attr_list` classes and contact links. The press
    office writes these pages as it writes the write-ups: a pasted script must not run either."""
    return nh3.clean(page_html, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES,
                     url_schemes=PAGE_URL_SCHEMES, link_rel=None,
                     attribute_filter=lambda tag, attribute, value: _own_id(value, frozenset())
                     if attribute == "id" else value)


def _own_id(value: str, reserved: frozenset[str]) -> str | None:
    """`value` if a text may give it to an element, else None (the element keeps no id): not
    an id the page gives its own parts (`reserved`, and the theme's). Markdown's headings give
    way to those (_HeadingIds); raw HTML's cannot be renamed. Any other id is kept as written:
    Word's `_Toc170000001`, `điều-5`, a footnote's `fn:1`, which links of the text lead to."""
    if THEME_IDS.match(value) or value in reserved or value in urls.SESSION_PAGE_ANCHORS:
        return None
    return value


IMG_TAG = re.compile(r"<img\s[^>]*>")
IMG_SRC = re.compile(r'\ssrc="([^"]*)"')
SIZE_GIVEN = re.compile(r'\s(?:width|height)="')


def sized_images(fragment: str, attributes: Callable[[str], dict[str, str]]) -> str:
    """A sanitised text with its photos' attributes (`attributes` of a photo's `src`: its
    size, a smaller copy, lazy loading). Added after the sanitiser, as the build's own: it keeps
    no `srcset` a text was pasted with. A size the text gives is kept (a height of ours beside its
    width would stretch the photo)."""
    if "<img" not in fragment:
        return fragment

    def sized(match: re.Match[str]) -> str:
        tag = match[0]
        src = IMG_SRC.search(tag)
        given = dict(attributes(html.unescape(src[1])) if src else {"loading": "lazy"})
        if SIZE_GIVEN.search(tag):
            given.pop("width", None)
            given.pop("height", None)
        if ' loading="' in tag:
            given.pop("loading", None)
        if src and "src" in given:
            tag = tag[:src.start(1)] + html.escape(given["src"]) + tag[src.end(1):]
        given.pop("src", None)
        return tag[:-1] + "".join(f' {name}="{html.escape(value)}"' for name, value in given.items()) + ">"

    return IMG_TAG.sub(sized, fragment)


def plain_text(fragment_html: str) -> str:
    """Text of an HTML fragment, whitespace collapsed (for excerpts and summaries)."""
    if "<" in fragment_html:
        fragment_html = DROPPED_ELEMENT.sub(" ", fragment_html)
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


CAPTION_TAGS = frozenset({"em", "i", "strong", "b", "small"})
"""How a photo's caption or credit is set apart from prose: `*Ảnh: Lê Thị Mai*`."""
VOID_TAGS = frozenset({"br", "hr", "img"})
"""The allowed elements without a closing tag (ALLOWED_TAGS)."""


class _Lead(HTMLParser):
    """The first top-level paragraph with words of a rendered, sanitised text (see `lead`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        """Elements open, the paragraph's own included: a top-level one opens at 0."""
        self.skipped = 0
        """Depth of the footnote mark being read (0: none): its number is no word."""
        self.emphasis = 0
        self.words: list[str] = []
        self.prose = False
        """The paragraph has words not set apart as a caption."""
        self.photo = False
        self.after_photo = False
        """The block before was a paragraph of photos alone: one set apart right after it is
        their caption."""
        self.found = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.found:
            return
        if tag in VOID_TAGS:
            self.photo |= tag == "img" and self.depth > 0
            self.handle_data(" ")
            return
        if self.depth == 0:
            self.words, self.prose, self.photo = [], False, False
        self.depth += 1
        if self.skipped == 0 and tag == "sup" and (dict(attrs).get("id") or "").startswith("fnref"):
            self.skipped = self.depth
        self.emphasis += tag in CAPTION_TAGS

    def handle_endtag(self, tag: str) -> None:
        if self.found or tag in VOID_TAGS or self.depth == 0:
            return
        if self.skipped == self.depth:
            self.skipped = 0
        self.emphasis -= tag in CAPTION_TAGS
        self.depth -= 1
        if self.depth == 0:
            self._block(tag)

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipped and not self.found:
            self.words.append(data)
            self.prose |= not self.emphasis and _worded(data) != ""

    def _block(self, tag: str) -> None:
        """A top-level element has ended: the lead if it is a paragraph with words of its own."""
        caption = tag == "p" and not self.prose and (self.photo or self.after_photo)
        if tag == "p" and not caption:
            self.found = _worded("".join(self.words))
        self.after_photo = tag == "p" and self.photo and not _worded("".join(self.words))


def _worded(text: str) -> str:
    """`text` with its spaces collapsed, or '' when it has no word (a lone '—')."""
    return " ".join(text.split()) if any(c.isalnum() for c in text) else ""


def lead(text_html: str) -> str:
    """The plain text of a rendered text's first paragraph, what a session is described and
    shared with when it has no summary: its first top-level `<p>` with words (not a heading,
    a quote, a list, a table or code, nor HTML's own blocks), without its photos and footnote
    marks; a paragraph of a photo and its caption (`*Ảnh: ...*`, on its line or the next
    paragraph) is no paragraph about the session. Read from the HTML the page shows, so that
    whatever Markdown understands (attributes, footnotes, fences, underlined headings, raw
    HTML) is understood here the same."""
    parser = _Lead()
    parser.feed(text_html)
    parser.close()
    return parser.found


EXCERPT_CHARS = 220
EXCERPT_SOURCE_CHARS = 2000
"""An excerpt is made from the start of a text: markup is removed from this much of it."""


def text_excerpt(source: str) -> str:
    """The plain-text start of a Markdown text, as lists show an item."""
    return excerpt(markdown_text(source[:EXCERPT_SOURCE_CHARS]), EXCERPT_CHARS)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A word-boundary cut of plain text, with an ellipsis when shortened."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


@dataclass(frozen=True)
class Reference:
    """A page or photo a text points at: as written, and as a path in the content folder."""

    written: str
    target: str
    """Path in the content folder ('sessions/2023/x/index.md'); '../...' when outside it. For a
    page written as its address, the site path ('agencies/x/', '' for the home page)."""
    image: bool
    address: bool = False
    """Written as the page's address (`../agencies/x/`, `/about/`) rather than its `.md` file."""
    file: bool = False
    """A file named by its extension (`../../../tai-lieu/cv-124.pdf`, `bao-cao.html`): the
    content folder's, copied as it is, or one the build writes (`data/items.csv`, a page's
    `index.html`)."""


@dataclass(frozen=True)
class Destination:
    """Where a relative or root-relative link of a text leads, in the built site."""

    path: str
    """Site path: 'sessions/2023/x/' for a page, 'sessions/2023/x/anh.jpg' for a file, '' home."""
    suffix: str
    """'?query#fragment' as written."""
    reference: Reference | None
    """The photo or `.md` page the loader checks; None for other links."""
    rooted: bool
    """Written from the site's root ('/sessions/...')."""


NEVER_PUBLISHED = re.compile(r"registry/|sessions/.+/answers\.yaml$")
"""Files of the content folder the build reads and never publishes."""


def destination(written: str, base: str, image: bool) -> Destination | None:
    """Where `written`, in a text of the page at `base`, leads; None for a web address or an
    anchor of the same page."""
    parts = urlsplit(written)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    rooted = path.startswith("/")
    page = not image and path.endswith(".md")
    # A file's path is relative to the Markdown file; an address, as the browser reads it, to
    # the page's address (the same folder for an index.md; 'about/' for about.md).
    here = posixpath.dirname(base) if page or image else urls.web_path(base).rstrip("/")
    target = posixpath.normpath(path.lstrip("/") if rooted else posixpath.join(here, path))
    folder = "/" if path.endswith("/") else ""
    site = urls.web_path(target) if page else ("" if target == "." else target + folder)
    suffix = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    if image or page:
        reference: Reference | None = Reference(written, target, image)
    elif NEVER_PUBLISHED.match(target):  # read by the build: a link to it leads nowhere
        reference = Reference(written, target, image)
    elif folder or rooted:  # an address: a page's (`agencies/x/`) or, from the root, any file's
        reference = Reference(written, site, image, address=True, file=is_file_name(path))
    elif NEVER_PUBLISHED.match(beside := posixpath.normpath(posixpath.join(posixpath.dirname(base),
                                                                            path))):
        reference = Reference(written, beside, image)  # as MkDocs reads it: from the file's folder
    elif is_file_name(path):  # a document or HTML file next to the text, or one the build makes
        reference = Reference(written, beside, image, file=True)
        site = beside  # from the file's folder, as MkDocs reads a link (about.md's, at about/)
    elif encoded_mark_after_page(parts.path):  # leads nowhere: links.py says what to write
        reference = Reference(written, beside, image)
    elif "%2f" in parts.path.lower():  # kept as written, one name to a browser: links.py refuses it
        reference = Reference(written, site, image, address=True)
    else:
        reference = None  # an address without its final '/' (`../../agencies/x`)
    return Destination(site, suffix, reference, rooted)


ENCODED_MARK = re.compile("%23|%3F", re.I)
PAGE_NAME = re.compile(r"(?:^|/)(?:[^/]*\.md)?$")


def encoded_mark_after_page(path: str) -> re.Match[str] | None:
    """'%23' or '%3F' written after a page's name (`about.md%23x`, `about/%23x`): '#' or '?'
    encoded, read as part of the name, which leads nowhere (a document's own name may hold them:
    `a%23b.pdf`, `docs/%231.pdf`); it passed validate, taken for an address left to the web
    server."""
    mark = ENCODED_MARK.search(path)
    return mark if mark and PAGE_NAME.search(unquote(path[:mark.start()])) \
        and not is_file_name(unquote(path)) else None  # `docs/%231.pdf` names the file '#1.pdf'


FILE_NAME = re.compile(r"[^/]\.[A-Za-z0-9]{1,5}$")
"""A path whose last part ends with a file's extension (`cv-124.pdf`, `bang-gia.xlsx`, and
`bao-cao.html`: an HTML file is checked as a file, links.py says which ones a link may name)."""


def is_file_name(path: str) -> bool:
    """Whether the last part of `path` names a file by its extension."""
    return FILE_NAME.search(path) is not None


class _Links:
    """Photos and page links, written as Markdown or as raw HTML, seen by the sanitiser.

    A link written the MkDocs way (`../other/index.md#x`) becomes the page's URL; a path from
    the site's root (`/sessions/...`) becomes relative, so that the site still works when it is
    served under a sub-path. Photos and page links are recorded, so that the loader can report
    a target that does not exist."""

    def __init__(self, directory_urls: bool = True) -> None:
        self.base = ""
        self.references: list[Reference] = []
        self.reserved: frozenset[str] = frozenset()
        self.directory_urls = directory_urls
        """MkDocs' `use_directory_urls`: without it a page is its own file (`about.html`,
        `sessions/2023/x/index.html`), which a link must name."""

    def __call__(self, tag: str, attribute: str, value: str) -> str | None:
        if (tag, attribute) in LINK_ATTRIBUTES:
            return self.resolve(value, image=tag == "img")
        if attribute == "id":
            return _own_id(value, self.reserved)
        return value

    def resolve(self, written: str, image: bool) -> str:
        found = destination(written, self.base, image)
        if found is None:
            if written.startswith("#") and not image:  # an anchor of this page, checked too
                self.references.append(Reference(written, self.base, image))
            return written
        if found.reference is not None:
            self.references.append(found.reference)
        # Without `use_directory_urls` a page is its file: the home page, a session's or a page
        # the site makes, written as its address, is its `index.html` (another page's address,
        # `about/`, may be `about.md` or `about/index.md`: left as written).
        made_page = not self.directory_urls and found.reference is not None and \
            found.reference.address and (found.path == "" or (
                found.path.endswith("/") and found.path.split("/")[0] in urls.SITE_SECTIONS))
        # A photo is read from the Markdown file's folder: written as it is where that folder is
        # the page's address (a session's index.md), made relative to the address elsewhere
        # (about.md is served at about/).
        here = urls.web_path(self.base) if self.directory_urls else posixpath.dirname(self.base)
        at_address = here.rstrip("/") == posixpath.dirname(self.base)
        if not (found.rooted or made_page or (found.reference is not None and not found.reference.address
                                              and not (image and at_address))):
            return _encoded(written)  # a photo next to the text, a folder-style link
        path = found.path
        if not self.directory_urls:
            if found.reference is not None and found.reference.target.endswith(".md"):
                path = urls.web_path(found.reference.target, directory_urls=False)
            elif made_page:
                path += "index.html"
        relative = posixpath.relpath(path or ".", here or ".")
        if (path == "" or path.endswith("/")) and relative not in {".", ".."} \
                and not relative.endswith("/"):
            relative += "/"
        # Made from the decoded path ('%09' is a tab again, '%25' a name's '%'): what a browser
        # would drop or misread is encoded, and '/x/javascript:alert(1)' seen from /x/ stays a path.
        relative = _encoded(relative, DECODED_UNSAFE)
        if SCHEME.match(relative):
            relative = "./" + relative
        return relative + found.suffix


DECODED_UNSAFE = re.compile(r"[\x00-\x20\x7f%#?]")
"""What UNSEEN holds, and what a decoded path holds as a name's own (`50%.pdf`, written
`50%25.pdf`; `a#b.pdf`) that a URL reads otherwise."""


def _encoded(path: str, unsafe: re.Pattern[str] = UNSEEN) -> str:
    """`path` with what a browser would drop or misread (spaces, tabs, controls) encoded:
    `<anh hoi truong.jpg>` is a valid Markdown target, and `anh hoi truong.jpg` no valid URL."""
    return unsafe.sub(lambda m: f"%{ord(m[0]):02X}", path)


MARKDOWN_TARGET = re.compile(
    r"(!?)\[(?:[^\[\]\\]|\\.|!?\[(?:[^\[\]\\]|\\.)*\](?:\([^)]*\))?)*+\]\(\s*"
    r"(?:<([^<>\n]+)>|([^)\s<>]+))"
    r"|^( {0,3}\[[^\]]+\]:[ \t]*)(?:<([^<>\n]+)>|([^\s<>]+))", re.M)
"""The target of an inline link or photo (`[x](target)`, the text holding at most one level of
brackets, as a photo in a link does), or of a link definition (`[x]: target`); a target may be
written between `<` and `>` (with spaces: `[x](<cv 1.pdf>)`). Groups: 1 `!` of a photo; the
target in 2 (bracketed) or 3, a definition's in 5 or 6."""
HTML_TARGET = re.compile(r"<(?:(a)|img)\b[^<>]*?\s(?(1)href|src)\s*=\s*([\"'])?\s*"
                         r"((?(2)(?:(?!\2)[^<>])+?(?=\s*\2)|[^\"'\s>]+))", re.I)
"""The target of a link or photo typed as HTML (`<a href="...">`, `<img src="...">`), in group
3; a quoted one whole, spaces included (`src="tru so.jpg"` was cut at its space)."""


def page_html_links(fragment: str, src_uri: str, directory_urls: bool = True) -> str:
    """Raw HTML of the content folder's page `src_uri` with its links' and photos' targets
    made as a write-up's are (_Links). MkDocs rewrites a Markdown link for the page's address
    and leaves raw HTML as written: `<img src="images/a.jpg">` in about.md, served at about/,
    was asked for at about/images/a.jpg, while `validate` found it at images/a.jpg."""
    links = _Links(directory_urls)
    links.base = src_uri

    def target(match: re.Match[str]) -> str:
        written = html.unescape(match[3])
        made = links.resolve(written, image=not match[1])
        return match[0] if made == written else \
            match[0][:match.start(3) - match.start()] + html.escape(made)

    return HTML_TARGET.sub(target, fragment) if "<" in fragment else fragment


URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
"""Characters a URL keeps as they are (the reserved ones, and '%' of what is quoted already)."""
PATH_SAFE = URL_SAFE.translate(str.maketrans("", "", "?#%"))
"""The same in a decoded path, where '?', '#' and '%' are a name's own (`50%.pdf`)."""


def absolute_links(text: str, base: str, site_url: str, page: Callable[[str], str]) -> str:
    """Markdown of the page at `base` with its links as full addresses, for the open data,
    read outside the site, and without the targets the page drops (`javascript:`, `file:`: a
    reuser rendering the Markdown would get them); `page` gives the address of a `.md` page
    of the content folder.
    Links typed as HTML and a link around a photo (`[![ảnh](a.jpg)](a.jpg)`) are rewritten too."""

    def full(written: str, image: bool) -> str | None:
        if written.startswith("#"):
            url, suffix = page(base), written
        else:
            found = destination(written, base, image=image)
            if found is None:  # a web address, kept; what the page drops is dropped here too
                scheme = SCHEME.match(as_browsers_read(written))
                return "" if scheme and scheme[1].lower() not in PAGE_URL_SCHEMES else None
            reference = found.reference
            url = (page(reference.target) if reference is not None and not reference.image
                   and not reference.address else site_url + found.path)
            suffix = found.suffix
        # the path is decoded (`anh%201.jpg` came back as `anh 1.jpg`); the suffix is as written
        return quote(url, safe=PATH_SAFE) + quote(suffix, safe=URL_SAFE)

    def replace(match: re.Match[str], group: int, image: bool) -> str:
        url = full(match[group], image)
        before = match[0][:match.start(group) - match.start()]
        if not image and "](" in before[1:]:
            before = MARKDOWN_TARGET.sub(markdown_target, before)  # the photo inside the link
        kept = match[group] if url is None else url
        return before + kept + match[0][match.end(group) - match.start():]

    def markdown_target(match: re.Match[str]) -> str:
        group = next(g for g in (2, 3, 5, 6) if match[g] is not None)
        return replace(match, group, image=bool(match[1]))

    def html_target(match: re.Match[str]) -> str:
        return replace(match, 3, image=not match[1])

    if "](" in text or "]:" in text:
        text = MARKDOWN_TARGET.sub(markdown_target, text)
    return HTML_TARGET.sub(html_target, text) if "<" in text else text


class _FootnoteIds(Treeprocessor):
    """A session page shows its write-up, its questions and their answers, each a text with
    its own footnotes: each text's footnote ids get `prefix` ('fn:2-1'), so that a mark leads
    to its own note, not to the write-up's note of the same number."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.prefix = ""

    def run(self, root: Element) -> None:
        if not self.prefix:
            return
        for element in root.iter():
            for attribute, start in (("id", ""), ("href", "#")):
                value = element.get(attribute, "")
                if value.startswith((f"{start}fn:", f"{start}fnref:")):
                    kind, number = value.split(":", 1)
                    element.set(attribute, f"{kind}:{self.prefix}{number}")


class _HeadingIds(Treeprocessor):
    """Headings give way to the ids already taken on the page (an item's permalink, the items
    section, the headings of the texts above): `## Hồ sơ GPXD` next to the item `ho-so-gpxd`
    gets `#ho-so-gpxd_1`, so that a shared link to the item still lands on the item."""

    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        self.reserved: frozenset[str] = frozenset()
        self.ids: frozenset[str] = frozenset()
        """The heading ids of the last text, once they gave way."""

    def run(self, root: Element) -> None:
        headings = [h for h in root.iter() if h.tag in HEADINGS and h.get("id")]
        taken = [h for h in headings if h.get("id") in self.reserved]
        if taken:
            used = {i for element in root.iter() if (i := element.get("id"))} | self.reserved
            renamed: dict[str, str] = {}
            for heading in taken:
                old = heading.get("id", "")
                renamed[old] = unique(old, used)
                heading.set("id", renamed[old])
            _rename_tokens(getattr(self.md, "toc_tokens", []), renamed)
        self.ids = frozenset(h.get("id", "") for h in headings)


def _rename_tokens(tokens: list[dict[str, Any]], renamed: dict[str, str]) -> None:
    for token in tokens:
        token["id"] = renamed.get(token["id"], token["id"])
        _rename_tokens(token["children"], renamed)


class _NotATag(InlineProcessor):
    """`<phiếu hẹn>` looks like a tag to Markdown, and the sanitiser would then drop the words
    with it: what is not an HTML element stays text (`<b>` is left to Markdown)."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str | None, int | None, int | None]:
        name = TAG_NAME.match(m.group(0))
        if name is None or name.group(1).lower() in HTML_ELEMENTS:
            return None, None, None
        return m.group(0), m.start(0), m.end(0)


LIST_START = re.compile(r" {0,3}(?:[-*+]|1\.)[ \t]+\S")
"""A line that starts a list where CommonMark lets it interrupt a paragraph: a bullet, or a
numbered list that starts at 1 (a wrapped line of prose beginning "2024. " stays prose; '1)'
is no list in Python-Markdown)."""
NOT_A_PARAGRAPH = re.compile(r"\[\^[^\]]+\]:|:[ \t]")
"""A line above that is a footnote or a definition: what follows it goes on with it, as in
Python-Markdown. So does a table's next row ('- Khuê Trung | 25 | 1' under 'Hòa An | 40 | 2')."""


class _ListUnderText(Preprocessor):
    """Python-Markdown starts a list only after a blank line: "Kiến nghị:" with "- ..." lines
    right under it, as Word, chat apps and CommonMark write it, showed the items as one line
    of text with their dashes. A blank line is put before such a list. Fenced code is already
    set aside (its preprocessor runs first); an indented line or one inside a list is left."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        in_list = False  # the current block of lines started a list
        for line in lines:
            if not line.strip():
                in_list = False
            elif LIST_START.match(line):
                above = out[-1] if out else ""
                if above.strip() and not in_list and not above[:1].isspace() \
                        and not NOT_A_PARAGRAPH.match(above) and not ("|" in above and "|" in line):
                    out.append("")
                in_list = True
            out.append(line)
        return out


class ListUnderText(Extension):
    """The extension of _ListUnderText, named in mkdocs.yml's way by the plugin for the content
    folder's other pages (`dialogue_archive.core.markup:ListUnderText`)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_ListUnderText(md), "archive_list_under_text", 19)  # code: 25


LIST_UNDER_TEXT = f"{__name__}:{ListUnderText.__name__}"
"""ListUnderText as mkdocs.yml's `markdown_extensions` names it."""


class _ArchiveExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(_NotATag(HTML_RE, md), "archive_not_a_tag", 95)  # html: 90
        md.treeprocessors.register(_HeadingIds(md), "archive_heading_ids", 4)  # after 'toc' (5)
        md.treeprocessors.register(_FootnoteIds(md), "archive_footnote_ids", 3)  # 'footnote': 50


@dataclass(frozen=True)
class RenderedBody:
    html: str
    toc: list[dict[str, Any]]
    heading_ids: frozenset[str] = frozenset()


class MarkdownRenderer:
    """One reusable Python-Markdown instance: creating one per fragment is the slow part."""

    def __init__(self, directory_urls: bool = True, markdown_in_html: bool = True) -> None:
        """`markdown_in_html`: False for a page of a site without md_in_html (the content
        folder's other pages, which MkDocs renders with the site's extensions), where a tag's
        content is kept as written whatever it says."""
        back = VI["text"]["footnote_back"].replace("%", "%%").replace("{number}", "%d")
        parts = {"tables": TABLE_ALIGNMENT, "footnotes": {"BACKLINK_TITLE": back}}  # in Vietnamese
        self._md = markdown.Markdown(
            extensions=[*(EXTENSIONS if markdown_in_html else [
                *EXTRA_WITHOUT_MARKDOWN_IN_HTML, *(name for name in EXTENSIONS if name != "extra")]),
                        _ArchiveExtension(), ListUnderText()],
            extension_configs={"toc": {"slugify": heading_slug, "toc_depth": "2-3"},
                               **({"extra": parts} if markdown_in_html else parts)},
        )
        self._links = _Links(directory_urls)
        self._ids: _HeadingIds = self._md.treeprocessors["archive_heading_ids"]

    def _convert(self, text: str, src_uri: str, reserved: frozenset[str], footnotes: str = "") -> str:
        self._md.reset()
        self._links.base, self._links.references = src_uri, []
        self._ids.reserved = self._links.reserved = reserved
        self._md.treeprocessors["archive_footnote_ids"].prefix = footnotes  # type: ignore[attr-defined]
        return self._md.convert(text)

    def render_body(self, text: str, src_uri: str, reserved: frozenset[str] = frozenset(),
                    footnotes: str = "") -> RenderedBody:
        """A text of the page at `src_uri`, with its headings (whose ids avoid `reserved`);
        its links to other pages become their URLs; `footnotes`: what its footnotes' ids
        start with, told apart from another text's on the page."""
        body = sanitise(self._convert(text, src_uri, reserved, footnotes), self._links)
        return RenderedBody(body, list(getattr(self._md, "toc_tokens", [])), self._ids.ids)

    def references(self, text: str, src_uri: str) -> list[Reference]:
        """What a text of the page at `src_uri` links to."""
        sanitise(self._convert(text, src_uri, frozenset()), self._links)
        return list(self._links.references)
