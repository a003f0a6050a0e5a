"""Search: Vietnamese normalisation, and the /search/ page driven in Chromium on the sample site.

The sample site is built once (conftest's `sample_site`), one browser page is shared, and
expected results come from the same model the index was built from, so the tests follow
the sample content as it grows.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import cbor2
import pytest
import yaml
from conftest import (
    CONTENT,
    SAMPLE_BUILD_DATE,
    build_archive,
    copy_sample,
    make_archive,
    open_filters,
    parse,
    replace,
    serious_violations,
)
from dialogue_archive.core import urls
from dialogue_archive.core.labels import VI, format_number, format_short_date
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.search import WITHIN, SearchRecords, even_parts, searchable
from dialogue_archive.core.search_chunks import unpacked
from dialogue_archive.core.search_text import (
    DATE_MARK,
    EVERY_RECORD,
    Phrases,
    SearchRecord,
    Words,
    extra_words,
    topic_word,
)
from dialogue_archive.core.vietnamese import fold, i_for_y, normalise, separated
from dialogue_archive.core.views import ArchiveViews
from sample_records import raw_sessions

WORDS = VI["search"]


def nothing_found(*missing: str) -> str:
    """What a search without filters that finds nothing says: no advice to remove filters
    (there are none), and the words typed that no record holds, to check their spelling."""
    said = WORDS["no_results_unfiltered"]
    return said + (" " + WORDS["missing_words"].replace("{words}", ", ".join(f"“{w}”" for w in missing))
                   if missing else "")

TONE_WORDS = [
    "hoà", "hòa", "Hoà", "HOÀ", "thuỷ", "thủy", "Thuỷ", "khoẻ", "khỏe", "toà", "xoá", "hoá",
    "huỷ", "tuý", "quý", "qúy", "Quỳ", "hoàn", "hoạch", "thuyền", "khuya", "ngoài", "oà", "uỷ",
    "đất", "Đường", "đăng", "ký", "kỹ", "người", "hộ", "khẩu", "sổ", "đỏ", "Giấy", "GPXD",
    "goá", "loé", "thuở", "mùa", "của", "quả", "giá", "Hoà Xuân", "Khuê Trung", "Cẩm Lệ",
    unicodedata.normalize("NFD", "hoà thuỷ đất"), "hoa\u0300", "nghiêng", "ươ", "x", "",
    "\u00d0ình", "\u00f0ất", "VP\u00d0K\u00d0\u00d0",
    "giấy\u2010phép", "hộ\u2011khẩu", "tạm\u200btrú", "a\u2060b\ufeffc",
    "quy hoạch", "Lý lịch", "thủy", "Huy", "mỹ", "kỷ", "tỷ", "y tế", "nghy", "quý",
]


# --- normalisation (no browser) --------------------------------------------------------


@pytest.mark.parametrize(("written", "expected"), [
    ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("HOÀ", "HÒA"), ("Thuỷ", "Thủy"),
    ("toà án", "tòa án"), ("xoá", "xóa"), ("huỷ", "hủy"), ("qúy", "quý"),
    ("hòa", "hòa"), ("quý", "quý"), ("hoàn", "hoàn"), ("thuyền", "thuyền"), ("ngoài", "ngoài"),
])
def test_tone_marks_have_one_placement(written: str, expected: str) -> None:
    assert normalise(written) == expected


def test_normalise_composes_decomposed_text() -> None:
    assert normalise(unicodedata.normalize("NFD", "Phường Hoà Xuân")) == "Phường Hòa Xuân"


def test_fold_removes_every_mark_and_d_stroke() -> None:
    assert fold("Đăng ký đất đai ở đường Hòa Thọ") == "Dang ky dat dai o duong Hoa Tho"


def test_eth_from_old_fonts_and_pdfs_is_d_stroke() -> None:
    """`Ð`/`ð` (Latin Eth) look like `Đ`/`đ`, and old-font conversions put them in their place."""
    assert fold("\u00d0ình làng \u00f0ất") == "Dinh lang dat"
    assert normalise("\u00d0ình \u00f0ất") == "Đình đất"


def test_synonyms_are_searchable_with_and_without_accents() -> None:
    """Pagefind folds every mark but đ's, and counts each copy of a word: a synonym's words
    the text lacks come once, with the folded form of those with đ."""
    words = extra_words("Cấp giấy chứng nhận quyền sử dụng đất",
                        ["sổ đỏ", "GPXD", "tiền sử dụng đất", "sổ hồng", "lệ phí, phí"]).split()
    assert words == ["sổ", "đỏ", "GPXD", "tiền", "hồng", "lệ", "phí", "dat", "do"]


def test_excerpts_keep_the_office_spelling_and_queries_find_both() -> None:
    """`hoà giải` is quoted as written; the query's spelling `hòa` is among the hidden words."""
    text = searchable("Tổ **hoà giải** và thuỷ lợi")
    assert text == "Tổ hoà giải và thuỷ lợi"
    assert extra_words(text).split() == ["hòa", "thủy"]


def test_words_a_slash_joins_are_held_apart_and_a_dates_are_not() -> None:
    """Pagefind indexes "12/3" as `123` and `12`, not `3` (a part of one character): `kiet 12 3`
    did not find "kiệt 12/3". The records hold the parts Pagefind leaves out as hidden words, not
    those it holds (a copy would count twice); a date stays one word (its own hidden word)."""
    hidden = set(extra_words("Kiệt 12/3, tổ 5/khu phố 7, số 45/2024/NĐ-CP, TP/HCM, "
                             "https://dichvucong.gov.vn/p/home, từ 1/7/2025 đến (1/12/25).").split())
    assert {"3", "5", "dichvucong.gov.vn", "p", "zxqd01072025", "zxqd01122025"} <= hidden, hidden
    assert not {"12", "khu", "45", "2024", "TP", "HCM", "https", "home", "1", "7", "2025", "25"} & hidden


def test_hyphens_and_invisible_characters_from_pdfs_and_word_part_words() -> None:
    """What Pagefind indexes: `Giấy‐phép` (U+2010) was the one word `giấyphép`."""
    assert searchable("Giấy\u2010phép, hộ\u2011khẩu, tạm\u200btrú, a\u2060b\ufeffc") == \
        "Giấy-phép, hộ-khẩu, tạm trú, a b c"


def test_only_days_of_the_calendar_get_other_spellings() -> None:
    """'31/2/2024' or '1,5/3/2024' got hidden words making them findable as dates (a review's
    find): a text's dates get their hidden word only when they are days (the numbers a slash
    joins in the others are held apart, as in any word a slash joins)."""
    def dates(text: str) -> list[str]:
        return [word for word in extra_words(text).split() if word.startswith(DATE_MARK)]

    assert dates("Hạn 9/8/2025; sai 31/2/2024, 00/00/2024, 1/13/2024, tỉ lệ 1,5/3/2024.") == ["zxqd09082025"]
    assert "tỷ" in extra_words("tỉ lệ 1,5/3/2024")  # tỷ: tỉ written with y
    # written with dashes or dots, a date has the same word; a longer number has none
    assert extra_words("Hạn 05-12-2025 và 1.7.2025; mã 1.7.20251").split() == [
        "zxqd05122025", "zxqd01072025"]
    # a year of two digits is this century's ('1/12/25'), not in a longer number ('1/12/250')
    assert dates("Nộp 1/12/25, hẹn 05.3.26; số 1/12/250, 31/2/25") == ["zxqd01122025", "zxqd05032026"]


@pytest.mark.parametrize(("text", "hidden"), [
    ("lí lịch", ["lý"]), ("Quản lý", ["lí"]), ("KỸ thuật", ["KĨ"]), ("quý", ["quí"]),
    ("Quy Nhơn", ["Qui"]), ("tỉ lệ", ["tỷ"]), ("mì", ["mỳ"]), ("hy vọng", ["hi"]),
    # not: a vowel before the y, no consonant, onsets never written with y, t without hỏi
    ("Huy thủy ngày y tế ý kiến", []), ("chi phí thi hành khi nghi", []), ("ti vi", [])])
def test_words_written_with_i_or_y_get_the_other_spelling(text: str, hidden: list[str]) -> None:
    """Offices write lí and lý, kĩ and kỹ, quí and quý; a record holds both, so that either
    typed finds it (the query itself is never respelled)."""
    assert extra_words(text).split() == hidden


def test_phrases_typed_as_words_get_a_word_of_their_own() -> None:
    phrases = Phrases(["Sổ đỏ", "giấy phép xây dựng", "GPXD", "giấy phép"])
    assert phrases.found("Cấp lại SỔ ĐỎ, giấy phép xây dựng; sổ tay đỏ") == [
        "zxqpsodo", "zxqpgiayphepxaydung", "zxqpgiayphep"]
    assert phrases.found("Cấp lại so do") == ["zxqpsodo"]  # typed without accents
    assert phrases.found("Con số đó, sở đó. Sổ. Đỏ") == []  # other words; a sentence's end
    assert phrases.config() == {"so do": "zxqpsodo", "giay phep xay dung": "zxqpgiayphepxaydung",
                                "giay phep": "zxqpgiayphep"}


def test_a_phrase_written_with_i_or_y_is_the_same_phrase() -> None:
    """A text writing `qui hoạch` did not hold the phrase `quy hoạch` (words alone did)."""
    phrases = Phrases(["quy hoạch", "lí lịch tư pháp"])
    assert phrases.found("Nằm trong qui hoạch. Phiếu lý lịch tư pháp") == phrases.found(
        "Nằm trong quy hoạch. Phiếu lí lịch tư pháp") == ["zxqpquihoach", "zxqplilichtuphap"]
    assert phrases.found("Qúi hoạch, QUY HOACH") == ["zxqpquihoach"]


def holding(records: list[SearchRecord], phrase: str) -> set[str]:
    """The records holding a phrase's hidden word, of either kind (`Phrases`): in their own
    words, or through their topics."""
    word = Phrases([phrase]).config()[phrase]
    return {r.url for r in records if {word, topic_word(word)} & set(r.extra.split())}


# --- the site --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def records() -> list[SearchRecord]:
    archive, problems = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    assert not problems.errors
    return list(SearchRecords(ArchiveViews(archive)))


def test_a_write_up_is_found_by_the_name_of_who_chaired_the_session(tmp_path: Path, browser,
                                                                   serve_site) -> None:
    """A review's find: the chair's name, on the session page though not in its write-up's
    text, found nothing, and the page said no record held its middle name."""
    content = make_archive(tmp_path / "content", sessions=2)
    index = sorted((content / "sessions").glob("*/*/index.md"))[0]
    replace(index, "summary:", "chair:\n  name: Võ Ngọc Hiệp\n  position: Phó Chủ tịch UBND quận\n"
            "summary:")
    base = serve_site(build_archive(content, tmp_path))
    tab = browser.new_page()
    try:
        assert open_search(tab, base, "q=vo+ngoc+hiep") == [
            f"sessions/{index.parent.parent.name}/{index.parent.name}/"]
    finally:
        tab.close()


def test_a_promise_done_late_says_so_in_its_search_result(tmp_path: Path) -> None:
    """Its page and lists say "Hoàn thành sau hạn"; its search result said only "Đã hoàn
    thành", the words of one done on time (a review's find)."""
    content = copy_sample(tmp_path / "content")
    answers = next(content.glob("sessions/2022/2022-08-18-*/answers.yaml"))
    answers.write_text(answers.read_text(encoding="utf-8").replace("due: 2022-09-30", "due: 2022-09-15"),
                       encoding="utf-8")
    archive, problems = load_archive(content, SAMPLE_BUILD_DATE)
    assert not problems.errors
    record = next(r for r in SearchRecords(ArchiveViews(archive))
                  if r.url.endswith("#ho-so-cap-lan-dau-tre-hen"))
    assert record.meta["status"] == "Đã hoàn thành, Hoàn thành sau hạn"


def test_a_result_names_agencies_in_full_not_by_their_short_names(records) -> None:
    """A result's "Trả lời:" line stands alone, like the commitments lists: "Chi nhánh
    VPĐKĐĐ Cẩm Lệ" says nothing to a citizen (a reader's find)."""
    land_office = "chi-nhanh-van-phong-dang-ky-dat-dai-cam-le"
    urls = {f"{s.id}/#{item['id']}" for s in raw_sessions() for item in s.items
            if any(a["by"] == land_office for a in item.get("answers") or ())}
    said = [r.meta["agencies"] for r in records if r.url.split("sessions/")[-1].split("/", 1)[-1] in urls]
    assert urls and len(said) == len(urls)
    assert all("Chi nhánh Văn phòng Đăng ký đất đai quận Cẩm Lệ" in line
               and "VPĐKĐĐ" not in line for line in said), said
    write_ups = [r.meta["organizer"] for r in records if "organizer" in r.meta]
    assert write_ups and "UBND quận Cẩm Lệ" not in write_ups


@pytest.fixture(scope="module")
def base_url(sample_site: Path, serve_site) -> str:
    return serve_site(sample_site)


@pytest.fixture(scope="module")
def page(browser, base_url: str) -> Iterator[object]:
    """One phone-sized page for the module; console errors fail the run at the end."""
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    yield tab
    context.close()
    assert errors == [], errors


def settle(page) -> str:
    """Wait until the search page shows an answer and, when the filter panel is unfolded, its
    filters' counts (folded, they are not counted); return the status line."""
    busy = ["", WORDS["loading"], WORDS["searching"]]
    page.wait_for_function(
        """(busy) => { const s = document.getElementById('da-status').textContent;
             const n = document.querySelectorAll('#da-results > li').length;
             const m = s.startsWith('Tìm thấy') ? s.match(/\\d[\\d.]*/) : null;  // a count
             return !busy.includes(s) && (!m || n === Math.min(20, parseInt(m[0].replace(/\\./g, ''))))
               && (!document.getElementById('da-facets').hasAttribute('aria-busy')
                   || !document.getElementById('da-filters').open);
           }""", arg=busy)
    return page.inner_text("#da-status")


def open_search(page, base_url: str, query: str = "") -> list[str]:
    """The search page at `?query`; every result link (all pages of results), site-relative.
    Opened afresh: going to the address the page is already at keeps its history entry, and
    with it the number of results shown before (what a reload restores)."""
    page.goto("about:blank")
    page.goto(f"{base_url}search/{'?' + query if query else ''}")
    return all_results(page, base_url)


def all_results(page, base_url: str) -> list[str]:
    settle(page)
    while page.is_visible("#da-more"):
        before = page.locator("#da-results > li").count()
        page.click("#da-more")
        page.wait_for_function(f"document.querySelectorAll('#da-results > li').length > {before}")
    # The button hides as the last batch starts (also when a page opened from history shows
    # as many results as before): wait until the list holds every result the status counts.
    page.wait_for_function(
        """() => { const s = document.getElementById('da-status').textContent;
             const m = s.startsWith('Tìm thấy') ? s.match(/\\d[\\d.]*/) : null;
             return !m || document.querySelectorAll('#da-results > li').length
                          === parseInt(m[0].replace(/\\./g, '')); }""")
    links = page.eval_on_selector_all("#da-results .da-result__title a", "els => els.map(e => e.href)")
    return [link.removeprefix(base_url) for link in links]


def urls_where(records: list[SearchRecord], **filters: str) -> set[str]:
    return {r.url for r in records if all(v in r.filters.get(k, ()) for k, v in filters.items())}


def test_python_and_javascript_normalise_alike(page, base_url: str) -> None:
    page.goto(f"{base_url}search/")
    settle(page)
    browser_forms = page.evaluate(
        """async (words) => { const v = await import('../assets/dialogue-archive-search/vietnamese.js');
             return words.map(w => [v.normalise(w), v.fold(w), v.iForY(v.normalise(w).toLowerCase())]); }""",
        TONE_WORDS)
    assert browser_forms == [[normalise(w), fold(w), i_for_y(normalise(w).lower())] for w in TONE_WORDS]


@pytest.mark.parametrize(("query", "accented"), [("dat dai", "đất đai"), ("dang ky", "đăng ký"),
                                                ("duong", "đường")])
def test_accent_free_query_finds_accented_text(page, base_url, records, query, accented) -> None:
    found = open_search(page, base_url, f"q={query.replace(' ', '+')}")
    having = {r.url for r in records if accented in r.text.lower()}
    assert having and having <= set(found)
    excerpt_marks = page.eval_on_selector_all("#da-results mark", "els => els.map(e => e.textContent)")
    assert any(fold(m).lower().strip(".,;:?") in query.split() for m in excerpt_marks)
    assert any("đ" in m.lower() for m in excerpt_marks)  # the accented words are highlighted


@pytest.mark.parametrize(("plain", "accented"), [("chuyen den", "chuyển đến"), ("dia diem", "địa điểm")])
def test_an_accent_free_query_finds_every_record_the_accented_one_finds(page, base_url, plain,
                                                                       accented) -> None:
    """`chuyen den` missed the item whose only 'đến' was its referral's ('UBND … chuyển đến
    Công an …', words of the interface, indexed with no weight), and `dia diem` the write-ups
    saying 'Địa điểm:' only: Pagefind does not read `đ` as `d`."""
    with_accents = open_search(page, base_url, f"q={quote(accented)}&scope=all")
    without = open_search(page, base_url, f"q={quote(plain)}&scope=all")
    assert with_accents and set(with_accents) <= set(without)


def test_tone_mark_variants_find_the_same(page, base_url) -> None:
    old = open_search(page, base_url, "q=h%C3%B2a+xu%C3%A2n")  # hòa xuân
    new = open_search(page, base_url, "q=ho%C3%A0+xu%C3%A2n")  # hoà xuân
    assert old and sorted(old) == sorted(new)


@pytest.mark.parametrize(("query", "topic", "synonym"), [
    ("so do", "dat-dai", "sổ đỏ"), ("ho khau", "cu-tru", "hộ khẩu"), ("GPXD", "xay-dung", "GPXD"),
    ("CCCD", "cu-tru", "CCCD")])
def test_topic_synonyms_find_items_that_do_not_use_them(page, base_url, records, query, topic,
                                                        synonym) -> None:
    found = set(open_search(page, base_url, f"q={query.replace(' ', '+')}"))
    silent = {r.url for r in records if topic in r.filters.get("topic", ())
              and r.filters["type"] != ("session",) and fold(synonym).lower() not in fold(r.text).lower()}
    assert silent, f"the sample has no {topic} item without '{synonym}': the test proves nothing"
    assert silent <= found


def test_a_typed_synonym_puts_the_records_holding_it_first(page, base_url, records) -> None:
    """Each syllable is a word: `so do` also matches every text with số, sở, đó, đỏ…"""
    found = open_search(page, base_url, "q=so+do")
    holders = holding(records, "so do")
    assert holders and len(found) > len(holders)
    assert set(found[:len(holders)]) == holders


@pytest.mark.parametrize(("joined", "spaced"), [("sodo", "so+do"), ("hokhau", "ho+khau")])
def test_a_phrase_typed_without_its_spaces_finds_what_its_words_find(page, base_url, joined,
                                                                     spaced) -> None:
    """`sodo` found the land-certificate items through their hidden phrase word, until that
    word took a form no typed word starts (a review's find): it is read as its words."""
    assert open_search(page, base_url, f"q={joined}") == open_search(page, base_url, f"q={spaced}")


def test_a_syllable_typed_is_not_read_as_a_phrase_joined(tmp_path: Path, browser, serve_site) -> None:
    """With 'đồ án' among a topic's synonyms, `doan` (Đoàn, đoạn) was read as `do an`, and the
    topic's items came first (a diff reader's find): a word of one group of vowels is a syllable."""
    content = copy_sample(tmp_path / "content")
    topics = content / "registry" / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace(
        "synonyms: [giấy phép xây dựng,", "synonyms: [giấy phép xây dựng, đồ án,", 1), encoding="utf-8")
    base = serve_site(build_archive(content, tmp_path))
    tab = browser.new_page()
    try:
        tab.goto(f"{base}search/?q=doan&scope=all")
        syllable = all_results(tab, base)
        tab.goto(f"{base}search/?q=do+an&scope=all")
        assert syllable and syllable != all_results(tab, base)
    finally:
        tab.close()


def test_a_phrase_typed_with_i_or_y_puts_the_records_holding_it_first(tmp_path: Path, browser,
                                                                    serve_site) -> None:
    """`quy hoach` put the records holding a topic's phrase "quy hoạch" first, `qui hoach` did
    not, and a text writing "qui hoạch" did not hold it: words written with i or y find each
    other, and now phrases do too."""
    content = copy_sample(tmp_path / "content")
    replace(content / "registry" / "topics.yaml", "synonyms: [sổ đỏ,", "synonyms: [quy hoạch, sổ đỏ,")
    school = next(content.glob("sessions/2024/2024-06-27-*/answers.yaml"))
    replace(school, "trong quy hoạch khu đô thị", "trong qui hoạch khu đô thị")
    archive, problems = load_archive(content, SAMPLE_BUILD_DATE)
    assert not problems.errors
    records = list(SearchRecords(ArchiveViews(archive)))
    word = Phrases(["quy hoạch"]).config()["quy hoach"]
    said = {r.url.lstrip("/") for r in records if word in r.extra.split()}
    holders = {url.lstrip("/") for url in holding(records, "quy hoach")}
    assert any(url.endswith("#truong-tieu-hoc-qua-tai") for url in said)  # 'qui hoạch', no land topic
    assert said < holders
    base = serve_site(build_archive(content, tmp_path))
    tab = browser.new_page()
    try:
        for query in ("quy hoach", "qui hoach", "quí hoạch", "quihoach"):
            tab.goto(f"{base}search/?q={quote(query)}&scope=all")
            found = all_results(tab, base)
            assert set(found[:len(said)]) == said, query
            assert set(found[:len(holders)]) == holders, query
    finally:
        tab.close()


def test_a_typed_commitment_state_puts_the_items_in_that_state_first(page, base_url, records) -> None:
    """`qua han` (README's example) also matched every 'quá tải' and 'thời hạn': the overdue
    items were 4th, 9th, 13th… (a review's find)."""
    overdue = {r.url for r in records if "overdue" in r.filters.get("status", ())}
    holders = holding(records, "qua han")  # overdue, or saying so
    found = open_search(page, base_url, "q=qua+han")
    assert overdue and overdue <= holders and len(found) > len(holders)
    assert set(found[:len(holders)]) == holders


@pytest.mark.parametrize("facet", ["type", "answered", "status", "topic", "agency", "place", "kind", "year"])
def test_each_filter_alone(page, base_url, records, facet) -> None:
    counts: dict[str, int] = {}
    for record in records:
        for value in record.filters.get(facet, ()):
            counts[value] = counts.get(value, 0) + 1
    value = max(counts, key=lambda v: (counts[v] < 20, counts[v]))  # a value with many results
    found = open_search(page, base_url, f"{facet}={value}")
    assert sorted(found) == sorted(urls_where(records, **{facet: value}))
    open_filters(page)
    box = page.locator(f"#da-f-{facet}-{value}")
    assert box.is_checked()


def facet_counts(page, key: str) -> dict[str, str | None]:
    """Each value of a filter group with its count as shown ('(12)'), or None if it has none."""
    open_filters(page)
    group = page.locator(f"details[data-facet='{key}']")
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    return dict(group.locator(".da-facet__option").evaluate_all(
        """options => options.map(o => [o.querySelector('input').value,
             (o.querySelector('.da-facet__count') || {}).textContent || null])"""))


@pytest.mark.parametrize("query, key, filters", [
    ("place=phuong-hoa-xuan&scope=all", "place", {}),
    ("topic=xay-dung", "topic", {}),
    ("topic=xay-dung&place=quan-cam-le", "topic", {"place": "quan-cam-le"}),
])
def test_a_ticked_filters_other_values_are_counted_whole(page, base_url, records, query, key,
                                                         filters) -> None:
    """A ticked value's group counts its other values without it, each what ticking it as well
    would add. Only the indexes holding the ticked value were searched for them: 'Thành phố Đà
    Nẵng (34)' within a ward, 52 results once ticked (a review's find); then such a value had
    no count, read as "nothing here" though ticking it brought results ('Đất đai' beside
    Xây dựng: a citizen review's find). Every value is counted whole."""
    open_search(page, base_url, query)
    counts = facet_counts(page, key)
    assert None not in counts.values(), counts
    expected = {value: len(urls_where(records, **filters, **{key: value})) for value in counts}
    assert {value: int(count.strip("()")) for value, count in counts.items()} == expected


def test_query_and_filter_combined(page, base_url, records) -> None:
    everything = set(open_search(page, base_url, "q=dat+dai"))
    questions = open_search(page, base_url, "q=dat+dai&type=question")
    assert questions and set(questions) < everything
    assert set(questions) <= urls_where(records, type="question")
    kinds = page.eval_on_selector_all("#da-results .da-result__kind", "els => els.map(e => e.textContent)")
    assert all(k.startswith(VI["item_type"]["question"]) for k in kinds)


def test_state_lives_in_the_url(page, base_url) -> None:
    first = open_search(page, base_url, "q=dat+dai&type=question")
    assert page.input_value("#da-q") == "dat dai"
    open_filters(page)
    if page.locator("details[data-facet='answered']").get_attribute("open") is None:
        page.locator("details[data-facet='answered'] summary").click()
    page.locator("#da-f-answered-yes").check()
    narrowed = all_results(page, base_url)
    state = parse_qs(urlsplit(page.url).query)
    assert state == {"q": ["dat dai"], "type": ["question"], "answered": ["yes"]}
    shared = page.url
    page.goto(f"{base_url}")
    page.goto(shared)  # the shared link opens the same search
    assert all_results(page, base_url) == narrowed
    open_filters(page)
    assert page.input_value("#da-q") == "dat dai" and page.locator("#da-f-answered-yes").is_checked()
    assert set(narrowed) <= set(first)
    page.fill("#da-q", "ho khau")
    page.press("#da-q", "Enter")
    page.wait_for_url(re.compile(r"q=ho\+khau"))


def test_a_year_without_sessions_says_so_and_keeps_the_other_years_choosable(
        page, base_url, records) -> None:
    """A shared link to a year with no session (2025, the year of the merger) must not break
    the page: it says so, and ticking another year searches that year."""
    years = {y for r in records for y in r.filters.get("year", ())}
    assert "2025" not in years, "the sample now has 2025 sessions: pick another empty year"
    assert open_search(page, base_url, "q=dat+dai&year=2025") == []
    assert page.inner_text("#da-status").startswith("Không có phiên nào trong năm 2025.")
    assert page.is_checked("#da-f-year-2025")
    open_filters(page)
    page.click("label[for=da-f-year-2025]")
    page.click("label[for=da-f-year-2024]")
    settle(page)
    assert "year=2024" in page.url and "2025" not in page.url
    found = all_results(page, base_url)
    assert found and set(found) <= urls_where(records, year="2024")


def test_a_link_naming_an_unknown_filter_value_searches_without_it(page, base_url) -> None:
    """A mistyped or stale link (`agency=khong-co`) showed its bare id as a ticked filter and
    a chip, and no result (a reader's find): the value is left out."""
    plain = open_search(page, base_url, "q=dat+dai")
    odd = "agency=khong-co&type=bogus&topic=constructor"  # not a value an object inherits either
    assert plain and open_search(page, base_url, f"q=dat+dai&{odd}") == plain
    assert page.is_hidden("#da-active") and "khong-co" not in page.inner_text("#da-search")


def test_deep_link_lands_on_the_item(page, base_url) -> None:
    found = open_search(page, base_url, "q=dat+dai&type=complaint")
    target = found[0]
    assert "#" in target
    page.click("#da-results .da-result__title a >> nth=0")
    page.wait_for_url(f"{base_url}{target}")
    anchor = target.split("#", 1)[1]
    page.wait_for_function(f"""() => {{ const r = document.getElementById({anchor!r}).getBoundingClientRect();
                                     return r.top >= 0 && r.top < window.innerHeight; }}""")


def test_a_commitment_link_lands_on_the_commitment_marked_as_an_item_is(page, base_url) -> None:
    """The commitments list, its CSV and the items link to a commitment's anchor: the reader
    following one must see which promise is meant."""
    page.goto(f"{base_url}commitments/")
    page.locator("main a[href*='#cam-ket-']").first.click()
    anchor = page.url.split("#", 1)[1]
    marked = f"""() => {{ const e = document.getElementById({anchor!r}), r = e.getBoundingClientRect();
                        return r.top >= 0 && r.top < window.innerHeight
                               && getComputedStyle(e).boxShadow !== 'none'; }}"""
    page.wait_for_function(marked)


@pytest.mark.parametrize(("written", "plain"), [
    ("giấy-phép xây–dựng", "giấy phép xây dựng"), ('"sổ đỏ"', "sổ đỏ"), ("“đất đai”", "đất đai")])
def test_dashes_and_quotes_find_what_the_plain_words_find(page, base_url, written, plain) -> None:
    found = open_search(page, base_url, "q=" + quote(written))
    assert found and found == open_search(page, base_url, "q=" + quote(plain))


def test_the_page_repeats_the_query_as_typed(page, base_url) -> None:
    """The page's messages fill their fields with what was typed, `$` and all ("$&" or "$'"
    read as replacement patterns made the title of "giay phep $$" say "giay phep $")."""
    for typed in ("giay phep $$", "giay phep $'", "giay phep $&"):
        open_search(page, base_url, "q=" + quote(typed))
        assert page.title().startswith(f"“{typed}”"), (typed, page.title())


def test_nonsense_gets_the_no_result_message(page, base_url) -> None:
    assert open_search(page, base_url, "q=qqqzzzxk") == []
    assert page.inner_text("#da-status") == nothing_found("qqqzzzxk")  # typed without marks already
    assert open_search(page, base_url, "q=qqqzzzxkở") == []
    assert page.inner_text("#da-status") == f"{nothing_found('qqqzzzxkở')} {WORDS['accents_hint']}"
    # One typo among words found: the word to check is named (it said only "try other words
    # or remove filters", with no filter chosen; a reader's find).
    assert open_search(page, base_url, "q=giay+phep+xay+dug") == []
    assert page.inner_text("#da-status") == nothing_found("dug")
    # Pagefind answers a word nothing holds with its longest start that something holds:
    # "xyzqwk" found the "X" of "khóa X", "tucxyz" every "tục". A journalist checking whether
    # a subject was ever raised must read "no result".
    for query, missing in (("xyzqwk", "xyzqwk"), ("thu+tucxyz", "tucxyz")):
        assert open_search(page, base_url, f"q={query}") == [], query
        assert page.inner_text("#da-status") == nothing_found(missing)
    # A word one index lacks is answered there with its start ("treo" -> "tre", "trễ"), and
    # those can rank above the record of another index that holds it: that one is found.
    found = open_search(page, base_url, "q=quy+hoach+treo")
    assert any(url.endswith("2022-08-18-doi-thoai-cap-giay-chung-nhan-quyen-su-dung-dat/")
               for url in found), found  # the write-up that says "các khu quy hoạch treo"


def test_filters_alone_that_find_nothing_advise_no_other_words(page, base_url) -> None:
    """With no word typed, "try other words" is no advice (a citizen review's find): only the
    filters can be changed."""
    assert open_search(page, base_url, "answered=awaiting") == []
    assert page.inner_text("#da-status") == WORDS["no_results_unworded"]


def test_a_procedure_code_finds_the_items_about_that_procedure(page, base_url) -> None:
    """An office or a citizen may type the code of the national procedure database."""
    tagged = {item["id"] for s in raw_sessions() for item in s.items
              if "1.009994" in (item.get("procedures") or [])}
    found = [url.split("#")[-1] for url in open_search(page, base_url, "q=1.009994")]
    assert len(tagged) >= 2 and set(found) == tagged, found  # nothing from the other years


@pytest.mark.parametrize("query", ["hoa chau", "gpxd", "1.009994 ho so"])
def test_results_hold_every_word_typed_even_when_some_years_lack_one(page, base_url, records,
                                                                      query) -> None:
    """Pagefind answers a word an index lacks with the records of a shorter word ("chau": the
    "ch" of another year's texts); those years are left out, not listed below the real hits."""
    def words(record: SearchRecord) -> list[str]:
        text = " ".join([record.text, record.extra, *record.meta.values()])
        return re.split(r"[^a-z0-9]+", fold(normalise(text)).lower())

    typed = re.split(r"[^a-z0-9]+", query)
    holding = {r.url.lstrip("/") for r in records
               if all(any(w.startswith(t) for w in words(r)) for t in typed)}
    years = {url.split("/")[1] for url in holding}
    assert holding and len(years) < len({r.filters["year"][0] for r in records})  # some lack it
    assert set(open_search(page, base_url, "q=" + quote(query))) == holding


@pytest.fixture(scope="module")
def sub_path_url(sample_site: Path, serve_site, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample site served under a path, as with a `site_url` like https://host/archive/."""
    folder = tmp_path_factory.mktemp("sub-path")
    (folder / "archive").symlink_to(sample_site, target_is_directory=True)
    return serve_site(folder) + "archive/"


def test_a_session_title_finds_only_the_records_holding_its_words(page, sub_path_url,
                                                                    records) -> None:
    """Pagefind (since 1.5) makes every metadata value searchable: when each item carried its
    session's title, `ky hop giua nam` listed all six items of the session "… trước kỳ họp giữa
    năm 2024", whose own texts are about lighting, flooding or a school. Each result still
    names its session, with its date, and links to it (here under a sub-path). A session's date
    finds its write-up."""
    typed = ["ky", "hop", "giua", "nam"]

    def holds(record: SearchRecord) -> bool:  # its own words: excerpt text, hidden words, title
        own = f"{record.text} {record.extra} {record.title}"
        words = re.split(r"[^a-z0-9]+", fold(normalise(own)).lower())
        return all(any(w.startswith(t) for w in words) for t in typed)

    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    sessions = {urls.web_path(s.src_uri, True): s for s in archive.published}
    titled = [url for url, s in sessions.items() if "kỳ họp giữa năm" in s.meta.title]
    silent = {r.url for r in records if r.url.split("#")[0] in titled and not holds(r)}
    assert silent, "every item of the session holds the words: the test proves nothing"
    found = open_search(page, sub_path_url, "q=ky+hop+giua+nam&scope=all")
    assert sorted(found) == sorted(r.url for r in records if holds(r))
    shown = page.eval_on_selector_all("#da-results .da-result__kind", """els => els.map(p => [
        p.closest('li').querySelector('.da-result__title a').href, p.querySelector('a').href,
        p.querySelector('a').textContent, p.textContent])""")
    assert len(shown) == len(found)
    for href, session_href, session_title, line in shown:
        session = sessions[href.removeprefix(sub_path_url).split("#")[0]]
        assert session_href == sub_path_url + urls.web_path(session.src_uri, True)
        assert session_title == session.meta.title
        assert line.endswith(f"{session.meta.title} · {format_short_date(session.date)}")
    # Its date finds the write-up, and of its items only those that give the date themselves.
    date = format_short_date(sessions[titled[0]].date)
    found = open_search(page, sub_path_url, "q=" + quote(date) + "&scope=all")
    assert titled[0] in found
    assert {url for url in found if "#" in url} == {r.url for r in records if "#" in r.url and date in r.text}


def test_empty_page_invites_a_query_and_labels_its_input(page, base_url) -> None:
    assert open_search(page, base_url) == []
    assert page.inner_text("#da-status") == WORDS["prompt"]
    assert page.locator("label[for='da-q']").inner_text() == WORDS["input_label"]
    assert page.get_attribute("#da-status", "aria-live") == "polite"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than a phone screen


def test_header_box_and_search_within(page, browser, base_url, records) -> None:
    desktop = browser.new_page(viewport={"width": 1000, "height": 700})
    try:
        desktop.goto(f"{base_url}sessions/")
        desktop.fill("#da-header-q", "ho khau")
        desktop.press("#da-header-q", "Enter")
        desktop.wait_for_url(re.compile(r"/search/\?q=ho\+khau"))
        assert "ho khau" in settle(desktop)
    finally:
        desktop.close()
    # A phone's header keeps room for the site's name: its button opens the search, ready to type.
    page.goto(f"{base_url}sessions/")
    assert not page.locator("#da-header-q").is_visible()
    page.locator(".da-header-search button").click()
    page.wait_for_url(re.compile(r"/search/"))
    settle(page)
    assert page.evaluate("document.activeElement.id") == "da-q"
    page.goto(f"{base_url}agencies/phong-tu-phap/")
    page.fill("#da-within-q", "")
    page.locator(".da-search-within button").click()
    page.wait_for_url(re.compile(r"/search/\?agency=phong-tu-phap"))
    assert sorted(all_results(page, base_url)) == sorted(urls_where(records, agency="phong-tu-phap"))


def test_search_within_a_merged_ward_covers_the_ward_merged_into_it(page, base_url, records) -> None:
    page.goto(f"{base_url}places/phuong-hoa-xuan-2025/")
    page.locator(".da-search-within button").click()
    page.wait_for_url(re.compile(r"/search/\?place=phuong-hoa-xuan-2025&place=phuong-hoa-xuan&q="))
    old = urls_where(records, place="phuong-hoa-xuan")
    assert old  # the old ward has records to find
    expected = old | urls_where(records, place="phuong-hoa-xuan-2025")
    assert sorted(all_results(page, base_url)) == sorted(expected)


def test_filtering_by_todays_ward_finds_what_the_wards_merged_into_it_raised(page, base_url) -> None:
    """A review's find: a citizen of the merged ward who ticked the ward of today found none of
    its former wards' records (the place page's "search within" box found them)."""
    raised = {f"sessions/{s.meta['date'].year}/{s.id}/#{item['id']}": item["asker"].get("place")
              or s.meta["place"] for s in raw_sessions() for item in s.items}
    merged = {url for url, place in raised.items() if place == "phuong-hoa-xuan"}
    assert merged  # the former ward has items to find
    found = set(open_search(page, base_url, "place=phuong-hoa-xuan-2025"))
    assert merged <= found
    assert {url for url, place in raised.items() if place == "phuong-hoa-xuan-2025"} <= found


def test_filtering_by_a_district_finds_what_its_wards_raised(page, base_url) -> None:
    places = yaml.safe_load((CONTENT / "registry" / "places.yaml").read_text(encoding="utf-8"))
    wards = {p["id"] for p in places if p.get("parent") == "quan-cam-le"}
    raised = {f"sessions/{s.meta['date'].year}/{s.id}/#{item['id']}": item["asker"].get("place")
              or s.meta["place"] for s in raw_sessions() for item in s.items}
    district = {url for url, place in raised.items() if place in wards | {"quan-cam-le"}}
    assert any(place in wards for place in raised.values())
    # what the district page's "Xem tất cả … ý kiến" link asks for: its items and its wards'
    items = "&".join(f"type={t}" for t in ("question", "opinion", "proposal", "complaint"))
    assert set(open_search(page, base_url, f"place=quan-cam-le&{items}")) == district


def test_a_place_pages_count_is_what_its_search_link_finds(tmp_path: Path, browser, serve_site) -> None:
    """Đà Nẵng's page said "Xem tất cả 45 ý kiến, câu hỏi" and its link found 46 once a
    question was sent in before a session to come (a numbers audit's find): the lists leave such
    questions out until the session is held, the search finds them. The link now counts what it
    finds, and says how many of them await their session. In an archive larger than the search's
    default scope (2,000 records; 5 here), the link searched the newest indexes only: a city's
    "Xem tất cả 2.600" found 2,080 (another audit's find). It asks for the whole archive."""
    content = copy_sample(tmp_path / "content")
    folder = content / "sessions" / "2026" / "2026-12-22-doi-thoai-cu-tru"
    folder.mkdir()
    (folder / "index.md").write_text(
        "---\ntitle: Đối thoại về cư trú tháng 12/2026\ndate: 2026-12-22\n"
        "published: 2026-11-20T08:00:00+07:00\norganizer: ubnd-phuong-cam-le\nplace: phuong-cam-le\n"
        "summary: Phường đối thoại với người dân về đăng ký cư trú.\n---\n"
        "UBND phường Cẩm Lệ sẽ đối thoại với người dân về đăng ký cư trú.\n", encoding="utf-8")
    (folder / "answers.yaml").write_text(
        "items:\n  - id: dia-chi-cu-tru-cu\n    type: question\n    asker:\n"
        "      label: Anh T.V.B., phường Cẩm Lệ\n      kind: citizen\n      place: phuong-cam-le\n"
        "    topics: [cu-tru]\n    text: Địa chỉ trên dữ liệu cư trú vẫn ghi phường cũ, tôi có phải "
        "làm lại giấy tờ không?\n", encoding="utf-8")
    base = serve_site(build_archive(content, tmp_path, search_scope_records=5))
    tab = browser.new_page()
    try:
        for place, awaiting in (("thanh-pho-da-nang", 1), ("quan-cam-le", 0)):
            tab.goto(f"{base}places/{place}/")
            link = tab.locator("a[href*='search/?place=']")
            said = " ".join(link.inner_text().split())
            link.click()
            tab.wait_for_url(re.compile(r"/search/\?place="))
            found = all_results(tab, base)
            assert said.startswith(f"Xem tất cả {len(found)} ý kiến, câu hỏi"), (said, len(found))
            assert (f", trong đó {awaiting} gửi trước buổi sắp diễn ra" in said) == bool(awaiting), said
            assert bool(awaiting) == any("2026-12-22-doi-thoai-cu-tru" in url for url in found)
    finally:
        tab.close()


def test_more_results_take_the_focus_and_back_returns_to_the_same_place(page, base_url) -> None:
    page.goto(f"{base_url}search/?q=so+do")
    settle(page)
    assert page.locator("#da-status").bounding_box()["y"] < 800  # on a phone, above the fold
    assert page.locator("#da-results > li").count() == 20 and page.is_visible("#da-more")
    page.focus("#da-more")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#da-results > li').length > 20")
    focused = page.evaluate("document.activeElement.closest('#da-results > li') === "
                            "document.querySelectorAll('#da-results > li')[20]")
    assert focused
    assert "Đang hiển thị" in page.inner_text("#da-shown")
    page.wait_for_function("!document.getElementById('da-more').disabled")  # the batch is all shown
    shown = page.locator("#da-results > li").count()
    target = page.locator("#da-results > li").nth(shown - 2).locator(".da-result__title a")
    target.scroll_into_view_if_needed()
    y = page.evaluate("window.scrollY")
    assert y > 1000
    target.click()
    page.wait_for_url(re.compile(r"/sessions/"))
    page.go_back()
    page.wait_for_function(f"document.querySelectorAll('#da-results > li').length === {shown}"
                           f" && Math.abs(window.scrollY - {y}) < 5")


def test_back_from_a_result_puts_the_focus_on_the_link_followed(page, base_url) -> None:
    """Back from a result restored the list and the scroll, but the focus started over at the
    page's top: a keyboard or screen-reader user lost their place (a screen-reader review)."""
    page.goto("about:blank")
    page.goto(f"{base_url}search/?q=so+do")
    settle(page)
    target = page.locator("#da-results > li").nth(2).locator(".da-result__title a")
    href = target.get_attribute("href")
    target.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sessions/"))
    page.go_back()
    page.wait_for_function("(href) => document.activeElement.getAttribute('href') === href", arg=href,
                           timeout=10000)
    assert page.locator("#da-results > li").count() == 20  # the results shown before, as they were
    assert focused_on(page, "#da-results > li:nth-child(3) .da-result__title a")


TYPED = [
    {"id": "tien-su-dung-dat", "topics": ["thue-phi"],
     "text": "Khi được cấp giấy chứng nhận có phải nộp tiền sử dụng đất không, số tiền tính thế"
             " nào, và nộp tiền ở đâu?"},
    {"id": "tieng-on", "topics": ["an-ninh-trat-tu"], "asker": {"label": "Công dân phường Hòa Thọ Đông"},
     "text": "Buổi tối thường có nhóm thanh niên tụ tập, nẹt pô trong kiệt, gây mất trật tự."},
    {"id": "tien-do-cong", "topics": ["giao-thong-do-thi"],
     "text": "Đề nghị công khai tiến độ thi công tuyến cống trên đường Trần Phú kéo dài và cập"
             " nhật tiến độ hằng tuần, vì người dân không biết khi nào xong để sắp xếp việc buôn"
             " bán và đi lại."},
    {"id": "khai-bao-tam-tru", "topics": ["cu-tru"],
     "text": "Trưởng tổ dân phố nhắc chủ nhà trọ phải khai báo tạm trú cho sinh viên thuê trọ."
             " Khai báo ở Công an phường Khuê Trung hay trên mạng, và có bị trễ hẹn không?"},
    {"id": "quy-hoach-treo", "topics": ["dat-dai"],
     "text": "Khu đất nằm trong quy hoạch treo hơn mười năm, người dân không thực hiện được quyền"
             " của người sử dụng đất."},
    {"id": "may-tinh-tien", "topics": ["thue-phi"],
     "text": "Quán cà phê nhỏ của tôi được yêu cầu chuyển sang hóa đơn điện tử khởi tạo từ máy"
             " tính tiền. Chi phí máy và phần mềm khá cao với quán nhỏ, nhân viên lớn tuổi chưa"
             " quen thao tác, có hôm mất mạng không xuất được hóa đơn cho khách. Đề nghị cơ quan"
             " thuế hướng dẫn cụ thể, cho các hộ kinh doanh nhỏ thêm thời gian chuẩn bị và hỗ trợ"
             " kinh phí mua thiết bị."},
    {"id": "den-duong", "topics": ["dat-dai"], "text": "Khi nào sửa đèn?",
     "commitments": [{"id": "sua-den", "by": "ubnd-quan-cam-le", "text": "Sửa đèn.", "status": "done",
                      "updates": [{"date": "2023-10-20", "status": "done", "note": "Đã sửa xong."}]}]},
    {"id": "ban-cua-toi", "topics": ["dat-dai"], "text": "Người bạn của tôi hỏi thủ tục nhà ở."},
    {"id": "ban-nha", "topics": ["dat-dai"], "text": "Gia đình tôi muốn bán nhà ở."},
]
"""Items a citizen's query should rank by what their own words say, each tagged with a topic
one of whose synonyms shares words with the query. In 2023, whose index holds the sample's
items about the same things, as Pagefind ranks a word by how many records of its index hold it."""


def with_session(tmp: Path, browser, serve_site, folder: str, items: list[dict[str, Any]]
                 ) -> Iterator[tuple[object, str, str]]:
    """A browser tab, the base URL of the sample site with one more session (`folder`, under
    sessions/) holding `items`, and that session's URL up to an item's anchor."""
    content = copy_sample(tmp / "content")
    session = content / "sessions" / folder
    session.mkdir(parents=True)
    (session / "index.md").write_text(
        f"---\ntitle: Buổi thử nghiệm\ndate: {session.name[:10]}\norganizer: ubnd-quan-cam-le\n"
        "place: phuong-hoa-xuan\n---\nGhi chép.\n", encoding="utf-8")
    (session / "answers.yaml").write_text(yaml.safe_dump({"items": items}, allow_unicode=True),
                                          encoding="utf-8")
    base = serve_site(build_archive(content, tmp))
    tab = browser.new_page()
    yield tab, base, f"sessions/{folder}/#"
    tab.close()


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory, browser,
          serve_site) -> Iterator[tuple[object, str, str]]:
    """The sample site with a session holding `TYPED` (see `with_session`)."""
    items = [{"type": "question", "asker": {"label": "Công dân"}} | item for item in TYPED]
    yield from with_session(tmp_path_factory.mktemp("typed"), browser, serve_site,
                            "2023/2023-10-05-thu-tu-ket-qua", items)


def test_exact_accents_rank_first(typed) -> None:
    tab, base, session = typed
    tab.goto(f"{base}search/?q=b%C3%A1n")  # bán
    found = all_results(tab, base)
    exact, folded = (f"{session}{i}" for i in ("ban-nha", "ban-cua-toi"))
    assert found.index(exact) < found.index(folded)


def test_a_record_saying_the_phrase_comes_before_one_tagged_with_it(typed) -> None:
    """`may tinh tien` listed an item on the land-use fee, tagged with the taxes topic (one of
    whose synonyms is "máy tính tiền", another "tiền sử dụng đất"), above the cash-register
    complaint saying "máy tính tiền": each held the phrase's word, and the first the topic's
    synonym list twice over, with `tiền` five times (a review's find)."""
    tab, base, session = typed
    tab.goto(f"{base}search/?q=may+tinh+tien")
    found = all_results(tab, base)
    said, tagged = (f"{session}{i}" for i in ("may-tinh-tien", "tien-su-dung-dat"))
    assert found.index(said) < found.index(tagged)


def test_a_phrases_hidden_word_is_not_found_as_the_start_of_a_word_typed(typed) -> None:
    """The word of the noise topic's synonym 'tiếng ồn' was `tiengon`, which Pagefind matched
    for `tien`: `tien do` put a short item about noise, tagged with that topic and saying
    neither word, above one asking about the progress ('tiến độ') of works (a review's find)."""
    tab, base, session = typed
    tab.goto(f"{base}search/?q=tien+do")
    found = all_results(tab, base)
    asked, tagged, heading = (f"{session}{i}" for i in ("tien-do-cong", "tieng-on", "den-duong"))
    assert asked in found
    assert tagged not in found or found.index(asked) < found.index(tagged)
    # 'Tiến độ:' introduces every progress note in an excerpt: at full weight, a short item
    # whose only 'tiến độ' is that heading came before the one asking about progress
    assert heading not in found or found.index(asked) < found.index(heading)
    for query in ("zxqp", "zxqpsodo"):  # no word typed finds them, however it starts
        tab.goto(f"{base}search/?q={query}&scope=all")
        assert all_results(tab, base) == [], query


@pytest.mark.parametrize(("query", "item", "marked"), [
    ("tam tru", "khai-bao-tam-tru", ["tạm", "trú"]),  # not Trưởng, Trung
    ("tre hen", "khai-bao-tam-tru", ["trễ", "hẹn"]),  # not trên
    ("quy hoach treo", "quy-hoach-treo", ["quy", "hoạch", "treo"]),  # not quyền
    ("tam tru sinh vie", "khai-bao-tam-tru", ["tạm", "trú", "sinh", "viên"])])  # still typing
def test_a_word_typed_highlights_that_word_not_longer_ones(typed, query, item, marked) -> None:
    """Highlighting every word starting with 3 letters typed marked "Trung" and "Trưởng" for
    `tam tru`, "trên" for `tre hen`, "quyền" for `quy hoach treo` (a review's find): a
    Vietnamese word typed is a whole syllable; only the last one may be the start of a word
    being typed, when the record holds no word equal to it."""
    tab, base, session = typed
    tab.goto(f"{base}search/?q={quote(query)}")
    assert f"{session}{item}" in all_results(tab, base)
    result = tab.locator("#da-results > li").filter(has=tab.locator(f"a[href$='{session}{item}']"))
    marks = [m.lower().strip(".,;:?!") for m in result.locator("mark").all_inner_texts()]
    assert sorted(set(marks)) == sorted(marked)


PASTED = {"li-lich": "Xin cấp phiếu lí lịch tư pháp ở đâu?",
          "ky-thuat": "Đề nghị nộp hồ sơ kĩ thuật theo quý.",
          "dinh-lang": "Đề nghị tu sửa \u00d0ình làng Tuý Loan.",
          "dau-noi": "Giấy\u2010phép, hộ\u2011khẩu, tạm\u200btrú.",
          "gach-noi": "Làm thẻ CCCD-gắn-chip ở UBND-phường mất bao lâu?",
          "gach-dai": "Thời hạn—theo quy định—là bao lâu?",
          "gach-ngan": "Hồ sơ liên thông khai sinh–thường trú chậm.",
          "gach-khac": "Xin niêm yết mẫu\u2012đơn, lịch\u2015họp, biên\u2212lai, tờ\ufe58khai, "
                       "chữ\ufe63ký, con\uff0ddấu."}
"""Items' texts as they arrive from PDF copies, old-font conversions and Word, by item id.
Their topic is the environment, none of whose synonyms shares a word with the queries."""


@pytest.fixture(scope="module")
def pasted(tmp_path_factory: pytest.TempPathFactory, browser,
           serve_site) -> Iterator[tuple[object, str, str]]:
    """A browser tab, the base URL of the sample site with a session holding `PASTED`, and
    that session's URL up to an item's anchor."""
    items = [{"id": ident, "type": "proposal", "asker": {"label": "Công dân"},
              "topics": ["moi-truong"], "text": text} for ident, text in PASTED.items()]
    yield from with_session(tmp_path_factory.mktemp("pasted"), browser, serve_site,
                            "2023/2023-10-06-van-ban-dan-vao", items)


@pytest.mark.parametrize(("query", "item"), [
    ("Đình làng", "dinh-lang"), ("dinh lang", "dinh-lang"), ("ðình", "dinh-lang"),
    ("phép", "dau-noi"), ("giấy phép", "dau-noi"), ("hộ khẩu", "dau-noi"), ("tạm trú", "dau-noi"),
    # i and y spellings (lí/lý, kĩ/kỹ, quí/quý): offices write either, citizens type either
    ("lý lịch", "li-lich"), ("ly lich", "li-lich"), ("lí lịch", "li-lich"), ("kỹ thuật", "ky-thuat"),
    ("ky thuat", "ky-thuat"), ("quí", "ky-thuat"), ("qui", "ky-thuat")])
def test_text_as_pasted_is_found_as_a_citizen_types(pasted, query: str, item: str) -> None:
    tab, base, session = pasted
    tab.goto(f"{base}search/?q={quote(query)}")
    assert f"{session}{item}" in all_results(tab, base)


@pytest.mark.parametrize(("query", "item", "marked"), [
    ("gan chip", "gach-noi", ["gắn", "chip"]), ("ubnd phuong", "gach-noi", ["UBND", "phường"]),
    ("giấy phép", "dau-noi", ["Giấy", "phép"])])
def test_words_joined_by_a_dash_are_highlighted_each(pasted, query, item, marked) -> None:
    """`gan chip` found 'CCCD-gắn-chip' and highlighted nothing: the excerpt took it for one
    word, which no word typed equals (Pagefind's own excerpt marks the whole of it). The words
    typed are marked, the dashes shown as written."""
    tab, base, session = pasted
    tab.goto(f"{base}search/?q={quote(query)}")
    assert f"{session}{item}" in all_results(tab, base)
    result = tab.locator("#da-results > li").filter(has=tab.locator(f"a[href$='{session}{item}']"))
    assert [m.strip(".,;:?") for m in result.locator("mark").all_inner_texts()] == marked
    assert separated(PASTED[item]) in result.locator(".da-result__excerpt").inner_text()


@pytest.mark.parametrize(("query", "item", "marked"), [
    ("han theo", "gach-dai", ["hạn", "theo"]), ("hạn—theo", "gach-dai", ["hạn", "theo"]),
    ("quy dinh la", "gach-dai", ["quy", "định", "là"]),
    ("khai sinh thuong tru", "gach-ngan", ["khai", "sinh", "thường", "trú"]),
    ("sinh–thường", "gach-ngan", ["sinh", "thường"]), ("gắn-chip", "gach-noi", ["gắn", "chip"])])
def test_words_joined_by_an_en_or_em_dash_are_found_each(pasted, query, item, marked) -> None:
    """'Thời hạn—theo quy định—là…' was not found by `han theo`, nor by `hạn—theo` typed as
    written: the search page cuts a query at an en or em dash joining words, as at a hyphen,
    but Pagefind cuts a text at a hyphen only (it indexed `hạntheo`). The words typed are
    found and marked, the dashes shown as written; words joined by a hyphen still are."""
    tab, base, session = pasted
    tab.goto(f"{base}search/?q={quote(query)}")
    assert f"{session}{item}" in all_results(tab, base)
    result = tab.locator("#da-results > li").filter(has=tab.locator(f"a[href$='{session}{item}']"))
    assert [m.strip(".,;:?") for m in result.locator("mark").all_inner_texts()] == marked
    assert PASTED[item] in result.locator(".da-result__excerpt").inner_text()


OTHER_DASHES = {"\u2012": ("mẫu", "đơn"), "\u2015": ("lịch", "họp"), "\u2212": ("biên", "lai"),
                "\ufe58": ("tờ", "khai"), "\ufe63": ("chữ", "ký"), "\uff0d": ("con", "dấu")}
"""Figure dash, horizontal bar, minus sign, small em dash, small and fullwidth hyphen-minus:
the words each joins in PASTED['gach-khac']."""


@pytest.mark.parametrize("dash", OTHER_DASHES)
@pytest.mark.parametrize("typed_with_dash", [False, True])
def test_words_joined_by_any_dash_like_character_are_found_each(pasted, dash: str,
                                                                typed_with_dash: bool) -> None:
    """A minus sign or a horizontal bar (and the other dashes Word and PDFs paste) glued the
    words it joined, as the en and em dash did: `bien lai` did not find 'biên−lai', nor did
    'biên−lai' typed as written. Each is found, typed either way, and both words marked."""
    tab, base, session = pasted
    first, second = OTHER_DASHES[dash]
    query = f"{first}{dash}{second}" if typed_with_dash else f"{fold(first)} {fold(second)}"
    tab.goto(f"{base}search/?q={quote(query)}")
    assert f"{session}gach-khac" in all_results(tab, base), query
    result = tab.locator("#da-results > li").filter(has=tab.locator(f"a[href$='{session}gach-khac']"))
    assert [m.strip(".,;:?") for m in result.locator("mark").all_inner_texts()] == [first, second]
    assert PASTED["gach-khac"] in result.locator(".da-result__excerpt").inner_text()


RANGES = {"giai-doan": "Kế hoạch giai đoạn 2031\u20132035 đã được duyệt chưa?",
          "tru-hai": "Điều chỉnh quy hoạch 2061\u22122065 của phường ra sao?",
          "ma-so": "Hồ sơ mã XKT\u2013734 đang ở đâu?",
          "gach-noi-so": "Khi nào tổ chức đại hội nhiệm kỳ 2047-2048?"}
"""Items whose numbers a dash joins: year ranges with an en dash or a minus sign, a code with
an en dash, a year range with a hyphen."""


def test_numbers_joined_by_a_dash_are_found_and_highlighted_each(tmp_path: Path, browser,
                                                                 serve_site) -> None:
    """'giai đoạn 2031–2035' (en dash) and 'quy hoạch 2061−2065' (minus sign) were one word to
    Pagefind, `20312035`: `2035`, `2031 2035` and `quy hoạch 2065` found nothing, and
    `2031-2035` found the item but marked nothing; '2047-2048' (a hyphen) was found by `2048`
    without it being marked. Each number is found and marked, typed alone or with a dash, the
    dashes shown as written."""
    items = [{"id": ident, "type": "question", "asker": {"label": "Công dân"}, "topics": ["moi-truong"],
              "text": text} for ident, text in RANGES.items()]
    cases = [("2035", "giai-doan", ["2035"]), ("2031 2035", "giai-doan", ["2031", "2035"]),
             ("2031-2035", "giai-doan", ["2031", "2035"]),
             ("2031\u20132035", "giai-doan", ["2031", "2035"]),
             ("quy hoạch 2065", "tru-hai", ["quy", "hoạch", "2065"]),
             ("2061\u22122065", "tru-hai", ["2061", "2065"]),
             ("734", "ma-so", ["734"]), ("xkt 734", "ma-so", ["XKT", "734"]),
             ("2048", "gach-noi-so", ["2048"]), ("2047-2048", "gach-noi-so", ["2047", "2048"])]
    for tab, base, session in with_session(tmp_path, browser, serve_site, "2023/2023-10-11-giai-doan", items):
        for query, item, marked in cases:
            tab.goto(f"{base}search/?q={quote(query)}&scope=all")
            assert f"{session}{item}" in all_results(tab, base), query
            result = tab.locator("#da-results > li").filter(has=tab.locator(f"a[href$='{session}{item}']"))
            assert [m.strip(".,;:?") for m in result.locator("mark").all_inner_texts()] == marked, query
            assert RANGES[item] in result.locator(".da-result__excerpt").inner_text(), query


LONG_ADDRESS = ("https://dichvucong.danang.gov.vn/web/guest/thu-tuc-hanh-chinh/-/tthc/chi-tiet/dang-ky-bien"
                "-dong-quyen-su-dung-dat-quyen-so-huu-tai-san-gan-lien-voi-dat-trong-cac-truong-hop-chuyen"
                "-doi-chuyen-nhuong-cho-thue-cho-thue-lai-thua-ke-tang-cho-gop-von?p_p_id=tthc_WAR_dvcportlet"
                "&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view&_tthc_WAR_dvcportlet_maThuTuc=1.004227"
                "&_tthc_WAR_dvcportlet_coQuanThucHien=so-tai-nguyen-moi-truong-thanh-pho-da-nang")
LONG_WORDS = {"duong-dan-dai": f"Tôi làm theo hướng dẫn tại {LONG_ADDRESS} nhưng hệ thống báo lỗi "
                               "khi nộp hồ sơ chuyển nhượng.",
              "doan-van-dai": "Người dân hỏi " + " ".join(
                  [f"{LONG_ADDRESS} {'Nghịđịnhhướngdẫnthihànhluậtđấtđai' * 8}"] * 8)
              + " nhưng hệ thống báo lỗi khi nộp hồ sơ xây dựng."}
"""A question holding a 400-character address, and a paragraph of addresses and words run
together, each before the words a citizen searches for."""


def test_an_excerpt_next_to_a_long_address_is_as_short_as_the_others(tmp_path: Path, browser,
                                                                     serve_site) -> None:
    """The excerpt was widened to whole words joined by dashes without a limit: `báo lỗi` showed
    the whole address before them, 561 characters (384 px tall on a phone, the others about
    150), and 2,312 characters for the paragraph (a review's find). The address is cut with
    "…" and the words found stay marked, with what follows them."""
    items = [{"id": ident, "type": "complaint", "asker": {"label": "Công dân"}, "topics": ["dat-dai"],
              "text": text} for ident, text in LONG_WORDS.items()]
    for tab, base, session in with_session(tmp_path, browser, serve_site, "2023/2023-10-12-duong-dan", items):
        tab.goto(f"{base}search/?q={quote('báo lỗi')}&scope=all")
        found = all_results(tab, base)
        for item, said in (("duong-dan-dai", "nhưng hệ thống báo lỗi khi nộp hồ sơ chuyển nhượng."),
                           ("doan-van-dai", "nhưng hệ thống báo lỗi khi nộp hồ sơ xây dựng.")):
            assert f"{session}{item}" in found
            result = tab.locator("#da-results > li").filter(has=tab.locator(f"a[href$='{session}{item}']"))
            shown = result.locator(".da-result__excerpt").inner_text()
            assert len(shown) <= 250, (item, len(shown))
            assert shown.startswith("…") and said in shown, shown
            assert result.locator("mark").all_inner_texts() == ["báo", "lỗi"]


SPREAD = ("Năm ngoái phường đã tổ chức nạo vét một đoạn mương ngắn phía sau chợ nhưng việc làm chỉ "
          "tạm thời, rác và bùn lại tích tụ sau vài tuần, người dân sống hai bên phải chịu mùi hôi "
          "suốt mùa khô, trẻ em đi học qua đó rất nguy hiểm vì không có lan can che chắn. ") * 2
LONG_CODE = "dvc" + "a1b2c3d4e5f6" * 25
SAID = "Đề nghị kiên cố hóa mương bằng bê tông cốt thép trước mùa mưa."
ASKED = ("Người dân mong sớm được xem xét và trả lời bằng văn bản, có lộ trình cụ thể từng năm, công"
         " khai cho cả khu dân cư cùng biết để theo dõi và giám sát việc thực hiện. ")
EXCERPTED = {"muong-be-tong": SPREAD + SAID,
             "muong-giua-van-dai": SPREAD * 10 + SAID + " " + ASKED + SPREAD * 10,
             "co-giao": SPREAD + "Cô giáo trường bên cạnh đề nghị cơ quan chức năng có biện pháp dứt điểm.",
             "ma-dai": f"Tôi nhận được mã tra cứu {LONG_CODE} nhưng không tra được hồ sơ.",
             "dia-chi": "Đề nghị sửa đèn ở kiệt 12/3 Nguyễn Văn Linh và dọn rác ở tổ 5/khu phố 7.",
             "van-ban": "Theo Nghị định số 45/2024/NĐ-CP, từ ngày 1/7/2025 được giảm 1/2 lệ phí khi nộp "
                        "tại TP/HCM hoặc trên https://dichvucong.gov.vn/p/home."}
"""Items whose excerpt must be chosen or cut: a text naming the first word of a query in its
opening lines, and all of them in its last sentence; a text of 2,900 words naming it every 70
words, and all of them in a sentence in the middle; a text saying "có" in its opening lines,
and "cô", "cơ" and "có" in its last sentence; a code of 303 characters without a space;
addresses whose numbers and words a slash joins; a document's number, a date, a fraction, a
city's initials and a web address, each written with slashes."""


@pytest.fixture(scope="module")
def excerpted(tmp_path_factory: pytest.TempPathFactory, browser,
              serve_site) -> Iterator[tuple[object, str, str]]:
    """The sample site with a session holding `EXCERPTED` (see `with_session`)."""
    items = [{"id": ident, "type": "proposal", "asker": {"label": "Công dân"}, "topics": ["moi-truong"],
              "text": text} for ident, text in EXCERPTED.items()]
    yield from with_session(tmp_path_factory.mktemp("excerpted"), browser, serve_site,
                            "2023/2023-10-20-trich-doan", items)


def excerpt_of(tab, base: str, session: str, query: str, item: str) -> tuple[str, list[str]]:
    """The excerpt of `item`'s result for `query` (searched in the whole archive), and its marked words."""
    tab.goto(f"{base}search/?q={quote(query)}&scope=all")
    assert f"{session}{item}" in all_results(tab, base), query
    result = tab.locator("#da-results > li").filter(has=tab.locator(f"a[href$='{session}{item}']"))
    return result.locator(".da-result__excerpt").inner_text(), result.locator("mark").all_inner_texts()


@pytest.mark.parametrize("item", ["muong-be-tong", "muong-giua-van-dai"])
@pytest.mark.parametrize("query", ["mương bê tông cốt thép", "muong be tong cot thep"])
def test_an_excerpt_shows_where_most_words_typed_are(excerpted, query: str, item: str) -> None:
    """The excerpt started at the first word found: `muong be tong cot thep` showed the "mương" of
    the text's opening lines, and not its last sentence, which says all four words typed. The
    excerpt holding the most of them is shown, within its length, each marked; in a long text
    too, where the window is chosen by sliding over the words marked."""
    shown, marks = excerpt_of(*excerpted, query, item)
    assert "mương bằng bê tông cốt thép" in shown and len(shown) <= 250, shown
    assert marks == ["mương", "bê", "tông", "cốt", "thép"]


def test_words_typed_differing_by_their_accents_count_each_in_an_excerpt(excerpted) -> None:
    """The excerpt's words were counted accents aside: `có cơ cô` counted one in any part of a
    text, and the first "có" won, in a sentence saying neither "cơ" nor "cô". The part of the
    text saying all three words typed is shown, each marked."""
    shown, marks = excerpt_of(*excerpted, "có cơ cô", "co-giao")
    assert "Cô giáo trường bên cạnh đề nghị cơ quan chức năng có biện pháp" in shown, shown
    assert marks == ["có", "Cô", "cơ", "có"]  # the sentence before ends "không có lan can che chắn."


@pytest.mark.parametrize("query", [LONG_CODE[:7], LONG_CODE])
def test_a_word_found_longer_than_an_excerpt_is_cut_to_its_length(excerpted, query: str) -> None:
    """A word of 303 characters found (a code pasted whole, or its start typed) was shown whole,
    an excerpt of 307 characters. It is cut at the excerpt's length, with "…", what is shown of
    it still marked."""
    shown, marks = excerpt_of(*excerpted, query, "ma-dai")
    assert len(shown) <= 250 and shown.rstrip().endswith("…"), (len(shown), shown)
    assert len(marks) == 1 and LONG_CODE.startswith(marks[0]) and len(marks[0]) >= 200, marks


@pytest.mark.parametrize(("query", "marked"), [
    ("kiet 12", ["kiệt", "12"]), ("to 5", ["tổ", "5"]), ("khu pho 7", ["khu", "phố", "7"]),
    ("5/khu", ["5", "khu"])])
def test_words_joined_by_a_slash_in_an_address_are_highlighted_each(excerpted, query: str,
                                                                    marked: list[str]) -> None:
    """'kiệt 12/3' and 'tổ 5/khu phố 7' were found by `kiet 12`, `to 5` or `khu pho`, but
    "12/3" and "5/khu" were marked only typed so, whole: the numbers and words a slash joins
    are marked each, as a dash's are, the slash shown as written."""
    shown, marks = excerpt_of(*excerpted, query, "dia-chi")
    assert EXCERPTED["dia-chi"] in shown
    assert [m.strip(".,") for m in marks] == marked


@pytest.mark.parametrize(("query", "item", "marked"), [
    ("kiet 12 3", "dia-chi", ["kiệt", "12", "3"]), ("12/3", "dia-chi", ["12", "3"]),
    ("to 5 khu pho 7", "dia-chi", ["tổ", "5", "khu", "phố", "7"]),
    ("45 2024 nd cp", "van-ban", ["45", "2024", "NĐ", "CP"]),
    ("45/2024/nd-cp", "van-ban", ["45", "2024", "NĐ", "CP"]),
    ("tp hcm", "van-ban", ["TP", "HCM"]), ("TP/HCM", "van-ban", ["TP", "HCM"]),
    ("giảm 1/2", "van-ban", ["giảm", "1", "2"]), ("1/7/2025", "van-ban", ["1/7/2025"]),
    ("dichvucong.gov.vn", "van-ban", ["dichvucong.gov.vn"]),
    ("https://dichvucong.gov.vn/p/home", "van-ban", ["https", "dichvucong.gov.vn", "p", "home"])])
def test_words_joined_by_a_slash_are_found_each(excerpted, query: str, item: str,
                                               marked: list[str]) -> None:
    """Pagefind indexed "kiệt 12/3" as `kiệt` and `123`: `kiet 12 3` found nothing (nor did
    `45 2024 nd cp`, `tp hcm` or an address's host typed without its "https://"). Words and
    numbers a slash joins are held apart, and a query is cut at a slash too, so either way of
    typing them finds them, each marked; a date written with slashes stays one word."""
    shown, marks = excerpt_of(*excerpted, query, item)
    assert EXCERPTED[item] in shown
    assert [m.strip(".,") for m in marks] == marked


def test_a_word_typed_with_y_is_not_respelled_in_the_query(pasted) -> None:
    """Spelling a query's `quy` as `qui` (and `kỹ` as `kĩ`) lost every `quyền` and found every
    `kiến`, Pagefind taking a word typed for the start of longer ones (a review's find): the
    records hold both spellings instead, and the word found is highlighted."""
    tab, base, session = pasted
    tab.goto(f"{base}search/?q=quy")
    land = "sessions/2022/2022-08-18-doi-thoai-cap-giay-chung-nhan-quyen-su-dung-dat/#"
    assert f"{land}dat-vuon-xen-ket" in all_results(tab, base)
    # the words it starts are highlighted ('quy' of 'quyền', as 'kỹ' of 'kĩ' below)
    certificate = tab.locator("#da-results > li").filter(
        has=tab.locator(f"a[href$='{land}dinh-chinh-giay-chung-nhan']"))
    assert "quyền" in certificate.locator("mark").all_inner_texts()
    tab.goto(f"{base}search/?q={quote('kỹ')}")
    found = all_results(tab, base)
    assert f"{session}ky-thuat" in found
    marked = tab.locator("#da-results > li").filter(has=tab.locator(f"a[href$='{session}ky-thuat']"))
    assert marked.locator("mark").all_inner_texts() == ["kĩ"]


# --- scope: small indexes, newest first --------------------------------------------------


def test_shards_are_small_newest_first_and_hold_every_session() -> None:
    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    shards = SearchRecords(ArchiveViews(archive), shard_records=8).shards()
    held = [s.id for shard in shards for s in shard.sessions]
    assert sorted(held) == sorted(s.id for s in archive.published) and len(set(held)) == len(held)
    assert len(shards) > len({s.year for s in archive.published})  # years were cut
    for shard in shards:
        assert shard.records <= 1.5 * 8 or len(shard.sessions) == 1
        assert {s.year for s in shard.sessions} == {shard.year}
    newest_first = [max(s.date for s in shard.sessions) for shard in shards]
    assert newest_first == sorted(newest_first, reverse=True)


def test_a_year_is_cut_into_even_indexes_without_a_small_last_one() -> None:
    # 100 sessions of 21 records: one index of 2,100, not 2,000 and a last one of 100.
    assert [len(p) for p in even_parts(list(range(100)), [21] * 100, 2000)] == [100]
    parts = even_parts(list(range(1000)), [21] * 1000, 2000)
    assert [len(p) for p in parts] == [100] * 10 and [n for part in parts for n in part] == list(range(1000))
    parts = even_parts(list(range(150)), [21] * 150, 2000)  # 3,150 records: two of 1,575
    assert [len(p) for p in parts] == [75, 75]
    # A session longer than an index is never cut, and the others stay in date order.
    parts = even_parts(list(range(7)), [300, 300, 300, 5000, 300, 300, 300], 2000)
    assert [n for part in parts for n in part] == list(range(7)) and [3] in parts


def test_search_starts_with_recent_sessions_and_widens_on_request(tmp_path: Path, browser,
                                                                  serve_site) -> None:
    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    shards = SearchRecords(ArchiveViews(archive), shard_records=10, scope_records=10).shards()
    depth = next(n for n in range(1, len(shards) + 1) if sum(s.records for s in shards[:n]) >= 10)
    recent = {urls.web_path(s.src_uri, True) for shard in shards[:depth] for s in shard.sessions}
    site = build_archive(copy_sample(tmp_path / "content"), tmp_path, search_shard_records=10,
                         search_scope_records=10)
    base = serve_site(site)
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    try:
        first = open_search(tab, base, "q=thu+tuc")
        assert first and {url.split("#")[0] for url in first} <= recent, first
        assert WORDS["scope_range"].split(" {")[0] in tab.inner_text("#da-status")
        assert tab.is_visible("#da-scope") and tab.is_visible("#da-older")
        assert serious_violations(tab) == []

        tab.click("#da-older")
        wider = all_results(tab, base)
        assert set(first) < set(wider)
        assert parse_qs(urlsplit(tab.url).query)["scope"] != ["all"]

        tab.focus("#da-all")  # by the keyboard: the button leaves with the scope it widened,
        tab.keyboard.press("Enter")  # and the focus went to the page's top (a reader's find)
        everything = all_results(tab, base)
        assert set(wider) < set(everything)
        assert parse_qs(urlsplit(tab.url).query)["scope"] == ["all"]
        assert WORDS["scope_all"] in tab.inner_text("#da-status") and not tab.is_visible("#da-scope")
        assert tab.evaluate("document.activeElement.id") == "da-results-heading"
        years = {url.split("/")[1] for url in everything}
        assert len(years) > 1

        tab.goto(tab.url)  # a shared link searches the same sessions
        assert sorted(all_results(tab, base)) == sorted(everything)

        oldest = min(years)
        tab.goto(f"{base}search/?q=thu+tuc&year={oldest}")  # a year filter searches that year
        assert {url.split("/")[1] for url in all_results(tab, base)} == {oldest}
        assert not tab.is_visible("#da-scope")
    finally:
        tab.close()
    assert errors == []


def test_a_year_the_scope_searches_in_part_gets_no_count(tmp_path: Path, browser, serve_site) -> None:
    """A year of several indexes, of which the first scope searches only the newest: its count
    in the year filter was of that part (a review's find: '2022 (53)', then 106 once chosen)."""
    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    shards = SearchRecords(ArchiveViews(archive), shard_records=10, scope_records=15).shards()
    depth = next(n for n in range(1, len(shards) + 1) if sum(s.records for s in shards[:n]) >= 15)
    searched = {s.year for s in shards[:depth]}
    partly = {s.year for s in shards[depth:]} & searched
    assert partly, [(s.id, s.records) for s in shards]  # else the sample proves nothing here
    site = build_archive(copy_sample(tmp_path / "content"), tmp_path, search_shard_records=10,
                         search_scope_records=15)
    tab = browser.new_page()
    try:
        tab.goto(f"{serve_site(site)}search/?type=question&type=proposal")
        settle(tab)
        counted = {y for y in map(str, {s.year for s in shards})
                   if tab.locator(f"label[for='da-f-year-{y}'] .da-facet__count").count()}
    finally:
        tab.close()
    assert counted == {str(y) for y in searched - partly}


def test_each_index_is_known_to_hold_exactly_the_topics_agencies_and_places_of_its_records() -> None:
    """The search page skips an index its filters' masks say holds none of a value: a value
    missing from a mask would hide results, one too many would only cost a download."""
    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    search = SearchRecords(ArchiveViews(archive), shard_records=10)
    shards = search.shards()
    held: dict[str, dict[str, int]] = {key: {} for key in WITHIN}
    for n, shard in enumerate(shards):
        for record in search.records_of(shard):
            for key in WITHIN:
                for value in record.filters[key]:
                    held[key][value] = held[key].get(value, 0) | 1 << n
    every = (1 << len(shards)) - 1  # a value every index holds is left out: none is skipped
    masks = [mask for values in held.values() for mask in values.values()]
    assert len(shards) > 2 and every in masks and any(mask != every for mask in masks)
    assert search.holders(shards) == {
        key: {value: format(mask, "x") for value, mask in values.items() if mask != every}
        for key, values in held.items()}


def test_a_search_within_a_ward_loads_the_indexes_holding_its_records_only(
        tmp_path: Path, browser, serve_site) -> None:
    """At 10,000 sessions a ward's search box searched the newest indexes, which may hold none of
    its answers (a ward merged away in 2025: only the oldest do): "no result, search older",
    index after index. Those holding none are skipped; the scope reaches back through the
    others, and its dates and "search older" count them only."""
    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    search = SearchRecords(ArchiveViews(archive), shard_records=10, scope_records=10)
    shards = search.shards()
    records = {shard.id: list(search.records_of(shard)) for shard in shards}
    ward = "phuong-hoa-an"
    holding = [shard.id for shard in shards if urls_where(records[shard.id], place=ward)]
    # the newest index does not hold it, the next two holding it reach the scope, a third is left
    assert shards[0].id not in holding and len(holding) >= 3, holding
    first = set().union(*(urls_where(records[shard], place=ward) for shard in holding[:2]))
    assert sum(len(records[shard]) for shard in holding[:1]) < 10 <= sum(
        len(records[shard]) for shard in holding[:2])
    site = build_archive(copy_sample(tmp_path / "content"), tmp_path, search_shard_records=10,
                         search_scope_records=10)
    base = serve_site(site)
    # a phone's width: the filter panel starts folded, so that only the search loads indexes
    # (unfolded, the counts of the other places may load a few more: facetCounts)
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    fetched: list[str] = []
    tab.on("request", lambda r: fetched.append(r.url) if "/pagefind/" in r.url else None)

    def fetched_indexes() -> set[str]:
        return {url.split("/pagefind/")[1].split("/")[0] for url in fetched}

    try:
        tab.goto(f"{base}places/{ward}/")
        tab.locator(".da-search-within button").click()
        tab.wait_for_url(re.compile(rf"/search/\?place={ward}&q="))
        assert set(all_results(tab, base)) == first
        assert fetched_indexes() == set(holding[:2])
        assert tab.is_visible("#da-scope") and not tab.is_visible("#da-older")  # one index left
        tab.click("#da-all")
        assert set(all_results(tab, base)) == urls_where([r for rs in records.values() for r in rs],
                                                         place=ward)
        assert WORDS["scope_all"] in tab.inner_text("#da-status") and not tab.is_visible("#da-scope")
        assert fetched_indexes() == set(holding)

        fetched.clear()  # a year whose indexes hold none of the ward's records loads none
        tab.goto(f"{base}search/?place={ward}&year={shards[0].year}")
        assert settle(tab).startswith(WORDS["no_results_within"].split(" {")[0])
        assert not [url for url in fetched if re.search(r"/pagefind/\d{4}-\d+/", url)], fetched
    finally:
        tab.close()


def test_an_archive_with_nothing_published_has_a_working_search_page(tmp_path: Path, browser,
                                                                    serve_site) -> None:
    content = copy_sample(tmp_path / "content")
    for session in (content / "sessions").iterdir():
        shutil.rmtree(session)
    base = serve_site(build_archive(content, tmp_path))
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        tab.goto(f"{base}search/?q=dat+dai")
        assert settle(tab) == nothing_found()
        tab.goto(f"{base}search/")
        assert settle(tab) == WORDS["prompt"]
    finally:
        tab.close()
    assert problems == []


def test_a_write_up_result_names_its_organiser_and_an_item_result_who_answered(
        page, base_url, records) -> None:
    open_search(page, base_url, "q=doi+thoai")
    facts = page.eval_on_selector_all(
        "#da-results .da-result", """els => els.map(e => [e.querySelector('.da-result__kind').textContent,
            (e.querySelector('.da-result__facts') || {}).textContent || ''])""")
    write_ups = [f for kind, f in facts if kind.startswith(WORDS["type_session"])]
    items = [f for kind, f in facts if not kind.startswith(WORDS["type_session"]) and f]
    assert write_ups and all(f.startswith("Cơ quan tổ chức: ") and "Trả lời" not in f for f in write_ups)
    assert items and any(f.startswith("Trả lời: ") for f in items)


def tick(page, facet: str, value: str) -> None:
    """Tick a filter as a reader does: open its group, then click its label."""
    open_filters(page)
    page.evaluate("(f) => { document.querySelector(`details[data-facet=${f}]`).open = true; }", facet)
    page.click(f"label[for=da-f-{facet}-{value}]")


def test_back_undoes_a_filter_step_by_step(page, base_url) -> None:
    """Filters are steps the reader can go Back from; typing is not replayed letter by letter."""
    all_topics = open_search(page, base_url, "q=so+do")
    tick(page, "topic", "dat-dai")
    land = all_results(page, base_url)
    tick(page, "year", "2024")
    settle(page)
    assert "topic=dat-dai" in page.url and "year=2024" in page.url
    page.go_back()
    assert all_results(page, base_url) == land
    assert "topic=dat-dai" in page.url and "year=2024" not in page.url
    assert page.is_checked("#da-f-topic-dat-dai") and not page.is_checked("#da-f-year-2024")
    page.go_back()
    assert all_results(page, base_url) == all_topics
    assert page.url.endswith("search/?q=so+do") and page.input_value("#da-q") == "so do"
    page.go_forward()
    settle(page)
    assert "topic=dat-dai" in page.url and page.is_checked("#da-f-topic-dat-dai")


def focused_on(page, selector: str) -> bool:
    """Whether the keyboard's focus is on the element `selector` finds."""
    return page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector)


def test_a_redrawn_filter_panel_keeps_the_keyboard_focus(page, base_url) -> None:
    """The panel is redrawn after each search: on a filter group's heading, or on a value the
    new list no longer holds, the focus fell to the page's start (a screen-reader review)."""
    open_search(page, base_url, "q=so+do")
    tick(page, "type", "question")
    settle(page)
    page.focus("details[data-facet=type] > summary")
    page.go_back()
    settle(page)
    assert "type=question" not in page.url
    assert focused_on(page, "details[data-facet=type] > summary")
    open_search(page, base_url, "q=qqqzzzxk&type=question&type=proposal")  # nothing found
    open_filters(page)
    page.focus("#da-f-type-proposal")
    page.keyboard.press("Space")  # unticked, with no count it leaves the list
    page.wait_for_function("!document.getElementById('da-f-type-proposal')")
    settle(page)
    assert page.is_visible("#da-f-type-question")
    assert focused_on(page, "details[data-facet=type] > summary")


def test_a_scope_of_one_day_is_said_as_one_day(page, base_url) -> None:
    """The sample's 2022 holds one session: not "từ 18/8/2022 đến 18/8/2022"."""
    assert open_search(page, base_url, "q=dat+dai&year=2022")
    status = page.inner_text("#da-status")
    assert WORDS["scope_day"].replace("{date}", "18/8/2022") in status and " đến " not in status, status


def test_no_result_in_a_chosen_year_does_not_send_the_reader_to_older_sessions(page, base_url) -> None:
    """With a year chosen there is no 'search older' button: the advice must not name one."""
    assert open_search(page, base_url, "q=qqqzzzxk&year=2022") == []
    status = page.inner_text("#da-status")
    before, after = WORDS["no_results_within"].split("{scope}")
    assert status.startswith(before + WORDS["scope_day"].replace("{date}", "18/8/2022")), status
    assert status.endswith(after) and "cũ hơn" not in status and not page.is_visible("#da-older")


def test_years_chosen_apart_are_named_not_spanned(page, base_url) -> None:
    """'từ 18/8/2022 đến 20/6/2024' said 2023 was searched too (a review's find)."""
    assert open_search(page, base_url, "type=question&year=2022&year=2024")
    status = page.inner_text("#da-status")
    assert WORDS["scope_years"].replace("{years}", "2024, 2022") in status, status
    assert open_search(page, base_url, "type=question&year=2023&year=2024")  # next to each other
    assert WORDS["scope_range"].split(" {")[0] in page.inner_text("#da-status")


def test_the_results_are_one_step_away_from_the_box_and_the_filters(page, base_url) -> None:
    """A keyboard user skips the filters; on a phone, the filters end with a link saying how
    many results the ticked filters leave, which leads to them."""
    found = open_search(page, base_url, "q=dat+dai&type=question")
    page.focus("#da-q")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == WORDS["skip_to_results"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "da-results-heading"
    open_filters(page)
    link = page.locator("#da-to-results")
    assert link.inner_text() == WORDS["to_results_count"].replace("{count}", str(len(found)))
    page.evaluate("window.scrollTo(0, 0)")
    link.click()
    assert page.locator("#da-results-heading").is_visible()
    top = page.evaluate("document.getElementById('da-results-heading').getBoundingClientRect().top")
    assert 0 <= top < 800


def test_an_excerpt_does_not_repeat_the_results_title(page, base_url) -> None:
    """The title (type — asker) is searchable, but the excerpt shows the question and answers
    ("…nơi đặt quán. Câu hỏi — Chủ hộ kinh doanh ăn uống, phường Hòa An." ended one: a
    proofreader's find), and a write-up's its summary."""
    pairs = []
    for query in ("ho+khau", "noi+dat+quan", "doi+thoai+thu+tuc+hanh+chinh"):
        assert open_search(page, base_url, f"q={query}&scope=all")
        pairs += page.eval_on_selector_all("#da-results > li", """els => els.map(li => [
            li.querySelector('.da-result__title').textContent.trim(),
            li.querySelector('.da-result__excerpt').textContent.trim()])""")
    assert any(" — " in title for title, _ in pairs) and any(" — " not in title for title, _ in pairs)
    assert not [(title, excerpt) for title, excerpt in pairs if title in excerpt]


@pytest.mark.parametrize(("query", "shown"), [
    ("chuyen vien phong quan ly do thi", "Trả lời (Phòng Quản lý đô thị quận Cẩm Lệ, Chuyên viên"),
    ("van ban sau buoi tiep xuc", "sau buổi tiếp xúc. Chủ đề: Tiếp xúc cử tri")])
def test_an_excerpts_introducing_words_are_spaced_as_written(page, base_url, query, shown) -> None:
    """Indexed apart with no weight, the labels read "Trả lời ( Phòng …, Chuyên viên ):" and
    "Cam kết : …" in the excerpts: Pagefind parts words at every element's edge (a diff
    reader's find)."""
    open_search(page, base_url, f"q={query.replace(' ', '+')}")
    excerpts = page.eval_on_selector_all("#da-results .da-result__excerpt",
                                         "els => els.map(e => e.textContent)")
    assert any(shown in " ".join(excerpt.split()) for excerpt in excerpts), excerpts[:3]
    assert not [e for e in excerpts if re.search(r"\( | \)| :", e)]


@pytest.mark.parametrize(("shown", "runs"), [
    ((Words("Trả lời (", label=True), Words("Phòng Tư pháp, Chuyên viên"), Words("): ", label=True),
      Words("Đã xử lý.")),
     [Words("Trả lời ", label=True), Words("(Phòng Tư pháp, Chuyên viên): Đã xử lý.")]),
    ((Words(" Hỏi"), Words(" Tiến độ: ", label=True), Words("xong.")),
     [Words(" Hỏi "), Words("Tiến độ: ", label=True), Words("xong.")]),
    ((Words("  "), Words("Cam kết:", label=True), Words(" ")),
     [Words("  "), Words("Cam kết: ", label=True)]),
    ((), [])])
def test_a_records_labels_are_indexed_apart_where_spaces_part_them_from_its_words(
        shown: tuple[Words, ...], runs: list[Words]) -> None:
    """What search_record.html gives Pagefind: a label's words with no weight, a word made of a
    label and the record's own ('(Phòng', 'viên):') the record's, each space with the words
    before it."""
    record = SearchRecord(url="/a/#b", title="t", shown=shown, extra="", date="2024-06-20")
    assert record.indexed == runs


def test_a_records_text_reads_as_sentences_its_parts_introduced(records) -> None:
    """A proofreader read "…có được cấp giấy phép xây dựng không? Phòng Quản lý đô thị quận Cẩm
    Lệ Chuyên viên Phòng Quản lý đô thị Thửa đất đã được…": the answering agency and the
    official's position read as part of the question. Each part is now a sentence, the answer
    introduced with who gave it, and the title is searchable but not shown again."""
    by_url = {r.url.split("/", 2)[-1]: r for r in records}  # "<session>/#<item>"
    asked = by_url["2023-09-21-doi-thoai-thu-tuc-hanh-chinh/#gpxd-dat-dien-tich-nho"]
    assert ("có được cấp giấy phép xây dựng không? Trả lời (Phòng Quản lý đô thị quận Cẩm Lệ, "
            "Chuyên viên Phòng Quản lý đô thị): Thửa đất đã được") in asked.text
    promised = by_url["2023-09-21-doi-thoai-thu-tuc-hanh-chinh/#ho-so-dang-ky-cu-tru"]
    assert ("không phải nộp lại. Cam kết: Chuyển kiến nghị rút gọn hồ sơ đăng ký thường trú đến "
            "Công an thành phố Đà Nẵng. Tiến độ: Đã có văn bản") in promised.text
    referred = by_url["2023-09-21-doi-thoai-thu-tuc-hanh-chinh/#an-ninh-trat-tu-trong-kiet"]
    assert ("giấc ngủ của người dân. Ủy ban nhân dân quận Cẩm Lệ chuyển đến Công an quận Cẩm Lệ. "
            "Nội dung không thuộc") in referred.text
    written = by_url["2024-06-27-tiep-xuc-cu-tri-phuong-hoa-xuan/"]  # a write-up
    assert ("sau buổi tiếp xúc. Chủ đề: Tiếp xúc cử tri trước kỳ họp thường lệ giữa năm 2024, HĐND "
            "thành phố Đà Nẵng khóa X. Địa điểm: Hội trường UBND phường Hòa Xuân. Chiều") in written.text
    for record in records:  # searchable, after the separator, never in the excerpt's text
        assert record.title not in record.text and record.extra.startswith(record.title), record.url


def test_the_status_and_the_title_say_what_was_searched(page, base_url) -> None:
    """Opened from an agency's "Tìm trong …" box, the search is not one of the whole archive."""
    assert open_search(page, base_url, "q=giay+phep+xay+dung")
    assert page.inner_text("#da-status").endswith(f" {WORDS['scope_all']}.")
    assert open_search(page, base_url, "agency=ubnd-quan-cam-le&q=giay+phep+xay+dung")
    agency = f"{WORDS['facets']['agency'].lower()}: Ủy ban nhân dân quận Cẩm Lệ"
    assert page.inner_text("#da-status").endswith(
        f" {WORDS['scope_all']}, {WORDS['filtered_by'].replace('{filters}', agency)}.")
    assert page.title().startswith("“giay phep xay dung” – Tìm kiếm")  # history tells searches apart
    types = "&".join(f"type={t}" for t in ("question", "opinion", "proposal", "complaint"))
    assert open_search(page, base_url, f"place=quan-cam-le&{types}")  # the district's "all items"
    assert WORDS["filtered_count"].replace("{count}", "5") in page.inner_text("#da-status")
    assert page.title().startswith("Tìm kiếm")


def test_on_a_phone_a_search_within_shows_its_results_first(page, base_url) -> None:
    """Arriving from an agency's "Tìm trong …" box, the results come before the filter panel's
    twenty agencies (folded), and the filter in force is shown above them, removable."""
    page.goto(f"{base_url}agencies/ubnd-quan-cam-le/")
    page.fill("#da-within-q", "giay phep xay dung")
    page.press("#da-within-q", "Enter")
    page.wait_for_url(re.compile(r"/search/\?agency=ubnd-quan-cam-le&q=giay"))
    narrowed = all_results(page, base_url)
    assert narrowed and page.locator("#da-results > li").first.bounding_box()["y"] < 800  # 1st screen
    chip = page.get_by_role("button", name=f"{WORDS['remove_filter'].replace('{facet}', 'Cơ quan')} "
                                           "Ủy ban nhân dân quận Cẩm Lệ")
    assert chip.is_visible() and page.locator("#da-active button").count() == 1
    assert serious_violations(page) == []
    chip.click()
    page.wait_for_url(re.compile(r"/search/\?q=giay\+phep\+xay\+dung$"))
    assert set(narrowed) < set(all_results(page, base_url))
    assert page.is_hidden("#da-active") and page.evaluate("document.activeElement.id") == "da-results-heading"


@pytest.mark.parametrize(("path", "label"), [
    ("agencies/phong-tu-phap/", "Tìm trong các phiên và câu trả lời của Phòng Tư pháp quận Cẩm Lệ"),
    ("topics/xay-dung/", "Tìm trong lĩnh vực Xây dựng"),
    ("places/phuong-hoa-xuan/", "Tìm trên địa bàn phường Hòa Xuân (đến 30/6/2025)")])
def test_search_within_says_what_it_searches_and_is_not_zoomed_into(page, base_url, path,
                                                                   label) -> None:
    page.goto(base_url + path)
    # iOS Safari zooms the page into a field whose text is smaller than 16 px when it is focused.
    size = page.evaluate("parseFloat(getComputedStyle(document.getElementById('da-within-q')).fontSize)")
    assert size >= 16
    assert page.inner_text("label[for=da-within-q]") == label


def test_short_words_typed_highlight_those_words_only(page, base_url, records) -> None:
    """Pagefind matches words starting like a word typed, accents aside: `so do` highlighted
    đốc, đơn, đổi, sót…, and in the land items listed first (holding "sổ đỏ" through their
    topic) the "sơ" of "hồ sơ" and the "do" of "do cha mẹ"."""
    def shown() -> dict[str, list[str]]:
        rows = page.eval_on_selector_all("#da-results > li", """els => els.map(li => [
            li.querySelector('.da-result__title a').href,
            [...li.querySelectorAll('mark')].map(m => m.textContent)])""")
        return {href.removeprefix(base_url): marks for href, marks in rows}

    def key(word: str) -> str:
        return fold(normalise(word)).lower().strip(".,;:?!()…\"“”")

    assert open_search(page, base_url, "q=so+do")
    results = shown()
    assert {key(m) for marks in results.values() for m in marks} <= {"so", "do"}
    holders = holding(records, "so do")
    silent = {r.url.lstrip("/") for r in records
              if r.url in holders and "so do" not in key(r.text.replace("\n", " "))}
    assert silent and all(results[url] == [] for url in silent & set(results))
    assert any(results.values())  # the others still show why they matched
    assert open_search(page, base_url, "q=" + quote("sổ đỏ"))
    marks = [m for marks in shown().values() for m in marks]
    assert marks and "sơ" not in {m.lower().strip(".,;:?!") for m in marks}


def test_filters_without_words_fetch_one_word_chunk_an_index(browser, base_url, sample_site) -> None:
    """A search with filters and no words (the place pages' "Xem tất cả" link, an empty box):
    Pagefind's search without a term fetched every word chunk of every index searched, 8 MB
    for all of a 600-session archive (a review's find); the word every record holds is one."""
    indexes = [p for p in (sample_site / "pagefind").iterdir() if (p / "pagefind-entry.json").is_file()]
    chunks = sum(len(list((p / "index").iterdir())) for p in indexes)
    assert chunks > len(indexes)  # else the test could not tell
    context = browser.new_context()
    tab = context.new_page()
    fetched: list[str] = []
    tab.on("request", lambda r: fetched.append(r.url) if r.url.endswith(".pf_index") else None)
    tab.goto(f"{base_url}search/?type=question&scope=all")
    settle(tab)
    assert tab.locator("#da-results > li").count() > 0
    context.close()
    # Distinct files: the facets' counts search again in a worker of their own, whose requests
    # for the same chunks the browser answers from its cache.
    assert 0 < len(set(fetched)) <= len(indexes), fetched


def test_the_filter_panel_says_what_its_numbers_count(browser, base_url) -> None:
    """"Cư trú (140)" beside 82 items on the topic's page, "Cam kết quá hạn (44)" where the
    overdue commitments are 45: the filters count results, write-ups included, and a journalist
    took them for the site's figures (a numbers audit's find). The panel says what they count,
    in two lines at most on a 360 px phone, and each group is described by it."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    try:
        tab.goto(f"{base_url}search/?topic=cu-tru&scope=all")
        settle(tab)
        open_filters(tab)
        note = tab.locator("#da-facet-counts")
        assert note.is_visible()
        said = " ".join(note.inner_text().split())
        assert "số kết quả" in said and "bài tường thuật" in said and "cam kết" in said, said
        groups = tab.eval_on_selector_all("#da-facets fieldset", "els => els.map(e => "
                                          "e.getAttribute('aria-describedby'))")
        assert groups and set(groups) == {"da-facet-counts"}
        box = note.bounding_box()
        line = float(tab.evaluate("parseFloat(getComputedStyle(document.getElementById("
                                  "'da-facet-counts')).lineHeight)"))
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["height"] <= 2 * line + 1, box
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        assert serious_violations(tab) == []
    finally:
        context.close()


def test_an_agency_filter_finds_the_items_it_promised_something_on(page, base_url) -> None:
    """A ward promised to clear a dump on an item another office answered: the agency filter
    found nothing of it, though its commitments page lists it (a review's find)."""
    found = open_search(page, base_url, "agency=ubnd-phuong-hoa-phat&scope=all")
    assert "sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh/#thu-gom-rac-khu-dat-trong" in found


def test_what_an_agencys_page_lists_its_search_within_finds(page, base_url) -> None:
    """The district's committee referred a complaint to its police: its page now lists it,
    said so, and the agency filter its "Tìm trong …" box sets found nothing of it (a review's
    find: page and search disagreed). All the page lists is found there; the search also finds
    what it only promised (its scorecard's) and the write-ups of its sessions."""
    page.goto(f"{base_url}agencies/ubnd-quan-cam-le/")
    listed = [link.removeprefix(base_url) for link in page.eval_on_selector_all(
        ".da-group .da-entry__title a", "links => links.map(a => a.href)")]
    referred = "sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh/#an-ninh-trat-tu-trong-kiet"
    assert referred in listed, listed
    page.locator(".da-search-within button").click()
    page.wait_for_url(re.compile(r"/search/\?agency=ubnd-quan-cam-le"))
    found = all_results(page, base_url)
    assert set(listed) <= set(found), set(listed) - set(found)


def test_the_pages_write_counts_as_the_search_page_does() -> None:
    """'12000' on a place page, '12.000' on the search page it opens (a review's find): the
    pages' `number` filter writes the locale's thousands as the search page's toLocaleString."""
    assert [format_number(n) for n in (7, 999, 1000, 12000, 1234567)] == \
        ["7", "999", "1.000", "12.000", "1.234.567"]


def test_a_long_filter_list_narrows_to_the_names_typed(page, base_url) -> None:
    """150 agencies made a list 5,000 px tall on a phone, with no way to find one (a review's
    find): a list of more than 12 values has a box that narrows it, accents aside."""
    open_search(page, base_url, "scope=all&type=question&type=opinion&type=proposal&type=complaint")
    open_filters(page)
    page.click("details[data-facet=agency] > summary")
    options = page.locator("details[data-facet=agency] .da-facet__option")
    assert options.count() > 12
    page.fill("#da-find-agency", "tu phap")
    page.wait_for_function("""() => [...document.querySelectorAll(
        'details[data-facet=agency] .da-facet__option')].some(o => o.hidden)""")
    shown = page.locator("details[data-facet=agency] .da-facet__option:visible").all_inner_texts()
    assert shown and all("Tư pháp" in t for t in shown), shown
    page.fill("#da-find-agency", "quan li d")  # i for y, the last word still being typed
    page.wait_for_function("""() => [...document.querySelectorAll(
        'details[data-facet=agency] .da-facet__option:not([hidden])')].some(
        o => o.textContent.includes('Quản lý đô thị'))""")
    page.fill("#da-find-agency", "quan li do thi")  # i for y, as the search reads it
    page.wait_for_function("""() => [...document.querySelectorAll(
        'details[data-facet=agency] .da-facet__option:not([hidden])')].every(
        o => o.textContent.includes('Quản lý đô thị'))""")
    shown = page.locator("details[data-facet=agency] .da-facet__option:visible").all_inner_texts()
    assert shown and all("Quản lý đô thị" in t for t in shown), shown
    # what a citizen calls it: its short name or an alias, as the search box finds them, and
    # words in any order (each "found no name", a reader's find)
    for typed, name in (("qldt", "Phòng Quản lý đô thị quận Cẩm Lệ"),
                        ("ubnd cam le", "Ủy ban nhân dân quận Cẩm Lệ"),
                        ("phap tu", "Phòng Tư pháp quận Cẩm Lệ")):
        page.fill("#da-find-agency", typed)
        page.wait_for_function("""(name) => [...document.querySelectorAll(
            'details[data-facet=agency] .da-facet__option:not([hidden])')].some(
            o => o.querySelector('label').firstChild.textContent === name)""", arg=name, timeout=5000)
    # a count is no name (the diff review's find); names of two units sharing one hold the
    # digits of their dates ("(từ 1/7/2025)"), none a 9, which counts here do
    page.fill("#da-find-agency", "9")
    page.wait_for_function(
        "() => !document.querySelector('details[data-facet=agency] .da-facet__none').hidden")
    assert page.locator("details[data-facet=agency] .da-facet__option:visible").count() == 0
    assert page.is_visible("details[data-facet=agency] .da-facet__none")


def test_a_filter_lists_box_says_how_many_names_are_left(page, base_url) -> None:
    """Typing in the agency list's box narrowed it in silence, and "Không có tên nào…" was not
    read out either: a screen reader is told, once typing pauses (a screen-reader review)."""
    open_search(page, base_url, "scope=all&type=question&type=opinion&type=proposal&type=complaint")
    open_filters(page)
    page.click("details[data-facet=agency] > summary")
    said = "details[data-facet=agency] [role=status]"
    page.focus("#da-find-agency")
    page.keyboard.type("tu phap", delay=30)
    page.wait_for_function("(s) => document.querySelector(s) && document.querySelector(s).textContent",
                           arg=said, timeout=5000)
    left = page.locator("details[data-facet=agency] .da-facet__option:visible").count()
    assert 0 < left < page.locator("details[data-facet=agency] .da-facet__option").count()
    assert page.inner_text(said) == WORDS["facet_shown"].replace("{count}", str(left))
    page.keyboard.type("9")  # no name holds it
    page.wait_for_function("([s, none]) => document.querySelector(s).textContent === none",
                           arg=[said, WORDS["facet_none"]], timeout=5000)


def test_a_referred_item_waits_for_its_answer(page, base_url, records, sample_site) -> None:
    """A referral forwards an item, it answers nothing: at voter meetings most proposals are
    forwarded, and they counted as answered, the forwarding office as the one that answered
    (a review's find)."""
    item = "sessions/2023/2023-03-16-doi-thoai-cu-tru-ho-tich-khue-trung/#truong-hoc-doi-so-ho-khau"
    assert open_search(page, base_url, "answered=referred&scope=all") == [item]
    assert item not in open_search(page, base_url, "answered=yes&scope=all")
    topic = parse(sample_site / "topics" / "giao-duc" / "index.html")
    line = next(li for li in topic.select("li.da-entry")
                if li.a and li.a["href"].endswith("#truong-hoc-doi-so-ho-khau"))
    assert "Đã chuyển đến:" in line.get_text() and "Trả lời:" not in line.get_text()


def test_a_question_sent_in_before_its_session_is_filtered_as_awaiting_it(
        tmp_path: Path, browser, serve_site) -> None:
    """The "answered" filter counted the questions sent in before a session announced ahead
    among those "Chưa được trả lời", as their page did (a review's find): they have a value of
    their own, as the page and the open data say it."""
    content = copy_sample(tmp_path / "content")
    session = "sessions/2026/2026-12-15-tiep-cong-dan-dinh-ky-thang-12"
    (content / session / "answers.yaml").write_text(
        "items:\n  - id: hoi-truoc-ve-ho-so-dat\n    type: question\n    asker: {label: Công dân}\n"
        "    topics: [dat-dai]\n    text: Hồ sơ đất của tôi nộp từ năm 2024 đang ở đâu?\n",
        encoding="utf-8")
    base = serve_site(build_archive(content, tmp_path))
    tab = browser.new_page()
    try:
        item = f"{session}/#hoi-truoc-ve-ho-so-dat"
        assert open_search(tab, base, "answered=awaiting&scope=all") == [item]
        assert tab.inner_text("label[for=da-f-answered-awaiting]") \
            == f"{WORDS['answered']['awaiting']} (1)"
        unanswered = open_search(tab, base, "answered=no&scope=all")
        assert unanswered and item not in unanswered
    finally:
        tab.close()


def test_the_word_every_record_holds_is_never_found_by_typing(page, base_url) -> None:
    """A query that is the start of that hidden word found every record (a review's find)."""
    for query in ("z", "zxq", EVERY_RECORD):
        assert open_search(page, base_url, f"q={query}&scope=all") == [], query
    assert page.inner_text("#da-status").startswith(WORDS["no_results"][:20])


@pytest.mark.parametrize("query", [
    "topic=xay-dung", "status=overdue", "type=question&type=proposal&scope=all"])
def test_filters_without_words_list_the_newest_sessions_first(page, base_url, records, query) -> None:
    """Each index's results came newest first, but Pagefind merges indexes by score, a sorted
    search's rank within its own index: `topic=xay-dung` gave 21/9/2023 ×4, 16/4/2026,
    18/8/2022, 16/4/2026… (a review's find). Newest first across every index searched, also
    past the first page of results."""
    dates = {r.url.lstrip("/"): r.date for r in records}
    found = open_search(page, base_url, query)
    shown = [dates[url] for url in found]
    assert len({date[:4] for date in shown}) > 1  # results of several indexes, else it proves nothing
    assert shown == sorted(shown, reverse=True), shown
    if query.endswith("scope=all"):
        assert len(found) > 20  # a second page of results


def test_a_session_folder_name_finds_no_item_by_itself(page, base_url, records) -> None:
    """`bhyt`, a word of a session's folder name only, found all eight items of the session, a
    land complaint among them, as the records' URL was searchable metadata (a review's find)."""
    def holds(record: SearchRecord) -> bool:
        return "bhyt" in fold(" ".join([record.text, record.extra, *record.meta.values()])).lower()

    folder = [r for r in records if "bhyt" in r.url and not holds(r)]
    assert folder, "no record of the sample's bhyt session lacks the word: the test proves nothing"
    found = open_search(page, base_url, "q=bhyt&scope=all")
    assert found and set(found) <= {r.url.lstrip("/") for r in records if holds(r)}, found
    assert open_search(page, base_url, "q=bhyt&topic=dat-dai&scope=all") == []
    assert any("#" in url for url in found)  # results still link to their items


DATE_SPELLINGS = ["{d}/{m}/{y}", "{d:02}/{m:02}/{y}", "{d:02}/{m}/{y}", "{d}/{m:02}/{y}"]
"""A date as citizens and official documents write it: '09/8/2025' as well (a review's find)."""


@pytest.mark.parametrize("typed", DATE_SPELLINGS)
def test_a_date_finds_its_write_up_with_or_without_leading_zeros(page, base_url, typed) -> None:
    """`21/9/2023` found the write-up, `21/09/2023` nothing (a review's find)."""
    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    for session in archive.published:
        if session.date.day < 10 or session.date.month < 10:
            date = typed.format(d=session.date.day, m=session.date.month, y=session.date.year)
            found = open_search(page, base_url, f"q={quote(date)}&scope=all")
            assert urls.web_path(session.src_uri, True) in found, date


def test_a_date_in_an_items_text_finds_it_with_or_without_leading_zeros(page, base_url,
                                                                        records) -> None:
    """'hiệu lực từ 01/6/2026' in an answer was found only as written: '1/6/2026' and
    '01/06/2026' are other words to Pagefind (the write-up's own date was the only one fixed)."""
    written = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
    typed_otherwise = {(r.url, date) for r in records if "#" in r.url for m in written.finditer(r.text)
                       for typed in DATE_SPELLINGS
                       if (date := typed.format(d=int(m[1]), m=int(m[2]), y=m[3])) != m[0]}
    spellings = {re.sub(r"\d+", lambda n: "0" if n[0].startswith("0") else "9", d)
                 for _, d in typed_otherwise}
    assert len(spellings) >= 3, f"the sample's item dates try too few spellings: {spellings}"
    for url, date in sorted(typed_otherwise):
        assert url.lstrip("/") in open_search(page, base_url, f"q={quote(date)}&scope=all"), date


DATED = {"mot-thang-muoi-hai": "Hồ sơ nộp trước ngày 1/12/2025 được giải quyết.",
         "muoi-mot-thang-hai": "Hồ sơ nộp trước ngày 11/2/2025 được giải quyết.",
         "gach-ngang": "Hạn chót 05-12-2025 theo thông báo."}
"""Items holding dates, by item id: Pagefind drops a date's slashes, so '1/12/2025' and
'11/2/2025' are one word to it, and '05-12-2025' is the word of '05/12/2025'."""


def test_a_date_typed_finds_the_records_holding_that_date_however_either_writes_it(
        tmp_path: Path, browser, serve_site) -> None:
    """`1/12/2025` typed also found the item saying '11/2/2025' (the same word to Pagefind),
    and `5/12/2025` missed the one saying '05-12-2025' (written with dashes, it got no other
    forms); a date typed in another form than the text's marked nothing."""
    items = [{"id": ident, "type": "question", "asker": {"label": "Công dân"}, "topics": ["moi-truong"],
              "text": text} for ident, text in DATED.items()]
    for tab, base, session in with_session(tmp_path, browser, serve_site, "2023/2023-10-08-hen-ngay", items):
        # with the punctuation of a sentence pasted: the date was looked up as typed (a code reader's find)
        for typed in ("1/12/2025", "01/12/2025", "1-12-2025", "01.12.2025", "(1/12/2025)", "01/12/2025,"):
            tab.goto(f"{base}search/?q={quote(typed)}&scope=all")
            found = all_results(tab, base)
            assert f"{session}mot-thang-muoi-hai" in found, typed
            assert f"{session}muoi-mot-thang-hai" not in found, typed
            result = tab.locator("#da-results > li").filter(
                has=tab.locator(f"a[href$='{session}mot-thang-muoi-hai']"))
            assert result.locator("mark").all_inner_texts() == ["1/12/2025"], typed
        for typed in ("5/12/2025", "05/12/2025", "5-12-2025"):
            tab.goto(f"{base}search/?q={quote(typed)}&scope=all")
            assert f"{session}gach-ngang" in all_results(tab, base), typed


def test_a_date_with_a_two_digit_year_is_this_centurys_typed_or_written(tmp_path: Path, browser,
                                                                      serve_site) -> None:
    """`1/12/25` typed for 1 December 2025 found nothing that `1/12/2025` finds (Pagefind's
    word '11225'), and a text writing '1/12/25' was not found by `1/12/2025`: a year of two
    digits is read as 20YY, typed or written, and the date is marked as the text writes it."""
    items = [{"id": ident, "type": "question", "asker": {"label": "Công dân"}, "topics": ["moi-truong"],
              "text": text} for ident, text in (*DATED.items(),
                                                ("hai-so", "Đã nộp đơn ngày 1/12/25 nhưng chưa có hẹn."))]
    folder = "2023/2023-10-10-nam-hai-so"
    for tab, base, session in with_session(tmp_path, browser, serve_site, folder, items):
        for typed in ("1/12/25", "01/12/25", "1-12-25", "1.12.25", "1/12/2025"):
            tab.goto(f"{base}search/?q={quote(typed)}&scope=all")
            found = all_results(tab, base)
            assert f"{session}muoi-mot-thang-hai" not in found, typed
            for item, written in (("mot-thang-muoi-hai", "1/12/2025"), ("hai-so", "1/12/25")):
                assert f"{session}{item}" in found, (typed, item)
                link = tab.locator(f"a[href$='{session}{item}']")
                result = tab.locator("#da-results > li").filter(has=link)
                assert result.locator("mark").all_inner_texts() == [written], (typed, item)


def test_a_date_typed_does_not_find_a_longer_number_starting_with_it(tmp_path: Path, browser,
                                                                     serve_site) -> None:
    """`1/12/2025` also listed an item holding only the document number '01.12.2025.001'
    (Pagefind's word '01122025001' starts with the date's '01122025'), with nothing marked."""
    items = [{"id": ident, "type": "question", "asker": {"label": "Công dân"}, "topics": ["moi-truong"],
              "text": text} for ident, text in (("ngay", DATED["mot-thang-muoi-hai"]),
                                                ("so-hieu", "Văn bản số 01.12.2025.001 về rác thải."))]
    for tab, base, session in with_session(tmp_path, browser, serve_site, "2023/2023-10-09-so-hieu", items):
        for typed in ("1/12/2025", "01/12/2025"):
            tab.goto(f"{base}search/?q={quote(typed)}&scope=all")
            found = all_results(tab, base)
            assert f"{session}ngay" in found, typed
            assert f"{session}so-hieu" not in found, typed


@pytest.mark.parametrize("query", ["Phòng QLĐT", "QLDT", "P. QLĐT"])
def test_an_agencys_aliases_find_its_items(page, base_url, records, query) -> None:
    """The aliases registered for Phòng Quản lý đô thị found nothing, though an item's agencies
    are worth typing (a review's find)."""
    theirs = urls_where(records, agency="phong-quan-ly-do-thi")
    silent = {url for url in theirs if "qldt" not in fold(next(
        r for r in records if r.url == url).text).lower().replace("đ", "d")}
    assert silent, "every item of the agency names it so: the test proves nothing"
    found = open_search(page, base_url, f"q={quote(query)}&scope=all")
    assert {url.lstrip("/") for url in silent} <= set(found)


def test_the_page_says_it_loads_only_when_its_script_runs(browser, base_url) -> None:
    """"Đang tải chỉ mục tìm kiếm…" showed under the notice that JavaScript is off, and forever
    when the script could not load (a page opened from file://): a review's find."""
    for javascript, blocked in ((False, False), (True, True)):
        context = browser.new_context(java_script_enabled=javascript)
        tab = context.new_page()
        if blocked:
            tab.route(re.compile(r"/dialogue-archive-search/search\.js(\?|$)"), lambda route: route.abort())
        tab.goto(f"{base_url}search/")
        tab.wait_for_load_state("networkidle")
        assert WORDS["loading"] not in tab.inner_text("#da-search")
        context.close()
    context = browser.new_context()
    tab = context.new_page()
    loading: list[str] = []
    tab.expose_function("seen", lambda text: loading.append(text))
    tab.add_init_script("""new MutationObserver(() => { const s = document.getElementById('da-status');
        if (s && s.textContent) window.seen(s.textContent); }).observe(document, {subtree: true,
        childList: true, characterData: true});""")
    tab.goto(f"{base_url}search/?q=dat+dai")
    settle(tab)
    context.close()
    assert WORDS["loading"] in loading  # said while the script loads the index


def assert_counted(tab, base_url: str) -> None:
    """The filter panel shows a count by each value, and its closing link the results' number."""
    counts = tab.locator("#da-facets .da-facet__count").all_text_contents()
    assert counts and all(re.fullmatch(r"\([1-9][\d.]*\)", count) for count in counts), counts
    assert tab.inner_text("#da-to-results") == WORDS["to_results_count"].replace(
        "{count}", str(len(all_results(tab, base_url))))


def test_results_do_not_wait_for_the_filter_counts(browser, base_url) -> None:
    """On a slow link, the first results waited for every filter index (9 an index, a round trip
    each: 45 for the first scope of a 200-session archive), 11 to 18 s on a phone (a review's
    find). Held back here until the results show: the filter panel's counts come after them."""
    context = browser.new_context()
    held: list[object] = []
    released = False

    def hold(route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    context.route(re.compile(r"\.pf_filter$"), hold)
    tab = context.new_page()
    try:
        tab.goto(f"{base_url}search/?q=giay+phep+xay+dung")
        tab.wait_for_selector("#da-results > li", timeout=15_000)
        assert tab.inner_text("#da-status").startswith("Tìm thấy")
        for _ in range(100):  # asked for alongside, after the results
            if held:
                break
            tab.wait_for_timeout(50)
        assert held and tab.get_attribute("#da-facets", "aria-busy") == "true"
        released = True
        for route in held:
            route.continue_()
        settle(tab)
        assert_counted(tab, base_url)
    finally:
        context.close()


@contextmanager
def watched_tab(browser, width: int) -> Iterator[tuple[Any, list[str]]]:
    """A page in a browser context of its own (nothing cached), that width, 800 px high, and
    the address of every request it makes."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    asked: list[str] = []
    context.on("request", lambda request: asked.append(request.url))
    try:
        yield context.new_page(), asked
    finally:
        context.close()


def test_a_folded_filter_panel_fetches_no_filter_index(browser, base_url) -> None:
    """On a phone the filter panel starts folded, yet every search fetched its counts' filter
    indexes, 9 files an index: at 10,000 sessions 4.8 MB for a search of the whole archive, for
    counts no one saw. They are fetched once the reader unfolds the panel, which then counts."""
    with watched_tab(browser, 390) as (tab, asked):
        tab.goto(f"{base_url}search/?q=giay+phep+xay+dung")
        assert settle(tab).startswith("Tìm thấy")
        tab.fill("#da-q", "dat dai")
        tab.wait_for_function("document.getElementById('da-status').textContent.includes('dat dai')")
        assert settle(tab).startswith("Tìm thấy")
        tab.wait_for_timeout(500)  # a late request would count
        assert not [url for url in asked if url.endswith(".pf_filter")]
        assert tab.get_attribute("#da-filters", "open") is None
        open_filters(tab)
        assert [url for url in asked if url.endswith(".pf_filter")]
        assert_counted(tab, base_url)


PAGEFIND_FILTERS = """async () => {
  const config = JSON.parse(document.getElementById("da-search-config").textContent);
  const root = new URL("../pagefind/", location.href).href;
  const [first, ...rest] = config.shards.map((shard) => `${root}${shard.id}/`);
  const pagefind = (await import(first + config.files.runtime)).createInstance({ basePath: first });
  for (const index of rest) await pagefind.mergeIndex(index);
  await pagefind.init();
  return await pagefind.filters();
}"""
"""Pagefind's own counts of every filter value over all the site's indexes."""


def test_the_filter_counts_before_a_search_fetch_no_filter_index(browser, base_url) -> None:
    """Before anything was typed or ticked, the counts came from Pagefind's filters(), which
    fetches the 9 filter indexes of every index searched: 4.8 MB for the whole archive at 10,000
    sessions, and a first query typed at once waited behind them (5.1 s to its results, against
    1.4 s on a phone, whose panel was folded). They come from each index's totals file, and are
    the counts Pagefind gives."""
    with watched_tab(browser, 1280) as (tab, asked):
        tab.goto(f"{base_url}search/?scope=all")
        assert settle(tab) == WORDS["prompt"]
        tab.wait_for_timeout(500)  # a late request would count
        assert not [url for url in asked if url.endswith(".pf_filter")]
        shown = tab.evaluate("""() => Object.fromEntries([...document.querySelectorAll('#da-facets input')]
            .filter((box) => box.type === 'checkbox').map((box) => [`${box.name}=${box.value}`,
              box.parentElement.querySelector('.da-facet__count').textContent]))""")
        pagefind = tab.evaluate(PAGEFIND_FILTERS)
        facets = {facet["key"] for facet in json.loads(tab.inner_text("#da-search-config"))["facets"]}
        assert {key: int(re.sub(r"\D", "", count)) for key, count in shown.items()} == {
            f"{key}={value}": count for key, values in pagefind.items() if key in facets
            for value, count in values.items() if count}
        assert {key.split("=")[0] for key in shown} == facets


def filter_files(site: Path) -> dict[str, str]:
    """The filter each filter index file of the site's Pagefind indexes holds, by its name (the
    index's metadata lists them: [filter, file] pairs)."""
    names: dict[str, str] = {}
    for entry in (site / "pagefind").glob("*/pagefind-entry.json"):
        for language in json.loads(entry.read_text(encoding="utf-8"))["languages"].values():
            meta = cbor2.loads(unpacked(entry.parent / f"pagefind.{language['hash']}.pf_meta"))
            names.update({f"{name}.pf_filter": facet for facet, name in meta[3]})
    return names


@pytest.mark.parametrize(("query", "searched"), [
    ("place=quan-cam-le&scope=all", {"place", "shard"}), ("q=giay+phep&scope=all", set())])
def test_the_first_excerpts_are_asked_for_before_the_filter_counts(browser, base_url, sample_site,
                                                                    query: str, searched: set[str]) -> None:
    """A browser opens 6 connections to a server: on a phone's slow link a search by filters
    alone asked for the counts' filter indexes (29 files) before its excerpts, which waited 2 s
    for a connection (a phone review's find). The excerpts of the first page are asked for first,
    as a typed search's were; the search's own filters (`searched`) come before either."""
    facets = filter_files(sample_site)
    context = browser.new_context()
    tab = context.new_page()
    asked: list[str] = []
    tab.on("request", lambda r: asked.append(urlsplit(r.url).path.rsplit("/", 1)[-1]))
    try:
        tab.goto(f"{base_url}search/?{query}")
        settle(tab)
        shown = tab.locator("#da-results > li").count()
    finally:
        context.close()
    excerpts = [i for i, name in enumerate(asked) if name.endswith(".pf_fragment")]
    counts = [i for i, name in enumerate(asked) if name in facets and facets[name] not in searched]
    assert len(excerpts) == shown > 0 and counts, asked  # else the test could not tell
    assert max(excerpts) < min(counts), asked


def test_a_phones_search_key_closes_the_keyboard_and_shows_the_results(browser, base_url) -> None:
    """The keyboard's Search key (Enter) left the focus in the box, the keyboard open and the
    results below the screen, under the filters (a review's find: the first result at 573 px
    with the keyboard open, 782 px on a 640 px screen without). Typing keeps the box."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    tab = context.new_page()
    where = """() => ({active: document.activeElement.id, height: innerHeight,
        header: document.querySelector('.md-header').getBoundingClientRect().bottom,
        heading: document.getElementById('da-results-heading').getBoundingClientRect().top,
        first: document.querySelector('#da-results > li').getBoundingClientRect().top})"""
    try:
        tab.goto(f"{base_url}search/")
        tab.tap("#da-q")
        tab.keyboard.type("giay phep xay dung")
        tab.wait_for_selector("#da-results > li")
        settle(tab)
        typed = tab.evaluate(where)
        assert typed["active"] == "da-q" and tab.evaluate("scrollY") == 0, typed
        tab.keyboard.press("Enter")
        tab.wait_for_function("document.activeElement.id !== 'da-q' && scrollY > 0")
        settle(tab)
        shown = tab.evaluate(where)
        assert shown["active"] == "da-results-heading", shown
        assert shown["header"] <= shown["heading"] < shown["first"] < shown["height"] - 100, shown
    finally:
        context.close()


def test_filters_are_a_fingers_size_on_a_phone_and_compact_with_a_mouse(browser, base_url) -> None:
    """On a 360 px phone the filter values' labels were 34 px tall and the facets' headings
    36 px (a review's find): a finger needs 44. A mouse keeps the compact list."""
    heights = """() => { for (const d of document.querySelectorAll('#da-facets details')) d.open = true;
        const h = (s) => [...document.querySelectorAll(s)].map(e => e.getBoundingClientRect().height);
        return {labels: h('#da-facets .da-facet__option label'), headers: h('#da-facets summary')}; }"""
    seen = {}
    for name, options in (("phone", {"viewport": {"width": 360, "height": 640}, "is_mobile": True,
                                     "has_touch": True, "device_scale_factor": 2}),
                          ("desktop", {"viewport": {"width": 1280, "height": 800}})):
        context = browser.new_context(**options)
        tab = context.new_page()
        try:
            tab.goto(f"{base_url}search/?q=giay+phep")
            settle(tab)
            open_filters(tab)
            seen[name] = tab.evaluate(heights)
        finally:
            context.close()
    phone = seen["phone"]
    assert len(phone["labels"]) > 10 and len(phone["headers"]) >= 4, phone
    assert min(phone["labels"] + phone["headers"]) >= 44, phone
    desktop = seen["desktop"]  # not spread out for a mouse (a long agency name takes two lines)
    assert min(desktop["labels"]) < 44 and min(desktop["headers"]) < 44, desktop
