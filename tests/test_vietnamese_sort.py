"""Vietnamese alphabetical order (`vietnamese.sort_key`): what every list of names uses."""

from __future__ import annotations

import json
import subprocess
import unicodedata

from dialogue_archive.core.vietnamese import sort_key

TOPICS = ["An ninh, trật tự", "Ăn uống", "Âm nhạc", "Cư trú", "Dân số", "Đất đai", "Giáo dục",
          "Môi trường", "Sở Tư pháp", "Sở Xây dựng", "Thủy sản", "Tư pháp", "Ủy ban nhân dân",
          "Văn hóa", "Xây dựng", "Y tế"]
"""In Vietnamese alphabetical order, as a Vietnamese dictionary or index lists them."""


def vi_sorted(words: list[str]) -> list[str]:
    return sorted(words, key=sort_key)


def test_d_stroke_is_a_letter_between_d_and_e() -> None:
    assert vi_sorted(["Giáo dục", "Đất đai", "Cư trú", "Dân số", "Em"]) == [
        "Cư trú", "Dân số", "Đất đai", "Em", "Giáo dục"]
    assert vi_sorted(["đ", "Z", "d", "e"]) == ["d", "đ", "e", "Z"]


def test_eth_from_old_fonts_sorts_as_d_stroke() -> None:
    """`Ðà Nẵng` written with Latin Eth (old-font conversions, PDF copies) is `Đà Nẵng`."""
    assert vi_sorted(["Zalo", "\u00d0à Nẵng", "Em", "Dân số"]) == ["Dân số", "\u00d0à Nẵng", "Em", "Zalo"]


def test_u_with_a_tone_is_still_u() -> None:
    assert vi_sorted(["Văn hóa", "Ủy ban", "Tư pháp", "Trung tâm"]) == [
        "Trung tâm", "Tư pháp", "Ủy ban", "Văn hóa"]
    assert vi_sorted(["Ưu tiên", "Ủy ban", "Vụ"]) == ["Ủy ban", "Ưu tiên", "Vụ"]  # ư after u


def test_breve_and_circumflex_letters_follow_a() -> None:
    assert vi_sorted(["b", "â", "ă", "a"]) == ["a", "ă", "â", "b"]
    assert vi_sorted(["ơ", "ô", "o", "p"]) == ["o", "ô", "ơ", "p"]
    assert vi_sorted(["f", "ê", "e", "g"]) == ["e", "ê", "f", "g"]  # f where Latin puts it


def test_tone_marks_only_break_ties() -> None:
    # Toneless first, then huyền, hỏi, ngã, sắc, nặng: the dictionary order.
    assert vi_sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # A tone never outweighs a letter: "mạc" stays with "mác", before "mb".
    assert vi_sorted(["mb", "mạc", "mác", "mab"]) == ["mab", "mác", "mạc", "mb"]


def test_case_and_composition_do_not_change_the_order() -> None:
    assert vi_sorted(["đất", "Đào", "ĐẠI"]) == ["ĐẠI", "Đào", "đất"]
    decomposed = unicodedata.normalize("NFD", "Ủy ban")
    assert sort_key(decomposed)[:2] == sort_key("Ủy ban")[:2]
    assert sorted(["B", "b", "B"], key=sort_key) == ["b", "B", "B"]  # lower case first, as ICU


def test_a_list_of_names() -> None:
    assert vi_sorted(list(reversed(TOPICS))) == TOPICS
    assert vi_sorted(["Sở-X", "Sở 2", "Sở X", "Sơn"]) == ["Sở 2", "Sở X", "Sở-X", "Sơn"]
    # numbered wards in number order
    assert vi_sorted(["Phường 10", "Phường 2", "Phường 1", "Phường An Khê"]) == [
        "Phường 1", "Phường 2", "Phường 10", "Phường An Khê"]


def test_the_search_page_orders_names_alike() -> None:
    """The search page sorts its filter values with `localeCompare(…, "vi", {numeric: true})`."""
    script = ("const w = JSON.parse(process.argv[1]); console.log(JSON.stringify("
              "w.sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }))));")
    words = [*reversed(TOPICS), "mạ", "má", "mã", "mả", "mà", "ma", "mạc", "mác", "mb",
             "Phường 10", "Phường 2", "Phường An Khê", "B", "b"]
    result = subprocess.run(["node", "-e", script, json.dumps(words)], capture_output=True,
                            text=True, timeout=60, check=True)
    assert json.loads(result.stdout) == vi_sorted(words)
