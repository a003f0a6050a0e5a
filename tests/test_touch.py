"""Touch screens: the controls a reader taps are big enough for a finger (WCAG 2.5.5: 44 px)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import serious_violations

PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}
"""The reviewer's emulated Android phone."""
FINGER = 44
SESSION = "sessions/2023/2023-09-21-doi-thoai-thu-tuc-hanh-chinh/"
AGENCY = "agencies/ubnd-phuong-hoa-xuan/"


def heights(page: Any, selector: str) -> list[float]:
    """The rendered heights of the visible elements `selector` names (at least one)."""
    found = page.evaluate("""selector => [...document.querySelectorAll(selector)]
        .map(e => e.getBoundingClientRect()).filter(r => r.width && r.height).map(r => r.height)""",
                          selector)
    assert found, f"nothing visible is {selector}"
    return found


@pytest.fixture(scope="module")
def phone(sample_site: Path, serve_site: Any, browser: Any) -> Any:
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    tab.base = serve_site(sample_site)  # type: ignore[attr-defined]
    yield tab
    context.close()


@pytest.mark.parametrize("path, selector", [
    (SESSION, ".da-header-search button"),  # the header's "Tìm", on every page
    (SESSION, ".md-typeset .da-tag"),  # an item's topic tags
    (SESSION, ".da-permalink"),  # an item's '#'
    ("commitments/", ".da-filter"),  # the commitments' filter chips
    (AGENCY, ".da-search-within button"),  # "Tìm trong …" on an agency's page
    (AGENCY, ".da-search-within input[type=search]"),
    (SESSION, ".md-header__button[data-da-menu]"),  # Material's menu (☰), a button by archive.js
    (SESSION, ".md-path__link"),  # the breadcrumb's links
    (AGENCY, ".da-feed-link"),  # "Theo dõi" an agency's feed
])
def test_a_control_is_tall_enough_for_a_finger_on_a_touch_screen(phone: Any, path: str, selector: str
                                                                 ) -> None:
    phone.goto(f"{phone.base}{path}")
    assert phone.evaluate("matchMedia('(pointer: coarse)').matches")
    assert min(heights(phone, selector)) >= FINGER


def test_a_long_lists_year_links_are_tall_enough_and_lead_to_the_years_first_entry(
        long_list_site: Callable[..., Path], serve_site: Any, browser: Any) -> None:
    """The row of years on a long list (views.YearStart): each link is as tall as a finger
    needs, axe-core finds nothing serious, and tapping 2023 on a topic's first page opens
    page 2 with 2023's first session in view, below the sticky header."""
    # 56 sessions of 2024, then 64 of 2023: 2023 starts on the topic's page 2
    site = long_list_site(dt.date(2024, 2, 25))
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    try:
        tab.goto(f"{serve_site(site)}topics/xay-dung/")
        assert min(heights(tab, ".da-year-starts a")) >= FINGER
        assert serious_violations(tab) == []
        tab.locator(".da-year-starts a", has_text="2023").click()
        tab.wait_for_url("**/topics/xay-dung/page/2/#nam-2023")
        seen = tab.evaluate("""() => {
            const heading = document.querySelector('#nam-2023 .da-group__title');
            const header = document.querySelector('.md-header').getBoundingClientRect();
            const box = heading.getBoundingClientRect();
            return {top: box.top, bottom: box.bottom, header: header.bottom, height: innerHeight,
                    date: document.querySelector('#nam-2023 time').dateTime};
        }""")
        assert seen["date"] == "2023-12-31", seen
        assert seen["header"] <= seen["top"] and seen["bottom"] <= seen["height"], seen
    finally:
        context.close()


def test_a_lists_page_links_are_tall_enough_for_a_finger(long_list_site: Callable[..., Path],
                                                         serve_site: Any, browser: Any) -> None:
    """The pager's links ("‹ Trang trước", "Trang 3", "Trang sau ›") were a line of text,
    26 px tall on a phone, while the year links beside them are 44 px."""
    site = long_list_site()
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    try:
        tab.goto(f"{serve_site(site)}topics/xay-dung/page/2/")
        assert len(heights(tab, ".da-pager a")) == 4  # previous, pages 1 and 3, next
        assert min(heights(tab, ".da-pager a")) >= FINGER
    finally:
        context.close()
