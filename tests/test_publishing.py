"""Publishing end to end: a press officer's new session, drafts and schedules, feeds and the
calendar read by real clients, share cards, redirects, the photo viewer and the printed record."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from conftest import (
    CONTENT,
    ROOT,
    SAMPLE_BUILD_DATE,
    build_archive,
    copy_sample,
    make_archive,
    parse,
    run_build,
    write_config,
)
from data import sample_sheet
from dialogue_archive.cli import main
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.sitemap import sitemap_files
from dialogue_archive.core.views import ArchiveViews

SITE_URL = "https://doithoai.example.vn/"
NEW_ID = "2024-07-18-doi-thoai-hoa-tho-dong"
OLD_ID = "2024-07-17-doi-thoai-dat-dai-hoa-tho-dong"
DRAFT_ID = "2026-11-20-ban-nhap-chua-duyet"
SCHEDULED_ID = "2026-11-26-hen-gio-dang"
SCHEDULED_AT = dt.date(2026, 12, 1)
DRAFT_TITLE = "Bản nháp chưa duyệt"
SCHEDULED_TITLE = "Bài hẹn giờ đăng"
HELD_BACK_PHOTO = "anh.png"


def png(width: int = 8, height: int = 6) -> bytes:
    """A real (tiny, blue) PNG image, written by hand: no imaging library needed."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x20\x40\xc0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + \
        chunk(b"IEND", b"")


def set_front_matter(index: Path, **values: str) -> None:
    """Replace or add front-matter lines, as a press officer edits index.md."""
    text = index.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    lines = [line for line in head.splitlines() if line.split(":")[0] not in values]
    lines += [f"{key}: {value}" if value else "" for key, value in values.items()]
    index.write_text("\n".join(line for line in lines if line) + "\n---\n" + body, encoding="utf-8")


def scaffold(content: Path, day: str, slug: str, title: str) -> Path:
    # the ward merged into Cẩm Lệ on 1 July 2025: a session is held by the unit of its day
    ward = "hoa-tho-dong" if day < "2025-07-01" else "cam-le"
    assert main(["new", "--content-dir", str(content), "--date", day, "--title", title, "--slug", slug,
                 "--organizer", f"ubnd-phuong-{ward}", "--place", f"phuong-{ward}"]) == 0
    return content / "sessions" / day[:4] / f"{day}-{slug}"


def write_news(folder: Path) -> None:
    """The press office's text in place of the scaffold's '...' (a public write-up must have it)."""
    index = folder / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "\n...\n", "\nNgười dân hỏi về hồ sơ đất đai, xây dựng; các phòng chuyên môn trả lời tại chỗ.\n", 1),
        encoding="utf-8")


@pytest.fixture(scope="module")
def press_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample archive plus what the README walkthrough makes: one session created, imported
    and published (with a photo, and renamed from an older id), one draft, one scheduled."""
    content = copy_sample(tmp_path_factory.mktemp("press") / "content")
    folder = scaffold(content, "2024-07-18", "doi-thoai-hoa-tho-dong",
                      "Đối thoại với công dân phường Hòa Thọ Đông về đất đai, xây dựng")
    assert main(["import", str(sample_sheet.HERE / f"{sample_sheet.NAME}.xlsx"),
                 "--session", str(folder)]) == 0
    write_news(folder)
    (folder / "quang-canh.png").write_bytes(png())
    set_front_matter(folder / "index.md", draft="", aliases=f"[{OLD_ID}]",
                     summary='Người dân phường Hòa Thọ Đông hỏi về giấy phép xây dựng & "sổ đỏ".',
                     image="{src: quang-canh.png, caption: Quang cảnh buổi đối thoại, "
                           "alt: Hội trường UBND phường}")
    with (folder / "index.md").open("a", encoding="utf-8") as index:
        index.write("\n![Người dân phát biểu tại buổi đối thoại](quang-canh.png)\n")
    answers = folder / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "  - id: gia-dinh-toi-nop-ho-so\n", "  - id: gia-dinh-toi-nop-ho-so\n    aliases: [ho-so-cu]\n", 1),
        encoding="utf-8")
    draft = scaffold(content, DRAFT_ID[:10], DRAFT_ID[11:], DRAFT_TITLE)
    scheduled = scaffold(content, SCHEDULED_ID[:10], SCHEDULED_ID[11:], SCHEDULED_TITLE)
    write_news(scheduled)
    set_front_matter(scheduled / "index.md", draft="", published=f"{SCHEDULED_AT} 07:00")
    for held_back in (draft, scheduled):  # each with a photo its text shows, to be held back too
        (held_back / HELD_BACK_PHOTO).write_bytes(png())
        with (held_back / "index.md").open("a", encoding="utf-8") as index:
            index.write(f"\n![Quang cảnh chưa công bố]({HELD_BACK_PHOTO})\n")
    return content


def test_the_build_says_which_sessions_it_held_back(press_office: Path, tmp_path: Path) -> None:
    result = run_build(write_config(tmp_path, press_office, tmp_path / "site",
                                    build_date=str(SAMPLE_BUILD_DATE)))
    assert result.returncode == 0, result.stderr
    assert (f"not published yet: 1 draft(s) ({DRAFT_ID}); 1 scheduled session(s) (next: "
            f"{SCHEDULED_ID} at {SCHEDULED_AT} 07:00)") in result.stderr


@pytest.fixture(scope="module")
def public_site(press_office: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(press_office, tmp_path_factory.mktemp("public"))


@pytest.fixture(scope="module")
def preview_site(press_office: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_archive(press_office, tmp_path_factory.mktemp("preview"), drafts="true")


def session_page(site: Path, session_id: str) -> Path:
    return site / "sessions" / session_id[:4] / session_id / "index.html"


def sitemap_urls(site: Path) -> set[str]:
    return {loc.text for loc in BeautifulSoup((site / "sitemap.xml").read_text(), "xml").find_all("loc")}


# --- drafts and schedule ---------------------------------------------------------------------


def test_drafts_and_scheduled_sessions_stay_out_of_the_public_site(public_site: Path) -> None:
    assert session_page(public_site, NEW_ID).is_file()
    everything = "".join(p.read_text(encoding="utf-8") for p in public_site.rglob("*.html"))
    fragments = [gzip.decompress(f.read_bytes()).decode("utf-8")
                 for f in (public_site / "pagefind").rglob("*.pf_fragment")]
    assert any(NEW_ID in fragment for fragment in fragments)  # the search index holds sessions
    public_files = {"sitemap": sitemap_urls(public_site), "feed": (public_site / "feed.xml").read_text(),
                    "calendar": (public_site / "calendar.ics").read_text(), "pages": everything,
                    "search index": "\n".join(fragments)}
    for hidden, title in ((DRAFT_ID, DRAFT_TITLE), (SCHEDULED_ID, SCHEDULED_TITLE)):
        folder = public_site / "sessions" / hidden[:4] / hidden  # its page, nor its photo
        assert not folder.exists(), f"published: {sorted(f.name for f in folder.iterdir())}"
        for name, text in public_files.items():
            assert hidden not in str(text), f"{hidden} leaked into the {name}"
            assert title not in str(text), f"{title} leaked into the {name}"
    assert f"{SITE_URL}sessions/2024/{NEW_ID}/" in sitemap_urls(public_site)
    assert not list(public_site.rglob(f"{Path(HELD_BACK_PHOTO).stem}*"))  # nor its resized copies


def test_a_scheduled_session_is_published_from_its_date(press_office: Path) -> None:
    for day, shown in [(SCHEDULED_AT - dt.timedelta(days=1), False), (SCHEDULED_AT, True)]:
        archive, log = load_archive(press_office, day)
        assert not log.errors
        assert (SCHEDULED_ID in {s.id for s in archive.published}) is shown
        assert DRAFT_ID not in {s.id for s in archive.published}


def test_a_scheduled_session_goes_public_at_its_hour_and_the_outputs_follow(press_office: Path
                                                                            ) -> None:
    """Nothing changes in the files at 07:00, yet the feeds and open data (reused while the
    archive's fingerprint holds) must now include the session."""
    seen = {}
    for hour in (6, 8):
        archive, log = load_archive(press_office, dt.datetime.combine(SCHEDULED_AT, dt.time(hour)))
        assert not log.errors
        seen[hour] = (SCHEDULED_ID in {s.id for s in archive.published}, archive.fingerprint)
    assert (seen[6][0], seen[8][0]) == (False, True)
    assert seen[6][1] != seen[8][1]


def test_preview_shows_drafts_and_scheduled_sessions_clearly_marked(preview_site: Path) -> None:
    flags = {}
    for session_id in (DRAFT_ID, SCHEDULED_ID, NEW_ID):
        flag = parse(session_page(preview_site, session_id)).select_one(".da-flag")
        flags[session_id] = flag.get_text(strip=True) if flag else None
    assert flags[DRAFT_ID].startswith("BẢN NHÁP")
    assert flags[SCHEDULED_ID].startswith("HẸN GIỜ ĐĂNG")
    day = SCHEDULED_AT
    assert flags[SCHEDULED_ID].endswith(f"(đăng lúc 07:00 ngày {day.day}/{day.month}/{day.year})")
    assert flags[NEW_ID] is None
    for session_id in (DRAFT_ID, SCHEDULED_ID):  # the preview shows their photos
        photo = parse(session_page(preview_site, session_id)).select_one(f'img[src$="{HELD_BACK_PHOTO}"]')
        assert photo is not None and photo["alt"] == "Quang cảnh chưa công bố"
        assert (session_page(preview_site, session_id).parent / HELD_BACK_PHOTO).read_bytes() == png()
    feed = feedparser.parse((preview_site / "feed.xml").read_bytes())
    assert not {DRAFT_ID, SCHEDULED_ID} & {e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries}


# --- feeds and calendar ----------------------------------------------------------------------


def test_site_feed_parses_newest_first_with_absolute_links(public_site: Path) -> None:
    feed = feedparser.parse((public_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.language == "vi"
    archive, _ = load_archive(_content_of(public_site), SAMPLE_BUILD_DATE)
    public = [s for s in archive.published if s.visibility.value == "published"]
    assert len(feed.entries) == len(public)
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    ours = next(e for e in feed.entries if e.title.startswith("Đối thoại với công dân phường Hòa Thọ Đông"))
    assert ours.link == f"{SITE_URL}sessions/2024/{NEW_ID}/"
    # Renamed from OLD_ID: a feed reader knows it by its first address, not as a new entry.
    assert ours.id == f"{SITE_URL}sessions/2024/{OLD_ID}/"
    others = [e for e in feed.entries if e is not ours]
    assert all(e.id == e.link for e in others)
    assert ours.summary == 'Người dân phường Hòa Thọ Đông hỏi về giấy phép xây dựng & "sổ đỏ".'
    assert ours.published.startswith("2024-07-18")
    for entry in feed.entries:
        assert urlsplit(entry.link).scheme == "https" and entry.title and entry.summary


def test_a_feed_entry_without_a_summary_says_what_the_lists_say(tmp_path: Path) -> None:
    """A session not held yet (or held today, with no record yet) is announced and one without
    its record has it to follow, as the lists say: neither has '0 ý kiến, câu hỏi' (found by a
    review helper). Neither has a write-up either, whose first paragraph would come first."""
    content = make_archive(tmp_path / "content", sessions=2, start=dt.date(2026, 12, 10))
    for folder, more in zip(sorted((content / "sessions" / "2026").iterdir()),
                            ("", "published: 2026-11-20\n"), strict=True):
        index = folder / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace(
            "summary: Công dân hỏi về giấy phép xây dựng.\n", more).replace(
            "place: quan-cam-le", "place: phuong-cam-le").replace(
            "Sáng nay, UBND quận tổ chức đối thoại với công dân.\n", ""), encoding="utf-8")
        (folder / "answers.yaml").write_text("items: []\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(write_config(tmp_path, content, site, build_date="2026-12-10"))
    assert result.returncode == 0, result.stderr
    entries = feedparser.parse((site / "feed.xml").read_bytes()).entries
    summaries = {e.link.rstrip("/")[-1]: e.summary for e in entries}
    assert summaries == {"1": "Đối thoại với công dân. Sắp diễn ra",
                         "2": "Đối thoại với công dân. Biên bản đang được cập nhật"}, summaries


WRITE_UP = """<!-- ghi chú nội bộ: người hỏi là ông A -->
## Diễn biến

![Quang cảnh buổi đối thoại](quang-canh.png)

Sáng 20/6/2024, **UBND quận Cẩm Lệ** tổ chức [đối thoại với công dân](https://camle.danang.gov.vn/) về \
thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ; hơn 60 người dân phường Hòa Thọ Đông đến dự và nêu 12 ý \
kiến về thời gian giải quyết hồ sơ.

Đoạn thứ hai của bài viết.
"""


def test_a_session_without_a_summary_is_shared_with_its_own_words(tmp_path: Path) -> None:
    """A session without `summary` was shared (its meta, og and twitter description) with the
    site's description, while its feed entry had a sentence of its own (a review's find). Its
    page says what its feed entry says: its write-up's first paragraph as plain text, cut at a
    word near 160 characters, else what it is and how many items it holds; a rebuild from the
    cache follows an edited write-up."""
    content = make_archive(tmp_path / "content", sessions=2)
    (content / "sessions" / "2024").joinpath("2024-06-20-doi-thoai-1", "quang-canh.png").write_bytes(png())
    for n, body in (("20", WRITE_UP), ("19", "")):
        index = content / "sessions" / "2024" / f"2024-06-{n}-doi-thoai-{21 - int(n)}" / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace(
            "summary: Công dân hỏi về giấy phép xây dựng.\n", "").replace(
            "Sáng nay, UBND quận tổ chức đối thoại với công dân.\n", body), encoding="utf-8")
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date=str(SAMPLE_BUILD_DATE),
                          cache_dir=str(tmp_path / "cache"))

    def shared() -> dict[str, tuple[str, str]]:
        result = run_build(config)
        assert result.returncode == 0, result.stderr
        entries = feedparser.parse((site / "feed.xml").read_bytes()).entries
        said = {}
        for entry in entries:
            meta = share_meta(site / urlsplit(entry.link).path.strip("/") / "index.html")
            assert meta["description"] == meta["og:description"] == meta["twitter:description"]
            said[entry.link.rstrip("/")[-1]] = (meta["description"], entry.summary)
        return said

    assert shared() == {
        "1": ("Sáng 20/6/2024, UBND quận Cẩm Lệ tổ chức đối thoại với công dân về thủ tục cấp giấy "
              "phép xây dựng nhà ở riêng lẻ; hơn 60 người dân phường Hòa Thọ Đông đến dự…",) * 2,
        "2": ("Đối thoại với công dân. 1 ý kiến, câu hỏi",) * 2}
    index = content / "sessions" / "2024" / "2024-06-20-doi-thoai-1" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("Sáng 20/6", "Chiều 20/6"), encoding="utf-8")
    assert shared()["1"][0].startswith("Chiều 20/6/2024, UBND quận Cẩm Lệ")


LEADS = [
    ('![Hội trường](a.png){ width="600" }\n\nSáng nay, người dân hỏi về đất đai.',
     "Sáng nay, người dân hỏi về đất đai."),
    ("![Hội trường](a.png){ align=left }\nChiều nay, người dân hỏi về hộ tịch.",
     "Chiều nay, người dân hỏi về hộ tịch."),
    ("Hồ sơ bị trễ hẹn[^1] nhiều ngày.\n\n[^1]: Theo phiếu hẹn.", "Hồ sơ bị trễ hẹn nhiều ngày."),
    ("Tóm tắt\n=======\n\nNgười dân hỏi về giấy phép xây dựng.", "Người dân hỏi về giấy phép xây dựng."),
    ("```\nmã 1\n\nmã 2\n```\n\nNgười dân hỏi về cư trú.", "Người dân hỏi về cư trú."),
    ("Phường | Ý kiến\n--- | ---\nHòa An | 4\n\nNgười dân hỏi về thuế.", "Người dân hỏi về thuế."),
    ("Mở đầu buổi đối thoại.\n{: .lead }", "Mở đầu buổi đối thoại."),
    ("<style>.a{color:red}</style>\n\nNgười dân hỏi về môi trường.", "Người dân hỏi về môi trường."),
    ("![Quang cảnh](a.png)\n*Ảnh: Văn Nam*\n\nNgười dân hỏi về giao thông.",
     "Người dân hỏi về giao thông."),
    ("![Quang cảnh](a.png)\n\n*Ảnh: Văn Nam*\n\nNgười dân hỏi về điện.", "Người dân hỏi về điện."),
    ("> Trích phát biểu.\n\n- một\n\nNgười dân **Hòa Thọ Đông** hỏi về nước.",
     "Người dân Hòa Thọ hỏi về nước."),  # redacted, as the page shows it
]


@pytest.fixture(scope="module")
def described(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str, str]]:
    """One site of sessions without a summary, the n-th written as LEADS[n - 1]: each session's
    (meta description, feed entry summary, calendar event description before its address)."""
    folder = tmp_path_factory.mktemp("leads")
    content = make_archive(folder / "content", sessions=len(LEADS))
    (content / "registry" / "redactions.yaml").write_text(
        "- pattern: Hòa Thọ Đông\n  replacement: Hòa Thọ\n", encoding="utf-8")
    for n, (write_up, _) in enumerate(LEADS, 1):
        index = next(content.glob(f"sessions/*/*-doi-thoai-{n}/index.md"))
        (index.parent / "a.png").write_bytes(png())
        index.write_text(index.read_text(encoding="utf-8").replace(
            "summary: Công dân hỏi về giấy phép xây dựng.\n", "").replace(
            "Sáng nay, UBND quận tổ chức đối thoại với công dân.\n", write_up + "\n"), encoding="utf-8")
    site = folder / "site"
    result = run_build(write_config(folder, content, site, build_date=str(SAMPLE_BUILD_DATE)))
    assert result.returncode == 0, result.stderr
    events = {str(event["url"]): str(event["description"]).rsplit("\n\n", 1)[0] for event in
              icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes()).walk("VEVENT")}
    said = {}
    for entry in feedparser.parse((site / "feed.xml").read_bytes()).entries:
        meta = share_meta(site / urlsplit(entry.link).path.strip("/") / "index.html")
        assert meta["description"] == meta["og:description"] == meta["twitter:description"]
        said[entry.link.rstrip("/").rsplit("-", 1)[1]] = (meta["description"], entry.summary,
                                                          events[entry.link])
    return said


LEAD_CASES = ["photo-attributes", "photo-beside-text", "footnote", "underlined-heading", "code",
              "table", "paragraph-attributes", "style", "photo-caption", "photo-caption-below",
              "quote-list-redacted"]


@pytest.mark.parametrize(("n", "expected"), [(n, lead) for n, (_, lead) in enumerate(LEADS, 1)],
                         ids=LEAD_CASES)
def test_a_session_is_described_by_its_first_paragraph_as_the_page_shows_it(
        described: dict[str, tuple[str, str, str]], n: int, expected: str) -> None:
    """Taken from the write-up with patterns, the description of a session without a summary
    published Markdown or code (a diff reader's find): a photo's `{ width="600" }`, a footnote's
    `[^1]`, an underlined heading's `=======`, a code block's last paragraph, a table's cells,
    `{: .lead }`, a style sheet, a photo's caption. It is now the first paragraph the page
    shows, as plain text: not a heading, a quote, a list, a table or code, nor a photo with
    its caption; without footnote marks; redacted as the page is. The calendar's event says
    it too (it said only a summary, and nothing for these)."""
    assert described[str(n)] == (expected, expected, expected)


def test_a_feed_entry_is_updated_when_a_written_answer_or_a_commitment_update_comes(
        public_site: Path) -> None:
    """A feed reader shows a session again when its record grows after the write-up."""
    feed = feedparser.parse((public_site / "feed.xml").read_bytes())
    archive, _ = load_archive(_content_of(public_site), SAMPLE_BUILD_DATE)
    later = 0
    for session in (s for s in archive.published if s.visibility.value == "published"):
        entry = next(e for e in feed.entries if e.link.rstrip("/").endswith(session.id))
        days = [session.published_at().date(), *(c.date for c in session.meta.corrections)] + [
            day for item in session.items for day in
            [a.date for a in item.answers if a.date]
            + [u.date for c in item.commitments for u in c.updates] if day <= SAMPLE_BUILD_DATE]
        assert entry.updated.startswith(max(days).isoformat()), (session.id, entry.updated)
        later += max(days) > session.published_at().date()
    assert later >= 2  # the sample has sessions whose record grew later
    assert feed.feed.updated == max(e.updated for e in feed.entries)


def test_a_correction_is_shown_dated_on_the_page_and_dates_the_record(tmp_path: Path) -> None:
    """A journalist who quoted an answer must see that the record was corrected, when and what
    (README "Corrections"): the page says so under its title and lists the corrections, oldest
    first; the session's open data holds them; its feed entry and its sitemap date move to the
    latest, as for an answer written later."""
    content = make_archive(tmp_path / "content")
    session_id = "2024-06-20-doi-thoai-1"
    index = content / "sessions" / "2024" / session_id / "index.md"
    set_front_matter(index, corrections="[{date: 2024-07-02, note: 'Sửa tên cơ quan trả lời: Phòng "
                     "Quản lý đô thị, không phải Phòng Tư pháp.'}, {date: 2024-06-25, note: Bổ sung "
                     "số công văn trả lời.}]")
    site = build_archive(content, tmp_path, build_date=dt.date(2024, 12, 1))  # no unit ended, nothing overdue
    page = parse(session_page(site, session_id))
    notice = page.select_one(".da-corrected")
    assert " ".join(notice.get_text().split()) == "Đã đính chính ngày 2/7/2024 (xem nội dung đính chính)"
    assert notice.a["href"] == "#dinh-chinh" and page.select_one("h2#dinh-chinh").get_text() == "Đính chính"
    assert [" ".join(li.get_text().split()) for li in page.select(".da-corrections li")] == [
        "25/6/2024: Bổ sung số công văn trả lời.",
        "2/7/2024: Sửa tên cơ quan trả lời: Phòng Quản lý đô thị, không phải Phòng Tư pháp."]
    data = json.loads((site / "data" / "sessions" / f"{session_id}.json").read_text(encoding="utf-8"))
    assert [c["date"] for c in data["corrections"]] == ["2024-06-25", "2024-07-02"]
    entry = feedparser.parse((site / "feed.xml").read_bytes()).entries[0]
    assert entry.updated.startswith("2024-07-02") and entry.published.startswith("2024-06-20")
    assert entry.summary.endswith(". Đã đính chính ngày 2/7/2024: Sửa tên cơ quan trả lời: Phòng "
                                  "Quản lý đô thị, không phải Phòng Tư pháp."), entry.summary
    assert (f"{SITE_URL}sessions/2024/{session_id}/", "2024-07-02") in _sitemap_entries(
        (site / "sitemap.xml").read_text(encoding="utf-8"))


def _content_of(site: Path) -> Path:
    config = (site.parent / "mkdocs.yml").read_text(encoding="utf-8")
    return Path(re.search(r"^docs_dir: (.+)$", config, re.M).group(1))


def test_agency_topic_and_place_feeds_are_linked_from_their_pages(public_site: Path) -> None:
    for page, expected in [("agencies/phong-quan-ly-do-thi", True), ("topics/thue-phi", True),
                           ("places/phuong-hoa-tho-dong", True), ("agencies/so-tu-phap-da-nang", False),
                           ("places/phuong-hoa-xuan", False),
                           ("places/thanh-pho-da-nang", True)]:  # the places within it too
        soup = parse(public_site / page / "index.html")
        head = soup.head.find("link", rel="alternate", type="application/atom+xml")
        assert head is not None and head["href"] == "feed.xml"
        assert soup.select_one("a.da-feed-link")["href"] == "feed.xml"
        feed = feedparser.parse((public_site / page / "feed.xml").read_bytes())
        assert not feed.bozo and feed.feed.title
        links = {e.link for e in feed.entries}
        assert (f"{SITE_URL}sessions/2024/{NEW_ID}/" in links) is expected
    home = parse(public_site / "index.html").head.find("link", rel="alternate")
    assert home["href"] == "feed.xml"
    # a feed with no entry yet gives the archive's last change, whatever the day of the build
    latest = feedparser.parse((public_site / "feed.xml").read_bytes()).feed.updated
    empty = [feed for path in sorted(public_site.glob("*/*/feed.xml"))
             if not (feed := feedparser.parse(path.read_bytes())).entries]
    assert empty and {feed.feed.updated for feed in empty} == {latest}


def test_an_agencys_feed_holds_the_sessions_of_the_promises_it_carries_now(sample_site: Path) -> None:
    """A ward that took over a dissolved district's unfinished promises lists them on its page
    and in its commitments list, and its feed said nothing of their sessions (a review's find:
    ubnd-phuong-hoa-xuan-2025's feed was empty)."""
    carriers = [page.parent.name for page in sorted((sample_site / "agencies").glob("*/index.html"))
                if parse(page).select_one(".da-inherited")]
    assert "ubnd-phuong-hoa-xuan-2025" in carriers
    for agency in carriers:
        listed = f"{SITE_URL}commitments/agency/{agency}/"
        sessions = {urljoin(listed, entry.select(".da-entry__meta")[-1].a["href"])
                    for entry in parse(sample_site / "commitments" / "agency" / agency / "index.html")
                    .select(".da-commitment-entry")}
        feed = feedparser.parse((sample_site / "agencies" / agency / "feed.xml").read_bytes())
        assert sessions and sessions <= {entry.link for entry in feed.entries}, agency


def test_a_wards_feed_lists_a_session_held_elsewhere_where_one_of_its_residents_asked(
        public_site: Path) -> None:
    """A ward's residents take their questions to the district's sessions: subscribing to the
    ward's feed must bring those sessions too, not only the ones held in the ward."""
    held, ward = "2023-09-21-doi-thoai-thu-tuc-hanh-chinh", "phuong-khue-trung"
    archive, _ = load_archive(_content_of(public_site), SAMPLE_BUILD_DATE)
    session = next(s for s in archive.published if s.id == held)
    assert ward not in archive.areas(session.meta.place)  # held in the district, not in the ward
    assert ward in {item.asker.place for item in session.items}
    feed = feedparser.parse((public_site / "places" / ward / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert f"{SITE_URL}sessions/2023/{held}/" in {entry.link for entry in feed.entries}


def test_feeds_of_units_of_one_name_are_told_apart(public_site: Path) -> None:
    """A ward that kept its name after wards merged into it has two feeds: a reader subscribed to
    both must see which is which, as the pages show it."""
    site_name = "Kho lưu trữ đối thoại với công dân"  # the sample's mkdocs.yml
    titles = {page: feedparser.parse((public_site / page / "feed.xml").read_bytes()).feed.title
              for page in ("places/phuong-hoa-xuan", "places/phuong-hoa-xuan-2025", "places/quan-cam-le")}
    assert titles == {
        "places/phuong-hoa-xuan": "Phiên đối thoại ở phường Hòa Xuân (đến 30/6/2025) — " + site_name,
        "places/phuong-hoa-xuan-2025": "Phiên đối thoại ở phường Hòa Xuân (từ 1/7/2025) — " + site_name,
        "places/quan-cam-le": "Phiên đối thoại ở quận Cẩm Lệ — " + site_name}


def test_calendar_has_past_and_announced_sessions(public_site: Path) -> None:
    written = (public_site / "calendar.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(written)
    # its name is TEXT, with its comma escaped (RFC 5545 3.3.11; a review's find)
    assert "X-WR-CALNAME:Lịch phiên đối thoại\\, tiếp xúc".encode() in written
    # stamped when the build day begins in Vietnam, not four hours after a build at 03:00 there
    vietnam = dt.timezone(dt.timedelta(hours=7))
    start_of_day = dt.datetime.combine(SAMPLE_BUILD_DATE, dt.time(), tzinfo=vietnam)
    assert f"DTSTAMP:{start_of_day.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}".encode() in written
    # A session renamed keeps the uid of its first id: a calendar app does not copy the event.
    uids = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    events = {NEW_ID if uid == OLD_ID else uid: e for uid, e in uids.items()}
    assert NEW_ID not in uids
    archive, _ = load_archive(_content_of(public_site), SAMPLE_BUILD_DATE)
    public = {s.id: s for s in archive.published if s.visibility.value == "published"}
    assert set(events) == set(public)
    upcoming = [s for s in public.values() if s.date > SAMPLE_BUILD_DATE]
    assert upcoming, "the sample has an announced upcoming session"
    for session in upcoming:
        assert session.id in events
    timed = events["2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan"]
    start = timed.decoded("dtstart")
    assert start == dt.datetime(2024, 6, 27, 14, 0, tzinfo=start.tzinfo)
    assert start.utcoffset() == dt.timedelta(hours=7) and str(timed["dtstart"].params["TZID"]) == \
        "Asia/Ho_Chi_Minh"
    assert timed.decoded("duration") == dt.timedelta(hours=2)  # not an event lasting no time
    assert str(timed["location"]) == "Hội trường UBND phường Hòa Xuân"
    assert str(timed["url"]).startswith(f"{SITE_URL}sessions/2024/")
    all_day = events[NEW_ID]  # created without --time
    assert all_day.decoded("dtstart") == dt.date(2024, 7, 18)
    new = public[NEW_ID]
    assert new.meta.venue is None  # without a hall, the area it served says where
    assert str(all_day["location"]) == archive.places[new.meta.place].name
    zone = calendar.walk("VTIMEZONE")[0]
    assert zone["tzid"] == "Asia/Ho_Chi_Minh" and "COMMENT" not in zone  # no English note


# --- sharing ----------------------------------------------------------------------------------


def test_session_page_title_description_share_card_and_canonical(public_site: Path) -> None:
    soup = parse(session_page(public_site, NEW_ID))
    url = f"{SITE_URL}sessions/2024/{NEW_ID}/"
    meta = share_meta(session_page(public_site, NEW_ID))
    title = "Đối thoại với công dân phường Hòa Thọ Đông về đất đai, xây dựng"
    assert soup.title.string.startswith(title) and "Kho lưu trữ" in soup.title.string
    assert meta["description"] == meta["og:description"] == meta["twitter:description"]
    assert meta["description"].startswith("Người dân phường Hòa Thọ Đông")
    assert meta["og:description"].endswith('xây dựng & "sổ đỏ".')  # escaped once, not twice
    assert meta["og:title"] == title and meta["og:type"] == "article" and meta["og:url"] == url
    assert meta["og:image"] == url + "quang-canh.png" and meta["twitter:card"] == "summary_large_image"
    assert meta["og:image:alt"] == "Hội trường UBND phường"
    assert meta["article:published_time"].startswith("2024-07-18T00:00:00+07:00")
    assert soup.head.find("link", rel="canonical")["href"] == url
    assert (session_page(public_site, NEW_ID).parent / "quang-canh.png").read_bytes() == png()


def share_meta(page: Path) -> dict[str, str]:
    """A page's <meta> tags by name or property, as a social network reads them."""
    return {(tag.get("property") or tag.get("name")): tag["content"]
            for tag in parse(page).head.find_all("meta") if tag.get("content") is not None}


def test_the_home_page_is_shared_under_its_own_title(sample_site: Path) -> None:
    """Its share card said "Trang chủ", the menu's label, where its <title> and heading say
    what the archive is."""
    meta = share_meta(sample_site / "index.html")
    title = "Người dân hỏi, chính quyền trả lời — Cẩm Lệ, Đà Nẵng"
    assert parse(sample_site / "index.html").title.string.startswith(title)
    assert meta["og:title"] == meta["twitter:title"] == title


def test_a_list_or_a_units_page_is_described_by_what_it_holds(sample_site: Path) -> None:
    """Agency, place and list pages were shared, and shown in search engines' results, with
    the site's generic description: each now says what it holds, with its counts."""
    generic = share_meta(sample_site / "about" / "index.html")["description"]
    expected = {
        "places/quan-cam-le": "Quận Cẩm Lệ: 5 phiên đối thoại tại địa bàn; 37 ý kiến, câu hỏi "
                              "nêu trên địa bàn",
        "agencies/ubnd-phuong-hoa-xuan": "Ủy ban nhân dân phường Hòa Xuân",
        # a unit is named whichever of its counts are said (the clause naming it had a 0)
        "places/phuong-hoa-phat": "Phường Hòa Phát: 5 ý kiến, câu hỏi nêu trên địa bàn",
        "agencies/phong-noi-vu": "Phòng Nội vụ",
        "sessions": "7 phiên đối thoại đã công bố",
        "sessions/2024": "2 phiên đối thoại năm 2024; 13 ý kiến, câu hỏi",
        # what nothing was asked of yet is not "0 phiên …; 0 ý kiến …"; what an agency carries
        # for a unit now gone is said
        "places/phuong-an-khe-2025": "Chưa có phiên đối thoại hay ý kiến, câu hỏi nào ở phường "
                                     "An Khê",
        "agencies/ubnd-phuong-hoa-xuan-2025": "Ủy ban nhân dân phường Hòa Xuân (từ 1/7/2025): 2 "
                                              "cam kết chưa hoàn thành của đơn vị đã sáp nhập",
        "agencies": "Các cơ quan, đơn vị", "topics": "Các lĩnh vực", "places": "Các địa bàn",
        "commitments/overdue": "Cam kết quá hạn: 5 cam kết",
        "commitments/status/done": "Cam kết có trạng thái “Đã hoàn thành”: 12 cam kết",
        "commitments/year/2024": "Cam kết tại các buổi đối thoại năm 2024: 6 cam kết",
    }
    for page, start in expected.items():
        description = share_meta(sample_site / page / "index.html")["description"]
        assert description != generic and description.startswith(start), page
    for page in sample_site.rglob("index.html"):
        description = (share_meta(page).get("description") or "")
        assert not re.search(r"(^|; )0 ", description), page
    # a place's items are a business's and voters' too, not "của người dân" only
    heading = parse(sample_site / "places" / "quan-cam-le" / "index.html").select_one("h2.da-list-heading")
    assert heading.get_text(" ", strip=True) == "Ý kiến, câu hỏi nêu trên địa bàn (1)"  # its own


def test_a_units_description_says_how_many_of_its_sessions_are_to_come(sample_site: Path) -> None:
    """UBND phường Cẩm Lệ's page says "Các phiên đối thoại do cơ quan tổ chức hoặc tham dự (2,
    trong đó 1 sắp diễn ra)"; its description, what a search engine or a shared link shows,
    said "2 phiên đối thoại do cơ quan tổ chức hoặc tham dự" (a numbers audit's find)."""
    for page, clause in (("agencies/ubnd-phuong-cam-le", "do cơ quan tổ chức hoặc tham dự"),
                         ("places/phuong-cam-le", "tại địa bàn")):
        doc = parse(sample_site / page / "index.html")
        heading = next(" ".join(h.get_text().split()) for h in doc.select("main h2")
                       if "sắp diễn ra" in h.get_text())
        total, upcoming = re.fullmatch(r".*\((\d+), trong đó (\d+) sắp diễn ra\)", heading).groups()
        assert f"{total} phiên đối thoại {clause}, trong đó {upcoming} sắp diễn ra;" \
            in share_meta(sample_site / page / "index.html")["description"], page


def test_every_page_carries_its_share_card(sample_site: Path) -> None:
    """Only the home, sessions, session and registry pages had Open Graph and Twitter tags: a
    link to the topics, the about page, the statistics or any commitments list was shared as
    a bare address. Every page of the site has its card now, with its title and description."""
    pages = [p for p in sample_site.rglob("index.html") if "pagefind" not in p.parts
             and not parse(p).find("meta", attrs={"http-equiv": "refresh"})]  # not a redirect
    assert len(pages) > 100
    for page in pages:
        meta, soup = share_meta(page), parse(page)
        where = str(page.relative_to(sample_site))
        assert meta["og:title"] == meta["twitter:title"], where
        assert soup.title.string.startswith(meta["og:title"]), where
        assert meta["og:description"] == meta["twitter:description"] == meta["description"], where
        assert meta["og:url"] == soup.head.find("link", rel="canonical")["href"], where
        assert meta["og:site_name"] == "Kho lưu trữ đối thoại với công dân" and "twitter:card" in meta, where


def test_sitemap_lists_every_public_session(public_site: Path) -> None:
    archive, _ = load_archive(_content_of(public_site), SAMPLE_BUILD_DATE)
    expected = {f"{SITE_URL}sessions/{s.year}/{s.id}/" for s in archive.published}
    assert expected <= sitemap_urls(public_site)
    assert not any(OLD_ID in url for url in sitemap_urls(public_site))  # redirects are not pages



def test_the_sitemap_dates_each_page_by_what_it_shows(public_site: Path) -> None:
    """Every page's lastmod was the build day, which search engines learn to ignore: a
    session's is the day its record last changed, as its printed copy says ("Dữ liệu cập nhật
    ngày"); a list's the newest of the sessions it lists; a page whose changes the archive
    does not know (a content page, the search page) has none."""
    urls = BeautifulSoup((public_site / "sitemap.xml").read_text(), "xml").find_all("url")
    lastmod = {url.loc.text: url.lastmod.text if url.lastmod else None for url in urls}
    sessions = {}
    for page in public_site.glob("sessions/*/*/index.html"):
        stamp = parse(page).select_one(".da-print-header time")
        if stamp is not None:  # not a forwarding page
            address = f"{SITE_URL}{page.parent.relative_to(public_site).as_posix()}/"
            sessions[address] = stamp["datetime"]
            assert lastmod[address] == stamp["datetime"], address
    assert len(set(sessions.values())) > 2  # not one day for all
    assert lastmod[f"{SITE_URL}sessions/2024/"] == max(
        day for address, day in sessions.items() if "/sessions/2024/" in address)
    assert lastmod[f"{SITE_URL}sessions/"] == lastmod[SITE_URL] == max(sessions.values())
    assert lastmod[f"{SITE_URL}about/"] is None and lastmod[f"{SITE_URL}search/"] is None
    # an agency carrying a gone unit's commitments is dated by them, as its list of them is
    carrier = "ubnd-phuong-hoa-xuan-2025/"
    carried = lastmod[f"{SITE_URL}commitments/agency/{carrier}"]
    assert lastmod[f"{SITE_URL}agencies/{carrier}"] == carried and carried is not None
    # a unit that ended is dated the day after, when its page starts saying so
    assert lastmod[f"{SITE_URL}agencies/cong-an-phuong-hoa-xuan/"] == "2025-07-01"


def test_an_archive_with_no_session_yet_builds_its_sitemap(tmp_path: Path) -> None:
    """A new office's archive (registries, a home page, no session yet) stopped its build with
    MkDocs' traceback: every page's lastmod was unknown, and MkDocs dates the sitemap by the
    newest one. The home page is dated by the build day until a session is."""
    content = make_archive(tmp_path / "content", sessions=0)
    (content / "registry" / "places.yaml").write_text(  # no unit that ended, whose page has a date
        "- id: phuong-cam-le\n  name: Phường Cẩm Lệ\n  kind: ward\n", encoding="utf-8")
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28")
    result = run_build(config)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    entries = dict(_sitemap_entries((tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")))
    assert [day for day in entries.values() if day] == ["2026-11-28"]


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _sitemap_entries(xml: str) -> list[tuple[str, str | None]]:
    """Each page of a sitemap file as a crawler reads it: its address and lastmod."""
    root = ElementTree.fromstring(xml.encode("utf-8"))
    assert root.tag == f"{SITEMAP}urlset"
    return [(url.findtext(f"{SITEMAP}loc"), url.findtext(f"{SITEMAP}lastmod"))
            for url in root.findall(f"{SITEMAP}url")]


@pytest.mark.parametrize("limit", ["urls", "bytes"])
def test_a_sitemap_past_the_protocols_limits_becomes_an_index_of_parts(
        public_site: Path, limit: str) -> None:
    """The sitemap was one file whatever its size: past 50,000 URLs (about 16,900 sessions) or
    50 MB a search engine refuses it. Past either limit, sitemap.xml is an index naming parts
    that each keep within both, every page listed once with its date; a small site's sitemap
    is as MkDocs writes it. The limits are lowered here, through the function the build uses."""
    written = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    pages = _sitemap_entries(written)
    assert len(pages) > 20
    assert sitemap_files(written, SITE_URL) == {"sitemap.xml": written}
    size = len(written.encode("utf-8"))
    limits = {"max_urls": 7} if limit == "urls" else {"max_bytes": size // 3}
    files = sitemap_files(written, SITE_URL, **limits)
    index = ElementTree.fromstring(files.pop("sitemap.xml").encode("utf-8"))
    assert index.tag == f"{SITEMAP}sitemapindex"
    named = [(s.findtext(f"{SITEMAP}loc"), s.findtext(f"{SITEMAP}lastmod"))
             for s in index.findall(f"{SITEMAP}sitemap")]
    assert [loc for loc, _ in named] == [f"{SITE_URL}sitemap-{n}.xml" for n in range(1, len(files) + 1)]
    assert len(files) >= 3
    listed = []
    for (loc, newest), (name, xml) in zip(named, files.items(), strict=True):
        assert loc == SITE_URL + name
        part = _sitemap_entries(xml)
        assert len(part) <= limits.get("max_urls", 50_000)
        assert len(xml.encode("utf-8")) <= limits.get("max_bytes", size)
        assert newest == max((day for _, day in part if day), default=None)
        listed += part
    assert listed == pages


def test_a_site_tells_search_engines_where_its_sitemap_is(sample_site: Path, tmp_path: Path) -> None:
    """No robots.txt was published unless the office wrote one: crawlers found no sitemap.
    One that allows everything and names the sitemap's address is written now; an office's
    own robots.txt is published as it wrote it."""
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots.splitlines() and "Disallow: /" not in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
    own = "User-agent: *\nDisallow: /data/\n"
    content = make_archive(tmp_path / "content")
    (content / "robots.txt").write_text(own, encoding="utf-8")
    assert (build_archive(content, tmp_path) / "robots.txt").read_text(encoding="utf-8") == own


def test_a_site_at_a_sub_path_writes_no_robots_txt(tmp_path: Path) -> None:
    """Crawlers read only a host's own /robots.txt: one written at a sub-path
    (https://portal/doithoai/robots.txt) was read by none, though README said crawlers then
    found every page. None is written; the build says where the Sitemap line goes."""
    content = make_archive(tmp_path / "content")
    config = write_config(tmp_path, content, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE))
    config.write_text(config.read_text(encoding="utf-8")
                      + "site_url: https://portal.example.vn/doithoai/\n", encoding="utf-8")
    result = run_build(config)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "robots.txt").exists()
    assert "add 'Sitemap: https://portal.example.vn/doithoai/sitemap.xml' to it" in result.stderr


def test_old_address_redirects_even_without_javascript(public_site: Path) -> None:
    soup = parse(public_site / "sessions" / "2024" / OLD_ID / "index.html")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh == f"0; url=../{NEW_ID}/"
    assert soup.find("link", rel="canonical")["href"] == f"{SITE_URL}sessions/2024/{NEW_ID}/"
    # said of any kind of session: a voter meeting's old address is no "phiên đối thoại"
    assert soup.body.p.get_text(" ", strip=True).startswith("Trang này đã chuyển sang địa chỉ mới:")
    # the session's open data cited at its former address too (a review's find: a 404)
    former = json.loads((public_site / "data" / "sessions" / f"{OLD_ID}.json").read_text("utf-8"))
    assert former == json.loads((public_site / "data" / "sessions" / f"{NEW_ID}.json").read_text("utf-8"))
    assert former["id"] == NEW_ID
    # an item's former id keeps its answers' addresses too (#ho-so-cu/answer-1), which the
    # open data's speech ids were
    page = parse(session_page(public_site, NEW_ID))
    first_answer = page.find(id="gia-dinh-toi-nop-ho-so/answer-1")
    assert page.find(id="ho-so-cu/answer-1") in first_answer.descendants


# --- in the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(public_site: Path, serve_site, browser):
    base = serve_site(public_site)
    context = browser.new_context()
    tab = context.new_page()
    tab.base = base  # type: ignore[attr-defined]
    yield tab
    context.close()


def test_old_session_url_and_old_item_anchor_reach_the_item(page) -> None:
    page.goto(f"{page.base}sessions/2024/{OLD_ID}/#ho-so-cu")
    page.wait_for_url(re.compile(f"/sessions/2024/{NEW_ID}/#ho-so-cu$"))
    page.wait_for_load_state()
    item = page.locator("#gia-dinh-toi-nop-ho-so")
    assert item.is_visible()
    anchor_top = page.evaluate("document.getElementById('ho-so-cu').getBoundingClientRect().top")
    assert 0 <= anchor_top < page.viewport_size["height"]  # scrolled to the item


def test_photo_opens_in_a_viewer_with_caption_and_esc_closes_it(page) -> None:
    page.goto(f"{page.base}sessions/2024/{NEW_ID}/")
    dialog = page.locator("dialog.da-lightbox")
    assert not dialog.is_visible()
    page.locator("a[data-da-lightbox]").click()
    assert dialog.is_visible()
    assert page.locator(".da-lightbox__caption").inner_text() == "Quang cảnh buổi đối thoại"
    assert page.locator(".da-lightbox__image").evaluate("img => img.complete && img.naturalWidth") == 8
    assert page.evaluate("document.activeElement.closest('dialog') !== null")  # focus moved in
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.url.endswith(f"/{NEW_ID}/")  # the link did not navigate to the bare image


def test_a_photo_in_the_write_up_opens_from_the_keyboard_in_a_centred_viewer(page) -> None:
    page.goto(f"{page.base}sessions/2024/{NEW_ID}/")
    photo = page.locator(".da-writeup img")
    assert photo.get_attribute("role") == "button"
    photo.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.da-lightbox")
    assert dialog.is_visible()
    assert page.locator(".da-lightbox__caption").inner_text() == "Người dân phát biểu tại buổi đối thoại"
    box, view = dialog.bounding_box(), page.viewport_size
    assert abs(box["x"] + box["width"] / 2 - view["width"] / 2) < 2
    assert abs(box["y"] + box["height"] / 2 - view["height"] / 2) < 2
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.matches('.da-writeup img')")  # back on the photo


def test_printed_session_is_a_clean_record(page) -> None:
    page.goto(f"{page.base}sessions/2024/{NEW_ID}/")
    assert not page.locator(".da-print-header").is_visible()
    page.emulate_media(media="print")
    try:
        for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                         ".md-footer", ".da-permalink"):
            assert page.locator(selector).evaluate_all(
                "els => els.every(e => getComputedStyle(e).display === 'none')"), selector
        header = page.locator(".da-print-header")
        assert header.is_visible()
        text = header.inner_text()
        assert f"{SITE_URL}sessions/2024/{NEW_ID}/" in text
        # The day what the record says last changed: the ward it was held in ended on 30/6/2025
        # (after its promise due 31/12/2024 fell overdue): the page says what the ward is part of now
        assert re.search(r"Dữ liệu cập nhật ngày 1/7/2025 · Ngày in: \d+/\d+/\d{4}", text), text
        items = page.locator(".da-item")
        assert items.count() == 5
        for i in range(items.count()):
            assert items.nth(i).is_visible()
        answers = page.locator(".da-answer")
        assert answers.count() == 6 and all(answers.nth(i).is_visible() for i in range(6))
    finally:
        page.emulate_media(media="screen")


@pytest.fixture(scope="module")
def sample_tab(sample_site: Path, serve_site, browser):
    """A tab on the sample site, built with its site_url."""
    context = browser.new_context()
    tab = context.new_page()
    tab.base = serve_site(sample_site)  # type: ignore[attr-defined]
    yield tab
    context.close()


@contextmanager
def printing(tab) -> Iterator[None]:
    """The tab as the browser prints it: print media, and publishing.js's beforeprint run."""
    tab.emulate_media(media="print")
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    try:
        yield
    finally:
        tab.evaluate("window.dispatchEvent(new Event('afterprint'))")
        tab.emulate_media(media="screen")


@pytest.mark.parametrize(("page", "filters", "first"), [
    ("commitments/", (".da-filters", ".da-filters__agencies", ".da-filters__list"),
     ".da-commitment-entry"),
    ("search/?q=h%E1%BB%99+kh%E1%BA%A9u", (".da-search__filters", ".da-search__to-results"),
     "#da-results > li")])
def test_a_printed_list_starts_with_what_it_lists(sample_tab, page: str, filters: tuple[str, ...],
                                                   first: str) -> None:
    """Printed, the commitments list's first page was its filter chips and its agencies'
    filter, opened for print; the search page's results came after three pages of filters,
    every facet opened. The list starts below its heading now, the filters unprinted."""
    sample_tab.goto(f"{sample_tab.base}{page}")
    sample_tab.wait_for_selector(first, timeout=15_000)
    with printing(sample_tab):
        for selector in filters:
            assert sample_tab.locator(selector).evaluate_all(
                "els => els.every(e => !e.checkVisibility())"), selector
        entry = sample_tab.locator(first).first
        assert entry.is_visible()
        heading = sample_tab.locator("h1").bounding_box()
        assert entry.bounding_box()["y"] - (heading["y"] + heading["height"]) < 400


def test_a_record_printed_from_an_items_link_names_and_frames_the_item(sample_tab,
                                                                       sample_site: Path) -> None:
    """Printed from an item's link, the record's address lacked the #anchor, and the item was
    marked by a faint shadow whose top edge printed alone at the foot of the page before."""
    session = "sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh/"
    item = parse(sample_site / session / "index.html").select(".da-item[id]")[5]["id"]
    sample_tab.goto(f"{sample_tab.base}{session}#{item}")
    address = f"{SITE_URL}{session}#{item}"
    with printing(sample_tab):
        assert sample_tab.locator(".da-print-url").inner_text() == address
        style = sample_tab.locator(f"[id='{item}']").evaluate(
            "e => { const s = getComputedStyle(e); return [s.boxShadow, s.borderTopStyle, "
            "s.borderTopWidth, s.borderTopColor]; }")
        assert style == ["none", "solid", "2px", "rgb(0, 0, 0)"], style
        other = sample_tab.locator(".da-item:not(:target)").first.evaluate(
            "e => getComputedStyle(e).borderTopWidth")
        assert other == "1px"  # only the item the link names is framed


def test_an_answers_link_marks_the_answer(sample_tab, sample_site: Path) -> None:
    """An answer's address (`#<item>/answer-2`, the open data's speech id) scrolled to it and
    marked nothing, where an item's and a commitment's are framed: on screen and on paper."""
    session = "sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh/"
    answer = parse(sample_site / session / "index.html").select(".da-answer[id]")[-1]["id"]
    sample_tab.goto(f"{sample_tab.base}{session}#{answer}")
    marked = sample_tab.locator(f"[id='{answer}']")
    assert marked.evaluate("e => e.matches(':target')")
    assert marked.evaluate("e => getComputedStyle(e).boxShadow") != "none"
    with printing(sample_tab):
        assert marked.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"


def test_printed_statistics_keep_each_heading_with_its_chart(sample_tab) -> None:
    """Printed, a heading stayed at the foot of page 3 and its chart went to page 4: each
    heading and chart title is kept with what follows, and a chart is not cut."""
    sample_tab.goto(f"{sample_tab.base}statistics/")
    with printing(sample_tab):
        headings = sample_tab.locator(".md-content h2, .da-chart__title")
        assert headings.count() > 5
        assert headings.evaluate_all("els => els.map(e => getComputedStyle(e).breakAfter)") \
            == ["avoid"] * headings.count()
        charts = sample_tab.locator(".da-chart__svg")
        assert charts.evaluate_all("els => els.every(e => getComputedStyle(e).breakInside === 'avoid')")
        # one chart under another, as the page breaks them: a title right above its chart
        for i in range(charts.count()):
            title = sample_tab.locator(".da-chart__title").nth(i).bounding_box()
            chart = charts.nth(i).bounding_box()
            assert 0 <= chart["y"] - (title["y"] + title["height"]) < 30 and chart["x"] == title["x"]


def test_a_shared_session_names_its_kind_in_words(sample_site: Path) -> None:
    """A voter meeting's card said `article:section` "voter_meeting", the format's code."""
    meta = share_meta(sample_site / "sessions" / "2024" / "2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan"
                      / "index.html")
    assert meta["article:section"] == "Tiếp xúc cử tri"


def test_a_printed_record_is_dated_after_the_end_of_the_units_it_names(press_office: Path) -> None:
    """A 2024 session printed in 2026 said 'Dữ liệu cập nhật ngày 1/1/2025' (its promise falling
    overdue) above '(nay thuộc phường Cẩm Lệ)', true only from 1/7/2025: the end of a unit the
    record names is a change of what the page says: the district's police it names ended on
    28/2/2025, the ward on 30/6/2025. Before, the day its promise fell overdue."""
    for build_date, expected in ((dt.date(2025, 2, 15), dt.date(2025, 1, 1)),
                                 (dt.date(2025, 6, 30), dt.date(2025, 3, 1)),
                                 (SAMPLE_BUILD_DATE, dt.date(2025, 7, 1))):
        archive, _ = load_archive(press_office, build_date)
        session = next(s for s in archive.sessions if s.id == NEW_ID)
        assert ArchiveViews(archive).data_date(session) == expected, build_date


def test_a_session_scheduled_by_its_date_says_when_it_goes_public(press_office: Path,
                                                                  tmp_path: Path) -> None:
    """FORMAT.md: without `published`, a session goes public on its date; its preview's flag
    says so (a review found '… chưa công bố ()')."""
    content = tmp_path / "content"
    shutil.copytree(press_office, content)
    folder = scaffold(content, "2026-12-03", "theo-ngay-to-chuc", "Bài đăng theo ngày tổ chức")
    write_news(folder)
    set_front_matter(folder / "index.md", draft="")
    archive, log = load_archive(content, SAMPLE_BUILD_DATE, include_drafts=True)
    assert not log.errors
    session = next(s for s in archive.published if s.id == "2026-12-03-theo-ngay-to-chuc")
    view = ArchiveViews(archive).session_view(session)
    assert view["visibility_label"] == "HẸN GIỜ ĐĂNG — chưa công bố (đăng ngày 3/12/2026)"
    assert view["published"] == ""  # no byline time: `published` is not written


def test_a_publishing_time_written_in_utc_is_told_in_vietnams_time(press_office: Path,
                                                                    tmp_path: Path) -> None:
    """`published: …T20:00:00Z` is 03:00 the next day in Vietnam: the build log, like the
    byline, says that hour and day (it said 20:00 the day before)."""
    content = tmp_path / "content"
    shutil.copytree(press_office, content)
    folder = content / "sessions" / SCHEDULED_ID[:4] / SCHEDULED_ID
    set_front_matter(folder / "index.md", published="2026-11-30T20:00:00Z")
    archive, log = load_archive(content, dt.datetime(2026, 12, 1, 4), include_drafts=True)
    assert not log.errors
    session = next(s for s in archive.sessions if s.id == SCHEDULED_ID)
    assert f"{session.published_at():%Y-%m-%d %H:%M %z}" == "2026-12-01 03:00 +0700"
    assert session.updated_at(dt.date(2026, 12, 1)) == session.published_at()
    result = run_build(write_config(tmp_path, content, tmp_path / "site",
                                    build_date=str(SAMPLE_BUILD_DATE)))
    assert result.returncode == 0, result.stderr
    assert f"(next: {SCHEDULED_ID} at 2026-12-01 03:00)" in result.stderr


def test_a_sites_own_plugin_options_keep_the_previews_drafts(press_office: Path, tmp_path: Path
                                                             ) -> None:
    """A site's mkdocs.yml with its own `plugins:` block replaces the repository's (INHERIT),
    and with it the line that read scripts/serve's DIALOGUE_ARCHIVE_DRAFTS: its preview showed
    no draft (a review's find). The plugin reads the variable itself; a build that includes
    drafts says it is a preview."""
    config = write_config(tmp_path, press_office, tmp_path / "site", build_date=str(SAMPLE_BUILD_DATE),
                          data_publisher="UBND xã Thử")
    shown = run_build(config, env={"DIALOGUE_ARCHIVE_DRAFTS": "true"})
    assert shown.returncode == 0, shown.stderr
    assert session_page(tmp_path / "site", DRAFT_ID).is_file()
    assert "this site is a preview, not one to publish" in shown.stderr
    hidden = run_build(config, env={"DIALOGUE_ARCHIVE_DRAFTS": "false"})
    assert hidden.returncode == 0, hidden.stderr
    assert not session_page(tmp_path / "site", DRAFT_ID).exists()
    assert "not published yet: 1 draft(s)" in hidden.stderr


def test_the_calendar_holds_the_announced_and_the_latest_held_sessions(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A calendar client fetches the whole file at each refresh: it held every session ever
    (5.6 MB at 10,000 sessions, a review's estimate); now the latest CALENDAR_PAST held ones."""
    from dialogue_archive.core import feeds
    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    held = [s for s in archive.published if not archive.announced(s)]
    announced = [s for s in archive.published if archive.announced(s)]
    assert len(held) > 2 and announced
    monkeypatch.setattr(feeds, "CALENDAR_PAST", 2)
    newest = sorted(held, key=lambda s: s.date, reverse=True)[:2]  # as the archive lists them
    assert {s.id for s in feeds.calendar_sessions(archive)} == {s.id for s in [*announced, *newest]}


def test_a_sites_own_main_html_keeps_every_pages_share_card(tmp_path: Path) -> None:
    """Material's usual way to add to every page is a `main.html` of the site's own in its theme
    `custom_dir`; the share card and feed links, once written by a `main.html` of the package's,
    were then gone from every page. They are kept, and the site's `main.html` is used, its own
    <head> additions (extrahead) too."""
    content = copy_sample(tmp_path / "content")
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Thông báo của phường{% endblock %}\n'
        '{% block extrahead %}<meta name="x-site-own" content="1">{% endblock %}\n', encoding="utf-8")
    site, config = tmp_path / "site", tmp_path / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {content}\nsite_dir: {site}\ntheme:\n  name: "
        f"material\n  language: vi\n  custom_dir: {overrides}\nplugins:\n  - dialogue-archive:\n"
        f"      build_date: '{SAMPLE_BUILD_DATE}'\n", encoding="utf-8")
    result = run_build(config)
    assert result.returncode == 0, result.stderr
    for page in ("about", "topics", "sessions/2024/2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan", ""):
        soup = parse(site / page / "index.html")
        assert "Thông báo của phường" in soup.select_one("[data-md-component=announce]").get_text(), page
        assert share_meta(site / page / "index.html").get("og:title"), page
    # The site's own <head> additions are tags on every page, the 404 page too (they were
    # escaped there, and shown as text above its header)
    for page in (site / "about" / "index.html", site / "404.html"):
        assert parse(page).head.find("meta", attrs={"name": "x-site-own"}), page
        assert "&lt;meta" not in page.read_text(encoding="utf-8"), page
