"""Horizontal bar charts as geometry for a static SVG: no JavaScript, no network, no library.

The template `archive/partials/bar_chart.html` draws the SVG and, right after it, a table of
the same rows, so a screen reader or a spreadsheet user gets the same numbers. Labels sit
above their bars, so long Vietnamese names fit on a phone; the SVG scales with its viewBox.
"""

from __future__ import annotations

from dataclasses import dataclass

from .labels import format_number

WIDTH = 360
"""ViewBox width: drawn at 100% of the column, a 14-unit font stays readable on a phone."""
ROW_HEIGHT = 42
BAR_HEIGHT = 14
LABEL_SIZE = 14
VALUE_ROOM = 72
"""Room right of the longest bar for its value, e.g. '123 (45%)'."""
LABEL_CHARS = 46
"""Labels longer than this are shortened in the SVG (the table keeps them whole)."""
DRAWN_BARS = 15
"""Bars drawn at most, the first rows (the largest, where rows go most first): 150 agencies
drew a chart 6,300 px tall above a table of the same 150 rows. The table keeps every row."""


@dataclass(frozen=True)
class Row:
    """One labelled number; `uri` (a source path) links the label in the table. `named`: the
    label is a record's name (a topic, an agency), in the records' language, not a label."""

    label: str
    value: int
    uri: str = ""
    named: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    value: int
    display: str
    share: str
    uri: str
    named: bool
    label_y: int
    bar_y: int
    bar_width: float
    value_x: float
    value_y: int


@dataclass(frozen=True)
class BarChart:
    """A chart and its table: the same rows, the same numbers."""

    id: str
    title: str
    label_heading: str
    value_heading: str
    bars: tuple[Bar, ...]
    total: int
    shares: bool
    most_first: bool = False
    """Rows go largest first: the SVG draws the first DRAWN_BARS only."""
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT
    label_size: int = LABEL_SIZE

    @property
    def drawn(self) -> tuple[Bar, ...]:
        """The bars the SVG draws (see DRAWN_BARS)."""
        return self.bars[:DRAWN_BARS] if self.most_first else self.bars

    @property
    def height(self) -> int:
        return max(1, len(self.drawn)) * ROW_HEIGHT


def percent(part: int, whole: int) -> str:
    """'45%' (whole percent, halves up); empty when there is nothing to divide."""
    return f"{(200 * part + whole) // (2 * whole)}%" if whole else ""


def whole_shares(values: list[int]) -> list[int]:
    """Whole percents of `values` that add up to 100 (largest-remainder method): rounding each
    share on its own printed 14, 14, 55, 14 and 5 (102%) under one table. Each share is rounded
    down, then the points still missing go to the largest remainders; a tie goes to the
    earlier row (rows are in reading order). All zeros when the values add up to nothing."""
    total = sum(values)
    if not total:
        return [0] * len(values)
    floors = [100 * value // total for value in values]
    remainders = [100 * value % total for value in values]
    by_remainder = sorted(range(len(values)), key=lambda index: -remainders[index])
    for index in by_remainder[:100 - sum(floors)]:
        floors[index] += 1
    return floors


def shorten(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip(" ,;–-") + "…"


def bar_chart(chart_id: str, title: str, rows: list[Row], label_heading: str, value_heading: str,
              shares: bool = False, most_first: bool = False) -> BarChart:
    """Lay out `rows` top to bottom; with `shares`, each value also shows its share of the
    total, the shares of one table adding up to 100% (see whole_shares)."""
    total = sum(row.value for row in rows)
    percents = whole_shares([row.value for row in rows]) if shares and total else []
    largest = max((row.value for row in rows), default=0)
    room = WIDTH - VALUE_ROOM
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW_HEIGHT
        width = round(room * row.value / largest, 1) if largest else 0.0
        share = f"{percents[index]}%" if percents else ""
        bar_y = top + LABEL_SIZE + 6
        bars.append(Bar(
            label=row.label, short_label=shorten(row.label), value=row.value,
            display=f"{format_number(row.value)} ({share})" if share else format_number(row.value),
            share=share,
            uri=row.uri, named=row.named, label_y=top + LABEL_SIZE, bar_y=bar_y, bar_width=width,
            value_x=width + 6, value_y=bar_y + BAR_HEIGHT - 2))
    return BarChart(chart_id, title, label_heading, value_heading, tuple(bars), total, shares,
                    most_first)
