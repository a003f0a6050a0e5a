"""The built site: every page kind, anchors, links between pages, pagination, NFC."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import unicodedata
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import yaml
from conftest import (
    CONTENT,
    ROOT,
    SAMPLE_BUILD_DATE,
    build_archive,
    copy_sample,
    make_archive,
    parse,
    replace,
    run_build,
    write_config,
)
from dialogue_archive.core.labels import VI
from dialogue_archive.core.loader import load_archive
from dialogue_archive.core.views import ArchiveViews
from jsonschema import Draft202012Validator
from sample_records import raw_sessions

SESSIONS = sorted(p.parent for p in (CONTENT / "sessions").glob("*/*/index.md"))


def front_matter(index: Path) -> dict:
    return yaml.safe_load(index.read_text(encoding="utf-8").split("---")[1])


def sample_items(session: Path) -> list[dict]:
    answers = session / "answers.yaml"
    return (yaml.safe_load(answers.read_text(encoding="utf-8")) or {}).get("items") or [] \
        if answers.exists() else []


def page(site: Path, url: str) -> Path:
    """The file a static server returns for a site-relative URL."""
    path = site / unquote(urlparse(url).path).lstrip("/")
    return path / "index.html" if url.endswith("/") or path.is_dir() else path


def internal_links(site: Path, html_file: Path) -> list[str]:
    base = "/" + str(html_file.relative_to(site).parent).replace(".", "") + "/"
    base = base.replace("//", "/")
    links = []
    for a in parse(html_file).select("main a[href]"):
        href = a["href"]
        if href.startswith(("http:", "https:", "mailto:", "#")):
            continue
        links.append(urljoin(base, href))
    return links


def test_every_page_kind_exists(sample_site: Path) -> None:
    session = SESSIONS[0]
    meta = front_matter(session / "index.md")
    first_item = sample_items(session)[0] if sample_items(session) else None
    for url in ["/", "/sessions/", f"/sessions/{meta['date'].year}/",
                f"/sessions/{meta['date'].year}/{session.name}/", "/agencies/",
                f"/agencies/{meta['organizer']}/", "/topics/", "/places/", f"/places/{meta['place']}/",
                "/about/"]:
        assert page(sample_site, url).is_file(), url
    if first_item:
        assert page(sample_site, f"/topics/{first_item['topics'][0]}/").is_file()


def test_nav_is_short_and_in_vietnamese(sample_site: Path) -> None:
    tabs = [a.get_text(strip=True) for a in parse(sample_site / "index.html").select(".md-tabs__link")]
    assert tabs[:5] == ["Trang chủ", "Phiên đối thoại", "Cơ quan", "Lĩnh vực", "Địa bàn"]
    assert len(tabs) <= 9
    assert parse(sample_site / "index.html").html["lang"] == "vi"


def test_session_page_shows_every_item_with_its_answers(sample_site: Path) -> None:
    for session in SESSIONS:
        meta = front_matter(session / "index.md")
        if meta.get("draft"):
            continue
        html_file = page(sample_site, f"/sessions/{meta['date'].year}/{session.name}/")
        if not html_file.exists():  # scheduled
            continue
        doc = parse(html_file)
        assert doc.h1.get_text(strip=True) == unicodedata.normalize("NFC", meta["title"])
        day = meta["date"]
        assert f"ngày {day.day} tháng {day.month} năm {day.year}" in doc.select_one(".da-kicker").text
        items = sample_items(session)
        heading = doc.select_one("h2#y-kien").get_text(strip=True)
        asked = {"dialogue": "câu hỏi của người dân", "business_dialogue": "kiến nghị của doanh nghiệp",
                 "voter_meeting": "kiến nghị của cử tri", "citizen_reception": "kiến nghị của công dân"}
        count = f" ({len(items)})" if items else ""  # no record yet: no "(0)"
        assert heading == f"Ý kiến, {asked[meta.get('kind', 'dialogue')]}{count}"
        for item in items:
            card = doc.find(id=item["id"])
            assert card is not None and card.name == "article", item["id"]
            assert card.select_one(f'a.da-permalink[href="#{item["id"]}"]') is not None
            answers = card.select(".da-answer")
            assert len(answers) == len(item.get("answers") or [])
            for answer, block in zip(item.get("answers") or [], answers, strict=True):
                agency_href = block.select_one(".da-answer__by a")["href"]
                assert agency_href.endswith(f"/agencies/{answer['by']}/")
                if answer.get("mode") == "referred":
                    assert "Chuyển đến" in block.text
                    target = block.select_one(f'a[href$="/agencies/{answer["referred_to"]}/"]')
                    assert target is not None
                    # what a screen reader names the block: a referral, not an answer
                    assert block["aria-label"].endswith(f" chuyển đến {target['title']}")
                else:
                    assert block["aria-label"].startswith("Trả lời: ")
            if not item.get("answers"):
                assert "Chưa được trả lời" in card.text
            for commitment in item.get("commitments") or []:
                box = card.find(id=f"cam-ket-{commitment['id']}")
                assert box is not None
                assert box.select_one(".da-status") is not None
            if item.get("in_scope") is False:
                assert "Ngoài chủ đề" in card.text


def test_lists_link_to_exact_items_that_exist(sample_site: Path) -> None:
    checked = 0
    for kind in ("agencies", "topics", "places"):
        for html_file in (sample_site / kind).glob("*/index.html"):
            for link in internal_links(sample_site, html_file):
                target = page(sample_site, link)
                assert target.is_file(), f"{html_file}: {link}"
                fragment = urlparse(link).fragment
                if fragment:
                    assert parse(target).find(id=fragment) is not None, f"{html_file}: {link}"
                    checked += 1
    assert checked > 20


def test_agency_page_lists_answers_newest_first(sample_site: Path) -> None:
    doc = parse(sample_site / "agencies" / "ubnd-quan-cam-le" / "index.html")
    dates = [t["datetime"] for t in doc.select(".da-group > .da-entry__meta time")]
    assert dates and dates == sorted(dates, reverse=True)


def test_place_page_names_todays_successor(tmp_path: Path) -> None:
    site = build_archive(make_archive(tmp_path / "content"), tmp_path)
    doc = parse(site / "places" / "quan-cam-le" / "index.html")
    facts = doc.select_one("dl.da-facts").get_text(" ", strip=True)
    assert "Nay thuộc" in facts and "Phường Cẩm Lệ" in facts
    # valid_until is the last day the unit existed (FORMAT.md, the open data's schema)
    assert "Đến hết ngày 30 tháng 6 năm 2025" in facts
    session = parse(next((site / "sessions" / "2024").glob("*/index.html")))
    # in brackets after the place, as in the items' cards, as within a sentence
    assert "Quận Cẩm Lệ (nay thuộc phường Cẩm Lệ)" in " ".join(
        session.select_one("dl.da-facts").get_text().split())


def test_a_district_divided_among_wards_is_now_their_area_not_part_of_them(sample_site: Path) -> None:
    """Quận Cẩm Lệ was divided among three wards in 2025: a district cannot "belong to" wards
    ('nay thuộc: Phường Cẩm Lệ, Phường An Khê, …'), its area is now theirs. A ward merged whole
    into one is part of it, said within the sentence ('nay thuộc phường Cẩm Lệ'). The new
    Hòa Xuân ward is named without its period, "(từ 1/7/2025)": brackets in brackets, and
    every unit named after "nay" is one of today."""
    session = parse(sample_site / "sessions" / "2023" / "2023-09-21-doi-thoai-thu-tuc-hanh-chinh"
                    / "index.html")
    place = next(dd for dt, dd in zip(session.select("dl.da-facts dt"), session.select("dl.da-facts dd"),
                                      strict=True) if dt.get_text() == "Địa bàn")
    assert " ".join(place.get_text().split()) == (
        "Quận Cẩm Lệ (nay thuộc địa bàn phường Cẩm Lệ, phường An Khê, phường Hòa Xuân)")
    assert [a["href"] for a in place.select("a")][1:] == [
        "../../../places/phuong-cam-le/", "../../../places/phuong-an-khe-2025/",
        "../../../places/phuong-hoa-xuan-2025/"]
    facts = parse(sample_site / "places" / "quan-cam-le" / "index.html").select_one("dl.da-facts")
    said = {dt.get_text(): " ".join(dd.get_text().split())
            for dt, dd in zip(facts.select("dt"), facts.select("dd"), strict=True)}
    assert said.get("Nay thuộc địa bàn") == (
        "Phường Cẩm Lệ, Phường An Khê, Phường Hòa Xuân (từ 1/7/2025)"), said
    assert "Nay thuộc" not in said, said
    ward = parse(sample_site / "places" / "phuong-hoa-tho-dong" / "index.html").select_one("dl.da-facts")
    assert "Nay thuộc Phường Cẩm Lệ" in ward.get_text(" ", strip=True)


def test_a_place_lasts_until_a_day_an_agency_operates_until_it(sample_site: Path) -> None:
    """An agency 'Hoạt động đến hết' (operated until) its last day; a place does not operate:
    its page said so too, and now gives its first and last days alone."""
    for path, expected in (("places/quan-cam-le", "Đến hết ngày 30 tháng 6 năm 2025"),
                           ("places/phuong-cam-le", "Từ ngày 1 tháng 7 năm 2025"),
                           ("agencies/ubnd-quan-cam-le", "Hoạt động đến hết ngày 30 tháng 6 năm 2025")):
        facts = parse(sample_site / path / "index.html").select_one("dl.da-facts")
        said = [f"{dt.get_text()} {dd.get_text()}" for dt, dd in zip(facts.select("dt"), facts.select("dd"),
                                                                      strict=True)]
        assert expected in said, said
    listed = {a.get_text(): " ".join(a.find_parent("li").select_one(".da-entry__meta").get_text().split())
              for listing in ("places", "agencies")
              for a in parse(sample_site / listing / "index.html").select(".da-registry a")
              if a.get_text() in ("Quận Cẩm Lệ", "Ủy ban nhân dân quận Cẩm Lệ")}
    assert listed["Quận Cẩm Lệ"] == "Quận · thuộc thành phố Đà Nẵng · Đến hết ngày 30/6/2025"
    assert listed["Ủy ban nhân dân quận Cẩm Lệ"].endswith(" · Hoạt động đến hết 30/6/2025")


def test_a_unit_page_names_its_successor_and_todays_unit_once_it_has_ended(tmp_path: Path) -> None:
    """A district merged into a ward that merged again: its page names both, so the records of
    the years between are one link away; and nothing before its last day (found by a review
    helper: 'Nay thuộc' wards that did not exist yet)."""
    content = make_archive(tmp_path / "content")
    replace(content / "registry" / "places.yaml", "  kind: ward\n  valid_from: 2025-07-01\n",
            "  kind: ward\n  valid_from: 2025-07-01\n  valid_until: 2026-01-31\n"
            "  succeeded_by: phuong-cam-le-moi\n- id: phuong-cam-le-moi\n  name: Phường Cẩm Lệ Mới\n"
            "  kind: ward\n  valid_from: 2026-02-01\n")
    site = build_archive(content, tmp_path)
    facts = parse(site / "places" / "quan-cam-le" / "index.html").select_one("dl.da-facts")
    said = facts.get_text(" ", strip=True)
    assert "Đơn vị kế thừa Phường Cẩm Lệ Nay thuộc Phường Cẩm Lệ Mới" in said, said
    early = tmp_path / "early"
    early.mkdir()
    result = run_build(write_config(early, content, early / "site", build_date="2025-06-20"))
    assert result.returncode == 0, result.stderr
    said = parse(early / "site" / "places" / "quan-cam-le" / "index.html").select_one(
        "dl.da-facts").get_text(" ", strip=True)
    assert "Nay thuộc" not in said and "Đơn vị kế thừa" not in said, said


def test_an_askers_merged_ward_is_shown_with_the_ward_it_is_part_of_today(sample_site: Path) -> None:
    """FORMAT.md: a record keeps the place as it was, and the site shows today's successor."""
    metas = [" ".join(p.get_text().split()) for page in sample_site.glob("sessions/20*/*/index.html")
             for p in parse(page).select(".da-item__meta")]
    merged = [m for m in metas if "Phường Hòa Thọ Đông" in m]
    assert merged and all("Phường Hòa Thọ Đông (nay thuộc phường Cẩm Lệ)" in m for m in merged), merged
    assert any("· Phường Cẩm Lệ" in m for m in metas)  # today's ward: nothing added
    assert not any("Phường Cẩm Lệ (nay thuộc" in m for m in metas)


def test_a_full_name_published_with_consent_is_marked_beside_it(sample_site: Path) -> None:
    """The about page promises it: a full name is shown only with consent, and marked so; a
    reader must not think the archive published a name it should have withheld."""
    raw = {(s.id, item["id"]): item["asker"].get("named_with_consent", False)
           for s in raw_sessions() for item in s.items}
    cards = {(page.parent.name, card["id"]): " ".join(card.select_one(".da-item__meta").get_text().split())
             for page in sample_site.glob("sessions/20*/*/index.html")
             for card in parse(page).select("article.da-item")}
    mark = "Nêu tên theo sự đồng ý của người phát biểu"
    assert any(raw.values()) and set(cards) <= set(raw)
    assert all((mark in meta) == raw[item] for item, meta in cards.items()), cards


def test_a_new_unit_without_items_yet_says_where_earlier_ones_are(sample_site: Path) -> None:
    page = parse(sample_site / "places" / "phuong-an-khe-2025" / "index.html")
    text = " ".join(page.select_one(".md-content").get_text(" ").split())
    assert ("Chưa có mục nào. Ý kiến trước khi thành lập được ghi theo đơn vị cũ: Quận Cẩm Lệ "
            "(một phần), Phường Hòa An , Phường Hòa Phát .") in text, text


def test_a_merged_ward_leads_back_to_the_units_merged_into_it(sample_site: Path) -> None:
    """Hòa Xuân kept its name when the wards merged in 2025: two places of one name are told
    apart by their period, and the new ward's page leads to the old one's records."""
    new = parse(sample_site / "places" / "phuong-hoa-xuan-2025" / "index.html")
    old = parse(sample_site / "places" / "phuong-hoa-xuan" / "index.html")
    assert new.h1.text == "Phường Hòa Xuân (từ 1/7/2025)"
    assert old.h1.text == "Phường Hòa Xuân (đến 30/6/2025)"
    facts = new.select_one("dl.da-facts").get_text(" ", strip=True)
    assert "Từ ngày 1 tháng 7 năm 2025" in facts
    # The district was split among several wards: it formed the ward in part (a review read
    # "Hình thành từ Quận Cẩm Lệ" as the district becoming this ward), and only the ward merged
    # whole is searched.
    assert "Hình thành từ Quận Cẩm Lệ (một phần), Phường Hòa Xuân (đến 30/6/2025)" in facts
    assert [i["value"] for i in new.select(".da-search-within input[type=hidden]")] == [
        "phuong-hoa-xuan-2025", "phuong-hoa-xuan"]
    names = [a.text for a in parse(sample_site / "places" / "index.html").select(".da-registry a")]
    assert len(names) == len(set(names)), names


def test_long_lists_are_paginated(long_list_site: Callable[..., Path]) -> None:
    site = long_list_site()
    pages = {
        "sessions": sorted((site / "sessions" / "page").glob("*/index.html")),
        "agency": sorted((site / "agencies" / "phong-quan-ly-do-thi" / "page").glob("*/index.html")),
    }
    assert [p.parent.name for p in pages["sessions"]] == ["2", "3"]
    assert [p.parent.name for p in pages["agency"]] == ["2", "3"]
    first = parse(site / "sessions" / "index.html")
    assert len(first.select("ol.da-list > li")) == 50
    last = parse(site / "sessions" / "page" / "3" / "index.html")
    assert len(last.select("ol.da-list > li")) == 20
    # "next" on every page but the last, "prev" on every page but the first
    for folder in ("sessions", "agencies/phong-quan-ly-do-thi"):
        addresses = [f"/{folder}/", f"/{folder}/page/2/", f"/{folder}/page/3/"]
        for number, address in enumerate(addresses):
            html = parse(site / address.strip("/") / "index.html")
            for rel, neighbour in (("prev", number - 1), ("next", number + 1)):
                link = html.select_one(f'a[rel="{rel}"]')
                found = urljoin(address, link["href"]) if link else None
                assert found == (addresses[neighbour] if 0 <= neighbour < len(addresses) else None), \
                    (address, rel)
    agency = parse(site / "agencies" / "phong-quan-ly-do-thi" / "index.html")
    assert len(agency.select(".da-group li.da-entry")) == 50
    assert "120" in agency.select_one("h2.da-list-heading").text


YEAR_STARTS = 'nav.da-year-starts[aria-label="Chuyển đến năm trong danh sách"]'


def list_entries(site: Path, folder: str) -> list[tuple[str, str, int]]:
    """Every entry of a paginated list, in order: (its page's address, the id that starts a
    year there or '', the year of its session). An item list's year anchors are on its
    session's group, a commitment list's on the commitment."""
    pages = [site / folder / "index.html", *sorted((site / folder / "page").glob("*/index.html"),
                                                     key=lambda p: int(p.parent.name))]
    found: list[tuple[str, str, int]] = []
    for path in pages:
        address = "/" + path.parent.relative_to(site).as_posix() + "/"
        html = parse(path)
        for group in html.select("section.da-group"):
            year = int(group.time["datetime"][:4])
            found += [(address, group.get("id", "") if n == 0 else "", year)
                      for n, _ in enumerate(group.select("li.da-entry"))]
        for entry in html.select("li.da-commitment-entry"):
            made = entry.select("p.da-entry__meta")[-1].time["datetime"]
            found.append((address, entry.get("id", ""), int(made[:4])))
    return found


def test_a_long_list_links_to_where_each_year_starts(long_list_site: Callable[..., Path]) -> None:
    """A topic's 21,698 items over 434 pages linked the first, the last and two pages either
    side: page 217 was 108 clicks away, and no agency's, topic's or place's list, nor the
    commitments', led to a period (a review's find). Every page of a list of several pages
    and years links to the page and anchor where each year starts, with its count."""
    # 56 sessions of 2024 (1 January to 25 February), then 64 of 2023: 2023 starts on page 2
    site = long_list_site(dt.date(2024, 2, 25))
    for folder in ("topics/xay-dung", "agencies/phong-quan-ly-do-thi", "places/quan-cam-le",
                   "commitments", "commitments/status/in_progress"):
        entries = list_entries(site, folder)
        assert len(entries) == 120, folder
        noun = "cam kết" if folder.startswith("commitments") else "ý kiến, câu hỏi"
        pages = list(dict.fromkeys(address for address, _, _ in entries))
        assert len(pages) == 3, folder
        for address in pages:  # every page, not the first only: a link leads a reader to page 2
            nav = parse(site / address.strip("/") / "index.html").select_one(YEAR_STARTS)
            assert nav is not None, address
            assert nav.get_text(" ", strip=True).startswith("Chuyển đến năm:"), address
            links = nav.select("a")
            assert [a.contents[0].strip() for a in links] == ["2024", "2023"], address
            for link in links:
                year = int(link.contents[0])
                count = link.select_one(".da-count").get_text(" ", strip=True)
                assert count == f"{sum(y == year for _, _, y in entries)} {noun}", (address, count)
                target = urlparse(urljoin(address, link["href"]))
                first = next(n for n, (_, _, y) in enumerate(entries) if y == year)
                # the anchor is on that page, on that year's first entry
                assert (target.path, target.fragment) == (entries[first][0], entries[first][1]), \
                    (address, link["href"], entries[first])
            current = [a.contents[0].strip() for a in nav.select('a[aria-current="true"]')]
            page_year = next(y for a, _, y in entries if a == address)
            assert current == [str(page_year)], address
        assert entries[56][:2] == (f"/{folder}/page/2/", "nam-2023"), folder
    # a list of one year has nothing to jump to
    assert parse(site / "commitments" / "year" / "2023" / "index.html").select_one(YEAR_STARTS) is None


def test_a_sessions_count_of_items_is_written_with_its_thousands_separator(tmp_path: Path) -> None:
    """Every count of the site is written '1.000', but a session's in the lists: '1000 ý kiến,
    câu hỏi' (a review's find)."""
    content = make_archive(tmp_path / "content")
    answers = next((content / "sessions").glob("*/*/answers.yaml"))
    answers.write_text("items:\n" + "".join(
        f"  - id: y-kien-{n}\n    type: question\n    asker:\n      label: Công dân phường Hòa Thọ"
        f" Đông\n    topics: [xay-dung]\n    text: Hỏi về giấy phép xây dựng, lần {n}.\n"
        for n in range(1000)), encoding="utf-8")
    site = build_archive(content, tmp_path)
    for page in ("index.html", "sessions/index.html", "sessions/2024/index.html",
                 "agencies/ubnd-quan-cam-le/index.html"):
        counts = [p.get_text(" ", strip=True) for p in parse(site / page).select(".da-entry__count")]
        assert counts == ["1.000 ý kiến, câu hỏi"], (page, counts)


def test_nfd_text_is_published_as_nfc(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    index = next((content / "sessions").glob("*/*/index.md"))
    index.write_text(unicodedata.normalize("NFD", index.read_text(encoding="utf-8")), encoding="utf-8")
    answers = index.parent / "answers.yaml"
    answers.write_text(unicodedata.normalize("NFD", answers.read_text(encoding="utf-8")), encoding="utf-8")
    about = "---\ntitle: Cách đọc hồ sơ\n---\n# Cách đọc hồ sơ\n\nÔng Nguyễn Văn Hùng góp ý.\n"
    (content / "cach-doc.md").write_text(unicodedata.normalize("NFD", about), encoding="utf-8")
    (content / "registry" / "redactions.yaml").write_text(
        "- pattern: Nguyễn Văn Hùng\n  replacement: N.V.H.\n", encoding="utf-8")
    site = build_archive(content, tmp_path)
    html = next((site / "sessions" / "2024").glob("*/index.html")).read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", html) == html
    assert "Đối thoại với công dân về thủ tục hành chính" in html
    assert "giấy phép xây dựng" in html
    # The content folder's own pages too: their title, the menu on every page, and redaction
    # (its rules are NFC: a decomposed page kept the name).
    for page in (site / "cach-doc" / "index.html", site / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, page
        assert "Cách đọc hồ sơ" in text
    text = (site / "cach-doc" / "index.html").read_text(encoding="utf-8")
    assert "Ông N.V.H. góp ý" in text and "Hùng" not in text


def test_list_excerpts_are_plain_text(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    answers = next((content / "sessions").glob("*/*/answers.yaml"))
    text = answers.read_text(encoding="utf-8")
    marked = ("Xem **hồ sơ**. Chi tiết [tại đây](https://example.vn/x), `mã` và ho_so.pdf.\n\n"
              "| Năm | Hồ sơ |\n|---|---|\n| 2024 | 12 |")
    block = marked.replace("\n", "\n      ")
    answers.write_text(text.replace("    text: Đề nghị đơn giản hoá thành phần hồ sơ cấp giấy phép xây dựng.",
                                    f"    text: |\n      {block}", 1), encoding="utf-8")
    site = build_archive(content, tmp_path)
    topic = site / "topics" / "xay-dung" / "index.html"
    summary = parse(topic).select_one(".da-entry__summary").get_text()
    assert summary.startswith("Xem hồ sơ. Chi tiết tại đây, mã và ho_so.pdf. Năm Hồ sơ 2024 12")


def test_attendance_is_shown_in_vietnamese_whatever_its_keys(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content")
    index = next((content / "sessions").glob("*/*/index.md"))
    index.write_text(index.read_text(encoding="utf-8").replace(
        "summary:", "attendance: {citizens: 60, organizations: 2, dai-bieu-khac: 4, "
        "người khuyết tật: 3}\nsummary:", 1),
        encoding="utf-8")
    site = build_archive(content, tmp_path)
    page = parse(site / index.parent.relative_to(content) / "index.html")
    shown = next(dd for dt, dd in zip(page.select("dt"), page.select("dd"), strict=False)
                 if dt.get_text() == "Thành phần")
    assert shown.get_text() == "60 công dân, 2 tổ chức, 4 dai bieu khac, 3 người khuyết tật"


def test_the_chair_presides_for_an_agency_named_by_its_id_or_in_words(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=2)
    first, second = sorted((content / "sessions" / "2024").glob("*/index.md"))
    for index, on_behalf_of in ((first, "ubnd-quan-cam-le"), (second, "Chủ tịch UBND quận")):
        index.write_text(index.read_text(encoding="utf-8").replace(
            "summary:", "chair:\n  name: Nguyễn Văn An\n  position: Phó Chủ tịch UBND quận\n"
            f"  on_behalf_of: {on_behalf_of}\nsummary:", 1), encoding="utf-8")
    site = build_archive(content, tmp_path)
    by_id, in_words = (
        next(dd for dt, dd in zip(page.select("dt"), page.select("dd"), strict=False)
             if dt.get_text() == "Chủ trì")
        for page in (parse(site / i.parent.relative_to(content) / "index.html") for i in (first, second)))
    assert by_id.get_text() == ("Nguyễn Văn An, Phó Chủ tịch UBND quận (thay mặt Ủy ban nhân "
                                "dân quận Cẩm Lệ)")
    assert by_id.a["href"] == "../../../agencies/ubnd-quan-cam-le/"
    assert in_words.get_text() == "Nguyễn Văn An, Phó Chủ tịch UBND quận (thay mặt Chủ tịch UBND quận)"
    assert in_words.a is None
    # the open data names it as the page does, the agency's id apart (it gave the bare id)
    data = json.loads((site / "data/archive.json").read_text("utf-8"))
    chairs = {s["id"]: s["chair"] for s in data["sessions"]}
    assert (chairs[first.parent.name]["on_behalf_of"], chairs[first.parent.name]["on_behalf_of_id"]) \
        == ("Ủy ban nhân dân quận Cẩm Lệ", "ubnd-quan-cam-le")
    assert (chairs[second.parent.name]["on_behalf_of"], chairs[second.parent.name]["on_behalf_of_id"]) \
        == ("Chủ tịch UBND quận", None)
    replace(first, "  name: Nguyễn Văn An\n  position: Phó Chủ tịch UBND quận\n", "")  # every key optional
    site = build_archive(content, tmp_path)
    page = parse(site / first.parent.relative_to(content) / "index.html")
    alone = next(dd for dt, dd in zip(page.select("dt"), page.select("dd"), strict=False)
                 if dt.get_text() == "Chủ trì")
    assert alone.get_text() == "Thay mặt Ủy ban nhân dân quận Cẩm Lệ"


def test_a_past_session_without_its_record_says_the_record_will_follow(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=2)
    first, second = sorted((content / "sessions" / "2024").glob("*/answers.yaml"))
    first.unlink()
    second.write_text("items: []\n", encoding="utf-8")
    site = build_archive(content, tmp_path)
    # No answers.yaml yet, or the scaffold's `items: []`: either way the record is to come.
    for answers in (first, second):
        page = parse(site / answers.parent.relative_to(content) / "index.html")
        assert page.select_one(".da-items p").get_text() == (
            "Biên bản ý kiến, câu trả lời của phiên này sẽ được cập nhật sau.")
    counts = [p.get_text(strip=True) for p in parse(site / "index.html").select(".da-entry__count")]
    assert counts == ["Biên bản đang được cập nhật"] * 2, counts


def test_raw_records_are_not_published(sample_site: Path) -> None:
    assert not list(sample_site.rglob("answers.yaml"))
    assert not (sample_site / "registry").exists()
    assert not (sample_site / "search" / "search_index.json").exists()


def test_markdown_links_between_write_ups_become_page_urls(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=2)
    first, second = sorted((content / "sessions" / "2024").glob("*/index.md"))
    with second.open("a", encoding="utf-8") as text:
        text.write(f"\nXem [buổi trước](../{first.parent.name}/index.md#ho-so-gpxd).\n")
    site = build_archive(content, tmp_path)
    doc = parse(site / "sessions" / "2024" / second.parent.name / "index.html")
    link = doc.select_one(".da-writeup a")
    assert link["href"] == f"../{first.parent.name}/#ho-so-gpxd"


def test_link_to_a_missing_page_stops_the_strict_build(tmp_path: Path) -> None:
    from conftest import run_build, write_config

    content = make_archive(tmp_path / "content")
    index = next((content / "sessions" / "2024").glob("*/index.md"))
    with index.open("a", encoding="utf-8") as text:
        text.write("\nXem [buổi khác](../2024-01-01-khong-co/index.md).\n")
    result = run_build(write_config(tmp_path, content, tmp_path / "site"))
    assert result.returncode == 1
    assert ("index.md:10:17: the link '../2024-01-01-khong-co/index.md' points to "
            "sessions/2024/2024-01-01-khong-co/index.md, which is not a page") in result.stderr


def test_home_page_shows_its_own_text_title_figures_and_latest_sessions(sample_site: Path) -> None:
    doc = parse(sample_site / "index.html")
    intro = front_matter(CONTENT / "index.md")
    assert doc.select_one("article h1").get_text(strip=True) == intro["title"]
    paragraphs = doc.select("article > p")
    assert paragraphs and "<p>" not in doc.select_one("article").get_text()
    published = [s for s in SESSIONS if not front_matter(s / "index.md").get("draft")]
    announced = [s for s in published if front_matter(s / "index.md")["date"] > SAMPLE_BUILD_DATE]
    assert announced  # a session announced ahead of its day counts once it is held
    figures = [li.get_text(" ", strip=True) for li in doc.select(".da-figures li")]
    assert figures[0] == f"{len(published) - len(announced)} phiên đối thoại đã diễn ra"
    held = [s for s in raw_sessions() if s.meta["date"] <= SAMPLE_BUILD_DATE]
    answers = [a for s in held for item in s.items for a in item.get("answers") or []]
    referrals = [a for a in answers if a.get("mode") == "referred"]
    assert referrals  # a referral forwards an item and answers nothing (a review's find)
    assert f"{len(answers) - len(referrals)} câu trả lời" in figures
    assert [a["href"] for a in doc.select(".da-figures a")] == [  # each leads to its detail
        "sessions/", "statistics/", "statistics/", "commitments/", "agencies/"]
    latest = [a["href"] for a in doc.select("#moi-nhat ~ ol a")]
    assert latest and all(href.startswith("sessions/") for href in latest)
    assert not {f"sessions/{s.parent.name}/{s.name}/" for s in announced} & set(latest)
    upcoming = [a["href"] for a in doc.select("#sap-dien-ra ~ ol a")]
    assert upcoming == [f"sessions/{s.parent.name}/{s.name}/" for s in announced]


def test_home_figures_leave_out_the_questions_of_a_session_not_yet_held(tmp_path: Path) -> None:
    """Questions sent in before an announced session are published with it, but counted, like
    the session itself, once it is held: the home page agrees with the statistics page."""
    content = make_archive(tmp_path / "content", sessions=2, start=dt.date(2024, 7, 1))
    ahead = content / "sessions" / "2024" / "2024-07-01-doi-thoai-1"
    replace(ahead / "index.md", "date: 2024-07-01", "date: 2024-07-01\npublished: 2024-06-20")
    replace(ahead / "answers.yaml", "    answers:\n      - by: phong-quan-ly-do-thi\n"
            "        text: Phòng sẽ rà soát và kiến nghị cấp trên.\n", "")
    (ahead / "answers.yaml").write_text(
        (ahead / "answers.yaml").read_text(encoding="utf-8").split("    commitments:")[0], encoding="utf-8")
    result = run_build(write_config(tmp_path, content, tmp_path / "site", build_date="2024-06-30"))
    assert result.returncode == 0, result.stderr
    figures = [li.get_text(" ", strip=True) for li in parse(tmp_path / "site" / "index.html").select(
        ".da-figures li")]
    assert figures[:4] == ["1 phiên đối thoại đã diễn ra", "1 ý kiến, câu hỏi", "1 câu trả lời", "1 cam kết"]
    # The lists count it among their sessions, and say so: "2" read as the statistics' figure.
    site = tmp_path / "site"
    for listing in (site / "sessions" / "index.html", site / "sessions" / "2024" / "index.html"):
        said = " ".join(parse(listing).select_one("article h1 + p").get_text().split())
        assert said == "2 phiên đối thoại (trong đó 1 sắp diễn ra)", listing
    here = parse(site / "places" / "quan-cam-le" / "index.html").find(
        "h2", string=lambda text: bool(text) and text.startswith("Phiên đối thoại tại địa bàn"))
    assert here.get_text() == "Phiên đối thoại tại địa bàn (2, trong đó 1 sắp diễn ra)"


def test_topic_and_place_pages_leave_out_the_questions_of_a_session_not_yet_held(tmp_path: Path) -> None:
    """A question sent in before an announced session is on its page and in the search, but
    the topic and place lists count held sessions, as the statistics and items.csv's held rows
    do (a review read "Đất đai 12" on /topics/ and 11 on /statistics/, and the question among
    the topic's items as "Chưa được trả lời", with no word that its session was to come)."""
    content = copy_sample(tmp_path / "content")
    ahead = content / "sessions" / "2026" / "2026-12-15-tiep-cong-dan-dinh-ky-thang-12"
    (ahead / "answers.yaml").write_text(
        "items:\n  - id: hoi-truoc-ve-ho-so-dat\n    type: question\n"
        "    asker: {label: Công dân phường Cẩm Lệ, kind: citizen, place: phuong-cam-le}\n"
        "    topics: [dat-dai]\n    text: Hồ sơ đất của tôi nộp từ năm 2024 đang ở đâu?\n",
        encoding="utf-8")
    site = build_archive(content, tmp_path)
    rows = list(csv.DictReader(io.StringIO(
        (site / "data" / "items.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert any(r["item_id"] == "hoi-truoc-ve-ho-so-dat" and r["session_held"] == "false" for r in rows)
    held = {r["item_url"]: r for r in rows if r["session_held"] == "true"}.values()
    on_topic = sum("dat-dai" in r["topic_ids"].split("; ") for r in held)
    from_place = sum((r["asker_place_id"] or r["place_id"]) == "phuong-cam-le" for r in held)
    stats = parse(site / "statistics" / "index.html").select("#tk-items-per-topic tbody tr")
    assert ("Đất đai", str(on_topic)) in [(tr.th.get_text(strip=True), tr.td.get_text(strip=True))
                                          for tr in stats]
    for listing, name, count in (("topics", "Đất đai", on_topic), ("places", "Phường Cẩm Lệ", from_place)):
        said = [p.get_text(" ", strip=True) for p in parse(site / listing / "index.html").select(
            ".da-registry .da-entry__title")]
        assert f"{name} {count} ý kiến, câu hỏi" in said, said
    for path, count in (("topics/dat-dai", on_topic), ("places/phuong-cam-le", from_place)):
        doc = parse(site / path / "index.html")
        assert doc.select_one("h2.da-list-heading").get_text().endswith(f"({count})"), path
        assert not doc.select('a[href*="#hoi-truoc-ve-ho-so-dat"]'), path
    assert parse(page(site, f"/sessions/2026/{ahead.name}/")).find(id="hoi-truoc-ve-ho-so-dat")


ANNOUNCED = "sessions/2026/2026-12-15-tiep-cong-dan-dinh-ky-thang-12"
"""The sample's session announced ahead of its day (a citizen reception, on 15/12/2026)."""
SENT_IN = ("items:\n"
           "  - id: hoi-truoc-ve-ho-so-dat\n    type: question\n"
           "    asker: {label: Công dân phường Cẩm Lệ, place: phuong-cam-le}\n"
           "    topics: [dat-dai]\n    text: Hồ sơ đất của tôi nộp từ năm 2024 đang ở đâu?\n"
           "  - id: kien-nghi-truoc-ve-kiet\n    type: proposal\n"
           "    asker: {label: Cử tri tổ dân phố Cẩm Nam}\n"
           "    topics: [xay-dung]\n    text: Đề nghị sửa mặt đường kiệt 12.\n")
"""Two questions sent in before the announced session, which cannot have answers yet."""


def test_a_question_sent_in_before_its_session_awaits_it(tmp_path: Path) -> None:
    """Each question of a session announced ahead was "Chưa được trả lời" on its page and its
    figures said "Chưa được trả lời 100%", which reads "ignored" to a citizen or a journalist,
    and the open data said `not_answered`: they await the session, and say so, by its kind and
    day; the figures that count unanswered questions leave them out and agree."""
    content = copy_sample(tmp_path / "content")
    (content / ANNOUNCED / "answers.yaml").write_text(SENT_IN, encoding="utf-8")
    site = build_archive(content, tmp_path)
    doc = parse(page(site, f"/{ANNOUNCED}/"))
    awaiting = "Sẽ được trả lời tại buổi tiếp công dân ngày 15/12/2026"
    for item in ("hoi-truoc-ve-ho-so-dat", "kien-nghi-truoc-ve-kiet"):
        card = doc.find(id=item)
        assert card.select_one(".da-awaiting").get_text(strip=True) == awaiting, item
        assert not card.select(".da-unanswered"), item
    assert "Chưa được trả lời" not in doc.select_one("article").get_text(" ")
    figures = doc.select_one(".da-session-stats")
    assert figures.find(id="tk-by-type") and not figures.find(id="tk-outcome")  # no "how answered"
    rows = list(csv.DictReader(io.StringIO(
        (site / "data" / "items.csv").read_text(encoding="utf-8-sig"), newline="")))
    sent_in = [r for r in rows if r["session_held"] == "false"]
    assert {(r["item_id"], r["outcome"], r["outcome_label"]) for r in sent_in} == {
        (item, "awaiting_session", "Sẽ được trả lời tại buổi sắp diễn ra")
        for item in ("hoi-truoc-ve-ho-so-dat", "kien-nghi-truoc-ve-kiet")}
    data = json.loads((site / "data" / "archive.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "schema.json").read_text(encoding="utf-8"))
    assert not list(Draft202012Validator(schema).iter_errors(data))
    # The statistics' "not answered" are the held sessions' unanswered items, as items.csv says.
    unanswered = {r["item_url"] for r in rows if r["outcome"] == "not_answered"}
    assert all(r["session_held"] == "true" for r in rows if r["item_url"] in unanswered)
    outcomes = {tr.th.get_text(strip=True): tr.td.get_text(strip=True)
                for tr in parse(site / "statistics" / "index.html").select("#tk-outcomes tbody tr")}
    assert outcomes["Chưa được trả lời"] == str(len(unanswered)), outcomes
    assert "Sẽ được trả lời tại buổi sắp diễn ra" not in outcomes


def old_and_new_committee(tmp_path: Path, old_name: str, new_name: str) -> Path:
    """A site where the district's committee ended on 30/6/2025, answering in 2024, and its
    successor of the same short name held a session in 2025 and answered there."""
    content = make_archive(tmp_path / "content")
    registry = content / "registry" / "agencies.yaml"
    replace(registry, "  name: Ủy ban nhân dân quận Cẩm Lệ\n", f"  name: {old_name}\n")
    replace(registry, "  short_name: UBND quận Cẩm Lệ\n",
            "  short_name: UBND quận Cẩm Lệ\n  valid_until: 2025-06-30\n"
            "  succeeded_by: ubnd-quan-cam-le-2025\n- id: ubnd-quan-cam-le-2025\n"
            f"  name: {new_name}\n  short_name: UBND quận Cẩm Lệ\n"
            "  valid_from: 2025-07-01\n")
    old = next((content / "sessions").glob("*/*"))
    replace(old / "answers.yaml", "- by: phong-quan-ly-do-thi", "- by: ubnd-quan-cam-le")
    new = content / "sessions" / "2025" / "2025-08-01-doi-thoai-moi"
    new.parent.mkdir()
    shutil.copytree(old, new)
    for one, before, after in ((new / "index.md", "date: 2024-06-20", "date: 2025-08-01"),
                               (new / "index.md", "organizer: ubnd-quan-cam-le",
                                "organizer: ubnd-quan-cam-le-2025"),
                               (new / "index.md", "place: quan-cam-le", "place: phuong-cam-le"),
                               (new / "answers.yaml", "- by: ubnd-quan-cam-le",
                                "- by: ubnd-quan-cam-le-2025"),
                               (new / "answers.yaml", "by: ubnd-quan-cam-le\n",
                                "by: ubnd-quan-cam-le-2025\n"),
                               (new / "answers.yaml", "due: 2024-12-31", "due: 2025-12-31")):
        replace(one, before, after)
    return build_archive(content, tmp_path)


def test_agencies_of_one_name_are_told_apart_like_places(tmp_path: Path) -> None:
    """A commune's people's committee keeps its name when communes merge into it: the old and
    the new committee have one name (and short name), so every page tells them apart by their
    period, as it does places."""
    site = old_and_new_committee(tmp_path, "Ủy ban nhân dân quận Cẩm Lệ", "Ủy ban nhân dân quận Cẩm Lệ")
    until = "Ủy ban nhân dân quận Cẩm Lệ (đến 30/6/2025)"
    since = "Ủy ban nhân dân quận Cẩm Lệ (từ 1/7/2025)"
    names = [a.text for a in parse(site / "agencies" / "index.html").select(".da-registry a")]
    assert until in names and since in names and len(names) == len(set(names)), names
    assert parse(site / "agencies" / "ubnd-quan-cam-le" / "index.html").h1.text == until
    facts = parse(site / "agencies" / "ubnd-quan-cam-le" / "index.html").select_one("dl.da-facts")
    assert f"Đơn vị kế thừa {since}" in facts.get_text(" ", strip=True)
    page = parse(site / "sessions" / "2025" / "2025-08-01-doi-thoai-moi" / "index.html")
    organizer = page.select_one('dl.da-facts a[href$="agencies/ubnd-quan-cam-le-2025/"]')
    assert organizer.text == since
    answered = page.select_one('.da-answer__by a[href$="agencies/ubnd-quan-cam-le-2025/"]')
    assert answered.text == "UBND quận Cẩm Lệ (từ 1/7/2025)" and answered["title"] == since
    rows = parse(site / "statistics" / "index.html").select("figure.da-chart table tbody th")
    assert {until, since} <= {row.get_text(strip=True) for row in rows}


def test_agencies_of_one_short_name_have_one_name_on_every_page(tmp_path: Path) -> None:
    """The old and the new ward's committee had one short name and two names: session pages,
    the commitments and the scorecard said 'UBND … (đến 30/6/2025)', while the agencies list,
    the agency's page and the statistics chart gave the name as written and the new committee
    no mark at all. Both forms now carry the same mark, and a unit is named alike everywhere,
    but after "nay thuộc trách nhiệm của", where only units of today are named and the mark
    would nest brackets: there the link's title still gives the name with its mark."""
    site = old_and_new_committee(tmp_path, "Ủy ban nhân dân quận Cẩm Lệ, thành phố Đà Nẵng",
                                 "Ủy ban nhân dân quận Cẩm Lệ, Đà Nẵng")
    names: dict[str, set[str]] = {"ubnd-quan-cam-le": set(), "ubnd-quan-cam-le-2025": set()}
    short: dict[str, set[str]] = {"ubnd-quan-cam-le": set(), "ubnd-quan-cam-le-2025": set()}
    sessions = sorted(site.glob("sessions/*/*/index.html"))
    for path in [*sessions, site / "commitments" / "index.html", site / "statistics" / "index.html",
                 site / "agencies" / "index.html"]:
        for link in parse(path).select("main a[href*='agencies/ubnd-quan-cam-le']"):
            agency = link["href"].rstrip("/").rsplit("/", 1)[-1]
            if agency in names and link.get("title"):  # a short name, the name as its title
                if "da-today" not in link.get("class", []):
                    short[agency].add(link.get_text(strip=True))
                names[agency].add(link["title"])
            elif agency in names and path.parent.name in ("agencies", "statistics"):
                names[agency].add(link.get_text(strip=True))
    for agency in names:
        names[agency].add(parse(site / "agencies" / agency / "index.html").h1.get_text(strip=True))
    rows = parse(site / "statistics" / "index.html").select("figure.da-chart table tbody th")
    charted = {row.get_text(strip=True) for row in rows}
    assert names == {"ubnd-quan-cam-le": {"Ủy ban nhân dân quận Cẩm Lệ, thành phố Đà Nẵng (đến 30/6/2025)"},
                     "ubnd-quan-cam-le-2025": {"Ủy ban nhân dân quận Cẩm Lệ, Đà Nẵng (từ 1/7/2025)"}}, names
    assert short == {"ubnd-quan-cam-le": {"UBND quận Cẩm Lệ (đến 30/6/2025)"},
                     "ubnd-quan-cam-le-2025": {"UBND quận Cẩm Lệ (từ 1/7/2025)"}}, short
    assert {n for (n,) in names.values()} <= charted, charted


def test_agencies_sharing_only_a_short_name_keep_their_names_as_written(tmp_path: Path) -> None:
    """Two offices of one short name ('Phòng' for both, as registries write generic ones) and
    two names: their names got their ids in brackets on every page ('Phòng Tư pháp quận Cẩm Lệ
    (phong-tu-phap)', a diff review's find); only the short names need telling apart."""
    content = make_archive(tmp_path / "content")
    registry = content / "registry" / "agencies.yaml"
    replace(registry, "  short_name: Phòng Tư pháp\n", "  short_name: Phòng\n")
    replace(registry, "  short_name: Phòng QLĐT\n", "  short_name: Phòng\n")
    archive, log = load_archive(content, SAMPLE_BUILD_DATE)
    assert not log.errors, log.errors
    views = ArchiveViews(archive)
    assert [views.agency_name(a) for a in ("phong-tu-phap", "phong-quan-ly-do-thi")] == [
        archive.agencies["phong-tu-phap"].name, archive.agencies["phong-quan-ly-do-thi"].name]
    assert views.agency_link("phong-tu-phap").text != views.agency_link("phong-quan-ly-do-thi").text


def test_an_agency_page_names_each_other_spelling_once(tmp_path: Path) -> None:
    """A registry that lists the short name among the aliases too (and the full name, in
    other case or spacing) showed 'Phòng Tư pháp, Phòng Tư pháp' on the agency's page."""
    content = make_archive(tmp_path / "content")
    replace(content / "registry" / "agencies.yaml", "  short_name: Phòng Tư pháp\n",
            "  short_name: Phòng Tư pháp\n  aliases: [phòng tư  pháp, Phòng Tư pháp quận cẩm lệ,"
            " Phòng TP]\n")
    page = parse(build_archive(content, tmp_path) / "agencies" / "phong-tu-phap" / "index.html")
    facts = {term.get_text(): term.find_next_sibling("dd").get_text()
             for term in page.select(".da-facts dt")}
    assert facts["Cách viết khác"] == "Phòng Tư pháp, Phòng TP", facts


def test_an_item_says_where_a_later_session_took_it_up(tmp_path: Path) -> None:
    """A promise followed up at a later session, whose item links back to it: the first item's
    page said nothing of it, and a citizen reading it saw no progress since its last update (a
    review's find). It names each item that links to it, by its id or an alias, and says so
    after the link is added to the later session only, its own files unchanged (no stale copy)."""
    content = make_archive(tmp_path / "content", sessions=2)
    later = content / "sessions" / "2024" / "2024-06-20-doi-thoai-1" / "answers.yaml"
    first = tmp_path / "site" / "sessions" / "2024" / "2024-06-19-doi-thoai-2" / "index.html"
    build_archive(content, tmp_path)
    assert parse(first).select(".da-item__mentions") == []
    replace(later, "Phòng sẽ rà soát và kiến nghị cấp trên.", "Phòng sẽ rà soát kiến nghị đã nêu "
            "([buổi đối thoại trước](../2024-06-19-doi-thoai-2/index.md#ho-so-gpxd)).")
    build_archive(content, tmp_path)
    mentions = parse(first).select("#ho-so-gpxd .da-item__mentions a")
    assert [(a.get_text(), a["href"]) for a in mentions] == [
        ("Đối thoại với công dân về thủ tục hành chính (20/6/2024)", "../2024-06-20-doi-thoai-1/#ho-so-gpxd")]
    assert parse(first).select_one(".da-item__mentions").get_text().startswith("Được nhắc lại tại: ")
    later_page = parse(tmp_path / "site" / "sessions" / "2024" / "2024-06-20-doi-thoai-1" / "index.html")
    assert later_page.select(".da-item__mentions") == []  # a link names its target, not itself


def test_an_item_names_the_write_up_and_answers_that_link_to_its_parts(tmp_path: Path) -> None:
    """A press office's write-up of a later session recalls an earlier promise with a link to
    it, an answer an earlier answer ("như đã trả lời tại buổi đối thoại trước"): the earlier
    item names them too, as it does a link to the item itself; a session once, at the item that
    links (its write-up too is a less precise link of the same title)."""
    sessions = make_archive(tmp_path / "content", sessions=3) / "sessions" / "2024"
    promise = "(../2024-06-18-doi-thoai-3/index.md#cam-ket-kien-nghi-don-gian-hoa)"
    for later in ("2024-06-19-doi-thoai-2", "2024-06-20-doi-thoai-1"):
        write_up = sessions / later / "index.md"
        write_up.write_text(write_up.read_text(encoding="utf-8") + f"\nKết quả giải quyết [kiến nghị "
                            f"về hồ sơ cấp phép]{promise} đã được báo cáo.\n", encoding="utf-8")
    replace(sessions / "2024-06-20-doi-thoai-1" / "answers.yaml", "Phòng sẽ rà soát và kiến nghị "
            "cấp trên.", "Xem [câu trả lời trước](../2024-06-18-doi-thoai-3/index.md#ho-so-gpxd/answer-1).")
    site = build_archive(tmp_path / "content", tmp_path)
    first = parse(site / "sessions" / "2024" / "2024-06-18-doi-thoai-3" / "index.html")
    mentions = first.select("#ho-so-gpxd .da-item__mentions a")
    assert [(a.get_text(), a["href"]) for a in mentions] == [
        ("Đối thoại với công dân về thủ tục hành chính (20/6/2024)", "../2024-06-20-doi-thoai-1/#ho-so-gpxd"),
        ("Đối thoại với công dân về thủ tục hành chính (19/6/2024)", "../2024-06-19-doi-thoai-2/")]


def test_a_link_shown_as_code_names_no_item(tmp_path: Path) -> None:
    """A write-up showing how a link is written (in a code span or a fenced block) holds no
    link: the item it spells out was said to be recalled there ("Được nhắc lại tại")."""
    sessions = make_archive(tmp_path / "content", sessions=2) / "sessions" / "2024"
    write_up = sessions / "2024-06-20-doi-thoai-1" / "index.md"
    sample = "[buổi trước](../2024-06-19-doi-thoai-2/index.md#ho-so-gpxd)"
    write_up.write_text(write_up.read_text(encoding="utf-8") + f"\nCách ghi liên kết: `{sample}`.\n\n"
                        f"```\n{sample}\n```\n", encoding="utf-8")
    site = build_archive(tmp_path / "content", tmp_path)
    first = site / "sessions" / "2024" / "2024-06-19-doi-thoai-2" / "index.html"
    assert parse(first).select(".da-item__mentions") == []
    later = parse(site / "sessions" / "2024" / "2024-06-20-doi-thoai-1" / "index.html")
    assert sample in later.get_text()  # shown as written


def test_a_link_by_reference_or_in_html_names_the_item_too(tmp_path: Path) -> None:
    """Only inline links were looked for: a write-up linking by reference (`[kiến nghị][1]`,
    then `[1]: …`) or an answer with an HTML link left the earlier item silent."""
    sessions = make_archive(tmp_path / "content", sessions=3) / "sessions" / "2024"
    write_up = sessions / "2024-06-19-doi-thoai-2" / "index.md"
    write_up.write_text(write_up.read_text(encoding="utf-8") + "\nKết quả giải quyết [kiến nghị về "
                        "hồ sơ cấp phép][1] đã được báo cáo.\n\n[1]: ../2024-06-18-doi-thoai-3/index.md"
                        "#ho-so-gpxd\n", encoding="utf-8")
    replace(sessions / "2024-06-20-doi-thoai-1" / "answers.yaml", "Phòng sẽ rà soát và kiến nghị "
            "cấp trên.", "Xem <a href=\"../2024-06-18-doi-thoai-3/index.md#ho-so-gpxd\">câu trả lời "
            "trước</a>.")
    site = build_archive(tmp_path / "content", tmp_path)
    first = parse(site / "sessions" / "2024" / "2024-06-18-doi-thoai-3" / "index.html")
    assert [(a.get_text(), a["href"]) for a in first.select("#ho-so-gpxd .da-item__mentions a")] == [
        ("Đối thoại với công dân về thủ tục hành chính (20/6/2024)", "../2024-06-20-doi-thoai-1/#ho-so-gpxd"),
        ("Đối thoại với công dân về thủ tục hành chính (19/6/2024)", "../2024-06-19-doi-thoai-2/")]


def test_the_search_box_suggests_the_archives_own_most_asked_topics(tmp_path: Path) -> None:
    """The search page suggested the sample's 'cấp sổ đỏ, dang ky tam tru, giay phep xay dung',
    which found nothing in another district's archive (a helper's find). It suggests the words
    of the archive's most asked topics, a synonym first, the others without diacritics."""
    content = make_archive(tmp_path / "content", sessions=2)
    replace(content / "sessions" / "2024" / "2024-06-19-doi-thoai-2" / "answers.yaml",
            "topics: [xay-dung]", "topics: [cu-tru, xay-dung]")
    replace(content / "registry" / "topics.yaml", "synonyms: [hộ khẩu]", "synonyms: [Hộ khẩu, tạm trú]")
    search = parse(build_archive(content, tmp_path) / "search" / "index.html")
    assert search.select_one("#da-q")["placeholder"] == "Ví dụ: GPXD, ho khau"
    for answers in (content / "sessions").glob("*/*/answers.yaml"):
        answers.write_text("items: []\n", encoding="utf-8")
    search = parse(build_archive(content, tmp_path) / "search" / "index.html")
    assert search.select_one("#da-q")["placeholder"] == "Nhập nội dung cần tìm"


def test_the_byline_says_when_the_write_up_went_public_in_vietnam_time(tmp_path: Path) -> None:
    content = make_archive(tmp_path / "content", sessions=2)
    first, second = sorted((content / "sessions").glob("*/*/index.md"))
    for index, published in ((first, "2024-06-19T01:30:00Z"), (second, "2024-06-21T00:00:00+07:00")):
        index.write_text(index.read_text(encoding="utf-8").replace(
            "summary:", f"author: Văn Nam\npublished: {published}\nsummary:", 1), encoding="utf-8")
    site = build_archive(content, tmp_path)
    bylines = [parse(site / index.parent.relative_to(content) / "index.html")
               .select_one(".da-byline").get_text() for index in (first, second)]
    assert bylines == ["Tác giả: Văn Nam · Đăng lúc 08:30 ngày 19/6/2024",
                       "Tác giả: Văn Nam · Đăng ngày 21/6/2024"]


def test_a_topic_is_not_listed_among_its_own_synonyms(tmp_path: Path) -> None:
    """A review's find: a writer listed the topic's name among its synonyms (once as written,
    once in capitals), and its page and the topics list showed it as a synonym of itself."""
    content = make_archive(tmp_path / "content")
    replace(content / "registry" / "topics.yaml", "synonyms: [hộ khẩu]",
            "synonyms: [Cư trú, hộ khẩu, HỘ KHẨU, cư trú]")
    site = build_archive(content, tmp_path)
    page = parse(site / "topics" / "cu-tru" / "index.html")
    said = {dt.get_text(strip=True): dd.get_text(strip=True)
            for dt, dd in zip(page.select("dt"), page.select("dd"), strict=False)}
    assert said[VI["text"]["synonyms"]] == "hộ khẩu", said
    listed = " ".join(parse(site / "topics" / "index.html").get_text(" ").split())
    assert "hộ khẩu" in listed and "Cư trú, hộ khẩu" not in listed and "HỘ KHẨU" not in listed, listed


def test_agency_pages_list_the_sessions_it_held_or_attended(sample_site: Path) -> None:
    """Browsing by agency: a journalist finds the sessions an agency organised or sent
    representatives to, newest first, not only the items it answered."""
    archive, _ = load_archive(CONTENT, SAMPLE_BUILD_DATE)
    checked = 0
    for agency_id in archive.agencies:
        expected = [s.meta.title for s in archive.published
                    if agency_id in {s.meta.organizer, *s.meta.participants}]
        page = parse(sample_site / "agencies" / agency_id / "index.html")
        heading = next((h for h in page.select("h2") if h.get_text().startswith(
            "Các phiên đối thoại do cơ quan tổ chức hoặc tham dự")), None)
        if not expected:
            assert heading is None
            continue
        upcoming = sum(archive.announced(s) for s in archive.published
                       if agency_id in {s.meta.organizer, *s.meta.participants})
        said = f", trong đó {upcoming} sắp diễn ra" if upcoming else ""
        assert heading.get_text() == (
            f"Các phiên đối thoại do cơ quan tổ chức hoặc tham dự ({len(expected)}{said})")
        listed = [a.get_text(strip=True) for a in heading.find_next("ol").select(".da-entry__title a")]
        assert listed == expected[:10]
        checked += 1
    assert checked >= 3


def test_list_entries_are_headings_in_order_for_screen_readers(sample_site: Path) -> None:
    """A screen-reader user jumps from session to session (and commitment to commitment) by
    headings; each entry's heading sits one level below the heading its list is under."""
    session = SESSIONS[0]
    organizer = front_matter(session / "index.md")["organizer"]
    pages = {"/": "h3", "/sessions/": "h2", "/commitments/": "h2", f"/agencies/{organizer}/": "h3"}
    for url, entry_level in pages.items():
        doc = parse(page(sample_site, url))
        article = doc.select_one("article")
        entries = article.select("ol.da-list > li.da-entry")
        titled = [li.select_one(".da-entry__title") for li in entries if li.select_one("a")]
        assert titled and all(t.name == entry_level for t in titled), url
        levels = [int(h.name[1]) for h in article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in pairwise(levels)), (url, levels)


def test_an_agency_page_says_what_kind_of_agency_it_is(sample_site: Path) -> None:
    def facts(agency: str) -> dict[str, str]:
        page = parse(sample_site / "agencies" / agency / "index.html")
        return {dt.get_text(): dd.get_text(" ", strip=True)
                for dt, dd in zip(page.select("dl.da-facts dt"), page.select("dl.da-facts dd"), strict=True)}

    assert facts("to-dai-bieu-hdnd-thanh-pho-cam-le")["Loại cơ quan"] == "Hội đồng nhân dân"
    assert facts("to-dai-bieu-hdnd-thanh-pho-cam-le")["Trực thuộc"] == "Hội đồng nhân dân thành phố Đà Nẵng"
    assert facts("ubnd-thanh-pho-da-nang")["Loại cơ quan"] == "Ủy ban nhân dân"


def test_a_kind_of_agency_no_label_names_is_shown_as_words(tmp_path: Path) -> None:
    """`kind` is free (FORMAT.md): one the labels do not translate was shown as typed, in lower
    case after "Loại cơ quan:" (a review's find: "hội đồng tổ")."""
    content = make_archive(tmp_path / "content")
    replace(content / "registry" / "agencies.yaml", "  short_name: Phòng Tư pháp\n",
            "  short_name: Phòng Tư pháp\n  kind: hội_đồng_tổ\n")
    page = parse(build_archive(content, tmp_path) / "agencies" / "phong-tu-phap" / "index.html")
    facts = {dt.get_text(): dd.get_text(" ", strip=True)
             for dt, dd in zip(page.select("dl.da-facts dt"), page.select("dl.da-facts dd"), strict=True)}
    assert facts["Loại cơ quan"] == "Hội đồng tổ", facts


def test_the_404_page_leads_home_and_to_search(sample_site: Path) -> None:
    """Served for any missing address, the 404 page's links start from the site's root
    (mkdocs.yml's site_url is https://doithoai.example.vn/)."""
    page = parse(sample_site / "404.html")
    links = {a.get_text(): a["href"] for a in page.select(".md-content a")}
    assert links["Về trang chủ"] == "/" and links["Tìm trong kho lưu trữ"] == "/search/", links


def test_skip_to_content_leads_to_a_session_pages_title_and_the_contents_list_its_parts(
        sample_site: Path) -> None:
    page = parse(sample_site / "sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh/index.html")
    skips = page.select("a.md-skip")
    assert [a["href"] for a in skips] == ["#da-noi-dung"]
    assert page.select_one("#da-noi-dung").name == "h1"
    contents = [a.get_text(strip=True) for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    assert contents[-2:] == ["Số liệu của buổi đối thoại với công dân",
                             "Ý kiến, câu hỏi của người dân"], contents
    assert page.select_one("h1").get_text(strip=True) not in contents


def test_a_district_page_leads_to_what_its_wards_raised(sample_site: Path) -> None:
    places = yaml.safe_load((CONTENT / "registry" / "places.yaml").read_text(encoding="utf-8"))
    wards = {p["id"] for p in places if p.get("parent") == "quan-cam-le"}
    raised = Counter(item["asker"].get("place") or s.meta["place"]
                     for s in raw_sessions() for item in s.items)
    doc = parse(page(sample_site, "/places/quan-cam-le/"))
    listed = {a["href"].strip("./"): int(a.find_next("span", class_="da-count").text.split()[0])
              for a in doc.select("main .da-registry a")}
    assert listed == {ward: raised[ward] for ward in wards}
    everything = doc.find("a", href="../../search/?place=quan-cam-le&type=question&type=opinion"
                          "&type=proposal&type=complaint&scope=all")  # items only, as counted, all years
    assert everything is not None
    assert f"Xem tất cả {raised['quan-cam-le'] + sum(listed.values())} ý kiến" in everything.text


def test_a_place_page_names_places_as_within_a_sentence(sample_site: Path) -> None:
    """'… ghi địa bàn là Quận Cẩm Lệ. Xem tất cả 37 ý kiến, câu hỏi của Quận Cẩm Lệ …' and
    'Quận, thuộc Thành phố Đà Nẵng': a place's kind is lower case within a sentence, as the
    places list ('Phường · thuộc quận Cẩm Lệ') and the search box say it."""
    district = parse(page(sample_site, "/places/quan-cam-le/"))
    said = " ".join(district.select_one("h2.da-list-heading").find_next("p").get_text().split())
    assert said.startswith("Danh sách dưới đây gồm các ý kiến ghi địa bàn là quận Cẩm Lệ. Xem tất cả "), said
    assert said.endswith(" ý kiến, câu hỏi của quận Cẩm Lệ và các địa bàn trực thuộc."), said
    for path, expected in (("/places/quan-cam-le/", "Quận thuộc thành phố Đà Nẵng"),
                           ("/places/phuong-hoa-an/", "Phường thuộc quận Cẩm Lệ")):
        facts = parse(page(sample_site, path)).select_one("dl.da-facts")
        field = next(dd for dt, dd in zip(facts.select("dt"), facts.select("dd"), strict=True)
                     if dt.get_text() == "Địa bàn")
        assert " ".join(field.get_text().split()) == expected, path


def test_registry_and_answer_wording_says_what_happened(tmp_path: Path) -> None:
    """A unit that existed before others merged into it was not "formed from" them; an agency's
    count is of what it answered; a document's own name is not labelled "Văn bản" twice."""
    content = make_archive(tmp_path / "content")
    (content / "registry" / "places.yaml").write_text(
        "- id: thanh-pho-da-nang\n  name: Thành phố Đà Nẵng\n  kind: province\n"
        "- id: huyen-hoa-vang\n  name: Huyện Hòa Vang\n  kind: district\n  parent: thanh-pho-da-nang\n"
        "  valid_until: 2025-06-30\n  succeeded_by: [quan-cam-le]\n"
        "- id: quan-cam-le\n  name: Quận Cẩm Lệ\n  kind: district\n  parent: thanh-pho-da-nang\n"
        "- id: thi-tran-ai-nghia\n  name: Thị trấn Ái Nghĩa\n  kind: commune\n  parent: huyen-hoa-vang\n",
        encoding="utf-8")
    answers = next((content / "sessions").glob("*/*/answers.yaml"))
    replace(answers, "        text: Phòng sẽ rà soát",
            "        document: Văn bản số 12/QLĐT\n        text: Phòng sẽ rà soát")
    site = build_archive(content, tmp_path)
    place = parse(site / "places" / "quan-cam-le" / "index.html")
    facts = place.select_one("dl.da-facts").get_text(" ", strip=True)
    assert "Tiếp nhận đơn vị sáp nhập Huyện Hòa Vang" in facts and "Hình thành từ" not in facts
    places = {a.text: a.find_parent("li").select_one(".da-entry__meta").get_text(strip=True)
              for a in parse(site / "places" / "index.html").select(".da-registry a")}
    # the kind its name says: a town (thị trấn) is no 'Xã', a city no 'Tỉnh, thành phố'
    assert places["Quận Cẩm Lệ"] == "Quận · thuộc thành phố Đà Nẵng"
    assert places["Thị trấn Ái Nghĩa"] == "Thị trấn · thuộc huyện Hòa Vang"
    assert places["Thành phố Đà Nẵng"] == "Thành phố"
    # today's units before those that ended, and a district's list says until when each existed
    assert list(places)[:3] == ["Thành phố Đà Nẵng", "Quận Cẩm Lệ", "Huyện Hòa Vang"]
    units = [" ".join(li.get_text(" ", strip=True).split()) for li in parse(
        site / "places" / "thanh-pho-da-nang" / "index.html").select("h2 + ul.da-registry li")]
    assert units == ["Quận Cẩm Lệ 1 ý kiến, câu hỏi",
                     "Huyện Hòa Vang (đến 30/6/2025) 0 ý kiến, câu hỏi"], units
    counts = [span.text for span in parse(site / "agencies" / "index.html").select(".da-count")]
    assert counts and all(c.endswith(" ý kiến đã trả lời, đã chuyển cơ quan khác hoặc được chuyển đến")
                          for c in counts)
    session = parse(site / answers.parent.relative_to(content) / "index.html")
    meta = session.select_one(".da-answer").get_text(" ", strip=True)
    assert "Văn bản số 12/QLĐT" in meta and "Văn bản: Văn bản" not in meta


def test_a_page_outside_the_menu_marks_its_tab_and_says_where_it_is(sample_site: Path) -> None:
    """Sessions, agencies and the like are not in the menu (it would hold 10,000 entries): each
    marks the menu tab it belongs under and shows the way back as breadcrumbs."""
    session = "/sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh/"
    expected = {
        session: ("Phiên đối thoại", ["Trang chủ", "Phiên đối thoại", "Phiên đối thoại năm 2023"]),
        "/sessions/2023/": ("Phiên đối thoại", ["Trang chủ", "Phiên đối thoại"]),
        "/agencies/phong-tu-phap/": ("Cơ quan", ["Trang chủ", "Cơ quan"]),
        "/places/quan-cam-le/": ("Địa bàn", ["Trang chủ", "Địa bàn"]),
        "/commitments/agency/ubnd-quan-cam-le/": ("Cam kết", ["Trang chủ", "Cam kết"]),
    }
    for url, (tab, trail) in expected.items():
        doc = parse(page(sample_site, url))
        assert [a.get_text(strip=True) for a in doc.select(".md-tabs__item--active a")] == [tab], url
        crumbs = doc.select("nav.md-path a")
        assert [a.get_text(strip=True) for a in crumbs] == trail, url
        assert urljoin(url, crumbs[0]["href"]) == "/"
        for a in crumbs[1:]:  # each step leads to the page it names
            target = parse(page(sample_site, urljoin(url, a["href"])))
            assert target.h1.get_text(strip=True) == a.get_text(strip=True), (url, a["href"])
    for url in ["/", "/sessions/", "/search/"]:  # in the menu, or above it: no trail
        assert parse(page(sample_site, url)).select("nav.md-path") == [], url


def test_aligned_table_columns_keep_their_alignment(tmp_path: Path) -> None:
    """Python-Markdown writes a column's alignment as a style, which the sanitiser of write-ups
    and pages removes; written as `align`, it stays."""
    content = make_archive(tmp_path / "content")
    table = "\n\n| Thủ tục | Số hồ sơ |\n|:--|--:|\n| Cấp phép | 12 |\n"
    session = next(content.glob("sessions/*/*/index.md"))
    session.write_text(session.read_text(encoding="utf-8") + table, encoding="utf-8")
    (content / "gioi-thieu.md").write_text("# Giới thiệu" + table, encoding="utf-8")
    site = build_archive(content, tmp_path)
    for built in (page(site, "/gioi-thieu/"), site / session.relative_to(content).parent / "index.html"):
        row = parse(built).find("td", string="Cấp phép").parent
        assert [c.get("align") for c in row.find_all("td")] == ["left", "right"], built


def test_a_list_right_under_a_line_of_text_is_a_list(tmp_path: Path) -> None:
    """As Word, chat apps and CommonMark write it, with no blank line above: Python-Markdown
    showed the items as one line of text with their dashes (a review's find). A wrapped line
    of prose that begins with a year and a dot stays prose."""
    content = make_archive(tmp_path / "content")
    listed = ("Đề nghị:\n- đoạn dốc Km1;\n- đoạn qua suối.\n\nCác bước:\n1. nộp hồ sơ\n2. nhận kết quả\n\n"
              "Kết quả theo hai nhóm A|B như sau:\n- Nhóm A: 12 ý kiến\n")  # a '|' in prose
    prose = "\nTheo quyết định ban hành năm\n2024. Quận đã làm theo.\n"
    session = next(content.glob("sessions/*/*/index.md"))
    session.write_text(session.read_text(encoding="utf-8") + "\n" + listed + prose, encoding="utf-8")
    replace(session.parent / "answers.yaml",
            "    text: Đề nghị đơn giản hoá thành phần hồ sơ cấp giấy phép xây dựng.\n",
            "    text: |\n      Đề nghị:\n      - đoạn dốc Km1;\n      - đoạn qua suối.\n")
    (content / "gioi-thieu.md").write_text("# Giới thiệu\n\n" + listed, encoding="utf-8")
    site = build_archive(content, tmp_path)
    for built in (page(site, "/gioi-thieu/"), site / session.relative_to(content).parent / "index.html"):
        doc = parse(built)
        items = [li.get_text(strip=True) for li in doc.select("article li, .da-writeup li")]
        assert {"đoạn qua suối.", "nhận kết quả", "Nhóm A: 12 ý kiến"} <= set(items), (built, items)
        assert not any(p.get_text().startswith("Đề nghị:\n-") for p in doc.find_all("p")), built
    text = parse(site / session.relative_to(content).parent / "index.html").get_text()
    assert "năm\n2024. Quận đã làm theo." in text
    item = parse(site / session.relative_to(content).parent / "index.html").find(id="ho-so-gpxd")
    assert [li.get_text() for li in item.select(".da-item__text li")] == ["đoạn dốc Km1;", "đoạn qua suối."]


def test_what_goes_on_a_table_row_footnote_or_numbered_line_stays_there(tmp_path: Path) -> None:
    """A list under a line of text is a list, but not under a table's row (a row of a table
    without leading pipes may start '- |'), a footnote or a '1)' line, which Python-Markdown
    lists do not have (a review's finds: the rows became bullets)."""
    content = make_archive(tmp_path / "content")
    session = next(content.glob("sessions/*/*/index.md"))
    extra = ("\nPhường | Tán thành | Không\n--|--|--\nHòa An | 40 | 2\n+ Hòa Thọ | 30 | -\n"
             "- Khuê Trung | 25 | 1\n\nCác bước:\n1) Nộp hồ sơ\n2) Nhận kết quả\n\n"
             "Theo quy định[^1].\n\n[^1]: Nghị định 61/2018/NĐ-CP\n- sửa đổi năm 2023\n")
    session.write_text(session.read_text(encoding="utf-8") + extra, encoding="utf-8")
    replace(session.parent / "answers.yaml",  # a question with a footnote of its own
            "    text: Đề nghị đơn giản hoá thành phần hồ sơ cấp giấy phép xây dựng.\n",
            "    text: |\n      Đề nghị đơn giản hoá hồ sơ[^1].\n\n      [^1]: Theo Nghị định 15/2021.\n")
    doc = parse(build_archive(content, tmp_path) / session.relative_to(content).parent / "index.html")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in doc.select(".da-writeup tbody tr")]
    assert rows == [["Hòa An", "40", "2"], ["+ Hòa Thọ", "30", "-"], ["- Khuê Trung", "25", "1"]]
    assert any(" ".join(p.get_text().split()) == "Các bước: 1) Nộp hồ sơ 2) Nhận kết quả"
               for p in doc.select(".da-writeup p"))
    note = doc.find(id="fn:1")  # its mark and the note lead to each other, said in Vietnamese
    assert "sửa đổi năm 2023" in note.get_text()
    assert doc.select_one(".da-writeup sup a")["href"] == "#fn:1" and doc.find(id="fnref:1").name == "sup"
    assert note.select_one('a[href="#fnref:1"]')["title"] == "Quay lại chỗ chú thích 1 trong bài"
    # the question's own note 1, not the write-up's (a review's find: both were 'fn:1')
    mark = doc.find(id="ho-so-gpxd").select_one("sup a")
    assert "Nghị định 15/2021" in doc.find(id=mark["href"][1:]).get_text()
    ids = [e["id"] for e in doc.select("[id]")]
    assert len(ids) == len(set(ids))


def test_a_site_that_keeps_materials_search_plugin_builds(tmp_path: Path) -> None:
    """`plugins: [search, dialogue-archive]`, as most Material sites start: Material's search
    plugin reads the theme's words before the archive's plugin sets its own up, and the build
    stopped with a traceback ('labels' is undefined, a review's find)."""
    content = make_archive(tmp_path / "content")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {content}\nsite_dir: {tmp_path / 'site'}\n"
                      "plugins:\n  - search\n  - dialogue-archive:\n      build_date: 2026-11-28\n",
                      encoding="utf-8")
    result = run_build(config)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert (tmp_path / "site" / "search" / "index.html").is_file()  # the archive's search page


def test_a_title_with_an_ampersand_reads_the_same_in_the_header(tmp_path: Path) -> None:
    """MkDocs gives a page the text of its first heading as its title, already escaped: the
    header showed "Hỏi &amp; đáp" for a page headed "Hỏi & đáp"."""
    content = make_archive(tmp_path / "content")
    (content / "hoi-dap.md").write_text("# Hỏi & đáp về thủ tục\n\nNội dung.\n", encoding="utf-8")
    site = build_archive(content, tmp_path)
    topic = parse(page(site, "/hoi-dap/")).select_one("[data-md-component=header-topic]")
    assert topic.get_text(strip=True) == "Hỏi & đáp về thủ tục"



def test_a_place_with_many_units_folds_their_list_above_its_sessions(tmp_path: Path) -> None:
    """A city's 200 wards, listed open, put its sessions 11,000 px down a phone's screen (a
    review's find); a district's few wards stay open."""
    content = make_archive(tmp_path / "content")
    with (content / "registry" / "places.yaml").open("a", encoding="utf-8") as places:
        places.write("".join(f"- id: phuong-{n}\n  name: Phường {n}\n  kind: ward\n"
                             f"  parent: quan-cam-le\n  valid_until: 2025-06-30\n" for n in range(1, 14)))
    site = build_archive(content, tmp_path)
    many = parse(site / "places" / "quan-cam-le" / "index.html").select_one("details.da-subplaces")
    assert many is not None and many.get("open") is None
    assert many.summary.h2.get_text(strip=True) == "Địa bàn trực thuộc (13)"
    assert len(many.select("li")) == 13


def test_counts_on_the_pages_are_written_with_thousands_separated(tmp_path: Path) -> None:
    """'1500 công dân' beside a search page that says '1.500' (a review's find)."""
    content = make_archive(tmp_path / "content")
    index = next((content / "sessions").glob("*/*/index.md"))
    replace(index, "summary:", "attendance:\n  citizens: 1500\nsummary:")
    site = build_archive(content, tmp_path)
    page = parse(site / index.parent.relative_to(content) / "index.html")
    facts = page.select_one("dl.da-facts").get_text(" ", strip=True)
    assert "1.500 công dân" in facts, facts


def test_a_site_replaces_the_archives_words_with_its_own(tmp_path: Path) -> None:
    """A People's Council publishing voter meetings says "Buổi tiếp xúc cử tri" where the
    archive says "Phiên đối thoại", and a site could change no word but in templates (a
    review's find): the `labels` option names a YAML file of labels that replace them."""
    content = make_archive(tmp_path / "content")
    (tmp_path / "nhan.yaml").write_text(
        "nav:\n  sessions: Buổi tiếp xúc cử tri\ntext:\n  sessions_of_year: Tiếp xúc cử tri năm {year}\n",
        encoding="utf-8")
    site = build_archive(content, tmp_path, labels="nhan.yaml")
    home = parse(site / "index.html")
    assert "Buổi tiếp xúc cử tri" in [a.get_text(strip=True) for a in home.select("nav a")]
    year = parse(site / "sessions" / "2024" / "index.html")
    assert year.h1.get_text(strip=True) == "Tiếp xúc cử tri năm 2024"
    # a mistake is said where it is, and nothing is published
    (tmp_path / "nhan.yaml").write_text(
        "nav:\n  sesions: Buổi tiếp xúc cử tri\ntext:\n  sessions_of_year: Tiếp xúc cử tri\n",
        encoding="utf-8")
    config = write_config(tmp_path, content, tmp_path / "other-site", build_date="2026-11-28",
                          labels="nhan.yaml")
    refused = run_build(config)
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert f"{tmp_path / 'nhan.yaml'}:2:3: 'nav.sesions' is no label (did you mean 'sessions'?)" \
        in refused.stderr, refused.stderr
    assert "'text.sessions_of_year' must hold {year}" in refused.stderr
    assert not (tmp_path / "other-site").exists()


def test_an_interface_in_another_language_names_kinds_of_places_by_its_labels(tmp_path: Path) -> None:
    """An English interface showed 'Xã', 'Thị trấn' (the word a name starts with) as a place's
    kind and 'in xã Sen Ngư' in its sentences, which no label could change (a review's find)."""
    (tmp_path / "en.yaml").write_text(
        "locale:\n  lang: en\nplace_kind:\n  province: Province\n  district: District\n"
        "  ward: Ward\n  commune: Commune\ntext:\n  within: in\n"
        "publishing:\n  feed_place: Sessions in {name}\n", encoding="utf-8")
    site = tmp_path / "site"
    config = write_config(tmp_path, CONTENT, site, labels="en.yaml",
                          build_date=SAMPLE_BUILD_DATE.isoformat())
    config.write_text(config.read_text(encoding="utf-8") + "theme:\n  language: en\n", encoding="utf-8")
    assert (result := run_build(config)).returncode == 0, result.stderr
    places = {a.text: " ".join(a.find_parent("li").select_one(".da-entry__meta").get_text().split())
              for a in parse(site / "places" / "index.html").select(".da-registry a")}
    assert places["Phường Khuê Trung"].startswith("Ward · in Quận Cẩm Lệ · "), places
    assert places["Thành phố Đà Nẵng"] == "Province", places
    feed = (site / "places" / "phuong-khue-trung" / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Sessions in Phường Khuê Trung — " in feed


def test_a_labels_file_with_a_brace_astray_is_refused_at_its_line(tmp_path: Path) -> None:
    """'{}' or a lone '{' passed the check, then stopped the build with a traceback (a
    review's find); a space for thousands is a label too."""
    from dialogue_archive.core.label_overrides import use_labels
    from dialogue_archive.core.labels import VI, format_number
    path = tmp_path / "nhan.yaml"
    path.write_text('text:\n  sessions_of_year: "Các buổi {} năm {year}"\n'
                    '  latest_sessions: "Mới nhất {"\n  published_on: "Đăng ngày {{date}}"\n',
                    encoding="utf-8")
    problems = use_labels(path)
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:2:3", f"{path}:3:3", f"{path}:4:3"], problems
    assert "an empty {}" in problems[0] and "a '{' that is not around a place for a value" in problems[1]
    # an escaped '{{' was advised, then shown doubled by the templates, single where formatted
    assert "a doubled brace ('{{' or '}}')" in problems[2]
    assert all("write the text's own without them (in parentheses, say)" in p for p in problems)
    path.write_text('locale:\n  thousands: " "\n', encoding="utf-8")
    try:
        assert use_labels(path) == [] and format_number(12000) == "12 000"
    finally:
        use_labels(None)
    assert VI["locale"]["thousands"] == "."


def test_an_office_that_only_forwarded_an_item_is_not_listed_as_answering_it(sample_site) -> None:
    """The deputies' group forwards a voters' proposal; it answers nothing (a review's find:
    its page listed the item as one it answered). Its page lists it as forwarded, and to whom."""
    page = parse(sample_site / "agencies" / "to-dai-bieu-hdnd-thanh-pho-cam-le" / "index.html")
    headings = [h.get_text(" ", strip=True) for h in page.select("h2")]
    assert "Ý kiến, câu hỏi cơ quan đã trả lời, đã chuyển cơ quan khác hoặc được chuyển đến (2)" \
        in headings, headings
    items = {li.a["href"].rpartition("#")[2]:
             " ".join(li.select_one(".da-entry__meta").get_text(" ", strip=True).split())
             for li in page.select("li.da-entry") if li.select_one(".da-badge")}
    assert items["giay-chung-nhan-lo-tai-dinh-cu"] == (
        "Cơ quan này đã chuyển đến: Ủy ban nhân dân thành phố Đà Nẵng · Trả lời: Ủy ban nhân dân "
        "thành phố Đà Nẵng"), items
    assert not any("Đại biểu" in meta.partition("Trả lời:")[2] for meta in items.values()), items


def test_an_agencys_page_lists_the_items_it_referred_elsewhere_and_to_whom(tmp_path: Path) -> None:
    """An agency's page left out the items it referred to another agency ("… đã trả lời hoặc
    được chuyển đến (0)"), which its feed's sessions hold (a review's find: a journalist
    reading the page should see what it passed on). Each is listed, saying so and to whom, and
    the agencies list counts it; a referral still answers nothing: the home page's count of
    agencies that answered or were referred and the statistics' answering agencies leave it
    out, and the agency referred to still waits on its answer."""
    content = make_archive(tmp_path / "content")
    replace(content / "sessions/2024/2024-06-20-doi-thoai-1/answers.yaml",
            "      - by: phong-quan-ly-do-thi\n",
            "      - by: phong-tu-phap\n        mode: referred\n        referred_to: phong-quan-ly-do-thi\n")
    site = build_archive(content, tmp_path)

    def listed(agency: str) -> tuple[str, list[str]]:
        page = parse(site / "agencies" / agency / "index.html")
        return (page.select_one("h2.da-list-heading").get_text(" ", strip=True),
                [" ".join(meta.get_text(" ", strip=True).split()).partition(" · Cam kết")[0]
                 for meta in page.select("li.da-entry .da-entry__meta")])  # its commitment aside

    assert listed("phong-tu-phap") == (
        "Ý kiến, câu hỏi cơ quan đã trả lời, đã chuyển cơ quan khác hoặc được chuyển đến (1)",
        ["Cơ quan này đã chuyển đến: Phòng Quản lý đô thị quận Cẩm Lệ"])
    assert listed("phong-quan-ly-do-thi")[1] == ["Đã chuyển đến: Phòng Quản lý đô thị quận Cẩm Lệ"]
    counts = {li.a.get_text(strip=True): li.select_one(".da-count").get_text(" ", strip=True)
              for li in parse(site / "agencies" / "index.html").select(".da-registry li")}
    assert counts["Phòng Tư pháp quận Cẩm Lệ"] == \
        "1 ý kiến đã trả lời, đã chuyển cơ quan khác hoặc được chuyển đến", counts
    figures = [li.get_text(" ", strip=True) for li in parse(site / "index.html").select(".da-figures li")]
    assert "0 câu trả lời" in figures and "1 cơ quan trả lời hoặc được chuyển ý kiến" in figures, figures
    statistics = parse(site / "statistics" / "index.html").select_one("figure#tk-items-per-agency")
    assert "Tư pháp" not in statistics.get_text(), statistics.get_text(" ", strip=True)


def test_the_counts_of_answers_say_they_leave_out_referrals(sample_site: Path) -> None:
    """items.csv has a row for each referral, which the home page's count of answers and the
    statistics' answering agencies leave out: both say so next to the figure, so that a
    journalist does not report a discrepancy (a review's find)."""
    home = parse(sample_site / "index.html")
    link = next(a for a in home.select(".da-figures a")
                if a.get_text(" ", strip=True).endswith("câu trả lời"))
    rows = list(csv.DictReader(io.StringIO(
        (sample_site / "data" / "items.csv").read_text(encoding="utf-8-sig"), newline="")))
    answers = [r for r in rows if r["session_held"] == "true" and r["answer_number"]]
    referrals = [r for r in answers if r["answer_mode"] == "referred"]
    assert referrals and link.strong.get_text() == str(len(answers) - len(referrals))
    note = home.find(id=link["aria-describedby"]).get_text()
    assert note == "Số câu trả lời không tính các lần chuyển ý kiến đến cơ quan khác giải quyết."
    agencies = parse(sample_site / "statistics" / "index.html").select_one("figure#tk-items-per-agency")
    assert agencies.figcaption.get_text(strip=True) == "Số ý kiến, câu hỏi cơ quan đã trả lời"
    assert "Không tính các ý kiến cơ quan chỉ chuyển đến cơ quan khác giải quyết" in \
        agencies.select_one("p.da-chart__note:last-of-type").get_text()


def test_materials_instant_loading_is_turned_off_with_a_word_why(tmp_path: Path) -> None:
    """With `navigation.instant` on, Material kept the first page's header (its search box then
    sent queries to a 404) and ran the search page's JSON settings as a script (search showed
    nothing): the feature and its sub-features are dropped, said in an INFO line, and the
    strict build goes on."""
    config = write_config(tmp_path, make_archive(tmp_path / "content"), tmp_path / "site",
                          build_date="2026-11-28")
    config.write_text(config.read_text(encoding="utf-8") + "theme:\n  features:\n    - navigation.tabs\n"
                      "    - navigation.instant\n    - navigation.instant.progress\n", encoding="utf-8")
    result = run_build(config)
    assert result.returncode == 0, result.stderr
    assert "INFO" in result.stderr and "navigation.instant, navigation.instant.progress turned " \
        "off" in result.stderr, result.stderr
    for html in ("index.html", "search/index.html"):
        script = parse(tmp_path / "site" / html).find("script", id="__config")
        features = json.loads(script.string)["features"]
        assert "navigation.tabs" in features and not any("instant" in f for f in features), features


def test_the_archives_stylesheet_listed_by_the_site_is_loaded_once_at_its_version(tmp_path: Path) -> None:
    """A site listing the archive's stylesheet in its `extra_css` (to place it after its own)
    had it loaded twice, once without its version, which a browser keeps after an upgrade (a
    review's find): it is loaded once, where the site put it, at its version."""
    content = make_archive(tmp_path / "content")
    (content / "css").mkdir()
    (content / "css" / "site.css").write_text("body { margin: 0; }\n", encoding="utf-8")
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28")
    config.write_text(config.read_text(encoding="utf-8") + "extra_css:\n  - css/site.css\n"
                      "  - assets/dialogue-archive/archive.css\n", encoding="utf-8")
    assert (result := run_build(config)).returncode == 0, result.stderr
    page = (tmp_path / "site" / "sessions" / "index.html").read_text(encoding="utf-8")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    ours = [s for s in sheets if "dialogue-archive/archive.css" in s]
    assert len(ours) == 1 and "?v=" in ours[0], sheets
    assert sheets.index(ours[0]) > next(i for i, s in enumerate(sheets) if "css/site.css" in s)
    # a script of ours listed with attributes (a mutation sampler's find: not tested)
    config.write_text(config.read_text(encoding="utf-8") + "extra_javascript:\n"
                      "  - path: assets/dialogue-archive/archive.js\n    defer: true\n", encoding="utf-8")
    assert (result := run_build(config)).returncode == 0, result.stderr
    page = (tmp_path / "site" / "sessions" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]*dialogue-archive/archive\.js[^"]*)"( defer)?', page)
    assert len(scripts) == 1 and "?v=" in scripts[0][0] and scripts[0][1], scripts


def test_the_sites_own_stylesheet_overrides_the_archives(tmp_path: Path, serve_site, browser) -> None:
    """The archive's stylesheets came after the site's `extra_css`: a site's rule of the same
    specificity as the archive's lost. They now come first, and the site's rule wins."""
    content = make_archive(tmp_path / "content")
    (content / "assets").mkdir()
    (content / "assets" / "own.css").write_text(".da-entry__meta { color: rgb(1, 2, 3); }\n",
                                                encoding="utf-8")
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28")
    config.write_text(config.read_text(encoding="utf-8") + "extra_css:\n  - assets/own.css\n",
                      encoding="utf-8")
    assert (result := run_build(config)).returncode == 0, result.stderr
    page = browser.new_page()
    try:
        page.goto(serve_site(tmp_path / "site") + "sessions/")
        colours = page.eval_on_selector_all(
            ".da-entry__meta", "els => els.map(e => getComputedStyle(e).color)")
    finally:
        page.close()
    assert colours and set(colours) == {"rgb(1, 2, 3)"}, colours


def test_an_items_topics_copied_or_read_aloud_are_apart(sample_site: Path) -> None:
    """The topics are chips side by side: copied into an article ("Lĩnh vực: Xây dựngĐất đai",
    a citizen review's find) or read by a screen reader, their names ran together."""
    session = parse(page(sample_site, "/sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh/"))
    tags = session.select_one("#gpxd-dat-dien-tich-nho .da-item__tags")
    assert " ".join(tags.get_text().split()).startswith("Lĩnh vực: Xây dựng, Đất đai Thủ tục hành chính:")
