"""Horizontal bar charts as geometry for a static SVG: no JavaScript, no network, no library.

The template `archive/partials/bar_chart.html` draws the SVG and, right after it, a table of
the same rows, so a screen reader or a spreadsheet user gets the same numbers. Labels sit
above their bars, so long Vietnamese names fit on a phone; the SVG scales with its viewBox.
SVG text does not wrap: a long label is laid out here on as many lines as it needs.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .labels import format_number

WIDTH = 360
"""ViewBox width: drawn at 100% of the column (up to 384 px), LABEL_SIZE units are 13.7 px on
a 360 px phone, 16 px (the page's text) on a desktop."""
BAR_HEIGHT = 14
LABEL_SIZE = 15
"""The labels' and the values' size: at 14 units, and values at 13, they were 12.8 and 11.8 px
on a 360 px phone, under Material's smallest text (12.8 px)."""
LINE_STEP = LABEL_SIZE + 4
"""From one line of a label to the next (baseline to baseline)."""
BAR_GAP = 6
"""From a label's last line to its bar, and from a bar's end to its value."""
ROW_GAP = 8
"""From a bar to the next row's label."""
CHAR_WIDTH = 0.76 * LABEL_SIZE
"""The room a character of a label or value is given: the SVG's text keeps its width whatever
the window, but a reader's stylesheet may space it out (WCAG 1.4.12: letters 0.12em, words
0.16em apart). So spaced, the sample's agency names took 0.65em a character in Arial's
metrics (Material's font stack), 0.71em in DejaVu Sans, a digit 0.76em; drawn at 46
characters a line, the names ran up to 66 units past the drawing's edge."""
LINE_CHARS = int(WIDTH // CHAR_WIDTH)
"""Characters a label's line holds at most: a longer label goes on, whole, on the next line."""
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
    lines: tuple[str, ...]
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
    rounded: bool = False
    """The shares as printed do not add up to 100%: the table says they are rounded."""
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT
    label_size: int = LABEL_SIZE
    line_step: int = LINE_STEP

    @property
    def drawn(self) -> tuple[Bar, ...]:
        """The bars the SVG draws (see DRAWN_BARS)."""
        return self.bars[:DRAWN_BARS] if self.most_first else self.bars

    @property
    def height(self) -> int:
        """Down to the last drawn bar, and a row's gap below it."""
        return max((bar.bar_y + BAR_HEIGHT + ROW_GAP for bar in self.drawn), default=1)


def percent(part: int, whole: int) -> str:
    """'45%': the nearest whole percent (halves up), each share on its own, so that the same
    count of the same total reads alike in every table and headline (a table rounded to add up
    to 100 printed 12 of 22 as 54% above a table printing it 55%). A share that is neither
    nothing nor all never reads as 0% or 100% (2 of 635 read 0%). Empty when there is nothing
    to divide."""
    if not whole:
        return ""
    share = (200 * part + whole) // (2 * whole)
    if part and not share:
        return "<1%"
    return ">99%" if part < whole and share == 100 else f"{share}%"


def adds_up(values: list[int]) -> bool:
    """Whether the shares of `values` as `percent` prints them add up to 100%: rounded each on
    its own, they may not (14, 14, 55, 14 and 5), and the table then says why."""
    total = sum(values)
    return not total or sum((200 * value + total) // (2 * total) for value in values) == 100


def label_lines(label: str) -> tuple[str, ...]:
    """`label` whole, cut between words into lines of LINE_CHARS at most (a longer word is
    cut too), as even as the words allow: filled up to LINE_CHARS, "Phòng Quản lý đô thị
    quận Cẩm" left "Lệ" alone on its last line."""
    def cut(width: int) -> list[str]:
        return textwrap.wrap(label, width, break_on_hyphens=False)

    count = len(cut(LINE_CHARS))
    # an even share, no narrower than the longest word that fits a line (narrower, it cut
    # 'UBND-QLĐT-TNMT-KTHT-TCKH' in two), widened until `count` lines hold it
    longest = min(max(map(len, label.split()), default=1), LINE_CHARS)
    width = max(1, -(-len(label) // max(count, 1)), longest)
    while len(cut(width)) > count:
        width += 1
    return tuple(cut(width)) or (label,)


def bar_chart(chart_id: str, title: str, rows: list[Row], label_heading: str, value_heading: str,
              shares: bool = False, most_first: bool = False) -> BarChart:
    """Lay out `rows` top to bottom; with `shares`, each value also shows its share of the
    total (see `percent`)."""
    total = sum(row.value for row in rows)
    shown = [percent(row.value, total) if shares else "" for row in rows]
    displays = [f"{format_number(row.value)} ({share})" if share else format_number(row.value)
                for row, share in zip(rows, shown, strict=True)]
    largest = max((row.value for row in rows), default=0)
    # the longest bar leaves room for the longest value, spaced out, beside it
    room = WIDTH - BAR_GAP - CHAR_WIDTH * max(map(len, displays), default=0)
    bars = []
    top = 0
    for row, share, display in zip(rows, shown, displays, strict=True):
        width = round(room * row.value / largest, 1) if largest else 0.0
        lines = label_lines(row.label)
        label_y = top + LABEL_SIZE
        bar_y = label_y + (len(lines) - 1) * LINE_STEP + BAR_GAP
        bars.append(Bar(
            label=row.label, lines=lines, value=row.value, display=display, share=share,
            uri=row.uri, named=row.named, label_y=label_y, bar_y=bar_y, bar_width=width,
            value_x=width + BAR_GAP, value_y=bar_y + BAR_HEIGHT - 2))
        top = bar_y + BAR_HEIGHT + ROW_GAP
    return BarChart(chart_id, title, label_heading, value_heading, tuple(bars), total, shares,
                    most_first, rounded=shares and not adds_up([row.value for row in rows]))
