"""Personal-data guard and redaction rules (core/privacy.py)."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from conftest import build_archive, run_build, write_config
from dialogue_archive.core.privacy import (
    Redactor,
    find_citizen_names,
    find_full_name,
    find_personal_data,
    officials_named,
    personal_data_in_file_name,
    personal_data_in_id,
    text_rule,
)
from dialogue_archive.core.scaffold import session_slug
from test_bad_input import BASE, LOCATED, S, validate

PERSONAL = {
    "Gọi 0905 123 456 nhé": "phone",
    "0905.123.456": "phone",
    "số 0905123456.": "phone",
    "+84 905123456": "phone",
    "(+84) 905-123-456": "phone",
    "0236 3 456 789": "phone",
    "(0236) 3.456.789": "phone",
    "năm 2024 0905 123 456": "phone",
    # every mobile prefix (03 is Viettel's since 2018) and 02x landlines, also as +84
    "Gọi 0345 678 901 để hỏi.": "phone",
    "Gọi 0562 345 678": "phone",
    "Gọi 0704 567 890": "phone",
    "Gọi 0812 345 678": "phone",
    "ĐT 024 3825 1234": "phone",
    "ĐT +84 24 3825 1234": "phone",
    "ĐT 0084 236 3 456 789": "phone",
    "CMND 201234567": "CMND",
    "CCCD 048090001234": "CCCD",
    "thư a.b@gmail.com": "e-mail",
    # spelt so that robots miss it
    "thư abc [at] gmail.com": "e-mail",
    "thư nguyenvana(at)gmail(dot)com": "e-mail",
    "thư abc @ gmail.com": "e-mail",
    "thư abc{a còng}gmail[chấm]com": "e-mail",
    "Ông Ba, ĐT 84 905 123 456": "phone",
    "ĐT 84905123456": "phone",
    "84.905.123.456": "phone",
    "84-236-3-456-789": "phone",
    "ĐT:0905123456": "phone",
    "ĐT:84905123456": "phone",
    "năm 1984 84 905 123 456": "phone",
    # pasted from Word or a web page: other spaces and dashes, full-width digits
    "Gọi 0912\u00a0345\u00a0678": "phone",
    "Gọi 0912\u202f345\u202f678": "phone",
    "Gọi 0912\u2009345\u2009678": "phone",
    "Gọi 0912\u2011345\u2011678": "phone",
    "Gọi 0912\u2013345\u2013678": "phone",
    "Gọi ０９１２３４５６７８": "phone",
    "Gọi 0912\u200b345678": "phone",
    "CCCD 048\u00a0090\u00a0001\u00a0234": "CCCD",
    # split by what the page does not show
    "Gọi 0912 **345** 678": "phone",
    "Gọi 0912 *345* 678": "phone",
    "Gọi 0912 __345__ 678": "phone",
    "Gọi **0912** 345 678": "phone",
    "Gọi 0912 `345` 678": "phone",
    "Gọi <b>0912</b> 345 678": "phone",
    "Gọi 0912\\-345\\-678": "phone",
    "Tổ 5<br>0912345678": "phone",
    # in a link's address
    "[Zalo cán bộ](https://zalo.me/0987654321)": "phone",
    "[gọi](tel:0977111222)": "phone",
    "[gọi ngay](tel:+84912345678)": "phone",
    "[nhắn tin](sms:0977111222?body=xin%20chao)": "phone",
    "[Zalo](zalo:0977111222)": "phone",
    "https://wa.me/84912345678": "phone",
    "[hồ sơ](https://example.vn/tra-cuu?sdt=0912.345.678)": "phone",
    '<a href="https://zalo.me/0987654321">Zalo</a>': "phone",
    # written against a label, a bracket or across a line end (a review helper's)
    "Hội trường, ĐT0905811002": "phone",
    "SĐT0905811006": "phone",
    "hoặc Tel.0905811005": "phone",
    "(ĐT.0905.811.007)": "phone",
    "liên hệ (0236)3811001": "phone",
    "(0236)3.811.009": "phone",
    "số 0905 811\n008 nhé": "phone",
    "CCCD048090811015": "CCCD",
    "Gọi 0905&nbsp;811&nbsp;010": "phone",
    "thư toan.bui&#64;gmail.com": "e-mail",
    "thư diem.my\u200b@gmail.com": "e-mail",
    "thư abc\uff20gmail.com": "e-mail",
    "thư abc@gmail\uff0ecom": "e-mail",
    "Gọi 0905/123/456 nhé": "phone",
    "số 0905_123_456": "phone",
    "CCCD 048/090/811/016": "CCCD",
    # grouped as amounts are, but labelled as what they are (a helper's find)
    "CMND số 201.234.567 cấp năm 2010.": "CMND",
    "Số CMND: 201-234-567": "CMND",
    "chứng minh nhân dân số 201 234 567": "CMND",
    "căn cước công dân số 048.090.001.234": "CCCD",
    "SĐT: 0 9 0 5 1 2 3 4 5 6": "phone",
    "Điện thoại: 0 9 0 5 1 2 3 4 5 6": "phone",
}
NOT_PERSONAL = [
    "tuyến ĐT 602 và ĐT 605",  # a provincial road, 'đường tỉnh'
    "CMND cấp ngày 12.03.2010",
    "hotline 1900 1234",
    "SĐT: 0 9 0 5",
    "mã 2024010101-2024123131",
    "từ 2020/2021 đến 2023/2024",
    "kiệt 123/45/67 Ông Ích Khiêm",
    "các tổ dân phố 03/04/05/06/07 phường Hòa Xuân",
    "tổ 03_04_05_06_07",
    "hồ sơ số 123/456/789",
    "ngày 20/06/2024_bản 2",
    "Mã hồ sơ H12.34-240620-0001",
    "năm 2024\n15 hộ",
    "thửa đất số 123, tờ bản đồ số 45\n0905",
    "họp [at] hội trường UBND",
    "giá 5 [at] 10 nghìn",
    "thủ tục 1.009994",
    "Quyết định 123/QĐ-UBND",
    "Công văn số 1234/UBND-TH",
    "ngày 20/6/2024",
    "2024-06-20",
    "20.06.2024",
    "lệ phí 1.500.000 đồng",
    "2,5 triệu đồng",
    "150000000 đồng",
    "năm 2024",
    "Nghị định 13/2023/NĐ-CP",
    "thửa đất số 123, tờ bản đồ số 45",
    "K12/34 Ông Ích Đường",
    "mã số thuế 0401234567",
    "tổng đài 1900 1234",
    "lúc 14:30",
    "lúc 8:00, 14:30 và 16:45",
    "10.000.000.000 đồng",
    "https://dichvucong.gov.vn/p/x.html?ma=123456789",
    "[bài](https://a.vn/tin/123456789)",
    "năm 1984",
    "84 hồ sơ",
    "84 905 hộ",
    "84.000 đồng",
    "84.905.123.456 đồng",
    "ngày 8/4/1984",
    "ngày 08.4.1984",
    "số 84/QĐ-UBND",
    "Quyết định 84/2024/QĐ-UBND",
    "84 212 345 678",
    "https://baodanang.vn/tin/123456789.html",
    "[bài](https://baodanang.vn/2024/06/20/doi-thoai-voi-cong-dan.html)",
    "[tin](https://a.vn/tin/123456789)",
    "[tin](https://a.vn/tin/0912345678-ho-so.htm)",
    "[văn bản](https://vanban.gov.vn/van-ban?id=123456789&nam=2024)",
    "[DVC](https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.009994)",
    "lệ phí 1.500.000\u00a0đồng",
    "lệ phí **1.500.000** đồng",
    "lệ phí **84.905.123.456** đồng",
    "ngày 20\u20116\u20112024",
    "giai đoạn 2020\u20132024",
    "năm **2024**",
    "thủ tục **1.009994**",
    "Quyết định 123/QĐ\u2011UBND",
    "mã số thuế **0401234567**",
    "tổng đài 1900\u00a01234",
    "lúc 14:30\u00a0–\u00a016:45",
    "file_2024_0912.pdf",
]
NAMES = {
    "Ông Nguyễn Văn Hùng": "Nguyễn Văn Hùng",
    "Nguyễn Văn Hùng, tổ 5": "Nguyễn Văn Hùng",
    "bà Trần Lan": "Trần Lan",
    "Chị Lê Thị Hoa (tổ 3)": "Lê Thị Hoa",
    "Nguyễn Văn Hùng.": "Nguyễn Văn Hùng",
    "Ông Nguyễn Văn Hùng.": "Nguyễn Văn Hùng",
    "Bà Trần Lan.": "Trần Lan",
    "Bà Hoa (Nguyễn Thị Hoa)": "Nguyễn Thị Hoa",
    "Ông N.V.H. (Nguyễn Văn Hùng)": "Nguyễn Văn Hùng",
    "“Nguyễn Văn Hùng”": "Nguyễn Văn Hùng",
    "NGUYỄN VĂN HÙNG": "NGUYỄN VĂN HÙNG",
    "ÔNG TRẦN LAN": "TRẦN LAN",
    "Nguyen Van Hung": "Nguyen Van Hung",
    "Ba Tran Lan, to 3": "Tran Lan",
    "Cử tri Nguyễn  Văn Hùng": "Nguyễn  Văn Hùng",
    "Khách hàng Nguyễn Văn Hùng": "Nguyễn Văn Hùng",
    # family names the list lacks, found by their middle name after an honorific
    "Ông Lò Văn Pá": "Lò Văn Pá",
    "Cô Âu Thị Lan": "Âu Thị Lan",
    "Anh La Văn Cầu, bản 3": "La Văn Cầu",
    "Ong Vi Van Dinh": "Vi Van Dinh",
    "Bà Âu Thị Hoa": "Âu Thị Hoa",
    "Cử tri Âu Thị Lan": "Âu Thị Lan",
    "Công dân Lò Văn Pá, bản Nà Lừa": "Lò Văn Pá",
    "Ong Lo Van Phong": "Lo Van Phong",
    # and less common family names, listed
    "Ông Khổng Minh Đức": "Khổng Minh Đức",
    "Ông Ksor Phước": "Ksor Phước",
    # Mông names: family names that are no common word, and the middle names Seo and Mí
    "Ông Giàng A Páo": "Giàng A Páo",
    "Ông Vàng Seo Chứ": "Vàng Seo Chứ",
    "Hộ ông Thào Mí Dế, thôn Khuổi My": "Thào Mí Dế",
    "Bà Sùng Thị Mai": "Sùng Thị Mai",
    # Ê Đê and Jrai names of the Central Highlands: the prefixes Y (men) and H' (women)
    "Ông Ksor Y Phun, buôn Ea Bông": "Ksor Y Phun",
    "Bà Siu H'Mai": "Siu H'Mai",
    "Ông Y Phun Niê": "Y Phun Niê",
    "Chị H’Hen Niê, buôn Ko Tam": "H’Hen Niê",
    "Cử tri Y Ngông Niê Kdăm": "Y Ngông Niê Kdăm",
}
NOT_NAMES = [
    # companies' registered names (a review found all but the TNHH ones refused)
    "Công ty Cổ phần Nguyễn Văn Lâm", "Công ty CP Nguyễn Văn Lâm", "Công ty TNHH MTV Nguyễn Văn Lâm",
    "DNTN Nguyễn Văn Lâm",
    "Ông N.V.H., tổ 12",
    "Công dân phường Hòa Thọ Đông",
    "Cử tri tổ 12",
    "Hộ kinh doanh trên đường Ông Ích Đường",
    "Hộ kinh doanh tại K12/34 Ông Ích Đường",
    "Đoàn Thanh niên phường Hòa An",
    "Công dân TP. Hồ Chí Minh",
    "Hộ kinh doanh trên đường Lê Duẩn",
    "Ông N.V.H.",
    "Bà Lan",
    "Bà Lan.",
    "Ông Nguyễn V.H.",
    "Cử tri tổ dân phố 5, phường Hòa Thọ Đông",
    "Cử tri phường Hòa Thọ Đông.",
    "Đại diện Công ty TNHH Minh Phát",
    "Hội Phụ nữ phường",
    "Doanh nghiệp",
    "HTX Nông nghiệp",
    "Đại diện HTX Nông nghiệp Hòa Tiến",
    "Do UBND Phường Hòa An chuyển đến",
    "Phụ huynh học sinh Trường THPT Phan Châu Trinh",
    "Giáo viên Trường Tiểu học Nguyễn Văn Trỗi",
    "Công dân TP Ho Chi Minh",
    "Cong dan Cam Le Da Nang",
    "Ho kinh doanh tren duong Tran Hung Dao",
    "Cu tri phuong Hoa Tho Dong",
    "To dan pho Mai Dang",
    "Chủ Nhà thuốc Phạm Ngọc Thạch",
    "Đại diện Công ty TNHH Trần Văn Bình",
    "Bệnh nhân Phòng khám Lê Văn Thịnh",
    "Người dân gần Trung tâm Văn hóa Trưng Vương",
    "Cử tri phường Bà Rịa",
    "Bà con Thị trấn Ái Nghĩa",
    "Ông Văn Tùng",
    # around Văn or Thị, words that make no name (the review's)
    "BÀ CON THỊ TRẤN ÁI NGHĨA",
    "CÔ GIÁO THỊ XÃ ĐIỆN BÀN",
    "Cô Giáo Thị Xã Điện Bàn",
    "Cháu Bé Thị Trấn",
    "ÔNG CHÁNH VĂN PHÒNG CÔNG CHỨNG",
    "Anh Hội Văn Nghệ Phường",
    "Chú Phòng Văn Hóa Thông Tin",
    "Cử tri Thạch Thất Hà Nội",
    "Cử tri khu vực Mạc Thị Bưởi",
    "Người dân gần Nhà Văn Hóa khối 3",
    "Cu tri Lo Van Nghe",
    "Ông Y Phun, buôn Ea Bông",  # a man's given name with its prefix, as 'Ông Phun'
    "Bà H'Mai",
    "Cử tri buôn Ea Bông",
]


@pytest.mark.parametrize("text", sorted(PERSONAL))
def test_personal_data_is_found(text: str) -> None:
    findings = find_personal_data(text)
    assert len(findings) == 1 and PERSONAL[text] in findings[0].message, findings


def test_numbers_joined_by_a_slash_or_a_comma_are_each_found() -> None:
    text = "gọi 0905811003/0914811004 hoặc 0905811012,0914811013 hoặc 0905123456-0914111222"
    assert [text[f.start:f.end] for f in find_personal_data(text)] == [
        "0905811003", "0914811004", "0905811012", "0914811013", "0905123456", "0914111222"]


@pytest.mark.parametrize(("text", "quoted"), [
    ("Liên hệ (0913 456 789) để hỏi", "0913 456 789"), ("CCCD: 092083001234).", "092083001234"),
    ("(0905123456 gọi sau", "0905123456"), ("ĐT (0236) 3 123 456.", "(0236) 3 123 456")])
def test_a_number_is_quoted_without_the_brackets_around_it(text: str, quoted: str) -> None:
    """The message names what to remove: an area code keeps its brackets, a sentence's do not."""
    [finding] = find_personal_data(text)
    assert text[finding.start:finding.end] == quoted


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_codes_dates_and_amounts_pass(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize("label", sorted(NAMES))
def test_full_names_in_labels_are_found(label: str) -> None:
    assert find_full_name(label) == NAMES[label]


@pytest.mark.parametrize("label", NOT_NAMES)
def test_initials_and_descriptions_pass(label: str) -> None:
    assert find_full_name(label) is None


REDACTIONS = """\
- pattern: Hòa Thọ Đông
  replacement: Hòa Thọ
  note: tên địa bàn không công bố (ví dụ của bài kiểm thử)
- pattern: '0\\d{3} \\d{3} \\d{3}'
  regex: true
  replacement: "[số điện thoại đã ẩn]"
"""


def test_redaction_reaches_every_output_and_runs_before_the_guard(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    answers = content / S / "answers.yaml"
    answers.write_text(
        answers.read_text(encoding="utf-8").replace("Phòng sẽ rà soát", "Gọi 0905 123 456, phòng sẽ rà soát"),
        encoding="utf-8",
    )
    # The content folder's own pages are published too: the home page and an "about" page.
    (content / "index.md").write_text("---\ntitle: Kho lưu trữ\ndescription: Đối thoại ở Hòa Thọ "
                                      "Đông\n---\nĐường dây nóng khu Hòa Thọ "
                                      "Đông: 0905 123 456.\n", encoding="utf-8")
    (content / "gioi-thieu").mkdir()
    (content / "gioi-thieu" / "index.md").write_text("# Giới thiệu Hòa Thọ Đông\n\nLiên hệ "
                                                     "0905 123 456.\n", encoding="utf-8")
    refused = validate(content)
    assert refused.returncode == 1  # without a rule the guard refuses the number, everywhere
    assert [line.split(": ")[0] for line in refused.stderr.splitlines() if "0905 123 456" in line] \
        == ["content/gioi-thieu/index.md:3:9", "content/index.md:5:34",
            f"content/{S}/answers.yaml:15:15"]
    (content / "registry" / "redactions.yaml").write_text(REDACTIONS, encoding="utf-8")
    assert validate(content).returncode == 0

    site = build_archive(content, tmp_path)
    texts = {}
    for path in site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".csv", ".ics", ".txt"}:
            texts[path] = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pf_fragment":
            texts[path] = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    assert texts
    assert not [
        p
        for p, t in texts.items()
        if "0905 123 456" in t
        or "Hòa Thọ Đông" in t.replace("Phường Hòa Thọ Đông", "").replace("phường Hòa Thọ Đông", "")
    ]  # the registry's own place name (in a sentence, "ở phường …") is not session text
    assert "[số điện thoại đã ẩn]" in texts[site / "index.html"]
    assert "Giới thiệu Hòa Thọ" in texts[site / "gioi-thieu" / "index.html"]
    assert any(p.suffix == ".pf_fragment" and "[số điện thoại đã ẩn]" in t for p, t in texts.items())


def test_registry_words_are_redacted_and_checked_as_session_texts_are(tmp_path: Path) -> None:
    """A topic's description, a procedure's name and a place's name are published (their pages,
    those pages' descriptions, the open data), but neither the redaction rules nor the guard
    saw them: a phone number in a topic's description went out, and a place the rules hide
    stayed on every page naming it (a helper's find)."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    registry = content / "registry"
    (registry / "topics.yaml").write_text(
        (registry / "topics.yaml").read_text(encoding="utf-8").replace(
            "  name: Đất đai\n", "  name: Đất đai\n  description: Hỏi đáp tại Hòa Thọ Đông,\n"
            "    đường dây nóng 0905 123 456.\n"), encoding="utf-8")
    (registry / "procedures.yaml").write_text(
        (registry / "procedures.yaml").read_text(encoding="utf-8").replace(
            "nhà ở riêng lẻ", "nhà ở riêng lẻ (hỏi qua a.b@gmail.com)"), encoding="utf-8")
    refused = validate(content)
    problems = [line for line in refused.stderr.splitlines() if LOCATED.match(line)]
    assert refused.returncode == 1 and [p.split(": ", 1)[0] for p in problems] == [
        "content/registry/procedures.yaml:2:68", "content/registry/topics.yaml:7:20"], refused.stderr
    assert "'0905 123 456' looks like a phone number in description" in problems[1]
    (registry / "procedures.yaml").write_text(
        (registry / "procedures.yaml").read_text(encoding="utf-8").replace(
            " (hỏi qua a.b@gmail.com)", ""), encoding="utf-8")
    (registry / "redactions.yaml").write_text(REDACTIONS, encoding="utf-8")
    assert validate(content).returncode == 0

    site = build_archive(content, tmp_path)
    texts = {path: path.read_text(encoding="utf-8") for path in site.rglob("*")
             if path.suffix in {".html", ".xml", ".json", ".csv", ".ics"}}
    assert not [p for p, t in texts.items() if "0905 123 456" in t or "Hòa Thọ Đông" in t]
    topic = texts[site / "topics" / "dat-dai" / "index.html"]
    assert "Hỏi đáp tại Hòa Thọ, đường dây nóng [số điện thoại đã ẩn]." in topic
    assert "Phường Hòa Thọ" in texts[site / "places" / "phuong-hoa-tho-dong" / "index.html"]


def test_a_redaction_rule_added_after_a_build_reaches_every_output_of_a_warm_rebuild(
        tmp_path: Path) -> None:
    """An office adds a rule when a citizen asks, after publishing, that their street be taken
    off: the next build, with the cache of the last one, must publish no output with it."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    street = "kiệt 42 Nguyễn Hữu Thọ"
    answers = content / S / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "Đề nghị đơn giản hóa", f"Nhà tôi ở {street}, đề nghị đơn giản hóa"), encoding="utf-8")

    def outputs(site: Path) -> dict[str, str]:
        """The texts a reader or a data user gets: the page, the search index and the data."""
        fragments = "\n".join(gzip.decompress(f.read_bytes()).decode("utf-8")
                               for f in (site / "pagefind").rglob("*.pf_fragment"))
        return {"page": (site / S / "index.html").read_text(encoding="utf-8"), "search": fragments,
                **{name: (site / "data" / name).read_text(encoding="utf-8")
                   for name in ("archive.json", "items.csv")}}

    site = build_archive(content, tmp_path)
    assert all(street in text for text in outputs(site).values())
    (content / "registry" / "redactions.yaml").write_text(
        f"- pattern: {street}\n  replacement: \"[địa chỉ đã ẩn]\"\n"
        "  note: người hỏi đề nghị không công bố địa chỉ\n", encoding="utf-8")
    assert build_archive(content, tmp_path) == site  # same config, so the same cache
    redacted = outputs(site)
    assert [name for name, text in redacted.items() if street in text] == []
    assert [name for name, text in redacted.items() if "[địa chỉ đã ẩn]" not in text] == []


FIRST_TEXT = "      Đề nghị đơn giản hóa hồ sơ"
"""How the sample session's first question opens, in its answers.yaml."""


def sample_with_first_text(tmp_path: Path, text: str) -> Path:
    """A copy of the sample whose session `S` has its first question open with `text` (its
    lines indented as FIRST_TEXT is) instead of FIRST_TEXT."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    answers = content / S / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace(FIRST_TEXT, text), encoding="utf-8")
    return content


def test_text_rules_match_either_tone_mark_placement_any_spacing_and_shown_keys(
        tmp_path: Path) -> None:
    """Writers place tone marks both ways (Thuỷ, Thủy) and YAML blocks wrap lines: a rule
    written once removes the name however it is spelt or wrapped, also from the keys of
    `attendance`, which are shown; an attendance key naming a citizen is refused."""
    content = sample_with_first_text(tmp_path, (
        "      Hộ bà Lường Thị Thủy (LƯỜNG THỊ THỦY trong đơn) và gia đình ông Hoàng Văn\n"
        "      Mỷ đề nghị đơn giản hóa hồ sơ"))
    index = content / S / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(
        "summary:", "attendance:\n  citizens: 40\n  hộ thôn Khuổi My: 20\nsummary:")
        + "\nÝ kiến của bà Lường Thị *Thủy* và của bà Lường Thị Th&#7911;y.\n", encoding="utf-8")
    (content / "registry" / "redactions.yaml").write_text(
        "- pattern: Lường Thị Thuỷ\n  replacement: T.\n- pattern: Hoàng Văn Mỷ\n"
        "  replacement: M.\n- pattern: thôn Khuổi My\n  replacement: thôn K.\n",
        encoding="utf-8")
    assert validate(content).returncode == 0
    site = build_archive(content, tmp_path)
    page = (site / S / "index.html").read_text(encoding="utf-8")
    assert "Hộ bà T. (T. trong đơn) và gia đình ông M. đề nghị" in " ".join(page.split())
    assert "20 hộ thôn K." in " ".join(page.split())
    assert "Ý kiến của bà T. và của bà T." in " ".join(page.split())  # markup, an entity
    for path in [*site.rglob("*.html"), *site.rglob("*.csv"), *site.rglob("*.json"),
                 *site.rglob("*.pf_fragment")]:
        data = path.read_bytes()
        text = (gzip.decompress(data) if path.suffix == ".pf_fragment" else data).decode("utf-8")
        assert not any(name in text for name in ("Thủy", "THỦY", "Mỷ", "Khuổi", "Th&#7911;y",
                                                 "Lường")), path

    index.write_text(index.read_text(encoding="utf-8").replace(
        "  citizens: 40\n", "  citizens: 40\n  hộ ông Nguyễn Văn Bình: 1\n"), encoding="utf-8")
    refused = validate(content)
    assert refused.returncode == 1
    assert f"content/{S}/index.md:9:10: 'Nguyễn Văn Bình' in attendance" in refused.stderr
    assert "Nguyễn Văn Bình" in refused.stderr


def test_a_name_that_wraps_onto_the_next_line_is_reported_where_it_starts_on_one_line(
        tmp_path: Path) -> None:
    content = sample_with_first_text(tmp_path, "      Gia đình ông Hoàng Văn\n"
                                               "      Mỷ đề nghị đơn giản hóa hồ sơ")
    refused = validate(content)
    assert refused.returncode == 1
    problems = [line for line in refused.stderr.splitlines() if LOCATED.match(line)]
    assert [p.split(": ", 1)[0] for p in problems] == [f"content/{S}/answers.yaml:10:20"]
    assert "'Hoàng Văn Mỷ' in items.text looks like the full name" in problems[0]
    assert "('ông H.V.M.')" in problems[0]


def test_one_phone_number_written_with_other_spaces_is_reported_at_each_line(tmp_path: Path) -> None:
    """Each was said at the first one's line: the writer fixed it and ran `validate` again, and
    again (a review's find)."""
    content = sample_with_first_text(tmp_path, (
        "      Gọi 0905 123 456 (B).\n\n      Gọi lại 0905\u3000123\u3000456 (K).\n\n"
        "      Hỏi 0905\u00a0123\u00a0456 (N).\n" + FIRST_TEXT))
    refused = validate(content)
    problems = [line.split(": ", 1)[0] for line in refused.stderr.splitlines() if LOCATED.match(line)]
    assert problems == [f"content/{S}/answers.yaml:{line}:{column}"
                        for line, column in ((10, 11), (12, 15), (14, 11))], refused.stderr


@pytest.mark.parametrize("text", [
    "| Người phát biểu | Ngô Thị<br>Thanh Hằng |", "Ngô Thị [Thanh Hằng](#y-kien) phát biểu",
    "bà **Ngô Thị Thanh Hằng**"])
def test_a_text_rule_removes_a_name_whatever_markup_splits_it(text: str) -> None:
    """A line break tag or a link inside a name shows it whole on the page (found by a review
    helper): the rule must remove it whole, the markup with it."""
    rule = Redactor(rules=(text_rule("Ngô Thị Thanh Hằng"),), replacements=("[…]",), plain=(True,))
    redacted = rule.apply(text)
    assert "Hằng" not in redacted and "[…]" in redacted, redacted


def test_a_rule_replacing_a_name_with_its_honorific_gives_the_honorific_once() -> None:
    """The README's form of a rule ('Nguyễn Văn Hùng' -> 'ông N.V.H.') published "Ông ông
    N.V.H." where the text said "Ông Nguyễn Văn Hùng" (a press office's find)."""
    rule = Redactor(rules=(text_rule("Phan Thị Thu Hà"),), replacements=("bà P.T.T.H.",), plain=(True,))
    assert rule.apply("Bà Phan Thị Thu Hà, tổ 5") == "Bà P.T.T.H., tổ 5"
    assert rule.apply("ý kiến của bà  Phan Thị Thu Hà") == "ý kiến của bà  P.T.T.H."
    assert rule.apply("Gia đình Phan Thị Thu Hà") == "Gia đình bà P.T.T.H."
    assert rule.apply("Bàn Phan Thị Thu Hà") == "Bàn bà P.T.T.H."  # a word, not the honorific


def test_a_photo_whose_file_name_spells_a_citizens_name_is_refused(tmp_path: Path) -> None:
    """A photo is published under its file name, which no redaction rule reaches."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    (content / S / "ba-tran-thi-kim-cuc-phat-bieu.jpg").write_bytes(b"\xff\xd8\xff\xe0 JPEG")
    refused = validate(content)
    assert refused.returncode == 1
    assert (f"content/{S}/ba-tran-thi-kim-cuc-phat-bieu.jpg:1:1: the file name "
            "'ba-tran-thi-kim-cuc-phat-bieu.jpg' holds what looks like the full name of a person "
            "('tran-thi-kim'): it is part of the photo's public address and is never redacted; "
            "rename the file") in refused.stderr, refused.stderr


def test_a_name_with_markup_in_a_record_is_reported_where_it_is_written(tmp_path: Path) -> None:
    """Located by the name as written ('Trần *Thị* Mai'), not as shown: it was reported at a
    later plain copy of the name, or at the text's start."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    answers = content / S / "answers.yaml"
    text = answers.read_text(encoding="utf-8").replace(
        "      Đề nghị đơn giản hóa hồ sơ", "      Hộ bà Trần *Thị* Mai đề nghị đơn giản hóa hồ sơ", 1)
    answers.write_text(text, encoding="utf-8")
    refused = validate(content)
    problems = [line for line in refused.stderr.splitlines() if LOCATED.match(line)]
    line = text.count("\n", 0, text.index("Trần *Thị*")) + 1
    column = text.split("\n")[line - 1].index("Trần") + 1
    assert [p.split(": ", 1)[0] for p in problems] == [f"content/{S}/answers.yaml:{line}:{column}"], problems


def test_a_name_in_bold_in_a_write_up_is_reported_where_it_is_written(tmp_path: Path) -> None:
    """The guard reads a text as the page shows it: emphasis around or inside a name hid it."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    index = content / S / "index.md"
    text = index.read_text(encoding="utf-8") + "\nTheo ý kiến của hộ bà **Trần *Thị* Mai** ở tổ 3.\n"
    index.write_text(text, encoding="utf-8")
    refused = validate(content)
    assert refused.returncode == 1
    problems = [line for line in refused.stderr.splitlines() if LOCATED.match(line)]
    line = text.count("\n", 0, text.index("**Trần")) + 1
    assert [p.split(": ", 1)[0] for p in problems] == [f"content/{S}/index.md:{line}:25"], problems
    assert "'Trần Thị Mai' in the write-up looks like the full name" in problems[0]


@pytest.mark.parametrize(("ident", "name"), [
    ("ho-ba-le-thi-mai-de-nghi", "le-thi-mai"), ("ong-nguyen-van-hung", "nguyen-van-hung"),
    ("toi-la-nguyen-van-sau-o", "nguyen-van-sau"),  # an id made from 'Tôi là Nguyễn Văn Sáu ở …'
    ("toi-ten-la-nguyen-van-sau-hoi", "nguyen-van-sau"),
    ("cu-tri-le-van-tam-hoi-ve-so-do", "le-van-tam"),
    ("mo-rong-duong-nguyen-van-linh", None), ("truong-nguyen-van-troi", None), ("ho-so-gpxd", None)])
def test_an_id_that_spells_a_citizens_name_is_refused(ident: str, name: str | None) -> None:
    """An id is a public address no redaction reaches: 'hộ bà Lê Thị Mai' typed as a title
    becomes one. Streets and schools named after people are no citizens."""
    messages = personal_data_in_id(ident)
    assert messages == ([f"'{ident}' holds '{name}', which looks like the full name of a person: an "
                         "id is part of a public address and is never redacted, so change it (and do "
                         "not keep the old one in aliases)"] if name else [])


@pytest.mark.parametrize("ident", ["2024-06-20-ong-tran-van-minh-chu-tich-ubnd-phuong-doi-thoai",
                                   "ong-nguyen-van-hung-pho-chu-tich"])
def test_an_id_with_an_officials_name_before_the_position_passes(ident: str) -> None:
    """`new` makes such ids from titles that name the official who held the session."""
    assert personal_data_in_id(ident) == []


def test_a_title_naming_an_official_makes_an_id_without_the_name() -> None:
    """The title passes (an official in the role); the id made from it must pass too."""
    assert session_slug("Chủ tịch UBND phường, ông Trần Văn Minh đối thoại với nhân dân") == \
        "chu-tich-ubnd-phuong-ong-doi-thoai-voi-nhan-dan"


@pytest.mark.parametrize("name", ["PXL_20240620_093512345.jpg",
                                  "449718215_1026587612356093_4466512238071451052_n.jpg"])
def test_a_phones_or_facebooks_photo_names_are_no_id_numbers(name: str) -> None:
    assert personal_data_in_file_name(name) == []


def test_ids_that_hold_a_phone_number_are_refused(tmp_path: Path) -> None:
    """Ids are public addresses that redaction never touches: a session folder, an item or a
    commitment id with a phone number in it is refused, where it is written."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    answers = content / S / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "  - id: ho-so-gpxd", "  - id: ong-hung-0905123456").replace(
        "      - id: ra-soat-ho-so", "      - id: goi-0236-3456789"), encoding="utf-8")
    (content / S).rename(content / f"{S}-dt-0905-123-456")
    refused = validate(content)
    assert refused.returncode == 1
    problems = [line for line in refused.stderr.splitlines() if LOCATED.match(line)]
    assert [p.split(": ", 1)[0] for p in problems] == [
        f"content/{S}-dt-0905-123-456/answers.yaml:2:9",
        f"content/{S}-dt-0905-123-456/answers.yaml:17:13",
        f"content/{S}-dt-0905-123-456/index.md:1:1"], refused.stderr
    assert "'ong-hung-0905123456' holds '0905123456', which looks like a phone number" in problems[0]
    assert "the session folder name '2024-06-20-doi-thoai-mau-dt-0905-123-456' holds " \
           "'0905-123-456'" in problems[2]
    assert "rename the folder" in problems[2]


def test_bad_redaction_rule_is_located(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    (content / "registry" / "redactions.yaml").write_text(
        "- pattern: 'x*'\n  regex: true\n- pattern: ok\n  replace: y\n", encoding="utf-8"
    )
    result = validate(content)
    assert result.returncode == 1
    assert "registry/redactions.yaml:1:12: pattern matches an empty text" in result.stderr
    assert (
        "registry/redactions.yaml:4:3: unknown key 'replace' (did you mean 'replacement'?)" in result.stderr
    )


REFUSED_LABELS = {
    "Nguyễn Văn Hùng.": "Nguyễn Văn Hùng",
    "Bà Trần Lan.": "Trần Lan",
    "Bà Hoa (Nguyễn Thị Hoa)": "Nguyễn Thị Hoa",
    "Ông N.V.H. (Nguyễn Văn Hùng)": "Nguyễn Văn Hùng",
    "“Nguyễn Văn Hùng”": "Nguyễn Văn Hùng",
    "NGUYỄN VĂN HÙNG": "NGUYỄN VĂN HÙNG",
    "Nguyen Van Hung": "Nguyen Van Hung",
    "Ông Nguyễn Văn Hùng.": "Nguyễn Văn Hùng",
}
ACCEPTED_LABELS = [
    "Cử tri tổ dân phố 5, phường Hòa Thọ Đông",
    "Đại diện Công ty TNHH Minh Phát",
    "Hội Phụ nữ phường",
    "Doanh nghiệp",
    "HTX Nông nghiệp",
    "Ông N.V.H.",
    "Bà Lan",
]


def with_labels(content: Path, labels: list[str]) -> dict[str, tuple[int, str]]:
    """One more item per label in the sample answers.yaml; each label's line and its text."""
    answers = content / S / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    written = {label: f"      label: {json.dumps(label, ensure_ascii=False)}" for label in labels}
    for n, label in enumerate(labels):
        text += (f"  - id: hoi-them-{n}\n    type: question\n    asker:\n{written[label]}\n"
                 "    topics: [dat-dai]\n    text: Hỏi về hồ sơ.\n")
    answers.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    return {label: (lines.index(line) + 1, line) for label, line in written.items()}


def reported(output: str, file: str, line: int, col: int, message: str) -> bool:
    """`file:line:col: message...` is among the located problems of a run's output."""
    return any(
        (m["file"], int(m["line"]), int(m["col"])) == (file, line, col) and m["message"].startswith(message)
        for m in map(LOCATED.match, output.splitlines())
        if m
    )


def test_build_refuses_names_and_84_phone_numbers(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    labels = with_labels(content, [*REFUSED_LABELS, "ĐT 84905123456"])
    caption = "  caption: Ông Ba, ĐT 84 905 123 456"
    index = content / S / "index.md"
    image = f"image:\n  src: anh.jpg\n{caption}\nattendance:\n  citizens: 40\n  0905123456: 1\nsummary:"
    text = index.read_text(encoding="utf-8").replace("summary:", image)
    index.write_text(text, encoding="utf-8")
    (content / S / "anh.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    site = tmp_path / "site"
    result = run_build(write_config(tmp_path, content, site, build_date="2026-11-28"))
    output = result.stdout + result.stderr
    assert result.returncode != 0 and not site.exists(), output

    answers = f"{S}/answers.yaml"
    for label, name in REFUSED_LABELS.items():
        line, written = labels[label]
        message = f"asker.label names a person ('{name}'): publish initials"
        assert reported(output, answers, line, written.index(name) + 1, message), output
        assert f"If '{name}' is a place or a street, write its kind before it" in output
    line, written = labels["ĐT 84905123456"]
    message = "'84905123456' looks like a phone number in items.asker.label, which is personal data"
    assert reported(output, answers, line, written.index("84") + 1, message), output
    message = "'84 905 123 456' looks like a phone number in image.caption, which is personal data"
    line = text.split("\n").index(caption) + 1
    assert reported(output, f"{S}/index.md", line, caption.index("84") + 1, message), output
    message = "'0905123456' looks like a phone number in attendance, which is personal data"
    assert reported(output, f"{S}/index.md", line + 3, 3, message), output


def test_a_full_name_in_a_label_is_refused_when_consent_is_written_false(tmp_path: Path) -> None:
    """`named_with_consent: false`, as FORMAT.md's example writes it, is no consent: only
    `true` lets a full name through."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    answers = content / S / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    for n, (label, consent) in enumerate([("Ông Nguyễn Văn Hùng", "false"), ("Bà Trần Thị Mai", "true")]):
        text += (f"  - id: hoi-them-{n}\n    type: question\n    asker:\n      label: {label}\n"
                 f"      named_with_consent: {consent}\n    topics: [dat-dai]\n    text: Hỏi về hồ sơ.\n")
    answers.write_text(text, encoding="utf-8")
    result = validate(content)
    assert result.returncode == 1
    written = "      label: Ông Nguyễn Văn Hùng"
    line, col = text.split("\n").index(written) + 1, written.index("Nguyễn") + 1
    assert reported(result.stderr, f"{S}/answers.yaml", line, col,
                    "asker.label names a person ('Nguyễn Văn Hùng'): publish initials (e.g. 'ông "
                    "N.V.H.') or a description (e.g. 'Công dân xã ...', 'Cử tri thôn ...', 'Đại diện "
                    "một doanh nghiệp')"), result.stderr
    assert "Trần Thị Mai" not in result.stderr


def test_descriptions_and_organisations_in_labels_are_accepted(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    with_labels(content, ACCEPTED_LABELS)
    result = validate(content)
    assert result.returncode == 0, result.stdout + result.stderr


HIDDEN_PHONES = {  # a line of a text -> the numbers as the messages quote them
    "Gọi 0912\u00a0345\u00a0678 (dán từ Word).": ["0912\u00a0345\u00a0678"],
    "Hoặc 0912\u2011345\u2011678.": ["0912\u2011345\u2011678"],
    "Nhắn [Zalo cán bộ](https://zalo.me/0987654321) hoặc [gọi](tel:0977111222).":
        ["0987654321", "0977111222"],
    "Hay [gọi ngay](tel:0977111222).": ["0977111222"],
    "Gọi 0912 **345** 678.": ["0912 **345** 678"],
}


def test_phone_numbers_pasted_linked_or_split_are_located(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    answers, index = content / S / "answers.yaml", content / S / "index.md"
    lines = "".join(f"      {line}\n" for line in HIDDEN_PHONES)
    answers.write_text(answers.read_text(encoding="utf-8") + "  - id: so-dien-thoai\n    type: question\n"
                       "    asker:\n      label: Công dân\n    topics: [dat-dai]\n    text: |\n" + lines,
                       encoding="utf-8")
    index.write_text(index.read_text(encoding="utf-8") + "".join(f"\n{line}\n" for line in HIDDEN_PHONES),
                     encoding="utf-8")
    output = validate(content).stderr
    for path, field in ((answers, " in items.text"), (index, "")):
        written = path.read_text(encoding="utf-8").split("\n")
        for line, values in HIDDEN_PHONES.items():
            number = next(n for n, text in enumerate(written, 1) if text.endswith(line))
            for value in values:
                link = " in a link's address" if value.isdigit() else ""
                message = f"'{value}' looks like a phone number{link}{field}, which is personal data"
                col = written[number - 1].index(value) + 1
                assert reported(output, f"{S}/{path.name}", number, col, message), (number, col, output)


CITIZENS = {  # a free text -> the name refused in it
    "Hộ bà Trần Thị Mai ở thôn 3 đã được cấp đổi.": "Trần Thị Mai",
    "Cử tri ông Lò Văn Pá, bản Nà Lừa, phản ánh việc cấp sổ đỏ chậm.": "Lò Văn Pá",
    "Hộ bà Âu Thị Lan đề nghị hỗ trợ.": "Âu Thị Lan",
    "Hộ ông Thào Mí Dế ở thôn Khuổi My đề nghị hỗ trợ.": "Thào Mí Dế",
    "Cử tri Vàng Seo Chứ phản ánh đường vào thôn sạt lở.": "Vàng Seo Chứ",
    "Cập nhật bản đồ địa chính cho hộ ông Lê Văn Tám": "Lê Văn Tám",
    "Ông Nguyễn Văn Hùng (thôn 5) phát biểu đầu tiên.": "Nguyễn Văn Hùng",
    "Sau sáp nhập xã, trong đó có bà Nguyễn Thị Hoa.": "Nguyễn Thị Hoa",
    "Bà Nguyễn Thị Hoa phát biểu tại buổi đối thoại": "Nguyễn Thị Hoa",
    "Cử tri Nguyễn Văn Hùng phản ánh đường xuống cấp.": "Nguyễn Văn Hùng",
    "Theo UBND xã, hộ bà Trần Thị Mai đã được cấp đổi.": "Trần Thị Mai",
    "Phó Chủ tịch UBND xã trả lời bà Nguyễn Thị Hoa rằng hồ sơ đã đủ.": "Nguyễn Thị Hoa",
    "Phát biểu tại buổi đối thoại, ông Nguyễn Văn Hùng, trú tại tổ 12, đề nghị...": "Nguyễn Văn Hùng",
    "Chủ tịch UBND xã cho biết hộ ông Lê Văn Tám đã nhận tiền.": "Lê Văn Tám",
    "Gia đình ông Lê Văn Tám ở thôn 2": "Lê Văn Tám",
    "hộ kinh doanh Nguyễn Văn An": "Nguyễn Văn An",
    "chị LÊ THỊ HOA": "LÊ THỊ HOA",
    "Ông Hùng (Nguyễn Văn Hùng), 45 tuổi, phản ánh đường xuống cấp.": "Nguyễn Văn Hùng",
    "Hộ ông Tám (Lê Văn Tám) ở thôn 2 chưa nhận tiền bồi thường.": "Lê Văn Tám",
    "Hộ ông Ksor Y Phun ở buôn Ea Bông đề nghị hỗ trợ.": "Ksor Y Phun",
    "Bà H'Mai Niê phản ánh đường vào buôn sạt lở.": "H'Mai Niê",
    "Hộ bà **Trần Thị Mai** ở thôn 3 đã được cấp đổi.": "Trần Thị Mai",  # as the page shows it
    "Hộ bà Trần *Thị* Mai ở thôn 3 đã được cấp đổi.": "Trần Thị Mai",
    "Hộ bà <b>Trần Thị Mai</b> ở thôn 3 đã được cấp đổi.": "Trần Thị Mai",
    "Bà “Lý Thị Kiều Oanh” phát biểu tại buổi đối thoại.": "Lý Thị Kiều Oanh",
    "Ông Hùng [Nguyễn Văn Hùng] hỏi về sổ đỏ.": "Nguyễn Văn Hùng",
    # a bracket that closes more than the name: the position after it is the answerer's
    "Trả lời kiến nghị của cử tri (bà Trần Thị Mai), Phó Chủ tịch UBND phường cho biết sẽ kiểm tra.":
        "Trần Thị Mai",
    "Về ý kiến của “ông Lê Văn Tám”, Chủ tịch UBND xã cho biết sẽ kiểm tra.": "Lê Văn Tám",
    # members listed after 'gồm' are officials only in a group of officials, and the group
    # is no position elsewhere (a review's finds: these citizens' names passed)
    "Nhóm hộ dân gồm ông Lê Văn Tám và bà Trần Thị Mai đề nghị hỗ trợ.": ["Lê Văn Tám", "Trần Thị Mai"],
    "Đoàn kiểm tra và Nhân dân gồm ông Lê Văn Tám và bà Trần Thị Mai.": ["Lê Văn Tám", "Trần Thị Mai"],
    "Tại hộ ông Lê Văn Tám, đoàn kiểm tra đã lập biên bản vi phạm.": "Lê Văn Tám",
    "Hộ ông Lê Văn Tám (đoàn kiểm tra ghi nhận) chưa nhận tiền.": "Lê Văn Tám",
    "Tổ công tác đến làm việc tại nhà, bà Trần Thị Mai đề nghị được hỗ trợ thêm.": "Trần Thị Mai",
    "Đoàn kiểm tra gồm ông Nguyễn Văn Hùng và ông Lê Văn Tám (chủ nhà) cùng ký biên bản.": "Lê Văn Tám",
    "Đoàn kiểm tra gồm ông Nguyễn Văn Hùng và ông Lê Văn Tám, chủ hộ, cùng ký biên bản.": "Lê Văn Tám",
    # a citizen introducing himself, as questions often start (a review's find)
    "Tôi là Nguyễn Văn Sáu ở tổ 14, xin hỏi về sổ đỏ.": "Nguyễn Văn Sáu",
    "Tôi tên là Trần Thị Mai, hỏi về hộ khẩu.": "Trần Thị Mai",
    "Cháu tên là Lê Văn Tám, học sinh lớp 9.": "Lê Văn Tám",
    "Mình là Trần Thị Mai ở tổ 5.": "Trần Thị Mai",
    # in lower case, as chat messages are typed: a family name and 'văn' or 'thị' tell it
    "tôi là nguyễn văn sáu ở tổ 14, xin hỏi về sổ đỏ.": "nguyễn văn sáu",
    "Cháu tên là lê thị mai, học sinh lớp 9.": "lê thị mai",
    "Tôi là nguyễn văn sáu. Nhà tôi ở tổ 5.": "nguyễn văn sáu",  # a full stop after it
    # a position opening the next sentence is not the name's (a review's find: these passed)
    "Tôi là Nguyễn Văn Sáu. Tổ trưởng tổ dân phố không giải quyết.": "Nguyễn Văn Sáu",
    "tôi là nguyễn văn sáu. Chủ tịch UBND phường đã hứa sửa đường.": "nguyễn văn sáu",
    "tôi là nguyễn văn sáu\n\nChủ tịch phường hứa mà không làm.": "nguyễn văn sáu",
    # a verb between the name and a position is no fourth given name (a review's find)
    "tôi là nguyễn văn sáu hỏi chủ tịch UBND phường về sổ đỏ.": "nguyễn văn sáu",
    "cháu tên là lê thị mai hỏi chủ tịch xã về học bổng.": "lê thị mai",
}
OFFICIALS = [
    "ông Lò Văn Pá, Phó Chủ tịch UBND xã, cho biết",
    "Ông Trần Đức Thuận, ĐBQH khóa XVI, tiếp thu ý kiến cử tri.",  # deputies in their role
    "Bà Lê Thị Thu Hà (Tổ đại biểu số 3) giải trình thêm.",
    "Tổ đại biểu gồm ông Nguyễn Văn Hùng và bà Trần Thị Lan tiếp thu ý kiến cử tri.",  # members
    "Tôi là Nguyễn Văn Hùng, Phó Chủ tịch UBND phường, xin trả lời.",
    "tôi là nguyễn văn hùng, phó chủ tịch UBND phường, xin trả lời.",
    "tôi là nguyễn văn minh tuấn, trưởng phòng tư pháp, xin trả lời.",  # a name of four words
    # a position after a colon, as minutes list who attended (the sentence-end rule refused it)
    "Thành phần: Ông Nguyễn Văn Hùng: Chủ tịch UBND phường; bà Trần Thị Lan: Trưởng phòng Tư pháp.",
    "**Ông Nguyễn Văn Hùng**: Phó Chủ tịch UBND phường, chủ trì.",
    "Tôi là người dân tổ 5, tôi là hộ kinh doanh, tôi là lê, văn thư.",
    "Kết quả là Nguyễn Văn Hùng được khen thưởng.",  # no marker
    "Đoàn công tác của UBND tỉnh gồm có ông Lê Văn Tám, bà Trần Thị Mai và ông Vũ Văn Hải.",
    "Tổ đại biểu số 3 gồm ông Nguyễn Văn Hùng và bà Trần Thị Lan.",
    "Tổ đại biểu gồm: ông Nguyễn Văn Hùng, bà Trần Thị Lan.",
    "Đoàn công tác gồm các đồng chí: ông Nguyễn Văn Hùng cùng bà Trần Thị Lan.",
    "Đoàn giám sát của Thường trực HĐND quận gồm ông Nguyễn Văn Hùng, bà Trần Thị Lan.",
    "Bà con Thị trấn Ái Nghĩa đề nghị sửa đường.",
    "ông Chánh Văn Phòng UBND quận trả lời.",
    "Phó Chủ tịch UBND quận Nguyễn Văn Hùng cho biết hồ sơ đã đủ.",
    "ông Trần Văn An, Trưởng phòng Tư pháp, cho biết",
    "Đồng chí Lê Trung Chinh, Bí thư Thành ủy, phát biểu chỉ đạo.",
    "đại biểu HĐND Nguyễn Thị Bình tiếp thu ý kiến",
    "Thừa ủy quyền Chủ tịch UBND quận, bà Trần Thị Bảo Khuyên, Phó Trưởng phòng Tư pháp chủ trì.",
    "Chủ tịch UBND quận, ông Nguyễn Văn Hùng cho biết",
    "Phó Chủ tịch UBND quận Cẩm Lệ ông Nguyễn Văn Hùng cho biết",
    "Phó Chủ tịch Ủy ban nhân dân phường bà Lê Thị Hoa chủ trì",
    "Trả lời ý kiến cử tri, ông Nguyễn Văn Hùng cho biết",
    "Thay mặt lãnh đạo UBND phường, bà Lê Thị Hoa cảm ơn bà con.",
    "Đại diện Phòng Tài nguyên và Môi trường, ông Phạm Văn Long giải thích",
    "ông Nguyễn Văn Hùng (Phó Chủ tịch UBND phường) giải thích",
    "bà Lê Thị Hoa - Chánh Văn phòng HĐND và UBND quận",
    "ông Nguyễn Văn Hùng Phó Chủ tịch UBND phường cho biết",
    "ông Võ Văn Nam, nguyên Chủ tịch UBND xã",
    "Thượng tá Lê Văn Dũng, Trưởng Công an quận",
    "Thực hiện lời dạy của Bác Hồ Chí Minh",
    "người dân Hà Tĩnh",
    "Hộ kinh doanh trên đường Lê Duẩn",
    "Trường THPT Phan Châu Trinh",
    "Ông N.V.H. (thôn 5) phát biểu",
    "Bà Hoa ở thôn 3",
    "hồ sơ của ông Nguyễn V.H.",
    "ông Hùng (Nguyễn Văn Hùng), Trưởng phòng Tư pháp, cho biết",
    "ông Y Phun Niê, Phó Chủ tịch UBND xã, trả lời",
    "Năm nay ông Y Phun đến hỏi",
    "**Ông Nguyễn Văn Hùng**, Phó Chủ tịch UBND quận, cho biết",
    "ông “Nguyễn Văn Hùng”, Trưởng phòng Tư pháp, cho biết",
    "Người dân gọi là “Chợ Cồn”",
]


FREE_TEXTS = [(text, name if isinstance(name, list) else [name]) for text, name in CITIZENS.items()] + [
    (text, []) for text in OFFICIALS]


@pytest.mark.parametrize(("text", "names"), FREE_TEXTS)
def test_citizens_full_names_in_free_texts_are_found_officials_pass(text: str, names: list[str]) -> None:
    assert [m.name for m in find_citizen_names(text)] == names


def test_an_official_is_known_again_whatever_the_tone_marks_and_markup() -> None:
    officials = officials_named(["Chủ tịch UBND phường, ông Nguyễn Văn Hoà, trả lời."])
    assert find_citizen_names("Theo **ông Nguyễn Văn Hòa**, hồ sơ đã đủ.", officials) == []


def test_an_official_named_once_with_the_position_may_be_named_again() -> None:
    body = ("Ông Nguyễn Văn Hùng, Phó Chủ tịch UBND quận, chủ trì.\n\n"
            "Phát biểu kết thúc, ông Nguyễn Văn Hùng cảm ơn người dân.")
    officials = officials_named([body])
    assert officials == {"nguyễn văn hùng"}
    assert find_citizen_names(body, officials) == []
    assert [m.name for m in find_citizen_names("Ông Lê Văn Tám cảm ơn.", officials)] == ["Lê Văn Tám"]


def test_citizens_names_are_refused_outside_a_consenting_label_and_officials_pass(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    answers, index = content / S / "answers.yaml", content / S / "index.md"
    answers.write_text(answers.read_text(encoding="utf-8") + """\
  - id: cap-doi
    type: question
    asker:
      label: Bà Trần Thị Mai, thôn 3
      named_with_consent: true
    topics: [dat-dai]
    text: |
      Hộ bà Trần Thị Mai ở thôn 3 hỏi về cấp đổi sổ đỏ.
    answers:
      - by: phong-quan-ly-do-thi
        text: Ông Phạm Văn Long cho biết hồ sơ đã đủ.
    commitments:
      - id: cap-nhat-ban-do
        by: ubnd-quan-cam-le
        text: Cập nhật bản đồ địa chính cho hộ ông Lê Văn Tám
""", encoding="utf-8")
    front = ("summary: Đối thoại, trong đó có bà Nguyễn Thị Hoa.\nchair:\n  name: Phạm Văn Long\n"
             "  position: Phó Chủ tịch UBND quận\nimage:\n  src: anh.jpg\n"
             "  caption: Bà Nguyễn Thị Hoa phát biểu\n")
    text = index.read_text(encoding="utf-8")
    text = text.replace("summary: Buổi đối thoại về thủ tục cấp giấy phép xây dựng.\n", front) + (
        "\nPhó Chủ tịch UBND quận Phạm Văn Long chủ trì; ông Trần Văn An, Trưởng phòng Tư pháp, cho "
        "biết hồ sơ đã đủ. Đồng chí Lê Trung Chinh, Bí thư Thành ủy, dự.\n"
        "\nÔng Nguyễn Văn Hùng (thôn 5) phát biểu đầu tiên. Sau đó ông Trần Văn An trả lời.\n")
    index.write_text(text, encoding="utf-8")
    (content / S / "anh.jpg").write_bytes(b"\xff\xd8\xff\xd9")
    output = validate(content).stderr
    refused = {  # file, the line's text, name, field
        ("answers.yaml", "      Hộ bà Trần Thị Mai", "Trần Thị Mai", "items.text"),
        ("answers.yaml", "        text: Cập nhật", "Lê Văn Tám", "items.commitments.text"),
        ("index.md", "summary:", "Nguyễn Thị Hoa", "summary"),
        ("index.md", "  caption:", "Nguyễn Thị Hoa", "image.caption"),
        ("index.md", "Ông Nguyễn Văn Hùng", "Nguyễn Văn Hùng", "the write-up"),
    }
    for file, start, name, field in refused:
        lines = (content / S / file).read_text(encoding="utf-8").split("\n")
        line = next(n for n, text in enumerate(lines, 1) if text.startswith(start))
        message = f"'{name}' in {field} looks like the full name of a private person, which is personal data"
        assert reported(output, f"{S}/{file}", line, lines[line - 1].index(name) + 1, message), output
    assert "initials ('bà T.T.M.')" in output
    assert "only in asker.label, with named_with_consent: true" in output
    assert output.count("looks like the full name") == len(refused), output  # label, officials: accepted


FORM_LABELS = {  # a text copied from a citizen's form -> the name refused in it (a review's find)
    "Họ tên: Trần Văn An.": "Trần Văn An",
    "Người kiến nghị: Phạm Văn Dũng, tổ 7.": "Phạm Văn Dũng",
    "Họ và tên người phản ánh: Lê Thị Hồng.": "Lê Thị Hồng",
    "Tên người hỏi: Phạm Văn Dũng.": "Phạm Văn Dũng",
    "Người gửi: Vũ Thị Hạnh, tổ 3.": "Vũ Thị Hạnh",
    "Họ và tên: Đỗ Văn Quang.": "Đỗ Văn Quang",
    "Người khiếu nại: Lê Văn Tám.": "Lê Văn Tám",
    "Ho va ten nguoi phan anh: Tran Van An.": "Tran Van An",
}


def test_a_name_after_a_forms_label_is_refused_where_it_is_written(tmp_path: Path) -> None:
    """`Họ tên: Trần Văn An.` passed in an item's text and the write-up, where `Ông Trần Văn An,
    tổ 5` was refused; an official named with a position after the label still passes."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    answers, index = content / S / "answers.yaml", content / S / "index.md"
    answers.write_text(answers.read_text(encoding="utf-8") + "".join(f"""\
  - id: mau-{n}
    type: question
    asker:
      label: Công dân
    topics: [dat-dai]
    text: "{text}"
""" for n, text in enumerate(FORM_LABELS)), encoding="utf-8")
    index.write_text(index.read_text(encoding="utf-8") + "".join(f"\n{text}\n" for text in FORM_LABELS)
                     + "\nNgười trả lời: Trần Văn Bình, Trưởng phòng Tư pháp.\n", encoding="utf-8")
    output = validate(content).stderr
    for path, field in ((answers, "items.text"), (index, "the write-up")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for text, name in FORM_LABELS.items():
            line = next(n for n, written in enumerate(lines, 1) if text in written)
            message = f"'{name}' in {field} looks like the full name of a private person"
            assert reported(output, f"{S}/{path.name}", line, lines[line - 1].index(name) + 1, message), \
                (text, output)
    assert output.count("looks like the full name") == 2 * len(FORM_LABELS), output
