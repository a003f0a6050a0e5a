"""Touch screens: the controls a reader taps are big enough for a finger (WCAG 2.5.5: 44 px)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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
