"""Personal-data guard and redaction rules (core/privacy.py)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from conftest import build_archive
from dialogue_archive.core.privacy import find_full_name, find_personal_data
from test_bad_input import BASE, S, validate

PERSONAL = {
    "Gọi 0905 123 456 nhé": "phone",
    "0905.123.456": "phone",
    "số 0905123456.": "phone",
    "+84 905123456": "phone",
    "(+84) 905-123-456": "phone",
    "0236 3 456 789": "phone",
    "(0236) 3.456.789": "phone",
    "năm 2024 0905 123 456": "phone",
    "CMND 201234567": "CMND",
    "CCCD 048090001234": "CCCD",
    "thư a.b@gmail.com": "e-mail",
}
NOT_PERSONAL = [
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
    "10.000.000.000 đồng",
    "https://dichvucong.gov.vn/p/x.html?ma=123456789",
    "[bài](https://a.vn/tin/123456789)",
]
NAMES = {
    "Ông Nguyễn Văn Hùng": "Nguyễn Văn Hùng",
    "Nguyễn Văn Hùng, tổ 5": "Nguyễn Văn Hùng",
    "bà Trần Lan": "Trần Lan",
    "Chị Lê Thị Hoa (tổ 3)": "Lê Thị Hoa",
}
NOT_NAMES = [
    "Ông N.V.H., tổ 12",
    "Công dân phường Hòa Thọ Đông",
    "Cử tri tổ 12",
    "Hộ kinh doanh trên đường Ông Ích Đường",
    "Hộ kinh doanh tại K12/34 Ông Ích Đường",
    "Đoàn Thanh niên phường Hòa An",
    "Công dân TP. Hồ Chí Minh",
    "Hộ kinh doanh trên đường Lê Duẩn",
]


@pytest.mark.parametrize("text", sorted(PERSONAL))
def test_personal_data_is_found(text: str) -> None:
    findings = find_personal_data(text)
    assert len(findings) == 1 and PERSONAL[text] in findings[0].message, findings


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
    assert validate(content).returncode == 1  # without a rule the guard refuses the number
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
        if "0905 123 456" in t or "Hòa Thọ Đông" in t.replace("Phường Hòa Thọ Đông", "")
    ]  # the registry's own place name is not session text
    assert any("[số điện thoại đã ẩn]" in t for t in texts.values())
    assert any(p.suffix == ".pf_fragment" and "[số điện thoại đã ẩn]" in t for p, t in texts.items())


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
