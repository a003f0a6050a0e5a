"""Photos and links in the texts of a session: checked where they are written, built right."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import MINIMAL_INDEX, make_archive, parse, replace, run_build, validate, write_config
from dialogue_archive.core import markup, sitemap, urls
from dialogue_archive.core.loader import load_archive
from PIL import Image

SESSION = "sessions/2024/2024-06-20-doi-thoai-1"
OTHER = "sessions/2024/2024-06-19-doi-thoai-2"


def warned_at(result: subprocess.CompletedProcess[str]) -> list[str]:
    """Where validate's warnings are (file:line:column)."""
    return [line.split(": warning: ")[0] for line in result.stdout.splitlines() if ": warning: " in line]


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def photo(path: Path) -> None:
    """A small photo where one is expected (a JPEG the build can read and measure)."""
    Image.new("RGB", (40, 30), (32, 64, 192)).save(path, "JPEG")


def located(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("content/")]


def test_missing_photo_of_a_write_up_is_reported_where_it_is_written(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    append(content / SESSION / "index.md",
           "Ảnh ![x](khong-co.jpg) và ![y](../../2023/khong-co-nua.png).\n")
    result = validate(content)
    assert result.returncode == 1
    assert located(result) == [
        f"content/{SESSION}/index.md:9:10: image 'khong-co.jpg' not found: there is no file "
        f"{SESSION}/khong-co.jpg in the content folder; put the photo next to index.md and write "
        "its file name, or fix the path",
        f"content/{SESSION}/index.md:9:32: image '../../2023/khong-co-nua.png' not found: there is "
        "no file sessions/2023/khong-co-nua.png in the content folder; put the photo next to "
        "index.md and write its file name, or fix the path",
    ]
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site))
    assert build.returncode == 1
    assert located(result)[0] in build.stderr
    assert not site.exists()


def test_a_missing_front_matter_photo_is_said_with_what_to_do(tmp_path: Path) -> None:
    """The write-up's own photo (`image.src`) missing was said without what to do, where a
    photo missing from the text said it: both now say it alike, with a near name if any."""
    content = make_archive(tmp_path / "content")
    photo(content / SESSION / "quang-canh.jpg")
    replace(content / SESSION / "index.md", "summary:", "image:\n  src: quang-canh.jpeg\nsummary:")
    result = validate(content)
    assert result.returncode == 1
    assert located(result) == [
        f"content/{SESSION}/index.md:7:8: image 'quang-canh.jpeg' not found: there is no file "
        f"{SESSION}/quang-canh.jpeg in the content folder (did you mean 'quang-canh.jpg'?); put "
        "the photo next to index.md and write its file name, or fix the name"]


def test_photo_outside_the_content_folder_or_of_a_draft_is_refused(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=2)
    photo(tmp_path / "ngoai.jpg")
    photo(content / OTHER / "nhap.jpg")
    replace(content / OTHER / "index.md", "summary:", "draft: true\nsummary:")
    append(content / SESSION / "index.md",
           "![a](../../../../ngoai.jpg)\n\n![b](../2024-06-19-doi-thoai-2/nhap.jpg)\n")
    result = validate(content)
    assert result.returncode == 1
    assert located(result) == [
        f"content/{SESSION}/index.md:9:6: image '../../../../ngoai.jpg' is outside the content "
        "folder; put the photo next to index.md and write its file name",
        f"content/{SESSION}/index.md:11:6: image '../2024-06-19-doi-thoai-2/nhap.jpg' is in the "
        "folder of session 2024-06-19-doi-thoai-2, which is a draft (draft: true) and not on the "
        "public site; copy the photo next to index.md",
    ]


def test_photos_that_exist_and_web_photos_are_published_as_written(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=2)
    photo(content / SESSION / "quang-canh.jpg")
    photo(content / OTHER / "hoi-truong.jpg")
    append(content / SESSION / "index.md", "![a](quang-canh.jpg) ![b](../2024-06-19-doi-thoai-2/"
           "hoi-truong.jpg) ![c](https://example.org/anh.jpg)\n")
    assert validate(content).returncode == 0
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    page = site / SESSION / "index.html"
    sources = [img["src"] for img in parse(page).select(".da-writeup img")]
    assert sources == ["quang-canh.jpg", "../2024-06-19-doi-thoai-2/hoi-truong.jpg",
                       "https://example.org/anh.jpg"]
    assert all((page.parent / src).is_file() for src in sources[:2])


def test_a_photo_named_with_spaces_and_saved_decomposed_is_published_and_shown(tmp_path: Path) -> None:
    """macOS saves 'cảnh' decomposed (NFD); the texts are NFC. The photo is found whichever way
    its name was typed, published under the NFC name, and every address of it is encoded."""
    content = make_archive(tmp_path / "content")
    name = "quang cảnh hội trường.jpg"
    photo(content / SESSION / unicodedata.normalize("NFD", name))
    replace(content / SESSION / "index.md", "place: quan-cam-le",
            f"place: quan-cam-le\nimage:\n  src: {name}\n  alt: Quang cảnh hội trường")
    append(content / SESSION / "index.md", f"![Hội trường](<{name}>)\n")
    assert validate(content).returncode == 0
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    page = site / SESSION / "index.html"
    assert [p.name for p in page.parent.iterdir() if p.suffix == ".jpg"] == [name]  # NFC
    doc = parse(page)
    sources = [img["src"] for img in doc.select(".da-writeup img, .da-photo img")]
    shared = doc.select_one('meta[property="og:image"]')["content"]
    assert len(sources) == 2 and all(" " not in src for src in [*sources, shared])
    assert all((page.parent / unquote(src)).is_file() for src in sources)
    assert unquote(shared).endswith(f"/{SESSION}/{name}")


def test_photos_and_links_written_as_html_are_checked_and_built_like_markdown_ones(
        tmp_path: Path) -> None:
    """Text pasted from a web page or a word processor carries `<img>` and `<a>` tags."""
    content = make_archive(tmp_path / "content", sessions=2)
    photo(content / SESSION / "quang-canh.jpg")
    append(content / SESSION / "index.md",
           '<img src="quang-canh.jpg" alt="Quang cảnh"> <a href="../2024-06-19-doi-thoai-2/'
           'index.md#ho-so-gpxd">phiên trước</a>\n\n<p><img src="khong-co.jpg" alt="x"></p>\n')
    assert located(validate(content)) == [
        f"content/{SESSION}/index.md:11:14: image 'khong-co.jpg' not found: there is no file "
        f"{SESSION}/khong-co.jpg in the content folder (did you mean 'quang-canh.jpg'?); put the "
        "photo next to index.md and write its file name, or fix the path"]
    replace(content / SESSION / "index.md", '<p><img src="khong-co.jpg" alt="x"></p>', "")
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    doc = parse(site / SESSION / "index.html")
    assert doc.select_one(".da-writeup img")["src"] == "quang-canh.jpg"
    assert doc.select_one(".da-writeup a[href*=doi-thoai-2]")["href"] == \
        "../2024-06-19-doi-thoai-2/#ho-so-gpxd"


def test_paths_from_the_site_root_are_checked_and_work_under_a_sub_path(tmp_path: Path) -> None:
    """`/sessions/...` means the archive's root, which is not the server's root when the site is
    published at https://example.gov.vn/doi-thoai/: every such path is made relative."""
    content = make_archive(tmp_path / "content", sessions=2)
    photo(content / OTHER / "hoi-truong.jpg")
    append(content / SESSION / "index.md",
           f"![a](/{OTHER}/hoi-truong.jpg) [b](/{OTHER}/index.md#ho-so-gpxd) "
           "[c](/agencies/phong-tu-phap/) [d](/)\n\n![e](/anh/khong-co.jpg)\n")
    assert located(validate(content)) == [
        f"content/{SESSION}/index.md:11:6: image '/anh/khong-co.jpg' not found: there is no file "
        "anh/khong-co.jpg in the content folder; put the photo next to index.md and write its "
        "file name, or fix the path"]
    replace(content / SESSION / "index.md", "![e](/anh/khong-co.jpg)", "")
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    page = site / SESSION / "index.html"
    writeup = parse(page).select_one(".da-writeup")
    assert writeup.select_one("img")["src"] == "../2024-06-19-doi-thoai-2/hoi-truong.jpg"
    assert [a["href"] for a in writeup.select("a")] == [
        "../2024-06-19-doi-thoai-2/#ho-so-gpxd", "../../../agencies/phong-tu-phap/", "../../../"]
    for a in writeup.select("a"):
        assert (page.parent / a["href"].split("#")[0] / "index.html").is_file(), a["href"]


def test_a_link_to_a_missing_document_is_reported_where_it_is_written(tmp_path: Path) -> None:
    """A PDF linked from a write-up, the record or another page and not copied (or misspelt)
    was published as a broken link while validate said OK (a review's find)."""
    content = make_archive(tmp_path / "content")
    (content / "tai-lieu").mkdir()
    (content / "tai-lieu" / "cv-123.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    append(content / SESSION / "index.md",
           "[a](../../../tai-lieu/cv-123.pdf) [b](../../../tai-lieu/cv-124.pdf) [c](/tai-lieu/cv-123.pdf)"
           " [d](/tai-lieu/cv-9.pdf) [e](../../../data/items.csv) [f](../../../feed.xml)"
           " [g](../../../agencies/phong-tu-phap/feed.xml)\n\n"
           "[j](../../../data/item.csv) [k](../../../agencies/khong-co/feed.xml) [l](index.html)"
           " [m](../../../assets/images/favicon.png)\n")
    append(content / "index.md", "[h](tai-lieu/cv-123.pdf) [i](tai-lieu/cv-125.pdf) [n](data/items.csv)\n")
    assert located(validate(content)) == [
        "content/index.md:5:30: the link 'tai-lieu/cv-125.pdf' points to tai-lieu/cv-125.pdf, which "
        "is not a file of the content folder (did you mean 'cv-123.pdf'?); copy the file there, or "
        "fix the path or remove the link",
        "content/index.md:5:55: the link 'data/items.csv' points to data/items.csv, a file the build "
        "writes, which MkDocs cannot find from index.md (it stops the build); link to the page that "
        "lists it (open-data/index.md for the open data) or write its full address (https://…)",
        f"content/{SESSION}/index.md:9:39: the link '../../../tai-lieu/cv-124.pdf' points to "
        "tai-lieu/cv-124.pdf, which is not a file of the content folder (did you mean 'cv-123.pdf'?); "
        "copy the file there, or fix the path or remove the link",
        f"content/{SESSION}/index.md:9:99: the link '/tai-lieu/cv-9.pdf' points to tai-lieu/cv-9.pdf, "
        "which is not a file of the content folder (did you mean 'cv-123.pdf'?); copy the file there, "
        "or fix the path or remove the link",
        f"content/{SESSION}/index.md:11:5: the link '../../../data/item.csv' points to data/item.csv, "
        "which the build does not write: its open data files are archive.json, items.csv, "
        "commitments.csv, schema.json, popolo.json, datapackage.json, sessions/<id>.json and "
        "years/<year>/<archive.json, items.csv, commitments.csv, popolo.json> (did you mean "
        "'items.csv'?); fix the link",
        f"content/{SESSION}/index.md:11:33: the link '../../../agencies/khong-co/feed.xml' points to "
        "agencies/khong-co/feed.xml, which the build does not write: agency 'khong-co', which is not "
        "in registry/agencies.yaml; fix the link"]
    replace(content / SESSION / "index.md", " [b](../../../tai-lieu/cv-124.pdf)", "")
    replace(content / SESSION / "index.md", " [d](/tai-lieu/cv-9.pdf)", "")
    replace(content / "index.md", " [i](tai-lieu/cv-125.pdf) [n](data/items.csv)", "")
    replace(content / SESSION / "index.md",
            "[j](../../../data/item.csv) [k](../../../agencies/khong-co/feed.xml) ", "")
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    page = site / SESSION / "index.html"
    for a in parse(page).select(".da-writeup a"):
        assert (page.parent / a["href"]).is_file(), a["href"]


def test_a_link_to_an_html_file_is_checked_and_the_page_file_named(tmp_path: Path) -> None:
    """A relative `.html` link was not checked (a fuzzing review's find): from a session's texts
    it was published as written, broken when wrong; from about.md MkDocs stopped the build naming
    no line. Pages are served at their addresses (`lien-he.md` at lien-he/): an HTML file copied
    from the content folder, or, from a session's texts, the `index.html` of a page on the
    site, keep working; any other is refused at its line with the `.md` file to write."""
    content = make_archive(tmp_path / "content", sessions=2)
    (content / "bao-cao.html").write_text("<p>Báo cáo</p>\n", encoding="utf-8")
    (content / "lien-he.md").write_text("# Liên hệ\n\n## Địa chỉ\n", encoding="utf-8")
    about = "[a](bao-cao.html) [b](lien-he.md#dia-chi)"
    (content / "about.md").write_text(f"# Giới thiệu\n\n{about} [c](lien-he.html#dia-chi) "
                                      f"[d]({OTHER}/index.html) [e](lien-hee.html)\n", encoding="utf-8")
    writeup = ("[a](../../../bao-cao.html) [b](../2024-06-19-doi-thoai-2/index.html#ho-so-gpxd) "
               "[c](../../../about/index.html) [d](../../../agencies/index.html) [e](index.html)")
    append(content / SESSION / "index.md", f"{writeup}\n\n[f](../../../lien-he.html) "
           "[g](../2024-01-01-khong-co/index.html) [h](nope.html)\n")
    assert located(validate(content)) == [
        "content/about.md:3:47: the link 'lien-he.html#dia-chi' names lien-he.html, the file of a "
        "page: MkDocs cannot find it from about.md (it stops the build); link to the page's file, "
        "'lien-he.md#dia-chi'",
        f"content/about.md:3:73: the link '{OTHER}/index.html' names {OTHER}/index.html, the file "
        "of a page: MkDocs cannot find it from about.md (it stops the build); link to the page's "
        f"file, '{OTHER}/index.md'",
        "content/about.md:3:126: the link 'lien-hee.html' points to lien-hee.html, which is neither "
        "a file of the content folder nor a page's (did you mean 'lien-he.md'?); fix the path or "
        "remove the link",
        f"content/{SESSION}/index.md:11:5: the link '../../../lien-he.html' names lien-he.html, the "
        "file of a page: the site serves that page at its address, lien-he/, not as lien-he.html; "
        "link to the page's file, '../../../lien-he.md'",
        f"content/{SESSION}/index.md:11:32: the link '../2024-01-01-khong-co/index.html' points to "
        "the address sessions/2024/2024-01-01-khong-co/, which is not a page of the content folder "
        "(did you mean '../2024-06-19-doi-thoai-2/'?); fix the path or remove the link",
        f"content/{SESSION}/index.md:11:71: the link 'nope.html' points to {SESSION}/nope.html, which "
        "is neither a file of the content folder nor a page's (did you mean "
        "'../2024-06-19-doi-thoai-2/index.md'?); fix the path or remove the link"]
    (content / "about.md").write_text(f"# Giới thiệu\n\n{about}\n", encoding="utf-8")
    replace(content / SESSION / "index.md", "[f](../../../lien-he.html) "
            "[g](../2024-01-01-khong-co/index.html) [h](nope.html)", "")
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    about = [a["href"] for a in parse(site / "about" / "index.html").select("article a")
             if a.text in {"a", "b"}]
    writeup = [a["href"] for a in parse(site / SESSION / "index.html").select(".da-writeup a")]
    assert about == ["../bao-cao.html", "../lien-he/#dia-chi"]
    assert writeup == ["../../../bao-cao.html", "../2024-06-19-doi-thoai-2/index.html#ho-so-gpxd",
                       "../../../about/index.html", "../../../agencies/index.html", "index.html"]
    for page, hrefs in ((site / "about" / "index.html", about), (site / SESSION / "index.html", writeup)):
        for href in hrefs:
            target = page.parent / href.split("#")[0]
            assert target.is_file() or (target / "index.html").is_file(), (page, href)


def test_a_broken_percent_escape_or_a_slash_after_a_file_name_is_refused(tmp_path: Path) -> None:
    """`%`, `%zz` and `%00` in a link were published as written, which browsers cannot read
    (`%00` stopped validate with a traceback), and `cv-123.pdf/` names a folder, not the
    document (a fuzzing review's find). Each is refused at its line with what to write; a
    name's own `%`, written `%25`, then leads to its file; web addresses are left as written."""
    content = make_archive(tmp_path / "content")
    (content / "tai-lieu").mkdir()
    for name in ("cv-123.pdf", "50%.pdf"):
        (content / "tai-lieu" / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
    (content / "tai-lieu.v2").mkdir()
    (content / "tai-lieu.v2" / "index.md").write_text("# Tài liệu\n", encoding="utf-8")
    photo(content / SESSION / "anh.jpg")
    (content / "about.md").write_text("# Giới thiệu\n\n[a](tai-lieu/50%.pdf) [b](tai-lieu/cv-123.pdf/)\n",
                                      encoding="utf-8")
    kept = "[w](https://example.vn/a%zz) [t](http://example.vn/50%) [v](../../../tai-lieu.v2/)"
    append(content / SESSION / "index.md", f"{kept} [c](bien-ban%zz.md) [d](%00.md#x)\n\n"
           "![Hội trường](anh.jpg/) [e](../../../tai-lieu/cv-124.pdf/#trang-2)\n")
    assert located(validate(content)) == [
        "content/about.md:3:5: the link 'tai-lieu/50%.pdf' has a '%' that starts no percent-escape "
        "(two hexadecimal digits, as '%20' for a space), which browsers cannot read; write '%25' "
        "for a percent sign: 'tai-lieu/50%25.pdf'",
        "content/about.md:3:27: the link 'tai-lieu/cv-123.pdf/' ends with '/' after a file's name, "
        "which makes it the address of a folder (it leads nowhere); drop the '/': "
        "'tai-lieu/cv-123.pdf'",
        f"content/{SESSION}/index.md:9:88: the link 'bien-ban%zz.md' has a '%' that starts no "
        "percent-escape (two hexadecimal digits, as '%20' for a space), which browsers cannot "
        "read; write '%25' for a percent sign: 'bien-ban%25zz.md'",
        f"content/{SESSION}/index.md:9:108: the link '%00.md#x' holds '%00', a NUL character, which "
        "no file or page name holds; remove it",
        f"content/{SESSION}/index.md:11:15: image 'anh.jpg/' ends with '/' after a file's name, "
        "which makes it the address of a folder (it leads nowhere); drop the '/': 'anh.jpg'",
        f"content/{SESSION}/index.md:11:29: the link '../../../tai-lieu/cv-124.pdf/#trang-2' ends "
        "with '/' after a file's name, which makes it the address of a folder (it leads nowhere); "
        "drop the '/': '../../../tai-lieu/cv-124.pdf#trang-2'; without it, the link "
        "'../../../tai-lieu/cv-124.pdf#trang-2' points to tai-lieu/cv-124.pdf, which is not a file "
        "of the content folder (did you mean 'cv-123.pdf'?); copy the file there, or fix the path "
        "or remove the link"]
    (content / "about.md").write_text("# Giới thiệu\n\n[a](tai-lieu/50%25.pdf) [b](tai-lieu/cv-123.pdf)\n",
                                      encoding="utf-8")
    replace(content / SESSION / "index.md", " [c](bien-ban%zz.md) [d](%00.md#x)",
            " [c](../../../tai-lieu/50%25.pdf)")
    replace(content / SESSION / "index.md", "(anh.jpg/) [e](../../../tai-lieu/cv-124.pdf/#trang-2)",
            "(anh.jpg)")
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    page = site / SESSION / "index.html"
    assert [a["href"] for a in parse(page).select(".da-writeup a")] == [
        "https://example.vn/a%zz", "http://example.vn/50%", "../../../tai-lieu.v2/",
        "../../../tai-lieu/50%25.pdf"]
    assert (page.parent / unquote("../../../tai-lieu/50%25.pdf")).is_file()
    about = site / "about" / "index.html"
    for a in parse(about).select("article a[href^='../tai-lieu']"):
        assert (about.parent / unquote(a["href"])).is_file(), a["href"]
    assert "https://doithoai.example.vn/tai-lieu/50%25.pdf" in (site / "data" / "archive.json").read_text()


def test_an_address_under_a_session_page_is_checked_where_it_is_written(tmp_path: Path) -> None:
    """`khong-co-gi/` from a session page was taken for a page the generator makes, passed
    validate, and stopped the build with an unlocated warning (a fuzzing review's find): no
    page is made under a session's."""
    content = make_archive(tmp_path / "content")
    append(content / SESSION / "index.md", "[a](khong-co-gi/) [b](../../../sessions/)\n")
    assert located(validate(content)) == [
        f"content/{SESSION}/index.md:9:5: the link 'khong-co-gi/' points to the address "
        f"{SESSION}/khong-co-gi/, which is not a page of the content folder; fix the path or remove "
        "the link"]


def test_a_md_file_where_the_site_makes_its_lists_is_no_page_and_is_reported(tmp_path: Path) -> None:
    """`..%2F..%2Fabout.md` (or `../../about.md`) from a write-up names sessions/about.md, taken
    for a page of the session lists: validate passed and the build stopped on a warning naming
    no line (a fuzzing review's find). Every page the site makes is a folder's index.md; a link's
    percent-escapes are decoded before it is followed, as MkDocs and the build do."""
    content = make_archive(tmp_path / "content")
    (content / "about.md").write_text("# Giới thiệu\n", encoding="utf-8")
    append(content / SESSION / "index.md", "[a](..%2F..%2Fabout.md) [b](../../../statistics/so-lieu.md)"
           " [c](..%2F..%2F..%2Fabout.md) [d](../../2024/page/2/index.md) [e](../../index.md)\n")
    expected = [
        f"content/{SESSION}/index.md:9:5: the link '..%2F..%2Fabout.md' points to sessions/about.md, "
        "which is not a page of the content folder (did you mean '../../../about.md'?); fix the path "
        "or remove the link",
        f"content/{SESSION}/index.md:9:29: the link '../../../statistics/so-lieu.md' points to "
        "statistics/so-lieu.md, which is not a page of the content folder; fix the path or remove the "
        "link",
        f"content/{SESSION}/index.md:9:94: the link '../../2024/page/2/index.md' points to page 2 of "
        "a list of 1 page(s), which the site does not make; link to its first page, '../index.md'"]
    assert located(validate(content)) == expected
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 1 and expected[0] in build.stderr
    replace(content / SESSION / "index.md",
            "[a](..%2F..%2Fabout.md) [b](../../../statistics/so-lieu.md) ", "")
    replace(content / SESSION / "index.md", " [d](../../2024/page/2/index.md)", "")
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    assert [a["href"] for a in parse(site / SESSION / "index.html").select(".da-writeup a")] == [
        "../../../about/", "../../"]


def test_an_encoded_slash_in_an_address_or_a_photo_is_refused(tmp_path: Path) -> None:
    """`..%2F..%2F..%2Fabout%2F` passed validate, read decoded, and was published as written, one
    name to a browser: a broken link. A `.md` link is rewritten from its decoded path, and works."""
    content = make_archive(tmp_path / "content", sessions=2)
    (content / "about.md").write_text("# Giới thiệu\n", encoding="utf-8")
    photo(content / OTHER / "anh.jpg")
    append(content / SESSION / "index.md", "[a](..%2F..%2F..%2Fabout%2F#gioi-thieu) "
           "![b](..%2f2024-06-19-doi-thoai-2%2Fanh.jpg) [c](..%2F..%2F..%2Fabout.md)\n")
    assert located(validate(content)) == [
        f"content/{SESSION}/index.md:9:5: the link '..%2F..%2F..%2Fabout%2F#gioi-thieu' has '%2F', "
        "a '/' written encoded: the page keeps this address as written, where a browser reads it as "
        "part of a name, not as a folder (it leads nowhere); write '/': '../../../about/#gioi-thieu'",
        f"content/{SESSION}/index.md:9:46: image '..%2f2024-06-19-doi-thoai-2%2Fanh.jpg' has '%2F', "
        "a '/' written encoded: the page keeps this address as written, where a browser reads it as "
        "part of a name, not as a folder (it leads nowhere); write '/': "
        "'../2024-06-19-doi-thoai-2/anh.jpg'"]
    replace(content / SESSION / "index.md", "..%2F..%2F..%2Fabout%2F#", "../../../about/#")
    replace(content / SESSION / "index.md", "..%2f2024-06-19-doi-thoai-2%2F", "../2024-06-19-doi-thoai-2/")
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    writeup = parse(site / SESSION / "index.html").select_one(".da-writeup")
    assert [a["href"] for a in writeup.select("a")] == ["../../../about/#gioi-thieu", "../../../about/"]
    assert (site / SESSION / writeup.select_one("img")["src"]).is_file()


def test_an_encoded_slash_in_an_address_without_its_final_slash_is_refused_too(tmp_path: Path) -> None:
    """`..%2F..%2F..%2Fabout` (no final '/', no extension) was left to the web server, which
    reads it as one name (a broken link), while the same with `.md` or a final '/' was refused."""
    content = make_archive(tmp_path / "content")
    (content / "about.md").write_text("# Giới thiệu\n\n[d](..%2Fsessions)\n", encoding="utf-8")
    append(content / SESSION / "index.md", "[a](..%2F..%2F..%2Fabout#gioi-thieu)\n")
    expected = [
        "content/about.md:3:5: the link '..%2Fsessions' has '%2F', a '/' written encoded: the page "
        "keeps this address as written, where a browser reads it as part of a name, not as a folder "
        "(it leads nowhere); write '/': '../sessions'",
        f"content/{SESSION}/index.md:9:5: the link '..%2F..%2F..%2Fabout#gioi-thieu' has '%2F', a '/' "
        "written encoded: the page keeps this address as written, where a browser reads it as part "
        "of a name, not as a folder (it leads nowhere); write '/': '../../../about#gioi-thieu'"]
    assert located(validate(content)) == expected
    build = run_build(write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28"))
    assert build.returncode == 1 and all(line in build.stderr for line in expected), build.stderr


def test_links_from_the_root_typed_as_html_on_other_pages_are_accepted_as_the_build_makes_them(
        tmp_path: Path) -> None:
    """`<a href="/lien-he/">`, `<img src="/images/a.jpg">` in about.md were refused by validate
    ('starts with /'), though the build writes raw HTML for the page's address, where they work.
    Accepted now, and checked as any link (a missing page is refused at its line); a Markdown
    link from the root, which MkDocs leaves as written, is still refused."""
    from urllib.parse import urljoin
    content = make_archive(tmp_path / "content")
    (content / "images").mkdir()
    photo(content / "images" / "a.jpg")
    (content / "lien-he.md").write_text("# Liên hệ\n", encoding="utf-8")
    (content / "about.md").write_text(
        '# Giới thiệu\n\n<a href="/lien-he/">Liên hệ</a> <img src="/images/a.jpg" alt="Trụ sở"> '
        '<a href="/data/items.csv">Dữ liệu</a>\n\n<a href="/khong-co/">x</a> [y](/lien-he/)\n',
        encoding="utf-8")
    expected = [
        "content/about.md:5:10: the link '/khong-co/' points to the address khong-co/, which is not "
        "a page of the content folder; fix the path or remove the link",
        "content/about.md:5:32: the link '/lien-he/' starts with '/': MkDocs leaves it as written on "
        "this page, where it would not lead to the page once the site is published; write it "
        "relative to this page: '../lien-he/'"]
    assert located(validate(content)) == expected
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 1 and all(line in build.stderr for line in expected), build.stderr
    replace(content / "about.md", '<a href="/khong-co/">x</a> [y](/lien-he/)', "")
    assert validate(content).returncode == 0
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    page = parse(site / "about" / "index.html").select_one("article")
    targets = [urljoin("/about/", tag.get("href") or tag["src"]) for tag in page.select("a[href^='.'], img")]
    assert targets == ["/lien-he/", "/images/a.jpg", "/data/items.csv"]
    assert all((site / t.lstrip("/")).is_file() or (site / t.lstrip("/") / "index.html").is_file()
               for t in targets)


def test_link_to_a_missing_or_unpublished_page_is_reported_where_it_is_written(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=3)
    replace(content / OTHER / "index.md", "summary:", "draft: true\nsummary:")
    replace(content / "sessions/2024/2024-06-18-doi-thoai-3/index.md", "summary:",
            "published: 2030-01-01 07:00\nsummary:")
    append(content / SESSION / "index.md",
           "Xem [phiên](../../2024/2024-01-01-khong-co/index.md), [trang](../../../gioi-thieu.md).\n\n"
           "Và [nháp](../2024-06-19-doi-thoai-2/index.md#ho-so-gpxd), "
           "[hẹn giờ](../2024-06-18-doi-thoai-3/index.md).\n")
    result = validate(content)
    assert result.returncode == 1
    assert located(result) == [
        f"content/{SESSION}/index.md:9:13: the link '../../2024/2024-01-01-khong-co/index.md' points "
        "to sessions/2024/2024-01-01-khong-co/index.md, which is not a page of the content folder; "
        "fix the path or remove the link",
        f"content/{SESSION}/index.md:9:63: the link '../../../gioi-thieu.md' points to gioi-thieu.md, "
        "which is not a page of the content folder; fix the path or remove the link",
        f"content/{SESSION}/index.md:11:11: the link '../2024-06-19-doi-thoai-2/index.md#ho-so-gpxd' "
        "points to session 2024-06-19-doi-thoai-2, which is a draft (draft: true) and not on the "
        "public site; publish that session first or remove the link",
        f"content/{SESSION}/index.md:11:69: the link '../2024-06-18-doi-thoai-3/index.md' points to "
        "session 2024-06-18-doi-thoai-3, which is scheduled for 2030-01-01 07:00 and not on the "
        "public site; publish that session first or remove the link",
    ]
    build = run_build(write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28"))
    assert build.returncode == 1
    assert located(result)[0] in build.stderr
    assert "its record links to" not in build.stderr  # reported once, where it is written


def test_a_link_to_the_open_data_of_a_session_or_year_not_public_is_refused(tmp_path: Path) -> None:
    """A year's bulk files and a session's JSON are written for the public sessions only: a link
    to 2023's, whose one session was a draft, or to a draft's JSON passed and was published
    broken (a diff reader's find)."""
    content = make_archive(tmp_path / "content", sessions=2)
    make_archive(content, sessions=1, start=dt.date(2023, 5, 4))
    draft = "sessions/2023/2023-05-04-doi-thoai-1"
    replace(content / draft / "index.md", "summary:", "draft: true\nsummary:")
    replace(content / OTHER / "index.md", "summary:", "published: 2030-01-01 07:00\nsummary:")
    append(content / SESSION / "index.md",
           "[a](../../../data/years/2023/items.csv) "
           "[b](../../../data/sessions/2023-05-04-doi-thoai-1.json)"
           " [c](../../../data/years/2024/items.csv)"
           " [d](../../../data/sessions/2024-06-19-doi-thoai-2.json)\n")
    # a draft may link to what is public once it is, a scheduled text to what is public by then
    append(content / draft / "index.md", "[e](../../../data/years/2023/popolo.json)\n")
    append(content / OTHER / "index.md", "[f](../../../data/sessions/2024-06-19-doi-thoai-2.json)\n")
    assert located(validate(content)) == [
        f"content/{SESSION}/index.md:9:5: the link '../../../data/years/2023/items.csv' points to "
        "data/years/2023/items.csv, which the build does not write: no session on the public site "
        "was held in '2023' (did you mean '2024'?); fix the link",
        f"content/{SESSION}/index.md:9:45: the link '../../../data/sessions/2023-05-04-doi-thoai-1.json' "
        "points to data/sessions/2023-05-04-doi-thoai-1.json, which the build does not write: session "
        "2023-05-04-doi-thoai-1 is a draft (draft: true), and its open data is written once it is "
        "public; publish that session first or remove the link",
        f"content/{SESSION}/index.md:9:141: the link '../../../data/sessions/2024-06-19-doi-thoai-2.json' "
        "points to data/sessions/2024-06-19-doi-thoai-2.json, which the build does not write: session "
        "2024-06-19-doi-thoai-2 is scheduled for 2030-01-01 07:00, and its open data is written once "
        "it is public; publish that session first or remove the link"]


def test_a_link_to_a_part_of_the_sitemap_passes_when_the_site_has_that_part(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past 50,000 pages the sitemap is an index of sitemap-1.xml, sitemap-2.xml, …
    (core/sitemap.py), but a link to one of them was refused as a missing file of the content
    folder. A part the site has passes, one it has not is refused, with how many pages and
    parts the site has: counted as the real build's sitemap lists them, and split as the build
    splits it, the limit lowered here as test_publishing lowers it."""
    content = make_archive(tmp_path / "content", sessions=3)
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28")
    assert run_build(config).returncode == 0
    written = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    pages = written.count("<url>")
    append(content / SESSION / "index.md", "[a](../../../sitemap.xml) [b](../../../sitemap-1.xml)\n")
    expected = (f"content/{SESSION}/index.md:9:31: the link '../../../sitemap-1.xml' points to "
                f"sitemap-1.xml, which the build does not write: the sitemap of the site's {pages} "
                "pages is one file, sitemap.xml (it becomes an index of parts, sitemap-1.xml, …, past "
                "50,000 pages); link to sitemap.xml")
    assert located(validate(content)) == [expected]
    build = run_build(config)
    assert build.returncode == 1 and expected in build.stderr, build.stderr
    monkeypatch.setattr(sitemap, "MAX_URLS", 7)
    parts = len(sitemap.sitemap_files(written, "https://doithoai.example.vn/", max_urls=7)) - 1
    assert parts >= 3  # the index aside
    replace(content / SESSION / "index.md", " [b](../../../sitemap-1.xml)", "".join(
        f" [{n}](../../../sitemap-{n}.xml)" for n in range(1, parts + 2)))
    _, log = load_archive(content, dt.date(2026, 11, 28))
    column = 26 + sum(len(f" [{n}](../../../sitemap-{n}.xml)") for n in range(1, parts + 1)) \
        + len(f" [{parts + 1}](")
    assert [str(problem) for problem in log.errors] == [
        f"content/{SESSION}/index.md:9:{column}: the link '../../../sitemap-{parts + 1}.xml' points to "
        f"sitemap-{parts + 1}.xml, which the build does not write: the sitemap of the site's {pages} "
        f"pages has {parts} parts, sitemap-1.xml to sitemap-{parts}.xml; link to one of them or to "
        "sitemap.xml, their index"]


def test_a_link_to_the_former_file_of_a_renamed_session_names_its_file_now(tmp_path: Path) -> None:
    """Renamed the documented way (old id in `aliases`), a session linked by its former
    `index.md` passed validate and then stopped the build with an unlocated warning (a review's
    find): validate and the build now say where, and what to write. Its former address, a
    redirect, is still a link that works."""
    content = make_archive(tmp_path / "content", sessions=2)
    renamed = "sessions/2024/2024-06-19-doi-thoai-hai"
    (content / OTHER).rename(content / renamed)
    replace(content / renamed / "index.md", "summary:", "aliases: [2024-06-19-doi-thoai-2]\nsummary:")
    append(content / SESSION / "index.md",
           "Xem [phiên trước](../2024-06-19-doi-thoai-2/index.md#ho-so-gpxd).\n")
    expected = (f"content/{SESSION}/index.md:9:19: the link '../2024-06-19-doi-thoai-2/index.md"
                "#ho-so-gpxd' points to the former file of session 2024-06-19-doi-thoai-hai, "
                "renamed (its old id is in its aliases); link to its file now: "
                "'../2024-06-19-doi-thoai-hai/index.md#ho-so-gpxd'")
    result = validate(content)
    assert result.returncode == 1
    assert located(result) == [expected]
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28")
    build = run_build(config)
    assert build.returncode == 1
    assert expected in build.stderr and "its record links to" not in build.stderr
    replace(content / SESSION / "index.md", "#ho-so-gpxd).", "#ho-so-cu).")  # checked at once too
    assert located(validate(content)) == [
        expected.replace("#ho-so-gpxd", "#ho-so-cu")
        + "; and #ho-so-cu is not an item, answer, commitment or heading of session "
        "2024-06-19-doi-thoai-hai (did you mean 'ho-so-gpxd'?) (its items: ho-so-gpxd); fix the "
        "anchor or remove it"]
    replace(content / SESSION / "index.md", "#ho-so-cu).", "#ho-so-gpxd).")
    replace(content / SESSION / "index.md", "../2024-06-19-doi-thoai-2/index.md#ho-so-gpxd",
            "../2024-06-19-doi-thoai-2/#ho-so-gpxd")  # the former address: the redirect
    assert validate(content).returncode == 0
    assert run_build(config).returncode == 0
    link = parse(tmp_path / "site" / SESSION / "index.html").find("a", string="phiên trước")
    assert link["href"] == "../2024-06-19-doi-thoai-2/#ho-so-gpxd"
    redirect = (tmp_path / "site/sessions/2024/2024-06-19-doi-thoai-2/index.html").read_text("utf-8")
    assert "2024-06-19-doi-thoai-hai" in redirect


def test_a_session_renamed_without_its_old_id_is_named_by_the_next_build(tmp_path: Path) -> None:
    """FORMAT.md: published ids never change. A folder renamed without `aliases` passed in
    silence, and its address, feed entries and open data went (a review's find): the build
    now names it, without refusing it (a session may be taken down on purpose)."""
    content = make_archive(tmp_path / "content", sessions=3)
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28")
    assert run_build(config).returncode == 0
    (content / OTHER).rename(content / "sessions/2024/2024-06-19-doi-thoai-hai")
    replace(content / "sessions/2024/2024-06-18-doi-thoai-3/index.md", "summary:", "draft: true\nsummary:")
    build = run_build(config)
    assert build.returncode == 0, build.stderr
    said = [line for line in build.stderr.splitlines() if "of the published site" in line]
    assert len(said) == 1 and "1 session(s) of the published site are in the archive under no id " \
        "or alias (2024-06-19-doi-thoai-2)" in said[0], build.stderr  # not the draft
    assert "'aliases: [2024-06-19-doi-thoai-2]'" in said[0]
    replace(content / "sessions/2024/2024-06-19-doi-thoai-hai/index.md", "summary:",
            "aliases: [2024-06-19-doi-thoai-2]\nsummary:")
    # a file there whose name is no id was never a session: not named (nor printed raw, with a
    # terminal's escape codes or a line break faking a log line: a review's find)
    (tmp_path / "site/data/sessions/x\x1b[2J\nERROR -  injected.json").write_text("{}", "utf-8")
    assert "of the published site" not in run_build(config).stderr
    # a topic's id changed: its page and feed go
    for path in (content / "registry/topics.yaml", *content.glob("sessions/*/*/answers.yaml")):
        path.write_text(path.read_text(encoding="utf-8").replace("xay-dung", "xay-dung-nha-o"),
                        encoding="utf-8")
    said = run_build(config).stderr
    assert "1 page(s) of the published site in topics/ are no longer made (xay-dung)" in said, said


def test_an_item_whose_id_changed_without_its_old_one_is_named_by_the_next_build(tmp_path: Path) -> None:
    """Links to an item's answers (`#ho-so-gpxd`) are what citizens share; an id changed by hand
    without `aliases` broke them in silence (only the import warned of the ids it dropped)."""
    content = make_archive(tmp_path / "content", sessions=2)
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28")
    assert run_build(config).returncode == 0
    replace(content / OTHER / "answers.yaml", "id: ho-so-gpxd", "id: ho-so-xay-dung")
    (content / SESSION / "answers.yaml").touch()  # changed, its ids kept
    build = run_build(config)
    assert build.returncode == 0, build.stderr
    said = [line for line in build.stderr.splitlines() if "published site" in line]
    assert said == ["INFO    -  dialogue-archive: 1 item(s) of session 2024-06-19-doi-thoai-2 on the "
                    "published site are in its answers.yaml under no id or alias (ho-so-gpxd): links "
                    "to their answers (#ho-so-gpxd) break. An item whose id changed keeps the old one "
                    "in its 'aliases: [ho-so-gpxd]'; one removed on purpose needs nothing"], build.stderr
    # said once: the site it replaces now has the new id
    assert "item(s)" not in run_build(config).stderr
    # a published file that is not ours is no session's items: no traceback, nothing printed raw
    published = tmp_path / "site/data/sessions/2024-06-19-doi-thoai-2.json"
    for written in ('{"items": [{"id": ["x"], "aliases": []}, {"id": 7, "aliases": [null, "x y"]}]}',
                    '{"items": [{"id": "a\\u001b[31m\\nERROR -  fake", "aliases": []}]}',
                    '{"items": [{"id": "ho-so-xay-dung", "aliases": "abc"}]}',  # not a list: no a, b, c
                    '{"items": ' + "[" * 200_000 + "]" * 200_000 + '}'):  # deeper than Python reads
        published.write_text(written, encoding="utf-8")
        (content / OTHER / "answers.yaml").touch()
        older = (content / OTHER / "answers.yaml").stat().st_mtime - 10
        os.utime(published, (older, older))  # written before the edit, as a published file is
        build = run_build(config)
        assert build.returncode == 0 and "item(s)" not in build.stderr, build.stderr
    # the old id kept as an alias: nothing to say, then or later
    replace(content / OTHER / "answers.yaml", "id: ho-so-xay-dung", "id: ho-so-gpxd")
    assert run_build(config).returncode == 0
    replace(content / OTHER / "answers.yaml", "id: ho-so-gpxd",
            "id: ho-so-xay-dung\n    aliases: [ho-so-gpxd]")
    build = run_build(config)
    assert build.returncode == 0 and "item(s)" not in build.stderr, build.stderr


def test_links_to_pages_that_exist_pass_and_a_misspelt_one_gets_a_hint(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=2)
    (content / "gioi-thieu.md").write_text("# Giới thiệu\n", encoding="utf-8")
    index = content / SESSION / "index.md"
    append(index, "[a](../2024-06-19-doi-thoai-2/index.md) [b](../../../gioi-thieu.md) "
           "[c](../../../agencies/phong-tu-phap/index.md) [d](../../index.md)\n")
    assert validate(content).returncode == 0
    replace(index, "doi-thoai-2/index.md", "doi-thoai-22/index.md")
    assert located(validate(content)) == [
        f"content/{SESSION}/index.md:9:5: the link '../2024-06-19-doi-thoai-22/index.md' points to "
        "sessions/2024/2024-06-19-doi-thoai-22/index.md, which is not a page of the content folder "
        "(did you mean '../2024-06-19-doi-thoai-2/index.md'?); fix the path or remove the link"]


def test_a_link_to_an_anchor_the_session_page_does_not_have_is_reported(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=2)
    append(content / OTHER / "index.md", "\n## Kết luận\n\nPhần kết luận.\n\n"
           "<p id=\"lien-he\">Liên hệ</p>\n")  # the sanitiser drops ids that are not a heading's
    page = "../2024-06-19-doi-thoai-2/index.md"
    append(content / SESSION / "index.md",
           f"[a]({page}#ho-so-gpxd) [b]({page}#cam-ket-kien-nghi-don-gian-hoa) [c]({page}#y-kien) "
           f"[d]({page}#ket-luan) [e]({page}#ho-so-gpx) [f]({page}#lien-he) "
           # an answer's address, which README gives for citing (refused before)
           f"[g]({page}#ho-so-gpxd/answer-1) [h]({page}#ho-so-gpxd/answer-2)\n")
    assert located(validate(content)) == [
        f"content/{SESSION}/index.md:9:223: the link '{page}#ho-so-gpx' points to #ho-so-gpx, which "
        "is not an item, answer, commitment or heading of session 2024-06-19-doi-thoai-2 (did you "
        "mean 'ho-so-gpxd'?) (its items: ho-so-gpxd); fix the anchor or remove it",
        f"content/{SESSION}/index.md:9:273: the link '{page}#lien-he' points to #lien-he, which "
        "is not an item, answer, commitment or heading of session 2024-06-19-doi-thoai-2 (its "
        "items: ho-so-gpxd); fix the anchor or remove it",
        f"content/{SESSION}/index.md:9:381: the link '{page}#ho-so-gpxd/answer-2' points to "
        "#ho-so-gpxd/answer-2, which is not an item, answer, commitment or heading of session "
        "2024-06-19-doi-thoai-2 (did you mean 'ho-so-gpxd/answer-1'?) (its items: ho-so-gpxd); "
        "fix the anchor or remove it"]


@pytest.mark.parametrize("key", ["organizer", "title", "place", "date"])
def test_links_to_a_session_whose_front_matter_lacks_a_key_are_judged_by_its_items(
        tmp_path: Path, key: str) -> None:
    """A session without its `organizer:` (or title, place, date) is left out of the archive:
    the other sessions' links to its items and commitments were each reported as 'not a heading
    of index.md; fix the anchor or remove it' beside its one real problem, inviting a writer to
    delete good links (a review's find). They are judged by its items, as when it loads, and
    not at all when its answers.yaml cannot be read."""
    content = make_archive(tmp_path / "content", sessions=2)
    index = content / OTHER / "index.md"
    index.write_text("".join(line for line in index.read_text(encoding="utf-8").splitlines(True)
                             if not line.startswith(f"{key}:")), encoding="utf-8")
    page = "../2024-06-19-doi-thoai-2/index.md"
    append(content / SESSION / "index.md",
           f"[a]({page}#ho-so-gpxd) [b]({page}#cam-ket-kien-nghi-don-gian-hoa) "
           f"[c]({page}#ho-so-gpxd/answer-1) [d](../../../data/sessions/2024-06-19-doi-thoai-2.json) "
           f"[e]({page}#ho-so-gpx)\n")
    missing = f"content/{OTHER}/index.md:2:1: missing required key '{key}'"
    wrong = (f"content/{SESSION}/index.md:9:243: the link '{page}#ho-so-gpx' points to #ho-so-gpx, "
             "which is not an item, answer, commitment or heading of session 2024-06-19-doi-thoai-2 "
             "(did you mean 'ho-so-gpxd'?) (its items: ho-so-gpxd); fix the anchor or remove it")
    assert located(validate(content)) == [missing, wrong]
    (content / OTHER / "answers.yaml").write_text("items: [\n", encoding="utf-8")  # unread
    problems = located(validate(content))
    assert missing in problems and not any(p.startswith(f"content/{SESSION}/") for p in problems), problems


def test_a_link_to_the_year_of_a_session_whose_front_matter_lacks_a_key_is_not_reported(
        tmp_path: Path) -> None:
    """The only session of 2023 without its `organizer:`: a link to 2023's list (and to that
    year's open data) was reported as 'no session of 2023 is published; ... or remove the link'
    beside the missing key, though it is right once the key is written (a review's find). The
    year's list is judged as it will be: its page 2 is still no page of a one-session list."""
    content = make_archive(tmp_path / "content", sessions=2, start=dt.date(2024, 1, 1))
    other = content / "sessions" / "2023" / "2023-12-31-doi-thoai-2" / "index.md"
    other.write_text("".join(line for line in other.read_text(encoding="utf-8").splitlines(True)
                             if not line.startswith("organizer:")), encoding="utf-8")
    session = "sessions/2024/2024-01-01-doi-thoai-1"
    append(content / session / "index.md",
           "[a](../../2023/index.md) [b](../../../data/years/2023/items.csv) "
           "[c](../../2023/page/2/index.md)\n")
    assert located(validate(content)) == [
        "content/sessions/2023/2023-12-31-doi-thoai-2/index.md:2:1: missing required key 'organizer'",
        f"content/{session}/index.md:9:70: the link '../../2023/page/2/index.md' points to page 2 "
        "of a list of 1 page(s), which the site does not make; link to its first page, "
        "'../../2023/index.md'"]


def test_link_to_the_page_of_a_missing_registry_entry_is_reported_where_it_is_written(
        tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    append(content / SESSION / "index.md",
           "[x](../../../agencies/phong-tu-phapp/index.md) [y](../../../topics/xay-dung/index.md)\n")
    expected = (f"content/{SESSION}/index.md:9:5: the link '../../../agencies/phong-tu-phapp/index.md'"
                " points to the page of agency 'phong-tu-phapp', which is not in "
                "registry/agencies.yaml (did you mean 'phong-tu-phap'?); fix the link or remove it")
    assert located(validate(content)) == [expected]
    build = run_build(write_config(tmp_path, content, tmp_path / "site"))
    assert build.returncode == 1 and expected in build.stderr


def test_a_link_to_a_list_page_the_site_does_not_make_is_refused_at_its_line(tmp_path: Path) -> None:
    """A year with no published session (`sessions/2019/`) or a list's page past its last passed
    validate as a page the generator makes: the build then stopped naming the file only (a
    session's text, MkDocs for `about.md`'s `.md` link), or published `about.md`'s address
    broken. Both refuse it at its line, with the years that have a page or the list's last page."""
    content = make_archive(tmp_path / "content", sessions=60)
    append(content / SESSION / "index.md", "[x](../../../agencies/phong-tu-phap/page/9/index.md) "
           "[y](../../../agencies/page/2/index.md) [z](../../2019/) [w](../../page/3/)\n")
    (content / "about.md").write_text("# Giới thiệu\n\n[a](../sessions/2019/) [b](sessions/2019/index.md) "
                                      "[c](../sessions/page/2/) [d](commitments/page/3/index.md)\n",
                                      encoding="utf-8")
    said = "' points to"
    expected = [
        f"content/about.md:3:5: the link '../sessions/2019/{said} the sessions of 2019, a page the "
        "site does not make: no session of 2019 is published; link to a year that has one "
        "('../sessions/2024/') or remove the link",
        f"content/about.md:3:28: the link 'sessions/2019/index.md{said} the sessions of 2019, a page "
        "the site does not make: no session of 2019 is published; link to a year that has one "
        "('sessions/2024/index.md') or remove the link",
        f"content/about.md:3:81: the link 'commitments/page/3/index.md{said} page 3 of a list of 2 "
        "page(s), which the site does not make; link to its last page, 'commitments/page/2/index.md'",
        f"content/{SESSION}/index.md:9:5: the link '../../../agencies/phong-tu-phap/page/9/index.md"
        f"{said} page 9 of a list of 1 page(s), which the site does not make; link to its first page, "
        "'../../../agencies/phong-tu-phap/index.md'",
        f"content/{SESSION}/index.md:9:58: the link '../../../agencies/page/2/index.md{said} page 2 "
        "of a list of 1 page(s), which the site does not make; link to its first page, "
        "'../../../agencies/index.md'",
        f"content/{SESSION}/index.md:9:97: the link '../../2019/{said} the sessions of 2019, a page "
        "the site does not make: no session of 2019 is published; link to a year that has one "
        "('../') or remove the link",
        f"content/{SESSION}/index.md:9:114: the link '../../page/3/{said} page 3 of a list of 2 "
        "page(s), which the site does not make; link to its last page, '../../page/2/'",
    ]
    assert located(validate(content)) == expected  # '../sessions/page/2/' (c) is made
    build = run_build(write_config(tmp_path, content, tmp_path / "site"))
    assert build.returncode == 1 and all(line in build.stderr for line in expected), build.stderr


def test_a_draft_or_scheduled_text_may_link_to_the_list_pages_made_when_it_is_public(
        tmp_path: Path) -> None:
    """A scheduled session, alone in its year, linking to its year's page was refused (the year
    had no session published today) and stopped the build, though the page exists from the
    moment the text is public; a draft's link alike, though the preview makes the page. A year
    that has no session by then is still refused."""
    content = make_archive(tmp_path / "content")
    made = {"2027-01-10-ke-hoach": ("published: 2027-01-05 08:00\n", "[các phiên năm 2027](../index.md) "
                                    "và [địa chỉ](../../2027/) [sau](../../2028/)"),
            "2028-01-10-sau-nua": ("", "Phiên sau."),
            "2021-03-01-nhap": ("draft: true\n", "[các phiên năm 2021](../index.md) [x](../../2028/)")}
    for name, (meta, body) in made.items():
        folder = content / "sessions" / name[:4] / name
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            MINIMAL_INDEX.format(date=name[:10]).replace("summary:", f"{meta}summary:")
            .replace("place: quan", "place: phuong" if name > "2025-07" else "place: quan") + body + "\n",
            encoding="utf-8")
        (folder / "answers.yaml").write_text("items: []\n", encoding="utf-8")
    expected = [
        "content/sessions/2027/2027-01-10-ke-hoach/index.md:10:67: the link '../../2028/' points to "
        "the sessions of 2028, a page the site does not make: no session of 2028 is published when "
        "this text is; link to a year that has one ('../', '../../2024/') or remove the link"]
    assert located(validate(content)) == expected
    build = run_build(write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28"))
    assert build.returncode == 1 and expected[0] in build.stderr and "2 problem" not in build.stderr
    replace(content / "sessions/2027/2027-01-10-ke-hoach/index.md", " [sau](../../2028/)", "")
    assert located(validate(content)) == []
    build = run_build(write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr


def test_links_in_the_record_become_page_urls(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=2)
    answers = content / SESSION / "answers.yaml"
    replace(answers, "text: Đề nghị", "text: Xem [phiên trước](../2024-06-19-doi-thoai-2/index.md"
            "#ho-so-gpxd). Đề nghị")
    replace(answers, "text: Phòng sẽ", "text: Như [trang giới thiệu](../../../index.md). Phòng sẽ")
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    doc = parse(site / SESSION / "index.html")
    assert doc.select_one(".da-item__text a")["href"] == "../2024-06-19-doi-thoai-2/#ho-so-gpxd"
    assert doc.select_one(".da-answer__text a")["href"] == "../../../"


def test_broken_links_and_photos_in_the_record_are_reported_on_their_line(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    answers = content / SESSION / "answers.yaml"
    replace(answers, "text: Đề nghị", "text: Xem [phiên](../2024-01-01-khong-co/index.md). Đề nghị")
    replace(answers, "text: Phòng sẽ rà soát và kiến nghị cấp trên.",
            "text: |\n          Phòng sẽ rà soát.\n          ![ảnh](khong-co.jpg)")
    assert located(validate(content)) == [
        f"content/{SESSION}/answers.yaml:7:23: the link '../2024-01-01-khong-co/index.md' points to "
        "sessions/2024/2024-01-01-khong-co/index.md, which is not a page of the content folder; "
        "fix the path or remove the link",
        f"content/{SESSION}/answers.yaml:12:18: image 'khong-co.jpg' not found: there is no file "
        f"{SESSION}/khong-co.jpg in the content folder; put the photo next to index.md and write "
        "its file name, or fix the path",
    ]


MORE_ITEMS = """\
  - id: {first}
    type: opinion
    asker:
      label: Cử tri tổ 5
    topics: [xay-dung]
    text: Ý kiến thứ hai.
  - id: {second}
    aliases: [{alias}]
    type: opinion
    asker:
      label: Cử tri tổ 6
    topics: [xay-dung]
    text: Ý kiến thứ ba.
"""


def test_item_ids_that_the_session_page_uses_for_something_else_are_refused(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    append(content / SESSION / "answers.yaml",
           MORE_ITEMS.format(first="y-kien", second="cam-ket-x", alias="so-lieu-phien"))
    assert located(validate(content)) == [
        f"content/{SESSION}/answers.yaml:17:9: item id 'y-kien' is the anchor of a part of the "
        "session page (#y-kien); choose another id",
        f"content/{SESSION}/answers.yaml:23:9: item id 'cam-ket-x' starts with 'cam-ket-', which "
        "the session page keeps for commitments (#cam-ket-<commitment id>); choose another id",
        f"content/{SESSION}/answers.yaml:24:15: item alias 'so-lieu-phien' is the anchor of a part "
        "of the session page (#so-lieu-phien); choose another alias",
    ]


def built_page_with_unique_ids(tmp_path: Path, content: Path) -> Any:
    """The session page of the built archive, once checked that no two elements share an id."""
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    doc = parse(site / SESSION / "index.html")
    ids = [element["id"] for element in doc.select("[id]")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    return doc


def test_write_up_headings_give_way_to_item_anchors(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    append(content / SESSION / "answers.yaml",
           MORE_ITEMS.format(first="ho-so-gpxd-h", second="thu-tuc", alias="ho-so-cu"))
    append(content / SESSION / "index.md", "\n## Hồ sơ GPXD\n\nNội dung.\n\n## Ý kiến\n\n"
           "## Hồ sơ cũ\n\n### Kiến nghị {#cam-ket-kien-nghi-don-gian-hoa}\n")
    doc = built_page_with_unique_ids(tmp_path, content)
    for anchor in ("ho-so-gpxd", "ho-so-gpxd-h", "thu-tuc", "ho-so-cu"):
        assert "da-item" in doc.find(id=anchor)["class"] or doc.find(id=anchor).find_parent(
            class_="da-item"), anchor
    assert doc.find(id="cam-ket-kien-nghi-don-gian-hoa")["class"] == ["da-commitment"]
    assert doc.find(id="y-kien").name == "h2" and doc.find(id="y-kien").find_parent(class_="da-items")
    headings = [h["id"] for h in doc.select(".da-writeup h2, .da-writeup h3")]
    assert headings == ["ho-so-gpxd_1", "y-kien_1", "ho-so-cu_1", "cam-ket-kien-nghi-don-gian-hoa_1"]
    toc = [a["href"] for a in doc.select(".md-sidebar--secondary a.md-nav__link")]
    assert toc[:3] == ["#ho-so-gpxd_1", "#y-kien_1", "#ho-so-cu_1"]


def test_headings_of_different_texts_get_different_ids(tmp_path: Path) -> None:
    """The write-up, each item and each answer are separate Markdown texts on one page."""
    content = make_archive(tmp_path / "content")
    append(content / SESSION / "index.md", "\n## Nội dung\n\nPhần mở đầu.\n")
    answers = content / SESSION / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "text: Đề nghị", "text: |\n      ### Nội dung\n\n      Đề nghị", 1).replace(
        "text: Phòng sẽ", "text: |\n          ### Nội dung\n\n          Phòng sẽ", 1),
        encoding="utf-8")
    append(answers, MORE_ITEMS.format(first="y-kien-2", second="y-kien-3", alias="y-kien-4")
           .replace("text: Ý kiến thứ hai.", "text: |\n      ### Nội dung\n\n      Ý kiến thứ hai."))
    doc = built_page_with_unique_ids(tmp_path, content)
    assert [h["id"] for h in doc.select("h2, h3, h4") if h.get_text(strip=True).startswith(
        "Nội dung")] == ["noi-dung", "noi-dung_1", "noi-dung_2", "noi-dung_3"]


def test_reserved_anchors_are_every_id_the_session_page_gives_its_own_parts(sample_site: Path) -> None:
    for page in sample_site.glob("sessions/*/*/index.html"):
        doc = parse(page)
        own = {element["id"] for element in doc.select("[id]")
               if not element["id"].startswith("__")  # Material's, outside the item alphabet
               and not element.find_parent(class_=["da-item", "da-writeup"])
               and "da-item" not in element.get("class", [])}
        assert own <= urls.SESSION_PAGE_ANCHORS, (page, own - urls.SESSION_PAGE_ANCHORS)


def test_open_data_texts_carry_full_addresses_for_every_kind_of_link() -> None:
    """Open data is read outside the site, where a relative link leads nowhere: Markdown and
    HTML links, photos, a photo inside a link and a link definition all get full addresses."""
    site = "https://doithoai.example.vn/"
    base = f"{SESSION}/index.md"
    text = ("[trước](../2024-06-19-doi-thoai-2/index.md#ho-so-gpxd) [![Quang cảnh](anh%201.jpg)]"
            "(anh%201.jpg) [mục](#ho-so) <a class=\"x\" href=\"../../../index.md\">trang chủ</a> "
            "<img alt=\"Hội trường\" src='/anh/hoi-truong.jpg'> [web](https://example.org/a) "
            "![ảnh [cũ]](cu.png)\n\n[tham khảo]: ../../../agencies/phong-tu-phap/\n")
    page = f"{site}{SESSION}/"
    assert markup.absolute_links(text, base, site, lambda uri: site + urls.web_path(uri)) == (
        f"[trước]({site}{OTHER}/#ho-so-gpxd) [![Quang cảnh]({page}anh%201.jpg)]"
        f"({page}anh%201.jpg) [mục]({page}#ho-so) <a class=\"x\" href=\"{site}\">trang chủ</a> "
        f"<img alt=\"Hội trường\" src='{site}anh/hoi-truong.jpg'> [web](https://example.org/a) "
        f"![ảnh [cũ]]({page}cu.png)\n\n[tham khảo]: {site}agencies/phong-tu-phap/\n")


def test_an_encoded_hash_or_question_mark_after_a_page_name_is_refused(tmp_path: Path) -> None:
    """`about.md%23lien-he` passed validate, taken for an address left to the web server, and was
    published as a file name that does not exist (a diff reader's find); a document's or photo's
    own name may still hold an encoded '#' (`a%23b.pdf`, `%231.pdf`: a first version refused
    those starting with it)."""
    content = make_archive(tmp_path / "content")
    (content / "about.md").write_text("# Giới thiệu\n\n## Liên hệ\n", encoding="utf-8")
    (content / "tai-lieu").mkdir()
    (content / "tai-lieu" / "a#b.pdf").write_bytes(b"%PDF-1.4\n")
    (content / "tai-lieu" / "#1.pdf").write_bytes(b"%PDF-1.4\n")  # a name that starts with '#'
    photo(content / "#anh.jpg")
    append(content / SESSION / "index.md", "[a](../../../about.md%23lien-he) [b](../../../about/%3Fx=1) "
           "[c](../../../tai-lieu/a%23b.pdf)\n")
    (content / "about.md").write_text("# Giới thiệu\n\n## Liên hệ\n\n[số 1](tai-lieu/%231.pdf) "
                                      "![ảnh](%23anh.jpg)\n", encoding="utf-8")
    said = "a '{}' written encoded after a page's name: it is read as part of the name, and leads nowhere"
    assert located(validate(content)) == [
        f"content/{SESSION}/index.md:9:5: the link '../../../about.md%23lien-he' has '%23', "
        f"{said.format('#')}; write '#': '../../../about.md#lien-he'",
        f"content/{SESSION}/index.md:9:38: the link '../../../about/%3Fx=1' has '%3F', "
        f"{said.format('?')}; write '?': '../../../about/?x=1'"]


def test_open_data_keeps_a_link_written_between_angle_brackets() -> None:
    """`[d](<cv 1.pdf>)`, the form README gives for a name with spaces, was published in the open
    data as `[d](https://…/x/%3Chttps://…/cv 1.pdf>)` (a diff reader's find), and so was
    `[d](<cv.pdf>)`: the target is read between its brackets, its spaces quoted; and an HTML
    photo's quoted name whole (`src="hội trường.jpg"` was cut at its space)."""
    site = "https://doithoai.example.vn/"
    text = ("[d](<../../../tai-lieu/cv 1.pdf>) [e](<cv.pdf> \"Công văn\") ![f](<anh 1.jpg>)\n\n"
            "[g]: <phu luc.pdf>\n\n<img alt=\"Hội trường\" src=\"hội trường.jpg\">\n")
    page = f"{site}{SESSION}/"
    assert markup.absolute_links(text, f"{SESSION}/index.md", site,
                                 lambda uri: site + urls.web_path(uri)) == (
        f"[d](<{site}tai-lieu/cv%201.pdf>) [e](<{page}cv.pdf> \"Công văn\") ![f](<{page}anh%201.jpg>)"
        f"\n\n[g]: <{page}phu%20luc.pdf>\n\n"
        f"<img alt=\"Hội trường\" src=\"{page}h%E1%BB%99i%20tr%C6%B0%E1%BB%9Dng.jpg\">\n")


def test_a_photo_without_a_text_for_who_cannot_see_it_is_pointed_out_not_refused(
        tmp_path: Path) -> None:
    """A screen reader says nothing of a photo without `![text]` or `alt`: the press office is
    told where, and the site is still built (FORMAT.md does not require the text)."""
    content = make_archive(tmp_path / "content")
    photo(content / SESSION / "quang-canh.jpg")
    append(content / SESSION / "index.md", "![](quang-canh.jpg)\n\n![Hội trường](quang-canh.jpg)\n\n"
           '<img src="quang-canh.jpg" alt="">\n\n<img alt="Hội trường" src="quang-canh.jpg">\n')
    expected = [
        f"content/{SESSION}/index.md:{line}:{column}: warning: the photo 'quang-canh.jpg' has no "
        "text for readers who cannot see it (a screen reader says nothing of it): write what it "
        "shows, ![Quang cảnh buổi đối thoại](quang-canh.jpg) in Markdown, alt=\"...\" in HTML"
        for line, column in [(9, 5), (13, 11)]]
    checked = validate(content)
    assert checked.returncode == 0, checked.stderr
    assert [line for line in checked.stdout.splitlines() if line.startswith("content/")] == expected
    site = tmp_path / "site"
    build = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    assert build.returncode == 0, build.stderr
    assert [line.split("-  ", 1)[-1] for line in build.stderr.splitlines() if "warning: the photo" in line] \
        == expected
    assert len(parse(site / SESSION / "index.html").select(".da-writeup img")) == 4


def test_a_code_sample_of_a_photo_tag_is_not_where_the_photo_is_reported(tmp_path: Path) -> None:
    """`<img src="a.jpg">` shown as inline code, or `<img src="b.jpg">` in a fenced block, before
    the real photos took their place: a missing alt text was said of the sample (the real one
    had it) and a missing photo was placed in the code block. Code samples are skipped."""
    content = make_archive(tmp_path / "content")
    photo(content / SESSION / "a.jpg")
    append(content / SESSION / "index.md", 'Mẫu: `<img src="a.jpg">`\n\n```html\n<img src="b.jpg">\n```\n\n'
           'Ảnh: <img src="a.jpg" alt="Trụ sở"> và <img src="b.jpg" alt="Hội trường">\n')
    result = validate(content)
    assert "has no text for readers" not in result.stdout + result.stderr, result.stdout
    assert located(result) == [
        f"content/{SESSION}/index.md:15:50: image 'b.jpg' not found: there is no file {SESSION}/b.jpg "
        "in the content folder (did you mean 'a.jpg'?); put the photo next to index.md and write its "
        "file name, or fix the path"]


def test_a_fence_left_open_is_no_code_sample(tmp_path: Path) -> None:
    """A fence with no closing one was taken for code to the end of the file, while the page
    renders what follows it as Markdown: a photo there without its text got no warning, and a
    missing photo was placed at the file's first line."""
    content = make_archive(tmp_path / "content")
    (content / "images").mkdir()
    photo(content / "images/a.jpg")
    (content / "about.md").write_text("# Giới thiệu\n\n```\nMẫu thẻ ảnh\n\nẢnh thật: ![](images/a.jpg)\n\n"
                                      "Ảnh thiếu: ![x](images/zz.jpg)\n", encoding="utf-8")
    result = validate(content)
    assert located(result) == [
        "content/about.md:8:17: image 'images/zz.jpg' not found: there is no file images/zz.jpg in the "
        "content folder (did you mean 'a.jpg'?); put the photo next to index.md and write its file "
        "name, or fix the path"]
    assert [line for line in result.stdout.splitlines() if line.startswith("content/")] == [
        "content/about.md:6:15: warning: the photo 'images/a.jpg' has no text for readers who cannot "
        "see it (a screen reader says nothing of it): write what it shows, ![Quang cảnh buổi đối "
        "thoại](images/a.jpg) in Markdown, alt=\"...\" in HTML"]
    site = tmp_path / "site"
    (content / "about.md").write_text("```\nMẫu thẻ ảnh\n\nẢnh thật: ![](images/a.jpg)\n", encoding="utf-8")
    assert run_build(write_config(tmp_path, content, site)).returncode == 0
    assert parse(site / "about/index.html").select_one("article img[alt='']") is not None
    # a longer fence does not close it either, for Python-Markdown (a mutation sampler's find)
    (content / "about.md").write_text("```\nMẫu\n\nẢnh thật: ![](images/a.jpg)\n\n````\n", encoding="utf-8")
    assert "content/about.md:4:15: warning: the photo 'images/a.jpg' has no text" in validate(content).stdout
    assert run_build(write_config(tmp_path, content, site)).returncode == 0
    assert parse(site / "about/index.html").select_one("article img[alt='']") is not None


def test_an_indented_code_block_is_no_photo(tmp_path: Path) -> None:
    """`<img src="a.jpg">` shown as an indented code block (four spaces after a blank line), in a
    write-up or a YAML text, got the warning of a photo without its text, placed at the sample,
    though the page shows it as code and the real photo after it has its text. Indented lines
    under a list item are the item's, not code: a photo there is still one."""
    content = make_archive(tmp_path / "content")
    photo(content / SESSION / "a.jpg")
    sample = 'Ví dụ:\n\n    <img src="a.jpg">\n\nẢnh thật: <img src="a.jpg" alt="ảnh thật">\n'
    append(content / SESSION / "index.md", "\n" + sample + '\n- Mục\n\n    <img src="a.jpg">\n')
    replace(content / SESSION / "answers.yaml", "text: Phòng sẽ rà soát và kiến nghị cấp trên.",
            "text: |\n" + "".join(f"          {line}\n" if line else "\n" for line in sample.splitlines()))
    result = validate(content)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("content/")] == [
        f"content/{SESSION}/index.md:18:15: warning: the photo 'a.jpg' has no text for readers who "
        "cannot see it (a screen reader says nothing of it): write what it shows, ![Quang cảnh buổi "
        "đối thoại](a.jpg) in Markdown, alt=\"...\" in HTML"]
    site = tmp_path / "site"
    assert run_build(write_config(tmp_path, content, site, build_date="2026-11-28")).returncode == 0
    page = parse(site / SESSION / "index.html")
    assert [code.get_text() for code in page.select("pre code")] == ['<img src="a.jpg">\n'] * 2
    assert [img.get("alt") for img in page.select(".da-writeup img, .da-answer__text img")] == \
        ["ảnh thật", None, "ảnh thật"]


def test_the_front_matter_photo_without_a_text_is_pointed_out_too(tmp_path: Path) -> None:
    """`image: {src: …}` without `alt` or `caption` was shown with `alt=""`, and not warned of."""
    content = make_archive(tmp_path / "content")
    photo(content / SESSION / "quang-canh.jpg")
    index = content / SESSION / "index.md"
    replace(index, "summary:", "image: {src: quang-canh.jpg}\nsummary:")
    checked = validate(content)
    assert checked.returncode == 0, checked.stderr
    assert [line for line in checked.stdout.splitlines() if line.startswith("content/")] == [
        f"content/{SESSION}/index.md:6:14: warning: the photo 'quang-canh.jpg' has no text for "
        "readers who cannot see it (a screen reader says nothing of it): write what it shows as "
        "the image's alt (alt: Quang cảnh hội trường)"]
    replace(index, "{src: quang-canh.jpg}", "{src: quang-canh.jpg, alt: Quang cảnh hội trường}")
    assert not [line for line in validate(content).stdout.splitlines() if line.startswith("content/")]
    replace(index, "alt: Quang cảnh hội trường", "alt: [Quang cảnh]")  # wrong: said once, as an error
    checked = validate(content)
    assert not [line for line in checked.stdout.splitlines() if line.startswith("content/")]
    assert len([line for line in checked.stderr.splitlines() if line.startswith("content/")]) == 1


def test_a_photo_tag_over_several_lines_is_looked_at_whole(tmp_path: Path) -> None:
    """An `<img>` written over lines, its empty `alt` above its file name, was not warned of:
    only the file name's line was looked at."""
    content = make_archive(tmp_path / "content")
    photo(content / SESSION / "quang-canh.jpg")
    append(content / SESSION / "index.md", '<img\n  alt=""\n  src="quang-canh.jpg">\n\n'
           '<img\n  alt="Hội trường"\n  src="quang-canh.jpg">\n\n![Quang cảnh\nhội trường](quang-canh.jpg)\n')
    checked = validate(content)
    assert checked.returncode == 0, checked.stderr
    warned = warned_at(checked)
    assert warned == [f"content/{SESSION}/index.md:11:8"], checked.stdout


def test_without_folder_addresses_a_texts_links_name_the_pages_files() -> None:
    """`use_directory_urls: false`: a link written as a session's or a generated page's address
    (`../../2023/x/`, README allows it) led to a folder, a 404 on a server without folder
    indexes (a review's find); a page of the content folder written as an address (`about/`,
    about.md or about/index.md) is left as written."""
    text = ("[a](../../2023/x/) [b](../../../agencies/phong-tu-phap/) [c](../../../) "
            "[d](../../../about/) [e](../../2023/y/index.md#q) [f](../../../about.md#m) "
            "[g](/topics/dat-dai/) [h](anh.jpg)")
    base = "sessions/2024/s/index.md"
    hrefs = [a["href"] for a in BeautifulSoup(markup.MarkdownRenderer(directory_urls=False)
                                              .render_body(text, base).html, "lxml").select("a")]
    assert hrefs == ["../../2023/x/index.html", "../../../agencies/phong-tu-phap/index.html",
                     "../../../index.html", "../../../about/", "../../2023/y/index.html#q",
                     "../../../about.html#m", "../../../topics/dat-dai/index.html", "anh.jpg"]
    hrefs = [a["href"] for a in BeautifulSoup(markup.MarkdownRenderer().render_body(text, base).html,
                                              "lxml").select("a")]
    assert hrefs == ["../../2023/x/", "../../../agencies/phong-tu-phap/", "../../../",
                     "../../../about/", "../../2023/y/#q", "../../../about/#m",
                     "../../../topics/dat-dai/", "anh.jpg"]


def test_a_registry_entry_linked_as_its_md_file_is_told_the_file_the_site_makes(tmp_path: Path) -> None:
    """`agencies/phong-tu-phap.md`, the file a writer guesses for an agency's page, was told only
    'not a page of the content folder'; the site makes it as agencies/phong-tu-phap/index.md,
    which the message now names, written from the page, and checks (an unknown id is said)."""
    content = make_archive(tmp_path / "content")
    (content / "about.md").write_text("# Giới thiệu\n\n[a](agencies/phong-tu-phap.md#tom-tat)\n",
                                      encoding="utf-8")
    append(content / SESSION / "index.md", "[b](../../../topics/khong-co.md)\n")
    assert located(validate(content)) == [
        "content/about.md:3:5: the link 'agencies/phong-tu-phap.md#tom-tat' points to "
        "agencies/phong-tu-phap.md, which is no file: the site makes the agency's page as "
        "agencies/phong-tu-phap/index.md; write 'agencies/phong-tu-phap/index.md#tom-tat'",
        f"content/{SESSION}/index.md:9:5: the link '../../../topics/khong-co.md' points to "
        "topics/khong-co.md, which is no file: the site makes the topic's page as "
        "topics/khong-co/index.md; write '../../../topics/khong-co/index.md'; and the link "
        "'../../../topics/khong-co/index.md' points to the page of topic 'khong-co', which is not in "
        "registry/topics.yaml; fix the link or remove it"]


def test_each_yaml_text_is_searched_alone_for_its_code_samples(tmp_path: Path) -> None:
    """A text's code samples were looked for from its start to the end of answers.yaml (slow in a
    large file): a fence left open in an item's text was closed by the one of its answer, and the
    link after it, which the page shows as a link, was reported at the text's first line. Each
    text is searched alone: a link after a later text's code sample is checked at its line, and
    the same link inside the sample is skipped."""
    content = make_archive(tmp_path / "content")
    answers = content / SESSION / "answers.yaml"
    replace(answers, "text: Đề nghị đơn giản hoá thành phần hồ sơ cấp giấy phép xây dựng.",
            "text: |\n      Mẫu:\n      ```\n      Xem [quy định](khong-co.md).")
    replace(answers, "text: Phòng sẽ rà soát và kiến nghị cấp trên.",
            "text: |\n          ```\n          [mẫu](sai.md)\n          ```\n\n"
            "          Xem [văn bản](sai.md).")
    result = validate(content)
    assert located(result) == [
        f"content/{SESSION}/answers.yaml:{line}:{column}: the link '{name}' points to {SESSION}/{name}, "
        "which is not a page of the content folder; fix the path or remove the link"
        for line, column, name in [(10, 22, "khong-co.md"), (18, 25, "sai.md")]]


def test_an_indented_code_block_of_a_yaml_text_with_an_explicit_indentation_is_no_photo(
        tmp_path: Path) -> None:
    """`text: |2` (`>-2`, `|2+`: the text's lines start two spaces further in than its key) lets
    a text start with an indented line: its margin was taken from that first line, so the
    sample `<img src="a.jpg">` the page shows as code got the warning of a photo without its
    text, said at the sample, though the real photo after it has its text."""
    content = make_archive(tmp_path / "content")
    photo(content / SESSION / "a.jpg")
    answers = content / SESSION / "answers.yaml"
    written = answers.read_text(encoding="utf-8")
    site = tmp_path / "site"
    for header in ["|2", ">-2", "|2+"]:
        answers.write_text(written.replace(
            "text: Phòng sẽ rà soát và kiến nghị cấp trên.",
            f"text: {header}\n              <img src=\"a.jpg\">\n\n"
            "          Ảnh thật: <img src=\"a.jpg\" alt=\"ảnh thật\">\n"), encoding="utf-8")
        result = validate(content)
        assert result.returncode == 0, result.stderr
        assert "has no text for readers" not in result.stdout, (header, result.stdout)
    assert run_build(write_config(tmp_path, content, site, build_date="2026-11-28")).returncode == 0
    page = parse(site / SESSION / "index.html")
    assert [code.get_text() for code in page.select(".da-answer__text pre code")] == ['<img src="a.jpg">\n']
    assert [img.get("alt") for img in page.select(".da-answer__text img")] == ["ảnh thật"]


def test_indented_code_is_told_apart_in_a_blockquote_and_a_raw_html_block(tmp_path: Path) -> None:
    """Python-Markdown renders four spaces more after a blockquote's `> ` as code, and keeps an
    indented line inside a raw HTML block (`<div>` … `</div>`) as written, a real photo. The
    quoted sample was taken for the photo, and the photo in the `<div>` for a code sample: the
    warning of a photo without its text was said at the sample, not at that photo."""
    content = make_archive(tmp_path / "content")
    photo(content / SESSION / "a.jpg")
    append(content / SESSION / "index.md", '\nVí dụ:\n> Mẫu:\n>\n>     <img src="a.jpg">\n\n<div>\n\n'
           '    <img src="a.jpg">\n\n</div>\n\nẢnh thật: <img src="a.jpg" alt="ảnh thật">\n')
    result = validate(content)
    assert result.returncode == 0, result.stderr
    assert warned_at(result) == [f"content/{SESSION}/index.md:17:15"]
    site = tmp_path / "site"
    assert run_build(write_config(tmp_path, content, site, build_date="2026-11-28")).returncode == 0
    page = parse(site / SESSION / "index.html")
    samples = page.select(".da-writeup blockquote pre code")
    assert [code.get_text() for code in samples] == ['<img src="a.jpg">\n']
    assert [img.get("alt") for img in page.select(".da-writeup img")] == [None, "ảnh thật"]


def test_a_pages_index_html_typed_as_html_on_an_other_page_is_accepted(tmp_path: Path) -> None:
    """`<a href="sessions/…/index.html">` in about.md was refused as 'MkDocs cannot find it',
    though the build writes a tag's `href` for the page's address (`../sessions/…/index.html`
    from about/), which the site serves. It is checked as the page's address now: a page that
    is not on the site is still refused, and so is the same Markdown link, which MkDocs cannot
    find."""
    content = make_archive(tmp_path / "content")
    (content / "about.md").write_text(
        f'# Giới thiệu\n\n<a href="{SESSION}/index.html#ho-so-gpxd">phiên</a>\n\n'
        '<a href="sessions/2024/khong-co/index.html">sai</a>\n', encoding="utf-8")
    assert located(validate(content)) == [
        "content/about.md:5:10: the link 'sessions/2024/khong-co/index.html' points to "
        "sessions/2024/khong-co/index.html, which is neither a file of the content folder nor a "
        f"page's (did you mean '{SESSION}/index.md'?); fix the path or remove the link"]
    replace(content / "about.md", '<a href="sessions/2024/khong-co/index.html">sai</a>\n', "")
    assert validate(content).returncode == 0
    site = tmp_path / "site"
    assert run_build(write_config(tmp_path, content, site)).returncode == 0
    href = parse(site / "about/index.html").select_one("article a[href*='index.html']")["href"]
    assert href == f"../{SESSION}/index.html#ho-so-gpxd"
    assert (site / "about" / unquote(href.split("#")[0])).resolve().is_file()
    (content / "about.md").write_text(f"[phiên]({SESSION}/index.html)\n", encoding="utf-8")
    assert "MkDocs cannot find it from about.md" in validate(content).stderr


def test_a_photo_in_a_markdown_1_tag_of_an_other_page_is_checked_unless_the_site_has_md_in_html(
        tmp_path: Path) -> None:
    """In `<div markdown="1">`, an indented `<img>` was taken for code everywhere, as md_in_html
    reads it in a session's texts; but MkDocs renders about.md with the site's extensions, and
    without md_in_html (the sample's: toc, attr_list, tables) the div is raw HTML and the photo a
    real, broken one, which neither validate nor the build reported. It is reported there, and
    still taken for code in a write-up, and on other pages of a site that has md_in_html."""
    content = make_archive(tmp_path / "content")
    block = '<div markdown="1">\n\n    <img src="khong-co-anh.jpg" alt="ảnh">\n\n</div>\n'
    (content / "about.md").write_text(f"# Giới thiệu\n\n{block}", encoding="utf-8")
    append(content / SESSION / "index.md", "\n" + block)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site)
    missing = ("content/about.md:5:15: image 'khong-co-anh.jpg' not found: there is no file "
               "khong-co-anh.jpg in the content folder")
    assert [line[:len(missing)] for line in located(validate(content))] == [missing]
    build = run_build(config)
    assert build.returncode != 0 and missing in build.stderr + build.stdout
    with_md_in_html = config.read_text(encoding="utf-8") + (
        "markdown_extensions:\n  - toc:\n      permalink: true\n  - attr_list\n  - tables\n  - md_in_html\n")
    config.write_text(with_md_in_html, encoding="utf-8")
    assert validate(content).returncode == 0
    assert run_build(config).returncode == 0
    for page in ("about/index.html", f"{SESSION}/index.html"):
        assert [code.get_text() for code in parse(site / page).select("article pre code")] == [
            '<img src="khong-co-anh.jpg" alt="ảnh">\n'], page
    # validate reads mkdocs.yml as written: an extension given with its settings counts too
    for written in ("  - md_in_html: {}\n", "  - pymdownx.extra:\n      markdown.extensions.footnotes:\n"
                    "        BACKLINK_TEXT: ↑\n"):
        config.write_text(with_md_in_html.replace("  - md_in_html\n", written), encoding="utf-8")
        assert validate(content).returncode == 0, written
