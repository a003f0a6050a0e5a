"""Safe rendering: an archive whose every text field is hostile builds into a site where
nothing executes and no dangerous element, attribute or URL reaches any output file
(pages, search records and index, feeds, open data), checked on files and in Chromium."""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import build_archive
from dialogue_archive.core.markup import MarkdownRenderer, markdown_text
from lxml import etree
from test_bad_input import BASE, S

MARK = "__pwned"
PAYLOADS = [
    f"<script>window.{MARK}=1</script>",
    f'<img src=anh.png onerror="window.{MARK}=2">',
    f'<a href="javascript:window.{MARK}=3">bấm</a>',
    f"[liên kết](javascript:window.{MARK}=4)",
    f'<iframe src="javascript:window.{MARK}=5"></iframe>',
    f"<svg><script>window.{MARK}=6</script></svg>",
    f'<svg onload="window.{MARK}=7"></svg>',
    f'<a href="data:text/html;base64,{base64.b64encode(b"<script>alert(8)</script>").decode()}">d</a>',
    f"&lt;script&gt;window.{MARK}=9&lt;/script&gt;",
    f'"><script>window.{MARK}=10</script><b x="',
    f'<details open ontoggle="window.{MARK}=11">x</details>',
    f'<a href=" JaVaScRiPt:window.{MARK}=12">hoa</a>',
    f'<object data="javascript:window.{MARK}=13"></object><embed src=x>',
    f'<form action="javascript:window.{MARK}=14"><button>gửi</button></form>',
    f'<math><mi xlink:href="javascript:window.{MARK}=15">m</mi></math>',
    f"<style>body{{background:url(javascript:window.{MARK}=16)}}</style>",
    f'<base href="javascript:window.{MARK}=17//">',
    f"![ảnh](javascript:window.{MARK}=18)",
    f'<meta http-equiv=refresh content="0;url=javascript:window.{MARK}=19">',
    # A path from the site's root into the text's own folder is made relative to the page:
    # what is left of it must not read as a scheme.
    f"[chi tiết](/{S}/javascript:window.{MARK}=23)",
    f'<a href="/{S}/javascript:window.{MARK}=24">x</a>',
    f"[x](/{S}/%6Aavascript:window.{MARK}=25)",
    f'<a href="/{S}/data:text/html,window.{MARK}=26">d</a>',
    # Browsers drop tabs and line ends in a URL, and controls at its start (a review's finds).
    f"[a](/{S}/java%09script:window.{MARK}=27)",
    f'<a href="/{S}/java%0Ascript:window.{MARK}=28">b</a>',
    f"[c](/{S}/%01javascript:window.{MARK}=29)",
    # Material reads its settings from the first element with the id __config: a text's took
    # them over (a review's find), and could point its scripts at another site.
    f'<h3 id="__config">{{"base": "https://evil.example/", "window.{MARK}": 30}}</h3>',
]
HOSTILE = " ".join(PAYLOADS)
ONE_LINE = f'Tiêu đề "><script>window.{MARK}=20</script> <img src=anh.png onerror=window.{MARK}=21>'
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

ALWAYS_DANGEROUS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
CODE_TAGS = {"script", "style"}  # the theme has its own: only ones carrying the payload count
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
UNSAFE_URL = re.compile(r"^\s*(?:javascript|vbscript|data:text/html)", re.IGNORECASE)
UNSAFE_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data:text/html|file):[^)]*"
                         r"|<(?:a|img)\b[^>]*\b(?:href|src)\s*=\s*[\"']?\s*(?:javascript|vbscript):[^>]*",
                         re.IGNORECASE)


def as_read(url: str) -> str:
    """A URL as a browser reads it: tabs and line ends dropped, controls trimmed at its start."""
    return re.sub(r"[\t\n\r]", "", url).lstrip("".join(map(chr, range(0x21))))


def hostile_archive(root: Path) -> Path:
    """The base archive with a hostile text in every text field and registry name."""
    shutil.copytree(BASE, root)
    folder = root / S
    (folder / "anh.png").write_bytes(PNG)
    front = {
        "title": ONE_LINE,
        "date": "2024-06-20",
        "organizer": "ubnd-quan-cam-le",
        "place": "quan-cam-le",
        "venue": ONE_LINE,
        "subject": ONE_LINE,
        "author": ONE_LINE,
        "summary": ONE_LINE,
        "chair": {"name": ONE_LINE, "position": ONE_LINE, "on_behalf_of": ONE_LINE},
        "image": {"src": "anh.png", "alt": ONE_LINE, "caption": ONE_LINE},
        # (a javascript: source URL is refused while loading: see test_bad_input.py)
        "sources": [
            {"url": f'https://danang.gov.vn/?q="><script>window.{MARK}=22</script>', "title": ONE_LINE}
        ],
    }
    body = (f"Mở đầu. {HOSTILE}\n\n## {ONE_LINE}\n\n{HOSTILE}\n\n<div>\n{HOSTILE}\n</div>\n\n"
            "## Cấu hình {#__config}\n")
    (folder / "index.md").write_text(
        "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n\n" + body, encoding="utf-8"
    )
    item = {
        "id": "cau-hoi-doc-hai",
        "type": "question",
        "asker": {"label": ONE_LINE, "place": "phuong-hoa-tho-dong"},
        "topics": ["xay-dung"],
        "procedures": ["1.009994"],
        "text": HOSTILE,
        "answers": [
            {"by": "phong-quan-ly-do-thi", "official": ONE_LINE, "document": ONE_LINE, "text": HOSTILE}
        ],
        "commitments": [
            {
                "id": "cam-ket-doc-hai",
                "by": "ubnd-quan-cam-le",
                "text": ONE_LINE,
                "due": "2024-12-31",
                "status": "in_progress",
                "updates": [{"date": "2024-09-01", "note": ONE_LINE}],
            }
        ],
    }
    (folder / "answers.yaml").write_text(
        yaml.safe_dump({"items": [item]}, allow_unicode=True), encoding="utf-8"
    )
    # A page of the content folder, written by the press office as the write-ups are: its
    # title and description reach every page's menu and <head>.
    # (Paths from the site's root are refused in these pages: see test_links.py.)
    page_body = " ".join(p for p in PAYLOADS if f"/{S}/" not in p)
    (root / "anh.png").write_bytes(PNG)
    (root / "gioi-thieu.md").write_text(
        "---\n" + yaml.safe_dump({"title": ONE_LINE, "description": ONE_LINE, "subtitle": ONE_LINE,
                                  "status": ONE_LINE}, allow_unicode=True)
        + f"---\n\n{page_body}\n\n<div>\n{page_body}\n</div>\n", encoding="utf-8")
    for name, key in [("agencies", "name"), ("topics", "name"), ("places", "name"), ("procedures", "name")]:
        path = root / "registry" / f"{name}.yaml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in entries:
            entry[key] = f"{entry[key]} {ONE_LINE}"
        path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    return build_archive(hostile_archive(tmp / "content"), tmp)


def dom_problems(soup: BeautifulSoup, theme: bool) -> Iterator[str]:
    """Every element, attribute or URL of a parsed document that could run code."""
    for element in soup.find_all(True):
        name = element.name.lower()
        if name == "script" and element.get("type") == "application/json":
            json.loads(element.get_text())  # data for a script: must parse, so it cannot break out
        elif name in ALWAYS_DANGEROUS or (name in CODE_TAGS and (MARK in element.get_text() or not theme)):
            yield f"<{name}> element: {element.decode()[:120]}"
        if name == "form" and any(MARK in str(v) for v in element.attrs.values()):
            yield f"<form> from content: {element.decode()[:120]}"
        if (
            name == "meta"
            and str(element.get("http-equiv", "")).lower() == "refresh"
            and "javascript" in str(element.get("content", "")).lower()
        ):
            yield "<meta> refresh to javascript:"
        for attribute, value in element.attrs.items():
            values = value if isinstance(value, list) else [value]
            if attribute.lower().startswith("on"):
                yield f"event handler {attribute} on <{name}>"
            if attribute.lower() in URL_ATTRIBUTES and any(UNSAFE_URL.match(as_read(str(v)))
                                                           for v in values):
                yield f"unsafe URL in {attribute} of <{name}>: {values}"
        if element.get("id") == "__config" and name != "script":
            yield f"the theme's settings taken over by <{name} id=__config>"
        if name == "svg" and element.find("script"):
            yield "<svg> with a script"


def fragment_problems(text: str) -> list[str]:
    """A text that some consumer renders as HTML (feed content, search excerpt)."""
    if "<" not in text:
        return []
    return list(dom_problems(BeautifulSoup(text, "lxml"), theme=False))


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)
    elif isinstance(data, str):
        yield data


def output_problems(site: Path) -> dict[str, list[str]]:
    """Problems per output file, for every kind of file the build wrote (theme assets aside)."""
    found: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*")):
        relative = str(path.relative_to(site))
        if not path.is_file() or relative.startswith(("assets/javascripts/", "assets/stylesheets/")):
            continue
        suffix = path.suffix
        problems: list[str] = []
        if suffix == ".html":
            problems = list(dom_problems(BeautifulSoup(path.read_text(encoding="utf-8"), "lxml"), True))
        elif suffix in {".xml", ".atom", ".rss"}:
            # Atom text constructs are plain text unless type="html"; RSS descriptions are HTML.
            for element in etree.parse(str(path)).iter():
                local = etree.QName(element).localname if isinstance(element.tag, str) else ""
                if element.get("type") == "html" or local in {"description", "encoded"}:
                    problems += fragment_problems(element.text or "")
                problems += [
                    f"unsafe URL {v[:60]} in <{local}>"
                    for v in element.attrib.values()
                    if UNSAFE_URL.match(as_read(v))
                ]
        elif suffix in {".json", ".pf_fragment"}:
            # Open data and Pagefind records hold plain text (search.js shows it as text
            # nodes, the browser test checks that); no link in them may run code.
            raw = path.read_bytes()
            if suffix == ".pf_fragment":
                raw = gzip.decompress(raw).removeprefix(b"pagefind_dcd")
            problems += [
                f"unsafe URL {text[:60]}" for text in strings(json.loads(raw)) if UNSAFE_URL.match(text)
            ]
            # Markdown kept as written in the open data: a reuser rendering it gets its links
            problems += [f"unsafe link in {m.group()}" for text in strings(json.loads(raw))
                         for m in UNSAFE_LINK.finditer(text)]
        elif suffix in {".ics", ".csv", ".js", ".css"} and MARK in path.read_text(
            encoding="utf-8", errors="replace"
        ):
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [
                f"unsafe URL {m.group()[:60]}"
                for m in re.finditer(r"(?:href|src)\s*=\s*[\"']?\s*javascript:[^\s\"']*", text, re.IGNORECASE)
            ]
        if problems:
            found[relative] = problems
    return found


def test_hostile_text_reaches_pages_as_text(hostile_site: Path) -> None:
    page = BeautifulSoup((hostile_site / S / "index.html").read_text(encoding="utf-8"), "lxml")
    assert MARK in page.get_text(), "the hostile text must be shown (escaped), not dropped silently"
    assert page.find("h1") is not None and "Tiêu đề" in page.find("h1").get_text()


def test_no_output_file_carries_executable_content(hostile_site: Path) -> None:
    kinds = {p.suffix for p in hostile_site.rglob("*") if p.is_file()}
    assert ".html" in kinds
    assert output_problems(hostile_site) == {}


def page_urls(site: Path) -> list[str]:
    """One page of each kind, plus the search page."""
    wanted = [
        f"{S}/",
        "",
        "sessions/",
        "agencies/ubnd-quan-cam-le/",
        "topics/xay-dung/",
        "places/phuong-hoa-tho-dong/",
        "procedures/",
        "commitments/",
        "search/",
        "gioi-thieu/",
    ]
    return [w for w in wanted if (site / w / "index.html").exists()]


def test_nothing_executes_in_the_browser(hostile_site: Path, serve_site: Any, browser: Any) -> None:
    base = serve_site(hostile_site)
    context = browser.new_context()
    context.add_init_script(f"""
        window.{MARK}_hooks = [];
        for (const name of ['alert', 'confirm', 'prompt', 'print']) {{
          window[name] = (...args) => {{ window.{MARK} = 'dialog:' + name; }};
        }}
    """)
    dialogs: list[str] = []
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        urls = page_urls(hostile_site)
        assert len(urls) >= 6, urls
        for url in urls:
            if url == "search/":  # results show titles and excerpts of the hostile text
                page.goto(base + url + "?q=Ti%C3%AAu%20%C4%91%E1%BB%81", wait_until="load")
                page.locator(".da-result").first.wait_for(timeout=15000)
                assert MARK in page.locator(".da-results, #da-search").first.inner_text()
            else:
                page.goto(base + url, wait_until="load")
                page.wait_for_timeout(150)
            state = page.evaluate(f"""() => {{
                const bad = [];
                for (const el of document.querySelectorAll('*')) {{
                  for (const a of el.attributes) {{
                    if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
                    const unsafe = /^\\s*(javascript|vbscript|data:text\\/html)/i;
                    if (unsafe.test(a.value)) bad.push(el.tagName + ' ' + a.name);
                  }}
                }}
                // As the browser reads each link (tabs and line ends dropped, controls trimmed).
                for (const a of document.querySelectorAll('a[href]')) {{
                  if (!['http:', 'https:', 'mailto:', 'tel:'].includes(a.protocol)) {{
                    bad.push('A href ' + a.getAttribute('href'));
                  }}
                }}
                const frames = document.querySelectorAll('iframe, object, embed, base, frame');
                for (const el of frames) bad.push(el.tagName);
                for (const el of document.querySelectorAll('script:not([type="application/json"])')) {{
                  if (el.textContent.includes('{MARK}')) bad.push('script');
                }}
                return {{ pwned: window.{MARK} ?? null, bad }};
            }}""")
            assert state == {"pwned": None, "bad": []}, (url, state)
        assert dialogs == []
        assert not [e for e in errors if MARK in e]
    finally:
        context.close()


def test_an_excerpt_and_a_search_record_drop_what_the_page_drops() -> None:
    """The sanitiser removes a script or a style with what it holds; the lists' excerpts and the
    search records kept its words ('… chợ Trường Giang alert(1)', a helper's find)."""
    text = ("Rác thải tồn đọng ở chợ Trường Giang <script>alert(1)</script> <STYLE>p{color:red}"
            "</STYLE>chưa được thu gom.")
    assert markdown_text(text) == "Rác thải tồn đọng ở chợ Trường Giang chưa được thu gom."
    assert "alert(1)" not in MarkdownRenderer().render_body(text, "sessions/2024/x/index.md").html


def test_angle_brackets_that_are_not_html_stay_text() -> None:
    """'<phiếu hẹn>' is how some offices write a placeholder: Markdown took it for a tag, and
    the sanitiser dropped the words with it (the open data kept them)."""
    html = MarkdownRenderer().render_body(
        "Hồ sơ chưa có <phiếu hẹn>, <ho so> và <b>đậm</b>.", "sessions/2024/x/index.md").html
    assert "&lt;phiếu hẹn&gt;" in html and "&lt;ho so&gt;" in html and "<b>đậm</b>" in html
    assert markdown_text("Hồ sơ chưa có <phiếu hẹn>.") == "Hồ sơ chưa có <phiếu hẹn>."


def test_a_texts_own_ids_are_kept_and_the_themes_are_not_taken() -> None:
    """Ids written in a text stay (links of the text lead to them: Word's `_Toc…`, Vietnamese
    words), except those the theme or the page use (the diff review found the first dropped)."""
    html = MarkdownRenderer().render_body(
        '<h2 id="_Toc170000001">Phần 1</h2>\n\n<h2 id="điều-5">Điều 5</h2>\n\n'
        '<h2 id="__config">x</h2>\n\n<p id="da-announce">y</p>\n\n## Kết luận {#ket-luan}\n',
        "sessions/2024/2024-06-20-a/index.md").html
    ids = [e.get("id") for e in BeautifulSoup(html, "lxml").find_all(True) if e.get("id")]
    assert ids == ["_Toc170000001", "điều-5", "ket-luan"]
