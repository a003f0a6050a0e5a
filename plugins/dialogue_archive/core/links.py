"""Photos and links in the texts of a session: found where they are written, and checked
against what the public site will hold when the text is on it.

The loader finds them while parsing (`text_references`, in worker processes) and checks them
once the whole archive is loaded (`check_references`), since a link may point at any session.
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from markdown.util import BLOCK_LEVEL_ELEMENTS

from . import sitemap, urls
from .aliases import alias_uris
from .archive import Archive, Session, UnloadedSession, Visibility
from .markup import (
    NEVER_PUBLISHED,
    MarkdownRenderer,
    Reference,
    destination,
    encoded_mark_after_page,
    heading_slug,
)
from .problems import ProblemLog, did_you_mean
from .yamlio import Position, position_of

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
UNSHOWN_PHOTO_SUFFIXES = {".heic", ".heif", ".tif", ".tiff", ".bmp"}
"""Photos as phones and scanners save them, which browsers do not show (an iPhone's .HEIC)."""
PAGE_PHOTO_SUFFIXES = {*IMAGE_SUFFIXES, ".gif"}
"""The pictures of the content folder's other pages that the build sizes and publishes without
what their camera or editor wrote in them (a session folder holds no GIF)."""


def unshown_photo(name: str) -> str:
    """What to do with a photo of a format browsers do not show, '' for any other file."""
    suffix = Path(name).suffix
    if suffix.lower() not in UNSHOWN_PHOTO_SUFFIXES:
        return ""
    return (f"'{name}' is a {suffix.lstrip('.').upper()} photo, which browsers do not show: save it "
            "as .jpg (or .png, .webp; a phone's share or export does it) next to index.md, and "
            "write that file's name in the write-up")


@dataclass(frozen=True)
class WrittenReference:
    """A photo or page link of a session's texts, and where in which file it is written."""

    path: Path
    line: int
    column: int
    reference: Reference
    described: bool = True
    """For a photo: whether it is written with a text for readers who cannot see it."""
    html: bool = False
    """Typed as an HTML tag's `href` or `src`: the build writes it for the page's address
    (mkdocs_adapter/html_links.py), where MkDocs leaves a Markdown link from the root as written."""


@dataclass(frozen=True)
class OtherPage:
    """A page of the content folder outside the sessions (the home page, an 'about' page):
    always public, so what it links to must be too."""

    folder: Path
    src_uri: str
    """Its path in the content folder ('about.md'): its address is the base of its links."""
    visibility: Visibility = Visibility.published


Source = Session | OtherPage
"""Whose text a photo or link is written in."""


MAY_REFER = re.compile(r"\.md|!\[|<(?:a|img)\b|\]\(|^ {0,3}\[[^\]\n]+\]:", re.I | re.M)
"""What a text that has a photo or a page link, as Markdown or as raw HTML, must contain."""


@functools.cache
def text_renderer(markdown_in_html: bool) -> MarkdownRenderer:
    """One per process and kind of text, for the loader: sessions are parsed in worker
    processes."""
    return MarkdownRenderer(markdown_in_html=markdown_in_html)


@dataclass(frozen=True)
class WrittenText:
    """A text as typed in its file: what its photos and links are looked for in, the text
    alone (a file of many texts, a large answers.yaml, was searched to its end once per text)."""

    source: str
    """The text's characters in the file, from where it starts to where it ends."""
    start: Position
    """Where `source` starts in the file."""
    indent: int = 0
    """A YAML text's: its key's column (0-based), from which an explicit indentation counts
    (`text: |2`: the text's lines start two spaces further in than its key)."""

    def position(self, at: int) -> Position:
        """The line and column in the file of the character at `at` in `source`."""
        line, column = position_of(self.source, at)
        return self.start[0] + line - 1, column + (self.start[1] - 1 if line == 1 else 0)


def text_references(markdown: str, src_uri: str, path: Path, written: WrittenText,
                    markdown_in_html: bool = True) -> list[WrittenReference]:
    """The photos and page links of a text of the page `src_uri`, located in `path`, where the
    text is `written`. `markdown_in_html`: whether the text is rendered with md_in_html, as a
    session's texts always are (see MarkdownRenderer)."""
    if not MAY_REFER.search(markdown):
        return []  # nothing to find: most texts skip the Markdown parser
    source, offset = written.source, 0
    samples = [m.span() for m in CODE_SAMPLE.finditer(source)]
    samples += _indented_code(source, written.indent if path.suffix.lower() in {".yaml", ".yml"} else None,
                              markdown_in_html)
    found = []
    for reference in text_renderer(markdown_in_html).references(markdown, src_uri):
        if reference.written.startswith("#") and reference.written not in markdown:
            continue  # an anchor the Markdown made itself (a footnote's #fn:1), not the author
        at = source.find(reference.written, offset)
        while at >= 0 and (sample := next((end for begin, end in samples if begin <= at < end), None)):
            at = source.find(reference.written, sample)  # a code sample's text is no link
        if at < 0:  # written differently in the file (an escape in a quoted YAML text)
            line, column = written.start
        else:
            offset = at + len(reference.written)
            line, column = written.position(at)
        described = not reference.image or at < 0 or _described(source, at)
        html = at >= 0 and HTML_ATTRIBUTE.search(source, max(0, at - 40), at) is not None
        found.append(WrittenReference(path, line, column, reference, described, html))
    return found


CODE_SAMPLE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,}).*?^[ \t]*(?P=fence)[ \t]*$"
                         r"|(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)(?P=ticks)(?!`)", re.M | re.S)
"""A fenced code block or an inline code span: a sample of `<img …>` shown as text, which the
renderer does not take for a photo; a warning placed there belongs to the real one after it.
A fence is closed by the same fence, as Python-Markdown's fenced_code has it: one left open
(or closed by a longer one) makes no code block, and what follows it is rendered as Markdown."""
BLOCK_SCALAR = re.compile(r"[|>](?:[+-]?(?P<indent>[1-9])?|(?P<first>[1-9])[+-])[ \t]*(?:#.*)?\n")
"""The header of a YAML block scalar (`text: |`, `>-`, `|2`, `|2-`), which keeps its lines as
written, and its explicit indentation, if any."""
LIST_ITEM = re.compile(r" {0,3}(?:[*+-]|\d+[.)])[ \t]")
QUOTED = re.compile(r" {0,3}> ?")
"""A blockquote's mark, which Python-Markdown takes off its lines (`> `) before reading them."""
RAW_HTML = re.compile(r" {0,3}<(?P<tag>[A-Za-z][A-Za-z0-9]*)(?=[\s/>]|$)(?P<markdown>[^>]*\smarkdown\s*=)?")
"""A line starting a raw HTML block: Python-Markdown keeps what follows, down to the tag's
closing one, as written (not with `markdown="1"` where md_in_html is on: it reads that as
Markdown)."""


def _indented_code(source: str, key_indent: int | None, markdown_in_html: bool) -> list[tuple[int, int]]:
    """The indented code blocks of the text `source`, as Python-Markdown finds them: lines
    four spaces (or a tab) further in than the text's own, after a blank line, and not under a
    list item (that is the item's next paragraph). A Markdown file's text starts at the left
    margin; a YAML text (`key_indent`: its key's column) is a block scalar whose margin is its
    key's plus its explicit indentation (`|2`), or else its first line's (a quoted or plain
    YAML text folds its lines: none is found there)."""
    header = None if key_indent is None else BLOCK_SCALAR.match(source)
    if key_indent is not None and header is None:
        return []
    offset = header.end() if header else 0
    lines = source[offset:].split("\n")
    margin = 0
    if header and key_indent is not None:
        given = header["indent"] or header["first"]
        margin = key_indent + int(given) if given else next(
            (len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), 0)
    spans: list[tuple[int, int]] = []
    blank, listed, code = True, False, False
    quoted, raw, depth = 0, "", 0
    at = offset
    for line in lines:
        begin, at = at, at + len(line) + 1
        text = line.expandtabs(4)[margin:]
        level = 0
        while mark := QUOTED.match(text):
            text, level = text[mark.end():], level + 1
        if level > quoted:
            blank = True  # a blockquote starts a block, even right after a paragraph's line
        quoted = level or (quoted if text.strip() else 0)  # an unmarked line goes on the quote
        if raw:
            depth += _tags_opened(text, raw)
            raw = raw if depth > 0 else ""
            blank = False
            continue
        if not text.strip():
            blank = True
            continue
        indented = text.startswith("    ")
        if not (indented and (code or (blank and not listed))) and (start := RAW_HTML.match(text)) \
                and start["tag"].lower() in BLOCK_LEVEL_ELEMENTS and start["tag"].lower() not in VOID \
                and not (markdown_in_html and start["markdown"]):
            raw = start["tag"]
            depth = _tags_opened(text, raw)
            raw = raw if depth > 0 else ""
            code, blank = False, False
            continue
        if indented and (code or (blank and not listed)):
            if code:
                spans[-1] = (spans[-1][0], begin + len(line))
            else:
                spans.append((begin, begin + len(line)))
            code = True
        elif not indented:
            code = False
            listed = bool(LIST_ITEM.match(text)) or (listed and not blank)
        blank = False
    return spans


VOID = frozenset({"hr"})
"""A block-level tag that has no closing one: it starts no raw HTML block."""


def _tags_opened(line: str, tag: str) -> int:
    """How many `tag` elements `line` opens, less those it closes."""
    opened = len(re.findall(rf"<{tag}(?=[\s/>]|$)", line, re.I))
    return opened - len(re.findall(rf"</{tag}\s*>", line, re.I))


MARKDOWN_PHOTO = re.compile(r"!\[(?P<text>[^\]]*)\]\(\s*<?$")
"""The start of a Markdown photo `![text](`, up to where its file name is written."""
HTML_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*["']?\Z""", re.I)
"""What comes right before a link or photo typed as HTML (`<a href="`, `<img src=`)."""
HTML_ALT = re.compile(r"""\salt\s*=\s*(?:"\s*[^"\s]|'\s*[^'\s]|[^\s"'>])""", re.I)


def _described(source: str, at: int) -> bool:
    """Whether the photo whose file name is written at `at` has a text (Markdown's `![text]`,
    HTML's `alt`), in a tag or a photo's brackets that may span lines; a photo given by a
    reference definition (`[x]: anh.jpg`) counts as described."""
    tag = source.rfind("<img", source.rfind(">", 0, at) + 1, at)  # a tag still open at `at`
    if tag >= 0:
        end = source.find(">", at)
        return bool(HTML_ALT.search(source, tag, end if end >= 0 else len(source)))
    markdown = MARKDOWN_PHOTO.search(source, max(0, source.rfind("![", 0, at)), at)
    if markdown is not None:
        return bool(markdown["text"].strip())
    return True


def check_references(archive: Archive, written: list[tuple[Source, list[WrittenReference]]],
                      log: ProblemLog) -> None:
    """Every photo and page link of a text leads to something on the public site whenever the
    text is; a link to a page the generator makes (an agency's page, ...) is left to the build."""
    targets = _Targets(archive, [source.src_uri for source, _ in written
                                 if isinstance(source, OtherPage)])
    for session, references in written:
        for one in references:
            message = targets.problem(one.reference, session, one.html)
            if message:
                log.add(one.path, one.line, one.column, message)
            elif not one.described:
                log.add(one.path, one.line, one.column, f"the photo '{one.reference.written}' has "
                        "no text for readers who cannot see it (a screen reader says nothing of it): "
                        f"write what it shows, ![Quang cảnh buổi đối thoại]({one.reference.written})"
                        " in Markdown, alt=\"...\" in HTML", severity="warning")


THEME_PAGES = frozenset({"404.html"})
"""Pages the theme writes at the site's root (the page of an address that does not exist)."""
HTML_SUFFIXES = (".html", ".htm")
PAGE_SUFFIXES = (".md", *HTML_SUFFIXES)
RESERVED = [*(f"{s}/" for s in sorted(urls.SITE_SECTIONS)), *urls.FILE_FOLDERS, *sorted(THEME_PAGES)]
"""The addresses of urls.SITE_SECTIONS, FILE_FOLDERS and THEME_PAGES, as a problem names them."""


def site_address_problem(uri: str) -> str | None:
    """Why a file of the content folder at `uri` (outside sessions/ and registry/) cannot be
    published: the site makes a page of its own at its address (agencies/, an agency's or
    topic's page, search/, the theme's 404.html, the open data in data/, its scripts and search
    indexes), and the build would drop the file for it without a word. None when it can."""
    address = site_address(uri)
    if address is None:
        return None
    folder = next((f for f in urls.FILE_FOLDERS if address.startswith(f)), None)
    made = (f"the site writes its own files in /{folder}, and the build would drop or replace "
            "this one" if folder else
            f"the site makes /{address} itself, and the build would drop this file for its own page")
    return f"{made}; move or rename the file (the site's own: {', '.join(RESERVED)})"


def site_address(uri: str) -> str | None:
    """The address of the site's own that the content file `uri` would be published at, or
    None when the site makes nothing there. The home page's text (index.md) is the content's."""
    if uri in THEME_PAGES or uri.startswith(urls.FILE_FOLDERS):
        return uri
    if not uri.lower().endswith(PAGE_SUFFIXES) or uri == urls.home():
        return None
    address = urls.web_path(uri)  # 'agencies.md' -> 'agencies/', 'data.md' -> 'data/'
    if posixpath.basename(address).lower() in {"index.html", "index.htm"}:
        address = address[: -len(posixpath.basename(address))]
    made = not address or address.split("/")[0] in urls.SITE_SECTIONS or address.startswith(
        urls.FILE_FOLDERS)
    return address if made else None


SINGLE_PAGES = (urls.statistics(), urls.open_data(), urls.search())
"""The pages the site makes once besides the home page (which the content may write)."""


class _Targets:
    """What the texts of an archive may point at: its files, its sessions and their folders."""

    def __init__(self, archive: Archive, own_pages: list[str]):
        self.root = archive.root
        self.own_pages = own_pages
        """The content folder's other pages (the home page's text, an 'about' page)."""
        self.folders = {s.folder.relative_to(archive.root).as_posix(): s for s in archive.sessions}
        self.pages = {uri: s for s in archive.sessions for uri in (s.src_uri, *alias_uris(s))}
        self.former = {uri: s for s in archive.sessions for uri in alias_uris(s) if uri != s.src_uri}
        """Renamed sessions' former source paths: a page's address there is a redirect, but
        a link to its `.md` file finds no file (MkDocs and the build refuse it)."""
        self.registries: dict[str, tuple[str, dict[str, Any]]] = {
            "agencies": ("agency", archive.agencies), "topics": ("topic", archive.topics),
            "places": ("place", archive.places)}
        """Sections of the site with a page per registry entry: their kind and entries."""
        self.anchors: dict[str, set[str]] = {}
        """Each linked session's anchors, worked out once however many links point at it."""
        self.ids = {s.id: s for s in archive.sessions}
        """Every session by id: a published one's open data file is data/sessions/<id>.json."""
        self.unloaded = {s.folder.relative_to(archive.root).as_posix(): s for s in archive.unloaded}
        """The session folders left out for their front matter, as `folders`: a link to one is
        judged by what its page will have (UnloadedSession), never reported broken for it."""
        self.unloaded_pages = {f"{folder}/index.md" for folder in self.unloaded}
        """Their write-ups, which a folder missing its index.md has not: a link to it is not
        broken as well."""
        self.page_anchors: dict[Path, set[str]] = {}
        """The same for the other pages of the content folder."""
        self.archive = archive
        self.lists: dict[frozenset[str] | None, dict[str, int]] = {}
        """The lists' pages (list_pages) by the sessions shown (None: the published ones)."""

    def problem(self, reference: Reference, source: Source, html: bool = False) -> str:
        """What is wrong with a photo or page link of a text of `source` ('' when nothing is);
        `html`: typed as an HTML tag's attribute."""
        target, written = reference.target, reference.written
        if (escape := _escape_problem(reference)):
            return escape
        if not reference.image and NEVER_PUBLISHED.match(target) and inside(self.root / target,
                                                                            self.root):
            return (f"the link '{written}' points to {target}, which the build reads and never "
                    "publishes (the link would lead nowhere); link to the page that shows it, or "
                    "remove the link")
        if isinstance(source, OtherPage) and written.startswith("/") and not html:
            # a document from the file's folder, as MkDocs reads a link to a file ('../x.pdf'
            # from about.md was then refused as outside the content folder)
            relative = _relative(target, reference.address and not reference.file, source)
            return (f"the link '{written}' starts with '/': MkDocs leaves it as written on this page, "
                    "where it would not lead to the page once the site is published; write it "
                    f"relative to this page: '{relative}'")
        if reference.file:
            return self._missing_file(reference, source, html)
        if reference.address:
            if target and not target.endswith("/"):
                return ""  # from the site's root, without a file's extension: left to the server
            target = self._page_file(target)
        path = self.root / target
        within = inside(path, self.root)
        if reference.image and (slash := self._slash_after_file(reference, source)):
            return slash
        if reference.image:
            if unshown := unshown_photo(Path(target).name):
                return f"image {unshown}"
            if not within:
                return (f"image '{written}' is outside the content folder; put the photo next to "
                        "index.md and write its file name")
            if not is_file(path):
                return (f"image '{written}' not found: there is no file {target} in the content "
                        f"folder{did_you_mean(path.name, _photos_in(path.parent))}; put the photo "
                        "next to index.md and write its file name, or fix the path")
        elif not within or not (target in self.pages or is_file(path) or urls.generated(target)
                                or target in self.unloaded_pages):
            if reference.address and (slash := self._slash_after_file(reference, source)):
                return slash
            if entry := self._entry_page_file(reference, source):
                return entry
            where = f"the address {reference.target or '/'}" if reference.address else target
            return (f"the link '{written}' points to {where}, which is not a page of the content "
                    f"folder{self._closest_page(reference, source)}; fix the path or remove the link")
        elif target in self.former and not reference.address:
            session = self.former[target]
            fragment = urlsplit(written).fragment
            unknown = self._unknown_anchor(unquote(fragment), session)
            now = _relative(session.src_uri, False, source) + (f"#{fragment}" if fragment else "")
            return (f"the link '{written}' points to the former file of session {session.id}, "
                    f"renamed (its old id is in its aliases); link to its file now: '{now}'"
                    + (f"; and #{fragment} {unknown}; fix the anchor or remove it" if unknown else ""))
        elif (unknown := self._unknown_entry(target)):
            return f"the link '{written}' points to the page of {unknown}; fix the link or remove it"
        elif not is_file(path) and (unmade := self._unmade_list_page(target, reference, source)):
            return unmade
        folder = "/".join(target.split("/")[:3])
        owner = self.pages.get(target) or self.folders.get(folder)
        hidden = _hidden_from(owner, source) if owner is not None else ""
        if owner is not None and not hidden and not reference.image and target in self.pages:
            return self._missing_anchor(written, owner)
        if owner is None and folder in self.unloaded and target == f"{folder}/index.md":
            return self._missing_anchor(written, self.unloaded[folder])
        if owner is None and target.endswith(".md") and is_file(path):
            return self._missing_heading(written, path)
        if owner is None or not hidden:
            return ""
        if reference.image:
            return (f"image '{written}' is in the folder of session {owner.id}, which is {hidden} "
                    "and not on the public site; copy the photo next to index.md")
        return (f"the link '{written}' points to session {owner.id}, which is {hidden} and not on "
                "the public site; publish that session first or remove the link")

    def _missing_file(self, reference: Reference, source: Source, html: bool = False) -> str:
        """What is wrong with a link to a document ('' when the content folder holds it or the
        build writes it): the file was published as a broken link, with no message. A file the
        build writes is found by MkDocs from a session's text only, and from any as HTML."""
        target, path, written = reference.target, self.root / reference.target, reference.written
        if inside(path, self.root) and is_file(path):
            return ""
        built = self._built(target, source)
        if built is not None and isinstance(source, OtherPage) and not html:
            return (f"the link '{written}' points to {target}, a file the build writes, which MkDocs "
                    f"cannot find from {source.src_uri} (it stops the build); link to the page "
                    "that lists it (open-data/index.md for the open data) or write its full address "
                    "(https://…)")
        if built is not None:  # '' for Material's and the search's files: not known by name here
            return built and f"the link '{written}' points to {target}, which the build does not " \
                f"write: {built}"
        if not inside(path, self.root):
            return (f"the link '{written}' points to a file outside the content folder; "
                    "put the file inside it (a folder such as tai-lieu/) and link to it there")
        if target.lower().endswith(HTML_SUFFIXES):
            return self._page_file_link(reference, source, html)
        files = [f.name for f in path.parent.iterdir() if f.is_file()] if path.parent.is_dir() else []
        return (f"the link '{written}' points to {target}, which is not a file of the "
                f"content folder{did_you_mean(path.name, files)}; copy the file there, or fix the "
                "path or remove the link")

    def _slash_after_file(self, reference: Reference, source: Source) -> str:
        """What is wrong with a photo's or document's name written with a '/' after it
        (`cv-124.pdf/`: the address of a folder, which leads nowhere), and with the file it names;
        '' when the name is no file's, or a folder's (a page's folder may be named `tai-lieu.v2/`)."""
        parts = urlsplit(reference.written)
        if not parts.path.endswith("/"):
            return ""
        dropped = urlunsplit(parts._replace(path=parts.path.rstrip("/")))
        found = destination(dropped, source.src_uri, reference.image)
        if found is None or found.reference is None or not (found.reference.image or found.reference.file) \
                or (self.root / found.reference.target).is_dir():
            return ""
        hint = (f"{'image' if reference.image else 'the link'} '{reference.written}' ends with '/' "
                "after a file's name, which makes it the address of a folder (it leads nowhere); "
                f"drop the '/': '{dropped}'")
        then = self.problem(replace(found.reference, written=dropped), source)
        return f"{hint}; without it, {then}" if then else hint

    def _page_file_link(self, reference: Reference, source: Source, html: bool) -> str:
        """What is wrong with a link to an `.html` file the content folder does not hold ('' for
        none). A page is served at its address (`a/b.md` at a/b/, as the file a/b/index.html):
        a session's texts are published as written, and a tag's `href` on the other pages is
        written for the page's address (html_links.py), so `x/index.html` there leads to the page
        x/ when it is on the site; MkDocs, which makes the other pages, finds no such file in a
        Markdown link (it stops the build), and `a/b.html` is no page's file. Either way the
        `.md` file is named."""
        target, written = reference.target, reference.written
        folder, name = posixpath.split(target)
        address = (f"{folder}/" if folder else "") if name == "index.html" else \
            f"{posixpath.splitext(target)[0]}/"
        if name == "index.html" and isinstance(source, Session):
            return self.problem(replace(reference, target=address, address=True, file=False), source)
        page = self._page_file(address)
        known = page in self.pages or is_file(self.root / page) or urls.generated(page)
        if name == "index.html" and html and known:  # what the page's address would say of it
            return self.problem(replace(reference, target=address, address=True, file=False), source, html)
        if not known:
            closest = self._closest_page(replace(reference, target=page), source)
            return (f"the link '{written}' points to {target}, which is neither a file of the "
                    f"content folder nor a page's{closest}; fix the path or remove the link")
        fragment = urlsplit(written).fragment
        why = (f"MkDocs cannot find it from {source.src_uri} (it stops the build)"
               if isinstance(source, OtherPage) else
               f"the site serves that page at its address, {address or '/'}, not as {name}")
        return (f"the link '{written}' names {target}, the file of a page: {why}; link to the page's "
                f"file, '{_relative(page, False, source)}{f'#{fragment}' if fragment else ''}'")

    def _built(self, target: str, source: Source) -> str | None:
        """For a path where the build writes files: '' when it writes `target` (or may: a
        theme's asset) by the time `source` is public, else what is wrong with it; None
        elsewhere. A draft's or a scheduled session's open data is written once it is public
        (its id and year were taken as written, and a link to them published broken)."""
        section, _, rest = target.partition("/")
        if target in urls.ROOT_FILES or target.startswith(("assets/", urls.SEARCH_BUNDLE_DIR)):
            return ""
        if (part := sitemap.PART.fullmatch(target)) is not None:
            return self._sitemap_part(part[1], source)
        if section == urls.DATA_DIR.rstrip("/"):
            if rest in dict(urls.DATA_FILES):
                return ""
            folder, _, name = rest.partition("/")
            if folder == "sessions" and name.endswith(".json"):
                ident = name.removesuffix(".json")
                if any(s.id == ident for s in self.unloaded.values()):
                    return ""  # its front matter's problems are said: whether it is public is not known
                if ident not in self.ids:
                    return (f"no session has the id '{ident}'{did_you_mean(ident, list(self.ids))}; "
                            "fix the link")
                hidden = _hidden_from(self.ids[ident], source)
                return hidden and (f"session {ident} is {hidden}, and its open data is written once "
                                   "it is public; publish that session first or remove the link")
            year, _, name = name.partition("/")
            if folder == urls.YEARS_DIR.rstrip("/") and name in urls.BULK_FILES:
                years = {str(s.date.year) for s in self.ids.values() if not _hidden_from(s, source)}
                years |= {str(y) for y in self._unloaded_years(source.visibility is Visibility.published)}
                return "" if year in years else (
                    f"no session on the public site was held in '{year}'{did_you_mean(year, years)}; "
                    "fix the link")
            return ("its open data files are " + ", ".join(dict(urls.DATA_FILES)) + ", "
                    f"sessions/<id>.json and {urls.YEARS_DIR}<year>/<{', '.join(urls.BULK_FILES)}>"
                    f"{did_you_mean(rest, dict(urls.DATA_FILES))}; fix the link")
        if posixpath.basename(target) == "feed.xml" and section in self.registries:
            unknown = self._unknown_entry(target)
            return f"{unknown}; fix the link" if unknown else ""
        return None

    def _missing_anchor(self, written: str, session: Session | UnloadedSession) -> str:
        """What is wrong with the `#anchor` of a link to a session page ('' when nothing is)."""
        anchor = unquote(urlsplit(written).fragment)
        unknown = self._unknown_anchor(anchor, session)
        return f"the link '{written}' points to #{anchor}, which {unknown}; fix the anchor or " \
            "remove it" if unknown else ""

    def _unknown_anchor(self, anchor: str, session: Session | UnloadedSession) -> str:
        """'is not an item … of session x (did you mean …)', or '' for an anchor the session page
        has: an item (or an item's alias), an answer, a commitment, a part of the page or a
        heading of its texts. A heading that gave way to an id taken before it gets a `_1`
        suffix."""
        if not anchor or not session.record_read:
            return ""
        known = self.anchors.get(session.id)
        if known is None:
            known = self.anchors[session.id] = _anchors(session)
        if anchor in known or re.sub(r"_\d+$", "", anchor) in known:
            return ""
        items = [i.id for i in session.items]
        listed = ", ".join(items[:8]) + (", ..." if len(items) > 8 else "")
        return (f"is not an item, answer, commitment or heading of session {session.id}"
                f"{did_you_mean(anchor, known - urls.SESSION_PAGE_ANCHORS)}"
                + (f" (its items: {listed})" if items else ""))

    def _missing_heading(self, written: str, path: Path) -> str:
        """What is wrong with the `#anchor` of a link to another page of the content folder (the
        home page, an 'about' page): MkDocs gives ids to its headings and to `{#id}` marks."""
        anchor = unquote(urlsplit(written).fragment)
        if not anchor:
            return ""
        known = self.page_anchors.get(path)
        if known is None:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return ""  # reported where the page itself is read
            known = {heading_slug((m[0] or m[1]).strip(), "-") for m in PAGE_HEADING.findall(text)}
            known |= {a or b for a, b in ANY_ID.findall(text)}
            self.page_anchors[path] = known
        if anchor in known or re.sub(r"_\d+$", "", anchor) in known:
            return ""
        return (f"the link '{written}' points to #{anchor}, which is not a heading of "
                f"{path.name}{did_you_mean(anchor, known)}; fix the anchor or remove it")

    def _page_file(self, address: str) -> str:
        """The content file of the page at a site address ('about/' -> 'about.md', or a folder's
        index.md or README.md), or the `index.md` the address would be made from (a generated
        page's)."""
        if not address:
            return "index.md"
        folder = address.rstrip("/")
        for candidate in (*(f"{folder}/{index}" for index in urls.INDEX_PAGES), f"{folder}.md"):
            if candidate in self.pages or is_file(self.root / candidate):
                return candidate
        return f"{folder}/index.md"

    def list_pages(self, source: Source) -> dict[str, int]:
        """Each list the site makes whenever `source` is public (its first page's source path)
        and its number of pages, worked out only when a text links to a list's page: the same
        views the build makes them from (imported here: views imports the loader, which
        imports this module)."""
        from .commitment_views import commitment_pages
        from .views import ArchiveViews, page_count

        shown = self._sessions_with(source)
        key = frozenset(s.id for s in shown) if shown is not None else None
        if key in self.lists:
            return self.lists[key]
        archive = self.archive if shown is None else replace(
            self.archive, sessions=shown, include_drafts=True)  # every one given is shown
        views = ArchiveViews(archive)
        counts: dict[str, int] = {}
        for spec in (*views.list_pages(), *commitment_pages(views)):
            paged = PAGED_LIST.fullmatch(spec.src_uri)
            first = f"{paged[1]}index.md" if paged else spec.src_uri
            counts[first] = max(counts.get(first, 1), int(paged[2]) if paged else 1)
        # the sessions left out for their front matter, as their lists will be once it is fixed:
        # a link to the year of one (the year's only session, say) is right (UnloadedSession)
        years = self._unloaded_years(shown is None)
        for year, more in Counter(years).items():
            counts[urls.year(year)] = page_count(len(views.by_year.get(year, [])) + more)
        if years:
            counts[urls.sessions_index()] = page_count(len(archive.published) + len(years))
        self.lists[key] = counts
        return counts

    def _unloaded_years(self, public: bool) -> list[int]:
        """The year of each session left out for its front matter that will be on the lists,
        one entry a session; `public`: for a public text, not those written as drafts."""
        return [s.year for s in self.archive.unloaded
                if s.year is not None and not (public and s.draft)]

    def _site_pages(self, source: Source) -> int:
        """How many pages the site has whenever `source` is public, as its sitemap lists them:
        the sessions on it, every page of the lists, the pages made once and the content
        folder's own (and the home page the site makes when the content has none)."""
        shown = self._sessions_with(source)
        sessions = len(self.archive.published if shown is None else shown)
        home = 0 if urls.home() in self.own_pages else 1
        return sessions + sum(self.list_pages(source).values()) + len(SINGLE_PAGES) \
            + len(self.own_pages) + home

    def _sitemap_part(self, written: str, source: Source) -> str:
        """What is wrong with a link to the sitemap's part numbered `written` ('' when the site
        has it): past MAX_URLS pages the sitemap is an index of parts (core/sitemap.py)."""
        pages = self._site_pages(source)
        parts = sitemap.part_count(pages)
        if written in {str(number) for number in range(1, parts + 1)}:  # not '01', nor '0'
            return ""
        count = f"{pages:,} pages"
        if not parts:
            return (f"the sitemap of the site's {count} is one file, sitemap.xml (it becomes an "
                    f"index of parts, sitemap-1.xml, …, past {sitemap.MAX_URLS:,} pages); link to "
                    "sitemap.xml")
        return (f"the sitemap of the site's {count} has {parts} parts, {sitemap.part_name(1)} to "
                f"{sitemap.part_name(parts)}; link to one of them or to sitemap.xml, their index")

    def _sessions_with(self, source: Source) -> list[Session] | None:
        """The sessions on the site whenever `source` is, as links to sessions are judged
        (_hidden_from): for a draft, every session, as the preview shows it; for a scheduled
        text, the published ones and those scheduled no later than it (its own year's page is
        made from the moment it is public); None for a public text: the published ones."""
        if source.visibility is Visibility.published:
            return None
        return [s for s in self.archive.sessions if source.visibility is Visibility.draft
                or s.visibility is Visibility.published or (
                    s.visibility is Visibility.scheduled and isinstance(source, Session)
                    and s.published_at() <= source.published_at())]

    def _unmade_list_page(self, target: str, reference: Reference, source: Source) -> str:
        """What is wrong with a link to a list's page the site does not make ('' when it makes
        it, or `target` is no list's): a year no published session is of (`sessions/2019/`), a
        page past the list's last. urls.generated takes any such address; the build stopped
        on it naming the file only, or published it broken."""
        if target.split("/")[0] not in LIST_SECTIONS or not urls.generated(target):
            return ""
        lists = self.list_pages(source)
        paged = PAGED_LIST.fullmatch(target)
        first = f"{paged[1]}index.md" if paged else target
        number = int(paged[2]) if paged else 1
        if (paged is None and first in lists) or 1 < number <= lists.get(first, 0):
            return ""

        def written(page: str) -> str:
            return _relative(urls.web_path(page) if reference.address else page, reference.address, source)

        said = f"the link '{reference.written}' points to"
        if first in lists:
            count = lists[first]
            last = first if count == 1 else f"{first.removesuffix('index.md')}page/{count}/index.md"
            return (f"{said} page {number} of a list of {count} page(s), which the site does not "
                    f"make; link to its {'first' if number < 1 or count == 1 else 'last'} page, "
                    f"'{written(first if number <= 1 else last)}'")
        year = SESSION_YEAR.fullmatch(first)
        if year:
            years = sorted((int(y[1]) for page in lists if (y := SESSION_YEAR.fullmatch(page))),
                           reverse=True)
            shown = ", ".join(f"'{written(urls.year(y))}'" for y in years) or "none yet"
            when = " when this text is" if source.visibility is Visibility.scheduled else ""
            return (f"{said} the sessions of {year[1]}, a page the site does not make: no session "
                    f"of {year[1]} is published{when}; link to a year that has one ({shown}) or remove "
                    "the link")
        return (f"{said} {first}, a page the site does not make{did_you_mean(first, lists, written)}; "
                "fix the link or remove it")

    def _unknown_entry(self, target: str) -> str:
        """'' unless `target` is the page of an agency, topic or place the registries lack."""
        section, _, rest = target.partition("/")
        registry = self.registries.get(section)
        entry = rest.split("/")[0]
        if registry is None or entry in {"", "index.md", "page"} or entry in registry[1]:
            return ""  # 'page': a page of the list itself (agencies/page/2/)
        kind, table = registry
        return f"{kind} '{entry}', which is not in registry/{section}.yaml{did_you_mean(entry, table)}"

    def _entry_page_file(self, reference: Reference, source: Source) -> str:
        """What to write for `agencies/<id>.md` (topics, places alike), the file a writer guesses
        for a registry entry's page, which the site makes as `agencies/<id>/index.md`; '' for
        another link. The entry is checked as that link would be."""
        section, _, name = reference.target.partition("/")
        if reference.address or section not in self.registries or "/" in name \
                or not name.endswith(".md") or name == "index.md":
            return ""
        target = f"{section}/{name.removesuffix('.md')}/index.md"
        parts = urlsplit(reference.written)
        written = urlunsplit(parts._replace(path=parts.path.removesuffix(".md") + "/index.md"))
        hint = (f"the link '{reference.written}' points to {reference.target}, which is no file: the "
                f"site makes the {self.registries[section][0]}'s page as {target}; write '{written}'")
        then = self.problem(replace(reference, target=target, written=written), source)
        return f"{hint}; and {then}" if then else hint

    def _closest_page(self, reference: Reference, source: Source) -> str:
        """A 'did you mean' among the public write-ups and the top-level pages, written as a
        link from `source` is (as a `.md` file or as an address)."""
        pages = [s.src_uri for s in self.folders.values()
                 if s.visibility is Visibility.published and s is not source]
        pages += [p.name for p in self.root.glob("*.md")]
        if reference.address:
            pages = [urls.web_path(page) for page in pages]
        return did_you_mean(reference.target, pages,
                            lambda page: _relative(page, reference.address, source))


LIST_SECTIONS = frozenset({"sessions", "agencies", "topics", "places", "commitments"})
"""The site's sections whose pages are lists (of sessions, entries or commitments), paged."""
PAGED_LIST = re.compile(r"(.*?)page/(\d+)/index\.md")
"""A list's page after its first: its first page's folder and the page's number."""
SESSION_YEAR = re.compile(r"sessions/(\d+)/index\.md")
"""The first page of a year's sessions."""


LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
"""A '%' that starts no percent-escape: a browser sends it as written, and servers refuse it."""


ENCODED_SLASH = re.compile("%2F", re.I)


def _escape_problem(reference: Reference) -> str:
    """What is wrong with the percent-escapes of a photo's or link's address ('' for nothing): a
    '%' that starts none, '%00' (a NUL, which no name holds; it stopped validate with a
    traceback), or a '/' encoded in a photo's path or an address, which the page keeps as
    written (a link to a `.md` file or a document is rewritten from its decoded path)."""
    written = reference.written
    what = f"{'image' if reference.image else 'the link'} '{written}'"
    if LONE_PERCENT.search(written):
        return (f"{what} has a '%' that starts no percent-escape (two hexadecimal digits, as '%20' "
                "for a space), which browsers cannot read; write '%25' for a percent sign: "
                f"'{LONE_PERCENT.sub('%25', written)}'")
    if "%00" in written:
        return f"{what} holds '%00', a NUL character, which no file or page name holds; remove it"
    path = urlsplit(written).path
    if (reference.address or reference.image) and ENCODED_SLASH.search(path):
        return (f"{what} has '%2F', a '/' written encoded: the page keeps this address as written, "
                "where a browser reads it as part of a name, not as a folder (it leads nowhere); "
                f"write '/': '{written.replace(path, ENCODED_SLASH.sub('/', path), 1)}'")
    if mark := encoded_mark_after_page(path):
        sign = unquote(mark[0])
        return (f"{what} has '{mark[0]}', a '{sign}' written encoded after a page's name: it is "
                f"read as part of the name, and leads nowhere; write '{sign}': "
                f"'{written.replace(path, unquote(path), 1)}'")
    return ""


def _relative(target: str, address: bool, source: Source) -> str:
    """`target` (a `.md` file, or a site address) written relative to the page `source` as
    its author would: a file from the file's folder, an address from the page's address. A
    first part with a ':' gets './', or it would read as a scheme ('javascript:x')."""
    if address:
        folder = "/" if target.endswith("/") or not target else ""
        written = posixpath.relpath(target or ".", urls.web_path(source.src_uri).rstrip("/") or ".") + folder
    else:
        written = posixpath.relpath(target, posixpath.dirname(source.src_uri) or ".")
    return f"./{written}" if ":" in written.split("/")[0] else written


PAGE_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$|^(.+)\n {0,3}(?:-+|=+)[ \t]*$", re.M)
"""A heading of a page MkDocs renders: h1 to h6, every one with an id."""
ANY_ID = re.compile(r"\{[^}\n]*#([\w-]+)[^}\n]*\}|\bid=[\"']?([\w-]+)")
"""An id written anywhere on a page (`{#ket-luan}` after a paragraph, `<a id="x">`)."""


HEADING = re.compile(r"^ {0,3}#{2,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$|^(.+)\n {0,3}-+[ \t]*$", re.M)
"""A Markdown heading the page keeps an id for: h2 to h6 (the sanitiser drops h1's)."""
HEADING_ID = re.compile(
    r"""^ {0,3}#{2,6}[ \t].*\{[^}\n]*#([\w-]+)[^}\n]*\}|<h[2-6]\b[^>]*\bid=["']?([\w-]+)""", re.M | re.I)
"""An id written on a heading: `## Kết luận {#ket-luan}` or `<h2 id="ket-luan">`."""
def _anchors(session: Session | UnloadedSession) -> set[str]:
    """Every id a session page has for a link to land on (see _Targets._missing_anchor)."""
    known = {i.id for i in session.items} | {a for i in session.items for a in i.aliases}
    known |= urls.SESSION_PAGE_ANCHORS | set(session.lost_anchors)
    known |= {urls.commitment_anchor(c.id) for i in session.items for c in i.commitments}
    known |= {urls.answer_anchor(item_id, number) for i in session.items
              for item_id in (i.id, *i.aliases) for number in range(1, len(i.answers) + 1)}
    texts = [session.body, *(i.text for i in session.items),
             *(a.text for i in session.items for a in i.answers)]
    for text in texts:
        if "#" in text or "-\n" in text or "<h" in text.lower():
            known |= {heading_slug((m[0] or m[1]).strip(), "-") for m in HEADING.findall(text)}
            known |= {m[0] or m[1] for m in HEADING_ID.findall(text)}
    return known


def resolved(path: Path) -> Path | None:
    """`path` with '..' and symbolic links followed; None for a link that loops."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def inside(path: Path, root: Path) -> bool:
    """Whether `path` is in `root` once '..' and symbolic links are followed (a loop is not)."""
    target = resolved(path)
    return target is not None and target.is_relative_to(root.resolve())


def is_file(path: Path) -> bool:
    """Whether `path` is a file, its name saved composed or decomposed (as_saved)."""
    return as_saved(path) is not None


def as_saved(path: Path) -> Path | None:
    """The file `path` names, its name as saved, composed or decomposed: macOS saves 'cảnh' as
    'c' + 'a' + two combining marks, texts are NFC, and the site publishes the file under its
    NFC name (the plugin's `on_files`); its folders' names too (a folder 'ảnh' saved so was not
    found). None when there is no such file."""
    try:
        if path.is_file():
            return path
        if path.as_posix().isascii():
            return None
        found = Path(path.anchor)
        for part in path.parts[1:] if path.anchor else path.parts:
            if not (found / part).exists():
                wanted = unicodedata.normalize("NFC", part)
                part = next((other.name for other in found.iterdir()
                             if unicodedata.normalize("NFC", other.name) == wanted), None) \
                    if found.is_dir() else None
                if part is None:
                    return None
            found /= part
        return found if found.is_file() else None
    except OSError:  # a name too long for the file system, a symbolic link loop
        return None


def _photos_in(folder: Path) -> list[str]:
    try:
        return [unicodedata.normalize("NFC", p.name) for p in folder.glob("*")
                if p.suffix.lower() in IMAGE_SUFFIXES]
    except OSError:
        return []


def _hidden_from(target: Session, source: Source) -> str:
    """Why `target` is off the public site at a time when `source` is on it ('' if never)."""
    if target.visibility is Visibility.published or source.visibility is Visibility.draft:
        return ""
    if target.visibility is Visibility.draft:
        return "a draft (draft: true)"
    if isinstance(source, Session) and source.visibility is Visibility.scheduled \
            and target.published_at() <= source.published_at():
        return ""
    return f"scheduled for {target.published_at():%Y-%m-%d %H:%M}"
