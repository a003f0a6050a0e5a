"""`dialogue-archive import`: a press office's spreadsheet of questions and answers -> answers.yaml.

Offices name and order columns their own way, merge the cells of a question answered by
two agencies, leave blank rows and add notes columns. All of that is read; whatever cannot
be read is reported as `SHEET:row N: column 'X': reason`, and nothing is written unless the
user asks to keep the valid rows.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import itertools
import re
import shlex
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NamedTuple, TypeVar

import yaml
from pydantic import ValidationError
from slugify import slugify

from . import urls
from .archive import Archive, Session
from .build_date import fixed_build_date
from .labels import VI
from .loader import check_answers, load_archive
from .models import DEFAULT_ASKER_KIND, TIME_OF_DAY, AskerKind, Item, period_end, time_of_day
from .privacy import (
    CONSENT_ADVICE,
    CONSENT_WHERE,
    find_full_name,
    label_message,
    session_officials,
    text_messages,
    without_personal_words,
)
from .problems import LIKENESS, did_you_mean, likeness
from .registry_match import Match, MatchError, folded_words, registry_matchers
from .residential_groups import group_opening
from .residential_groups import in_sentence as group_in_sentence
from .scaffold import command
from .sheet_vocabulary import (
    ANSWER_COLUMNS,
    COLUMNS,
    COMMITMENT_COLUMNS,
    DASHES,
    DATE_COLUMNS,
    DAY_HEADING_PHRASE,
    DAY_NAME,
    DAY_WORDS,
    FIELD_NAMES,
    JOINED_COLUMNS,
    LIST_SEPARATORS,
    NO_FIELD,
    NONE_MARK_COLUMNS,
    NONE_MARKS,
    NOT_FOR_THE_SITE,
    REQUIRED_COLUMNS,
    SESSION_PHRASE,
    VALUE_NAMES,
    VALUES,
    WEEKDAY_NUMBERS,
    header_words,
    is_personal,
    kind_named,
    opinion_taken,
)
from .vietnamese import in_sentence
from .yamlio import dump_items

QUESTION_COLUMNS = ("asker", "asker_kind", "group", "type", "topics")
"""Cells that describe a question: a row that has them starts a question of its own."""
EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
                          "#SPILL!", "#CALC!", "#GETTING_DATA"})
"""What Excel shows, and saves, in a cell whose formula failed: never a question or an answer."""
HEADER_SEARCH_ROWS = 25
"""Offices put a title above the table, often a whole official heading (the national motto,
the office, the report's number and date, its name: ten rows or more); the header is looked for
below it."""
ITEM_ID_WORDS = 6
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")


WORDED_DAY = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
"""A day written out as in an official text ('ngày 18 tháng 9 năm 2025'), once folded."""


def written_day(text: str) -> dt.date | None:
    """A day as an office writes it (one of DATE_FORMATS: 18/09/2025, 2025-09-18; or in words,
    'ngày 18 tháng 9 năm 2025'), or None."""
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    if match := WORDED_DAY.fullmatch(folded_words(text)):
        day, month, year = map(int, match.groups())
        with contextlib.suppress(ValueError):
            return dt.date(year, month, day)
    return None


DATE_SHAPE = re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{4}|\d{1,2}/\d{1,2}/\d{2}|\d{4}-\d{1,2}-\d{1,2}")
"""The shapes of DATE_FORMATS: a text of one of them that is no date is no day of the calendar."""


DAY_MONTH = re.compile(r"(\d{1,2})([/.-])(\d{1,2})(\2\d{2,4})")
"""A day written in numbers, day and month first, in either order ('7/6/2024')."""


def month_first_day(text: str) -> dt.date | None:
    """The day a date written in numbers is when read month first, as US software writes it
    ('6/13/2024' is 13 June; written_day reads '7/6/2024' as 7 June, as Vietnam writes it), or
    None."""
    match = DAY_MONTH.fullmatch(text.strip())
    return written_day(f"{match[3]}{match[2]}{match[1]}{match[4]}") if match else None


def cell_day(value: Any) -> dt.date | None:
    """The day a cell holds: an Excel date, a text written as DATE_FORMATS, or Excel's number
    of a day (EXCEL_DAY); else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if (day := written_day(str(value))) is not None:
        return day
    if number := EXCEL_DAY.fullmatch(str(value).strip()):  # a date cell formatted as a number
        return EXCEL_EPOCH + dt.timedelta(days=int(number["day"]))
    return None


def not_a_day(text: str, date: str | None = None) -> str:
    """Why `text`, which written_day refused, is no day: one written as a date ('31/02/2024',
    'ngày 31 tháng 2 năm 2024') is not on the calendar, which 'write it as …' would not tell.
    `date`: the date the text holds beside other words (day_written's, folded when written out),
    else the whole text is the date; the text is quoted as the cell writes it."""
    date = text if date is None else date
    if day := month_first_day(date):  # one slip ('12/31/2026'), not a column's (_check_month_first)
        return (f"'{text}' is not a day of the calendar read day first, as Vietnam writes dates; "
                f"read month first, it is {day:%d/%m/%Y}: write that, if it is the day meant")
    if DATE_SHAPE.fullmatch(date.strip()) or WORDED_DAY.fullmatch(folded_words(date)):
        return f"'{text}' is not a day of the calendar; check the day and the month"
    return f"'{text}' is not a date; write it as day/month/year, such as 20/06/2024"


DATE_IN_TEXT = re.compile(rf"(?<!\d)(?:{DATE_SHAPE.pattern})(?!\d)")
"""A date written in numbers (DATE_SHAPE) among other words."""


class WrittenDay(NamedTuple):
    """The one date a cell of sessions' days writes (in numbers, or in words, folded), and the
    weekdays said beside it (Monday 0)."""

    date: str
    weekdays: list[int]


def day_written(text: str) -> WrittenDay | str:
    """The date of a text of a date column (sessions' days, the answer's date, the due date),
    also beside words for the part of the day or the weekday, which offices write there ('Sáng
    20/11/2026', '20/11/2026 (chiều)', 'Thứ Sáu, ngày 20 tháng 11 năm 2026':
    sheet_vocabulary.DAY_WORDS), and beside a time of the day, which a press office's sheet
    often holds ('8h00 ngày 20/11/2026', '20/11/2026 8:30'): a row's session is told by its day,
    and FORMAT.md's dates are days, so the time is left aside; the date as written: whether it
    is read day or month first is the column's (`_month_first`); else why it holds none: no
    date, other words, two dates, a time that is none of the day."""
    text = text.strip()
    dates = [found.group() for found in DATE_IN_TEXT.finditer(text)]
    rest = DATE_IN_TEXT.sub(" ", text)
    if wrong := next((found for found in TIME_OF_DAY.finditer(rest) if not time_of_day(found)), None):
        return (f"'{text}' holds the time '{wrong.group().strip()}', which is no time of the day "
                "(0h00 to 23h59): correct it, or write the day alone, such as 20/06/2024")
    rest = folded_words(TIME_OF_DAY.sub(" ", rest))
    dates += [found.group() for found in WORDED_DAY.finditer(rest)]
    rest = WORDED_DAY.sub(" ", rest)
    if not dates:
        return not_a_day(text)
    if len(dates) > 1:
        return f"'{text}' holds {len(dates)} dates, and a row is of one session: write its day alone"
    if DAY_WORDS.sub(" ", rest).strip():
        return (f"'{text}' holds, beside its date, more than a part of the day (Sáng, Chiều, …), "
                "a weekday (Thứ Sáu, …) or a time (8h00): write the day alone, such as 20/06/2024")
    return WrittenDay(dates[0], [WEEKDAY_NUMBERS[found["weekday"]] for found in DAY_WORDS.finditer(rest)
                                 if found["weekday"]])


def day_of_cell(value: Any) -> dt.date | str:
    """The day a cell of a date column holds, the sessions' days', the answer's date's or the
    due date's alike (cell_day, or `day_written` read day first: a time beside the day was an
    error in the last two); else why it holds none: no value the office meant (unread_cell: a
    cell of an unknown type holding '20/11/2026' was read as that day), no date, other words,
    two dates, a date not on the calendar, a weekday that the date is not, a time of no day."""
    if (unread := unread_cell(value)) is not None:
        return unread
    if (day := cell_day(value)) is not None:
        return day
    written = day_written(str(value))
    if isinstance(written, str):
        return written
    if (day := written_day(written.date)) is None:
        return not_a_day(str(value).strip(), written.date)
    if (wrong := next((n for n in written.weekdays if n != day.weekday()), None)) is not None:
        return (f"'{str(value).strip()}': {day:%d/%m/%Y} falls on {VI['weekday'][day.weekday()]}, "
                f"not on {VI['weekday'][wrong]}: correct the date or the weekday")
    return day


def numbers_date(value: Any) -> str | None:
    """The date in numbers, day and month first (DAY_MONTH), of a text cell of a date column,
    alone or beside the words and time `day_written` reads ('Sáng 11/20/2026', '6/13/2027
    17:00'), or None."""
    written = day_written(value) if isinstance(value, str) and unread_cell(value) is None else None
    return written.date if isinstance(written, WrittenDay) and DAY_MONTH.fullmatch(written.date) \
        else None


EXCEL_DAY = re.compile(r"(?P<day>[3-7]\d{4})(?:[.,]\d+)?")
"""A date cell whose format was set to General (or a CSV saved from one) holds Excel's day
number ('45918' is 18/09/2025); 30000-79999 are the years 1982-2119. A date-time cell holds its
time as the fraction ('46346.3541666667' is 20/11/2026 8:30): its day is read, the time left
aside, as beside a written day (`day_written`). An Excel whose decimal separator is the comma,
as a Vietnamese one's is, writes it so in a CSV ('46346,354'); the whole cell is the number, so a
list of two ('46346, 46347') is none."""
EXCEL_EPOCH = dt.date(1899, 12, 30)
"""Excel's day 0, as it counts (its 1900 leap-year bug included)."""

HEADER_NAMES = {folded_words(name): key for key, names in COLUMNS.items() for name in names}


ROWLESS = 10**9
"""The row of a problem that is on no row of the sheet: listed last."""


class SheetError(ValueError):
    """The sheet as a whole cannot be read (wrong format, no header, missing columns)."""


T = TypeVar("T")


class RowError(ValueError):
    """One cell's problem; `column` is the header as the sheet writes it."""

    def __init__(self, column: str, message: str):
        self.column = column
        super().__init__(message)


class UnreadCells(RowError):
    """A row's cells that hold no value the office meant (Excel's error values, a formula
    without its value, a date in a column of text, a character that cannot be stored, a value
    of a type of cell the format does not have): said once, for the keys in `failed`, whose
    cells then get no other problem ('unknown agency #N/A'). `said_elsewhere`: cells of merged
    cells whose problem is said once, on the merge's first row and column (Table.said_at): it
    was said on every row the merge covers, and on each of its columns; their row is still not
    read."""

    def __init__(self, failed: set[str], column: str, message: str, said_elsewhere: bool = False):
        self.failed = failed
        self.said_elsewhere = said_elsewhere
        super().__init__(column, message)


@dataclass
class Row:
    number: int
    cells: dict[str, Any]
    continues: bool = False
    problems: list[RowError] = field(default_factory=list)
    """The row's own problems, found before its cells are read: two columns for one key that
    disagree, cells that hold no value the office meant (UnreadCells)."""


class Problem(NamedTuple):
    """A problem of the sheet: its row (ROWLESS: none), its column's position, where it is as
    the message says ('s.xlsx:row 4: column 'Hạn': '), what it is, and the range of the merged
    cells it is in (None: none)."""

    row: int
    position: int
    where: str
    message: str
    merge: str | None


@dataclass
class ImportReport:
    """What an import did: the items, the rejected rows, and the notes for the user."""

    sheet: str
    target: Path
    items: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    effects: list[str] = field(default_factory=list)
    """Warnings about what writing answers.yaml does to it (ids that disappear, a status change
    recorded): said only when it is written."""
    written: bool = False
    columns: dict[str, int] = field(default_factory=dict)
    """Header -> its position in the sheet: a row's problems are listed left to right."""
    merges: dict[tuple[int, int], Merge] = field(default_factory=dict)
    """The sheet's merged cells (Table.spans), whose problem is said once (see `errors`)."""
    problems: list[Problem] = field(default_factory=list)
    """See `errors`."""
    held_back: list[str] = field(default_factory=list)
    """The items of answers.yaml that --keep-valid would have removed, so nothing was written:
    skipping a row must not delete the question it held before (published ids never change)."""

    def error(self, row: int | None, column: str | None, message: str) -> None:
        """A problem on a row of the sheet, in one of its columns (None: the row, or the item)."""
        where = f":row {row}: " if row else ": "
        named = f"column '{column}': " if column else ""
        after = max(self.columns.values(), default=-1) + 1  # a column the sheet lacks: last
        position = self.columns.get(column, after) if column else after
        merge = self.merges.get((row, position)) if row and column else None
        self.problems.append(Problem(row or ROWLESS, position, f"{self.sheet}{where}{named}", message,
                                     merge.coord if merge else None))

    @property
    def errors(self) -> list[str]:
        """Every problem, by row, then column from left to right: the order of the sheet. A
        problem that merged cells give each row they cover (an unknown agency merged beside
        three questions: the same message in the same merge) is said once, on the first of
        them, naming the merge: it was said on every row."""
        problems = sorted(self.problems, key=lambda p: (p.row, p.position))
        repeated = Counter((p.merge, p.message) for p in problems if p.merge)
        # a column the sheet lacks is its header's problem: said once, with the rows it stops
        lacking: dict[str, list[int]] = defaultdict(list)
        for p in problems:
            if p.message.startswith(NO_COLUMN):
                lacking[p.message].append(p.row)
        said: set[tuple[str | None, str]] = set()
        lacking_said: set[str] = set()
        lines = []
        for p in problems:
            once = (p.merge, p.message)
            if len(rows := lacking.get(p.message, [])) > 1:
                if p.message not in lacking_said:
                    lacking_said.add(p.message)
                    lines.append(f"{p.where}{p.message} (said once for row(s) {listed_rows(rows)})")
            elif repeated[once] < 2:
                lines.append(p.where + p.message)
            elif once not in said:
                said.add(once)
                lines.append(p.where + p.message + said_once([p.merge]))
        return lines

    def summary(self) -> str:
        if self.written:
            skipped = f"; {len(self.errors)} problem(s) above, those rows were skipped" if self.errors else ""
            warnings = len(self.warnings) + len(self.effects)
            warned = f"; read the {warnings} warning(s) above" if warnings else ""
            return f"wrote {len(self.items)} item(s) to {self.target}{skipped}{warned}"
        if not self.items:
            return (f"{len(self.errors)} problem(s) in {self.sheet} and no row could be imported; "
                    "nothing was written. Fix the rows and import again.")
        if self.held_back:
            return (f"{len(self.errors)} problem(s) in {self.sheet}; nothing was written: with "
                    f"those rows skipped, {self.target.name} would lose {len(self.held_back)} of "
                    f"its items ({', '.join(self.held_back)}), which --keep-valid does not remove. "
                    "Fix the rows and import again (an item taken out of the sheet on purpose: "
                    "--force without --keep-valid)")
        return (f"{len(self.errors)} problem(s) in {self.sheet}; nothing was written. Fix the rows "
                "and import again, or add --keep-valid to write only the valid rows.")


# --- reading the table --------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A cell's value; a text in NFC (FORMAT.md: a Mac writes decomposed letters), with Excel's
    line breaks as `\n` and a copied web page's no-break spaces as spaces."""
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
        value = value.replace("\u00a0", " ").strip()
        return value or None
    return value


NONE_MARK_TEXTS = frozenset(mark.casefold() for mark in NONE_MARKS)


def none_mark(value: Any) -> bool:
    """Whether a cell holds only a mark for 'none' (sheet_vocabulary.NONE_MARKS)."""
    return isinstance(value, str) and value.strip().casefold() in NONE_MARK_TEXTS


def dash_only(value: Any) -> bool:
    """Whether a cell holds only a dash (DASHES), the one mark for 'none' an answer's text has."""
    return isinstance(value, str) and value.strip() in DASHES


TEXT_STANDS_IN = ("document", "referred_to")
"""Cells that make an answer without its own text: a written reply's number, an agency the
question was referred to."""


def no_answer_text(cells: dict[str, Any]) -> bool:
    """Whether the row's answer text is a dash that stands for no text: the row has no other
    answer cell (the question is not answered yet), or one that needs no text (TEXT_STANDS_IN).
    A dash beside an agency alone is the RowReader's error: that answer would have no words."""
    if not dash_only(cells.get("answer_text")):
        return False
    others = other_answer_cells(cells)
    return not others or any(k in TEXT_STANDS_IN for k in others)


def other_answer_cells(cells: dict[str, Any]) -> list[str]:
    """The keys of the row's filled answer cells besides its text."""
    return [k for k in ANSWER_COLUMNS if k != "answer_text" and cells.get(k) is not None]


LIST_LINE = re.compile(r"(?:[-+*]|\d{1,3}[.)])\s")
"""A line that Markdown reads as a list item: `- `, `+ `, `* `, `1. `, `1) `."""


def as_typed(text: str) -> str:
    """A cell's lines as the page should show them: Markdown joins lines into one paragraph
    and needs a blank line before a list, so each line break becomes a paragraph break, except
    between two list lines (one list)."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    out = lines[:1]
    for before, line in itertools.pairwise(lines):
        list_lines = LIST_LINE.match(before) and LIST_LINE.match(line)
        out.append(("\n" if list_lines else "\n\n") + line)
    return "".join(out)


class Merge(NamedTuple):
    """Merged cells: their first row, their first and last column (from 0), their range."""

    row: int
    first: int
    last: int
    coord: str


@dataclass
class Table:
    """A sheet's cells as read: rows of values (row 1 first), the (row, column) cells that
    continue a merge above, and how messages name the sheet: the file, with its worksheet when
    the workbook has several ('s11.xlsx[Phiên 20-11]'), so that a row number leads to one row;
    `spans`: each (row, column) cell of merged cells -> their Merge, which a problem of theirs
    names, once."""

    rows: list[list[Any]]
    continued: set[tuple[int, int]]
    where: str
    spans: dict[tuple[int, int], Merge] = field(default_factory=dict)

    def said_at(self, number: int, i: int, imported: Iterable[int]) -> tuple[int, int]:
        """The cell (row, column) on which a problem of the cell on row `number`, column `i`,
        is said: for merged cells, which all hold the top one's value, their first row and
        first `imported` column, once for the merge."""
        merge = self.spans.get((number, i))
        if merge is None:
            return number, i
        return merge.row, next(c for c in range(merge.first, merge.last + 1) if c in imported)

    def merged_ranges(self, cells: Iterable[tuple[int, int]]) -> str:
        """'; said once for the merged cells E2:F4' for those of `cells` that are merged."""
        return said_once(self.spans[cell].coord for cell in cells if cell in self.spans)

    def by_merge(self, cells: Iterable[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """`cells` (row, column) in their order, those of one merge together, at the place of
        its first: merged cells hold one value on every row they cover, which a message lists
        once."""
        groups: dict[Any, list[tuple[int, int]]] = {}
        for cell in cells:
            merge = self.spans.get(cell)
            groups.setdefault(merge.coord if merge else cell, []).append(cell)
        return list(groups.values())

    def rows_listed(self, cells: Iterable[tuple[int, int]]) -> list[str]:
        """The rows of `cells` (row, column) as a message lists them, those of one merge over
        several rows once, with its range ('5-7 (merged cells B5:B7)')."""
        listed = []
        for group in self.by_merge(cells):
            rows = sorted({number for number, _ in group})
            listed.append(str(rows[0]) if len(rows) == 1 else
                          f"{rows[0]}-{rows[-1]} (merged cells {self.spans[group[0]].coord})")
        return listed


NO_COLUMN = "the sheet has no '"
"""How the problem of a column the sheet lacks, which a row's other cells need, begins."""


def said_once(ranges: Iterable[str | None]) -> str:
    """'; said once for the merged cells E2:F4', after a problem of those merged cells that was
    said on each row (or column) they cover; '' for none."""
    named = list(dict.fromkeys(coord for coord in ranges if coord))
    return f"; said once for the merged cells {', '.join(named)}" if named else ""


def read_table(path: Path, notes: list[str], warnings: list[str], worksheet: str | None = None
               ) -> Table:
    """The table of `path`; what the user should know about the reading goes to `notes`, and
    to `warnings` what may not be what they meant. `worksheet`: the name of the workbook's
    sheet to read (else the active one, see `_table_sheet`)."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise SheetError(f"{path}: this is a folder; give the spreadsheet file (.xlsx or .csv)")
    if not path.is_file():
        raise SheetError(f"{path}: no such file")
    if suffix in TEXT_TABLES:  # .txt: what Excel's "Unicode Text" (UTF-16, tabs) is saved as
        if worksheet is not None:
            raise SheetError(f"{path}: a {suffix} file holds one table; --sheet chooses a worksheet "
                             "of an Excel workbook (.xlsx)")
        return Table(_read_csv(path), set(), path.name)
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, notes, warnings, worksheet)
    raise SheetError(f"{path}: only .xlsx, .csv and .txt (Excel's Unicode Text) spreadsheets are "
                     "read; in Excel or LibreOffice use 'Save as' Excel Workbook (.xlsx) or CSV UTF-8")


TEXT_TABLES = (".csv", ".txt")
DECIMAL_COMMA = re.compile(r"\d+,\d+")
"""A number as Excel writes it in a ';' CSV in Vietnamese and other locales (2,00072): a
procedure code read as a number, its dot a comma."""


def _utf16_without_mark(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for a text in UTF-16 saved without its byte-order mark (some
    exports write none), else None: the separators, digits, spaces and Latin letters of a table
    are each a byte and a NUL, so one byte in two, at odd places (LE) or even ones (BE), is NUL,
    which UTF-8 text never holds."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _read_csv(path: Path) -> list[list[Any]]:
    data = path.read_bytes()
    # Excel's "Unicode Text" and some CSV exports are UTF-16, which their BOM says, or not
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
        else _utf16_without_mark(data) or "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding.startswith("utf-16"):
            how = "with" if encoding == "utf-16" else "without"
            raise SheetError(f"{path}: the file looks like UTF-16 {how} its byte-order mark, and "
                             "cannot be read as such (cut short, or damaged); save it again as "
                             "'CSV UTF-8' (Excel: Save as > CSV UTF-8)") from None
        raise SheetError(f"{path}: the file is not UTF-8 (an older Vietnamese encoding, such as "
                         "Windows-1258 or TCVN3, perhaps); save it as 'CSV UTF-8' "
                         "(Excel: Save as > CSV UTF-8)") from None
    # Excel writes ';' or tabs in some locales, and a title row above the header may hold
    # commas: the separator is the one that makes a header row appear. A reading that fails
    # (a line longer than the csv module's limit when read with a separator it does not hold)
    # is no reason to refuse the file, unless no reading finds a header.
    readings, failed = [], None
    for delimiter in ",;\t":
        try:
            readings.append((_csv_rows(path, text, delimiter), delimiter))
        except SheetError as error:
            failed = failed or error
    best = max(readings, key=lambda reading: _header_score(reading[0]), default=None)
    if failed is not None and (best is None or _header_score(best[0]) == 0):
        raise failed
    assert best is not None
    if (line := _unclosed_quote(text, best[1])) is not None:
        raise SheetError(f"{path}:line {line}: a double quote (\") opens a cell on this line and is "
                         "never closed, so every line below it was read into that one cell; close "
                         "it (a text holding a comma is written with a quote at each end: \"…, …\"), "
                         "or delete it, then import again")
    return best[0]


def _unclosed_quote(text: str, delimiter: str) -> int | None:
    """The line where a quoted cell opens that the file never closes, or None. The csv module
    reads such a cell to the end of the file without a word: a question swallowed the rows
    below it, imported as its text (a press office's find)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error as exc:  # strict also refuses a quote inside a cell ('"a"b'), read as is
        return start if "unexpected end of data" in str(exc) else None
    return None


def _csv_rows(path: Path, text: str, delimiter: str) -> list[list[Any]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return [[_cell(v) for v in row] for row in reader]
    except csv.Error as exc:  # a cell longer than the csv module's limit, a stray NUL…
        raise SheetError(f"{path}:line {reader.line_num}: cannot be read as a table ({exc}); open "
                         "it in Excel or LibreOffice, check the long or odd cells of that line, and "
                         "save it as CSV UTF-8 or Excel Workbook (.xlsx)") from None


def _header_keys(row: list[Any]) -> dict[int, str | None]:
    """Column index -> the key its cell names (None for a text that names no column)."""
    return {i: HEADER_NAMES.get(header_words(v)) for i, v in enumerate(row) if isinstance(v, str)}


def _named(keys: dict[int, str | None]) -> int:
    return len({k for k in keys.values() if k})


def _likeliest_header(rows: list[list[Any]]) -> tuple[int, int]:
    """The row index of the likeliest header row (the first of those naming the most known
    columns) and how many it names."""
    scores = [_named(_header_keys(row)) for row in rows[:HEADER_SEARCH_ROWS]]
    best = max(scores, default=0)
    return (scores.index(best) if scores else 0), best


def _header_score(rows: list[list[Any]]) -> int:
    """How many known column names the likeliest header row has."""
    return _likeliest_header(rows)[1]


XLSX_UNPACKED_MAX = 200 * 1024 * 1024
"""A session's sheet unpacks to a few MB; far more is a damaged or hostile file (a 1.5 MB
"zip bomb" took 1.6 GB of memory to load)."""


def _check_unpacked_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (OSError, zipfile.BadZipFile):
        return  # reported by the reading itself, with its advice
    if unpacked > XLSX_UNPACKED_MAX:
        raise SheetError(f"{path}: the workbook unpacks to {unpacked // 2**20:,} MB, more than a "
                         f"session's sheet ever needs ({XLSX_UNPACKED_MAX // 2**20} MB); copy the "
                         "session's table into a new workbook and import that")


def _read_xlsx(path: Path, notes: list[str], warnings: list[str], worksheet: str | None = None
               ) -> Table:
    import openpyxl  # only needed for .xlsx; a slow import for the other commands
    from openpyxl.utils.exceptions import InvalidFileException

    _check_unpacked_size(path)
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError, IndexError, zipfile.BadZipFile,
            SyntaxError) as exc:  # (XML that does not parse: lxml's and the standard library's)
        # a cell's value that openpyxl fails to read as its type (CAST_KINDS), in its own words
        # or, for a text past the list of texts, in none (an IndexError it does not wrap)
        not_cast = isinstance(exc, IndexError) or (
            isinstance(exc, ValueError) and isinstance(exc.__cause__, ValueError))
        if not_cast and (cell := _value_not_read(path)):
            raise SheetError(cell) from None
        raise SheetError(f"{path}: cannot be read as an Excel workbook ({exc}); in Excel or "
                         "LibreOffice use 'Save as' Excel Workbook (.xlsx) or CSV UTF-8") from None
    _restore_inline_texts(path, book)
    named = {one.title: f"'{one.title}'" + ("" if _shown(one) else " (hidden)")
             for one in book.worksheets}
    if worksheet is not None:  # a hidden one too: the user named it
        sheet = next((one for one in book.worksheets
                      if folded_words(one.title) == folded_words(worksheet)), None)
        if sheet is None:
            raise SheetError(f"{path}: no worksheet named '{worksheet}'; the workbook has "
                             + ", ".join(named.values()))
        rows = _sheet_values(sheet)
    else:
        sheet, rows = _table_sheet(book, path.name, warnings)
    where = path.name
    if len(book.worksheets) > 1:
        where = f"{path.name}[{sheet.title}]"
        others = ", ".join(text for title, text in named.items() if title != sheet.title)
        notes.append(f"info: {path.name}: read the worksheet '{sheet.title}'; not read: {others} "
                     "(import another session's worksheet with --sheet and its name)")
    if any(v is None for row in rows for v in row):
        _mark_unsaved_formulas(openpyxl.load_workbook(path)[sheet.title], sheet, rows)
    continued: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], Merge] = {}
    hidden_rows = _hidden_rows(sheet, len(rows))
    for merged in sheet.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        # merged cells whose first rows are hidden (a filter) show their value on the rows
        # left: for the import they start at the first of those, which the others continue
        first = next((r for r in range(merged.min_row, merged.max_row + 1) if r not in hidden_rows),
                     merged.min_row)
        merge = Merge(first, merged.min_col - 1, merged.max_col - 1, merged.coord)
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = top  # every cell of a merge carries its value
                if (merged.max_row, merged.max_col) != (merged.min_row, merged.min_col):
                    spans[r, c - 1] = merge
                if r > first:
                    continued.add((r, c - 1))
    _leave_out_hidden(sheet, rows, hidden_rows, where, notes)
    return Table(rows, continued, where, spans)


def _value_not_read(path: Path) -> str | None:
    """The message for the first cell of the workbook whose value is none of its type
    (CAST_KINDS: '<v>NaN</v>' in a number cell, '<v>true</v>' where the file stores 1 or 0, a
    date not written year-month-day, a text past the workbook's list of texts), which programs
    wrote: openpyxl stops loading on it, saying that the workbook may hold invalid XML, on no
    cell, or with a bare 'list index out of range'. None when there is no such cell (or the
    workbook fails before its worksheets: the caller's message says so)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.utils.datetime import from_ISO8601
    from openpyxl.worksheet._reader import _cast_number  # what failed: the same casts

    # ImportError: the private caster gone from a later openpyxl; the caller's message then
    with contextlib.suppress(OSError, KeyError, ValueError, IndexError, zipfile.BadZipFile,
                             SyntaxError, ImportError):
        reader = ExcelReader(path, data_only=True)
        with reader.archive:
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            strings = reader.shared_strings
            casts: dict[str, Callable[[str], Any]] = {
                "n": _cast_number, "b": int, "d": from_ISO8601, "s": lambda v: strings[int(v)]}
            sheets = _worksheet_parts(reader)
            for name, part in sheets:
                with reader.archive.open(part) as xml:
                    found = _cell_not_cast(xml, casts)
                if found:
                    where = f"{path.name}[{name}]" if len(sheets) > 1 else path.name
                    row, column, value, kind = found
                    stored, none = CAST_KINDS[kind]
                    none = none.format(texts=len(strings))
                    return (f"{where}:row {row}: column {column_letter(column - 1)}: holds "
                            f"'{value[:30]}' where the file stores {stored}, and that is {none} "
                            "(a program wrote it, not Excel): type the cell's value again in Excel "
                            "or LibreOffice (or empty the cell), save the workbook, and import it "
                            "again")
    return None


CAST_KINDS = {"n": ("a number", "no number"), "b": ("TRUE or FALSE (as 1 or 0)", "neither"),
              "d": ("a date written year-month-day (2024-06-20)", "not one"),
              "s": ("the number of a text in the workbook's list of texts",
                    "none of the {texts} text(s) it lists")}
"""The types of cell (the XML's t="…") whose value openpyxl reads as that type, failing on a
value that is none: what the file stores, and what the value then is ('{texts}': how many
texts the workbook's list holds)."""


def _worksheet_parts(reader: Any) -> list[tuple[str, str]]:
    """(name, part of the zip) of each worksheet of the workbook an openpyxl ExcelReader has
    read the manifest and the workbook part of."""
    return [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files]


def _xml_cells(xml: IO[bytes]) -> Iterator[tuple[int, int, Any]]:
    """(row, column, element) of each cell of a worksheet's XML, as openpyxl places them: a
    cell's or a row's place may be left out of the file, and is then the next one."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.xml.constants import SHEET_MAIN_NS

    row_tag, cell_tag = f"{{{SHEET_MAIN_NS}}}row", f"{{{SHEET_MAIN_NS}}}c"
    row = column = 0
    for event, element in iterparse(xml, ("start", "end")):
        if event == "start" and element.tag == row_tag:
            row, column = int(element.get("r") or row + 1), 0
        elif event == "end" and element.tag == cell_tag:
            coordinate = element.get("r")
            column = coordinate_to_tuple(coordinate)[1] if coordinate else column + 1
            yield row, column, element
        elif event == "end" and element.tag == row_tag:
            element.clear()


def _cell_not_cast(xml: IO[bytes], casts: dict[str, Callable[[str], Any]]
                   ) -> tuple[int, int, str, str] | None:
    """(row, column, value, type) of the first cell of a worksheet's XML stored as one of
    `casts` (CAST_KINDS) whose value openpyxl cannot read as it (`casts`: its reading of each)."""
    from openpyxl.xml.constants import SHEET_MAIN_NS

    for row, column, element in _xml_cells(xml):
        value, kind = element.findtext(f"{{{SHEET_MAIN_NS}}}v") or "", element.get("t", "n")
        if kind in casts and value:
            try:
                casts[kind](value)
            except (ValueError, IndexError):
                return row, column, value, kind
    return None


def _restore_inline_texts(path: Path, book: Any) -> None:
    """The texts of inline text cells (t="inlineStr") written as a value, `<v>`, rather than
    as the inline text, `<is>`, which the format asks for: some programs (not Excel) write them
    so, and openpyxl reads such a cell as empty: the questions and answers disappeared, a whole
    table too (no header found). Their values are put into `book`'s cells, as they are written."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHEET_MAIN_NS

    lost = {one.title: {(cell.row, cell.column): cell for row in one.iter_rows() for cell in row
                        if cell.data_type == "inlineStr" and cell.value is None}
            for one in book.worksheets if hasattr(one, "iter_rows")}
    if not any(lost.values()):
        return
    reader = ExcelReader(path, data_only=True)  # it loaded: its parts are known to be read
    with reader.archive:
        reader.read_manifest()
        reader.read_workbook()
        for name, part in _worksheet_parts(reader):
            if not lost.get(name):
                continue
            with reader.archive.open(part) as xml:
                for row, column, element in _xml_cells(xml):
                    value = element.findtext(f"{{{SHEET_MAIN_NS}}}v")
                    if (cell := lost[name].get((row, column))) is not None and value:
                        cell.value = value


def _sheet_option(title: str) -> str:
    """`--sheet "<title>"` as a shell reads it back: a title with `"`, `$`, `\\` or a backquote
    is quoted the shell's strict way (`--sheet "Phiên "A""` passed 'Phiên A')."""
    return f'--sheet "{title}"' if not re.search(r'["$`\\]', title) else f"--sheet {shlex.quote(title)}"


def _shown(sheet: Any) -> bool:
    """Whether Excel shows the worksheet's tab (not hidden, nor 'very hidden' by a macro)."""
    return sheet.sheet_state == "visible"


def _sheet_values(sheet: Any) -> list[list[Any]]:
    """The worksheet's cells (`_sheet_value`)."""
    return [[_sheet_value(cell) for cell in row] for row in sheet.iter_rows()]


CELL_TYPES = frozenset({"n", "s", "b", "d", "str", "inlineStr", "f"})
"""The types of cell (the XML's t="…", as openpyxl loads them) whose value is what the cell
shows; an error's ('e') is a failed formula's, and any other type is none the format has."""


class ErrorCell(str):
    """A cell the file stores as a formula's error (t="e"), whatever its value: a program may
    write another than Excel's own (EXCEL_ERRORS), which was published as a text."""


class UnknownType(str):
    """A cell of a type the format does not have (t="x"), whose value openpyxl reads as a text
    and which was published so, though what it holds is not known; `kind`: the type."""

    kind: str

    def __new__(cls, text: str, kind: str) -> UnknownType:
        made = super().__new__(cls, text)
        made.kind = kind
        return made


def _sheet_value(cell: Any) -> Any:
    """A worksheet cell's value: a text with Excel's escapes decoded, which openpyxl leaves as
    they are in the file (a carriage return pasted into a cell is saved as '_x000D_' and was
    published as such, '<em>x000D</em>' on the page); an error's or a value of an unknown type
    marked (ErrorCell, UnknownType), so that the row reports it."""
    value = _sheet_text(cell.value) if isinstance(cell.value, str) else _cell(cell.value)
    if value is None or cell.data_type in CELL_TYPES:
        return value
    if cell.data_type == "e":
        return ErrorCell(value)
    return UnknownType(str(value), cell.data_type)


LONE_SURROGATE = re.compile(r"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]")
"""Half of a UTF-16 pair on its own: Excel's escape '_xD800_' decodes to one, which stands for
no character, and which no UTF-8 file (answers.yaml) can hold."""


class Unstorable(str):
    """A text cell that held an unpaired half of a character ('_xD800_'), with U+FFFD in its
    place (a message may quote the text); `escape`: the first such as the file writes it."""

    escape: str

    def __new__(cls, text: str, escape: str) -> Unstorable:
        made = super().__new__(cls, text)
        made.escape = escape
        return made


def _sheet_text(value: str) -> str | None:
    """A workbook's text cell with Excel's escapes decoded (`_cell`): an escaped pair of halves
    ('_xD83D__xDE00_') is the one character, an unpaired half an Unstorable cell: writing it
    failed with a YAML error ('found invalid Unicode character escape code'), which said nothing
    of the character nor what to do."""
    from openpyxl.utils.escape import unescape

    text = unescape(value)
    lone = LONE_SURROGATE.search(text)
    cell = _cell(text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace"))
    return Unstorable(cell, f"_x{ord(lone.group()):04X}_") if lone and cell else cell


def _table_sheet(book: Any, name: str, warnings: list[str]) -> tuple[Any, list[list[Any]]]:
    """The worksheet to read, and its rows: the active one (what Excel opens on) whenever it
    has a table, a header row (even one that lacks a column: its message says which) with rows
    under it, unless its table names none of the questions' columns and another's does (a list
    of the delegates, saved while in front); else the only other shown worksheet that has one
    (behind a guide sheet, or an empty template), said in a warning; when several have one (a
    worksheet per session), the import stops naming them: which is this session's, only the
    user knows. A hidden worksheet is never read unless --sheet names it: what the sheet shows
    is what gets published; when only a hidden one holds a table, the import stops naming it."""
    # None when the file names a tab it no longer has, a chart when a chart sheet is in front
    active = book.active if hasattr(book.active, "iter_rows") else None
    shown = sorted((one for one in book.worksheets if hasattr(one, "iter_rows") and _shown(one)),
                   key=lambda one: one is not active)
    tables: list[tuple[Any, list[list[Any]]]] = []
    asking: list[tuple[Any, list[list[Any]]]] = []  # tables with a column of the questions
    template: tuple[Any, list[list[Any]]] | None = None  # a header alone, if none has more
    for one in shown:  # the active one first: when it has the questions, no other is read
        header, names = _likeliest_header(rows := _sheet_values(one))
        if names >= 2 and _rows_under(rows, header):
            tables.append((one, rows))
            if set(_header_keys(rows[header]).values()) & set(REQUIRED_COLUMNS):
                asking.append((one, rows))
                if one is active:
                    break
        elif names >= 2 and template is None:
            template = one, rows
    in_front = tables[0] if tables and tables[0][0] is active else None
    if in_front is not None and (not asking or asking[0][0] is active):
        tables = [in_front]
    else:  # a table naming none of the questions' columns (the delegates' list) is passed over
        tables = asking or tables
    front = f"the active worksheet '{active.title}'" if active is not None else \
        "the sheet the workbook opens on (a chart, or none)"
    lacks = ("holds no questions (no column of their type, topics or text)" if in_front
             else "has no table (a row of column names with rows under it)")
    if len(tables) > 1:
        raise SheetError(f"{name}: {front} {lacks}, and the worksheets "
                         + ", ".join(f"'{one.title}'" for one, _ in tables)
                         + " each hold one, so nothing was read: add --sheet with this "
                         "session's worksheet, " + " or ".join(_sheet_option(one.title) for one, _ in tables))
    if chosen := (tables[0] if tables else template):
        one, rows = chosen
        if one is not active and (active is not None or len(shown) > 1):
            warnings.append(f"warning: {name}: {front} {lacks}, so the worksheet '{one.title}' was "
                            "read: check that it holds this session's questions, or name the "
                            "worksheet to read with --sheet")
        return one, rows
    hidden = [one.title for one in book.worksheets
              if not _shown(one) and _header_score(_sheet_values(one)) >= 2]
    if hidden:
        several = len(hidden) > 1
        raise SheetError(f"{name}: no worksheet Excel shows holds a table, but the hidden "
                         f"worksheet{'s' * several} " + ", ".join(f"'{title}'" for title in hidden)
                         + f" {'do' if several else 'does'}: if it holds this session's questions, "
                         f"read it with {_sheet_option(hidden[0])} (or show it in Excel)")
    first = shown[0] if shown else active  # find_header says that it has no header
    if first is None:
        raise SheetError(f"{name}: the workbook has no worksheet Excel shows (only charts or "
                         "hidden ones, or a damaged file); copy the session's table into a new "
                         "workbook and import that")
    return first, _sheet_values(first)


def _rows_under(rows: list[list[Any]], header: int) -> bool:
    """Whether a row below the header row (its index) holds a value."""
    return any(value not in (None, "") for row in rows[header + 1:] for value in row)


class UnsavedFormula(str):
    """A formula cell whose value the workbook does not hold: a program wrote the file (Excel
    and LibreOffice save each formula's value), and it read as an empty cell, its text lost."""


def _mark_unsaved_formulas(formulas: Any, values: Any, rows: list[list[Any]]) -> None:
    """The cells of `rows` (read from the worksheet `values`) that hold a formula in the same
    sheet read for its formulas (`formulas`) and no value of it. A formula whose value is an
    empty text ('=IF(…;"";…)') is saved as one by Excel and LibreOffice, a text cell: that one
    is empty indeed."""
    for r, row in enumerate(formulas.iter_rows(values_only=True)):
        for c, value in enumerate(row):
            if isinstance(value, str) and value.startswith("=") and r < len(rows) \
                    and c < len(rows[r]) and rows[r][c] is None \
                    and values.cell(r + 1, c + 1).data_type == "n":
                rows[r][c] = UnsavedFormula(value)


def _hidden_rows(sheet: Any, count: int) -> list[int]:
    """The numbers of the worksheet's hidden rows among its first `count`."""
    return sorted(r for r, dim in sheet.row_dimensions.items() if dim.hidden and r <= count)


def _leave_out_hidden(sheet: Any, rows: list[list[Any]], hidden_rows: list[int], name: str,
                      notes: list[str]) -> None:
    """Hidden rows (`hidden_rows`, see _hidden_rows) and columns are not read: offices hide
    their internal notes, or the rows of another session, and what the sheet shows is what gets
    published."""
    width = max(map(len, rows), default=0)  # the unused columns to the right are often hidden
    hidden_columns = sorted({c for dim in sheet.column_dimensions.values() if dim.hidden
                             for c in range(dim.min or 1, min(dim.max or dim.min or 1, width) + 1)})
    for r in hidden_rows:
        rows[r - 1] = [None] * len(rows[r - 1])
    for row in rows:
        for c in hidden_columns:
            if c <= len(row):
                row[c - 1] = None
    if hidden_rows or hidden_columns:
        parts = ([f"rows {', '.join(map(str, hidden_rows))}"] if hidden_rows else []) + (
            [f"columns {', '.join(column_letter(c - 1) for c in hidden_columns)}"]
            if hidden_columns else [])
        notes.append(f"info: {name}: hidden in Excel, so not read: {'; '.join(parts)} (unhide "
                     "them to import them)")


def find_header(rows: list[list[Any]], sheet: str) -> tuple[int, dict[int, str], list[int]]:
    """(row index of the header, column index -> key, indexes of the named columns that are no
    known column). The header is the row with the most column names: a header in two rows has
    group names above ('Ý kiến', 'Trả lời') that are column names too. Two columns may name
    one key ('Nội dung' twice): `table_rows` reads both."""
    named = [(index, _header_keys(row)) for index, row in enumerate(rows[:HEADER_SEARCH_ROWS])]
    named.sort(key=lambda pair: -_named(pair[1]))  # stable: the first of equals wins
    likeliest = [pair for pair in named if "text" in pair[1].values() and _named(pair[1]) >= 2]
    if not likeliest and named and _named(named[0][1]) >= 2:
        likeliest = named[:1]  # names columns, but not the question: say what it lacks
    if not likeliest:
        raise SheetError(f"{sheet}: no header row found in the first {HEADER_SEARCH_ROWS} rows; the "
                         "table needs a row of column names such as STT, Người hỏi, Loại, Lĩnh vực, "
                         "Nội dung, Cơ quan trả lời, Nội dung trả lời (see the README)")
    index, keys = likeliest[0]
    if (lower := _lower_header(rows, index)) is not None:
        index, keys = lower
    row = rows[index]
    if index > 0:
        _read_under_groups(rows[index - 1], row, keys)
    columns = {i: key for i, key in keys.items() if key}
    unknown = [i for i, key in keys.items() if not key]
    missing = [k for k in REQUIRED_COLUMNS if k not in columns.values()]
    if missing:
        raise SheetError(f"{sheet}:row {index + 1} looks like the header, but it has "
                         + "; ".join(_no_column(k, [str(row[i]) for i in unknown]) for k in missing)
                         + "; rename that column (or add it), then import again")
    return index, columns, unknown


def _lower_header(rows: list[list[Any]], index: int) -> tuple[int, dict[int, str | None]] | None:
    """A header in two rows, saved as CSV: a merged cell keeps its name in its top cell only
    ('STT' over both rows, 'Trả lời' over three columns), so the upper row holds the more names,
    and the lower one was read as a question. The row below the one found, when every cell it
    fills names a column, is the header: its names, and the upper row's where it has none."""
    upper, below = rows[index], rows[index + 1] if index + 1 < len(rows) else []
    lower = _header_keys(below)

    def under_a_group(i: int) -> bool:  # 'Họ tên' under 'Trả lời': a name we do not know
        above = upper[i] if i < len(upper) else None
        return not (isinstance(above, str) and above.strip()) or bool(
            ANSWER_GROUPS.search(folded_words(above)) or COMMITMENT_GROUPS.search(folded_words(above)))

    if _named(lower) < 2 or not all(key or under_a_group(i) for i, key in lower.items()):
        return None
    rows[index + 1] = [b if isinstance(b, str) and b.strip() else a
                       for a, b in itertools.zip_longest(rows[index], below)]
    return index + 1, _header_keys(rows[index + 1])


ANSWER_GROUPS = re.compile(r"\b(?:tra loi|giai dap|giai trinh|ket qua giai quyet)\b")
"""Words of the group name above an answer's columns (folded): 'Trả lời của cơ quan chức năng',
'Lãnh đạo trả lời', 'PHẦN TRẢ LỜI', 'Ý kiến giải trình'."""
COMMITMENT_GROUPS = re.compile(r"\b(?:cam ket|hua|viec can lam)\b")
"""The same for a commitment's columns: 'Cam kết, hứa giải quyết'."""


def _read_under_groups(above: list[Any], header: list[Any], keys: dict[int, str | None]) -> None:
    """Columns under a group name 'Trả lời …' or 'Cam kết …' merged above them (or written once,
    at the left of the group) name the answer's or the commitment's parts: 'Nội dung' there is
    'Nội dung trả lời' or 'Nội dung cam kết', not the question's text, and 'Đơn vị' is 'Đơn vị
    trả lời' or 'Đơn vị thực hiện'."""
    texts = [(i, folded_words(v)) for i, v in enumerate(above) if isinstance(v, str) and v.strip()]
    if len({text for _, text in texts}) == 1 and texts[0][0] == 0:
        return  # a title, in the first cell or merged across the row ('… KẾT QUẢ TRẢ LỜI …')
    group = ""
    for i, name in enumerate(header):
        cell = above[i] if i < len(above) else None
        if isinstance(cell, str) and cell.strip():
            group = folded_words(cell)
        if not isinstance(name, str):
            continue
        if ANSWER_GROUPS.search(group) or HEADER_NAMES.get(group) in ANSWER_COLUMNS:
            endings: tuple[str, ...] = ("trả lời",)
        elif COMMITMENT_GROUPS.search(group) or HEADER_NAMES.get(group) in COMMITMENT_COLUMNS:
            endings = ("cam kết", "thực hiện")
        else:
            continue
        meant = (HEADER_NAMES.get(folded_words(f"{name} {ending}")) for ending in endings)
        keys[i] = next((key for key in meant if key), None) or keys.get(i)


def _no_column(key: str, unknown: list[str]) -> str:
    """'no column for the topics (Lĩnh vực / …): did you mean the column 'Linh vuc'?'"""
    names = COLUMNS[key]
    shown = " / ".join(names[:4]) + (" / …" if len(names) > 4 else "")
    close = max(((_likeness(name, known), name) for name in unknown for known in names),
                default=(0.0, ""))
    hint = f": did you mean the column '{close[1]}'?" if close[0] >= LIKENESS else ""
    return f"no column for {FIELD_NAMES[key]} ({shown}){hint}"


def _likeness(a: str, b: str) -> float:
    """How alike two headers are (0..1), ignoring case, accents and punctuation."""
    return likeness(_words(a), _words(b))


def resembled(name: str, taken: Iterable[str] = ()) -> tuple[str, str] | None:
    """(key, known name) that a header the vocabulary does not know most resembles, among the
    keys the sheet has no column for (`taken`: those it has), and that it may mean
    (`_may_mean`)."""
    best = max(((_likeness(name, known), key, known)
                for key, names in COLUMNS.items() if key not in set(taken) for known in names
                if _may_mean(name, key, known)),
               default=None)
    return (best[1], best[2]) if best and best[0] >= LIKENESS else None


def _may_mean(name: str, key: str, known: str) -> bool:
    """Whether a header may be the known name of `key` misspelt, or with words added or left
    out ('Văn bản số' for 'Văn bản'), rather than another thing that shares words with it: a
    word of one in place of another word ('Ngày nhận', the day received, is no 'Ngày văn bản',
    the answer's date), or a column of days for one of something else (DAY_NAME: 'Ngày chuyển'
    is no 'Chuyển', an agency). Offices followed such a suggestion, and read one thing as
    another."""
    if bool(DAY_NAME.match(_words(name))) != (key in DATE_COLUMNS):
        return False
    ours, theirs = _words(name).split(), _words(known).split()
    only_ours, only_theirs = [w for w in ours if w not in theirs], [w for w in theirs if w not in ours]
    for word in list(only_ours):  # a misspelt word is the word
        if typo := next((w for w in only_theirs if likeness(word, w) >= LIKENESS), None):
            only_ours.remove(word)
            only_theirs.remove(typo)
    return not (only_ours and only_theirs)


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA': how Excel and LibreOffice name a column (openpyxl, imported for
    the import's reports only: other commands start without it)."""
    from openpyxl.utils import get_column_letter
    return get_column_letter(index + 1)


def _merged_cells(row: list[Any], columns: dict[int, str], names: dict[int, str]
                  ) -> tuple[dict[str, Any], RowError | None]:
    """The row's value for each key; two columns for one key are joined (texts) or must agree."""
    cells: dict[str, Any] = {}
    first: dict[str, int] = {}  # key -> the column its value came from
    problem = None
    for i, key in columns.items():
        value = row[i] if i < len(row) else None
        before = cells.setdefault(key, None)
        if value is None:
            continue
        if before is None:
            cells[key], first[key] = value, i
        elif folded_words(str(value)) == folded_words(str(before)):
            continue
        elif key in JOINED_COLUMNS:  # a dash in one of them is 'none' (dash_only), not a line
            cells[key] = before if dash_only(value) else value if dash_only(before) \
                else f"{before}\n{value}"
        elif problem is None:
            problem = RowError(names[i], f"says '{value}' but the column '{names[first[key]]}' "
                               f"({column_letter(first[key])}) says '{before}', and both give "
                               f"{FIELD_NAMES[key]}: leave one of them empty")
    return cells, problem


COLUMN_NUMBER = re.compile(r"\(?\s*(\d{1,2})\s*\)?")
"""A cell of the row of column numbers official forms put under the header: '(1)', '(2)', …"""
SIGNATURE = re.compile(r"nguoi (lap|lap bieu|lap bang|tong hop|ky)|noi nhan|(kt|tm|tl|tuq) \w.*"
                       r"|ky ghi ro ho ten|(\w+ ){1,3}ngay \d{1,2} thang \d{1,2} nam \d{4}")
"""Folded cells that open the signature block under an official form's table: 'Người lập biểu',
'KT. CHỦ TỊCH', 'TM. ỦY BAN NHÂN DÂN', 'Nơi nhận:', '(Ký, ghi rõ họ tên)', 'Hòa Xuân, ngày …'
(the place first, as official texts date themselves: a date alone, 'ngày 25 tháng 11 năm 2026',
is an answer's date on a second answer's row)."""
STT = re.compile(r"\d+(?:[.,]\d+)*[a-zA-Z]?\.?")
"""A question's number as offices write it: '1', '12.', '1.2', '3a'."""
SIGNER = re.compile(r"(pho )?(chu tich|giam doc|truong (phong|ban)|chanh (van phong|thanh tra)"
                    r"|thu truong( co quan| don vi)?)")
"""A signer's bare role ('CHỦ TỊCH', 'Giám đốc': one who signs in his own name, without 'KT.'),
which opens the signature block when a row holds nothing else."""


def _is_column_numbers(row: list[Any]) -> bool:
    """'(1) (2) … (20)' (or 1 2 … 20) under the header: rising numbers in three cells or more."""
    filled = [v for v in row if v is not None]
    found = [COLUMN_NUMBER.fullmatch(str(v).strip()) for v in filled]
    numbers = [int(m[1]) for m in found if m]
    return len(filled) >= 3 and len(numbers) == len(filled) and numbers == sorted(set(numbers))


def table_end(rows: list[list[Any]], header: int) -> int:
    """The index of the first row of the signature block below the table (or the row count):
    a row whose every filled cell is a signature line, one of them naming a signer's role, or
    a row of a signer's bare role alone. A row with a number of its own ('1', '1.2': a question's
    STT) is no signature: a question's short cells and an answer's date written out took it,
    and every row below, for the signature block."""
    for index in range(header + 1, len(rows)):
        written = [str(v).strip() for v in rows[index] if v is not None and str(v).strip()]
        if any(STT.fullmatch(v) for v in written):
            continue
        filled = [folded_words(v) for v in written]
        if filled and all(SIGNATURE.fullmatch(v) or len(v.split()) <= 4 for v in filled) and any(
                SIGNATURE.fullmatch(v) for v in filled):
            return index
        if len(filled) == 1 and SIGNER.fullmatch(filled[0]):
            return index
    return len(rows)


SECTION_NUMBER = re.compile(r"[IVXLC]{1,5}|[A-Z]|[ivx]{1,4}|[a-z]", re.ASCII)
"""The STT of a section heading row ('I', 'II', 'A'): questions are numbered 1, 2, 3."""
SECTION_TITLE = re.compile(r"(?:phan |muc )?(?:[ivxlc]{1,5}|[a-z]) \w.*")
"""A section heading written whole in one cell, or merged across the row ('I. LĨNH VỰC ĐẤT
ĐAI', 'Phần II - An ninh trật tự'), folded."""
TOTAL = re.compile(r"(tong cong|tong so|cong)\b.*|tong \d.*")
"""A total row's first cell, folded: 'Tổng cộng', 'Tổng số', 'Tổng: 3 ý kiến' (not 'Tổng kinh
phí …', an answer's text)."""
COUNT = re.compile(r"\d+(?:[ .,]\d{3})*(?: [a-z ]{1,30})?")
"""A count in a total row's other cells ('6 lượt trả lời', '12', folded)."""


def _heading_or_total(row: list[Any], number_col: int | None) -> str | None:
    """A section heading ('I | LĨNH VỰC ĐẤT ĐAI', merged across the row) or a total row ('Tổng
    cộng: 3 ý kiến') that offices put among the questions: its text, or None."""
    values = list(dict.fromkeys(str(v).strip() for v in row if v is not None and str(v).strip()))
    if values and TOTAL.fullmatch(folded_words(values[0])) and all(
            COUNT.fullmatch(folded_words(v)) for v in values[1:]):
        return " | ".join(values)  # 'Tổng cộng: 5 ý kiến | 6 lượt trả lời'

    number = row[number_col] if number_col is not None and number_col < len(row) else None
    if len(values) == 2 and number is not None and SECTION_NUMBER.fullmatch(str(number).strip()):
        return next(v for v in values if v != str(number).strip())
    first = row[number_col or 0] if (number_col or 0) < len(row) else None
    if len(values) == 1 and first is not None and str(first).strip() == values[0] \
            and SECTION_TITLE.fullmatch(folded_words(values[0])):  # in the first column, or across
        return values[0]
    return None


def _plain_rows(rows: list[list[Any]], header: int, columns: dict[int, str]
                ) -> list[tuple[int, list[Any]]]:
    """The rows below the header, by row number, but section headings and totals
    (`_heading_or_total`, read by `columns`): a heading merged across the row ('I. LĨNH VỰC ĐẤT
    ĐAI' over A:I) puts its text in every column, which is no value of any (it counted as filling
    a column the import does not read). Found once for all the columns looked at."""
    number_col = _number_column(columns)
    return [(n, row) for n, row in enumerate(rows[header + 1:], header + 2)
            if _heading_or_total(row, number_col) is None]


def _column_cells(plain: list[tuple[int, list[Any]]], i: int) -> list[tuple[int, Any]]:
    """The filled cells of column `i` in the `plain` rows (`_plain_rows`), by row number."""
    return [(n, row[i]) for n, row in plain if i < len(row) and row[i] is not None]


def _number_column(columns: dict[int, str]) -> int | None:
    """The column of the questions' numbers (STT), if the sheet has one."""
    return next((i for i, k in columns.items() if k == "number"), None)


def _excel_error(value: Any) -> bool:
    """Whether a cell holds Excel's error value ('#N/A'), is stored as a formula's error
    (ErrorCell), or is a formula without its value (UnsavedFormula)."""
    return isinstance(value, str) and (isinstance(value, UnsavedFormula | ErrorCell)
                                       or value.strip().upper() in EXCEL_ERRORS)


def _excel_error_said(value: str) -> str:
    """What is wrong with a cell that `_excel_error` finds, and what to do."""
    shown = value.strip()
    if isinstance(value, UnsavedFormula):
        return (f"holds the formula {shown}, whose value the file does not hold (a program "
                "wrote it, not Excel): open the file in Excel or LibreOffice, save it, and import "
                "it again")
    if shown.upper() in EXCEL_ERRORS:
        return (f"holds Excel's error value {shown} (a formula that failed, or that points "
                "at a deleted cell): put the text there, or fix the formula")
    return (f"holds '{shown[:30]}', which the file stores as a formula's error value, though it "
            "is none of Excel's (#N/A, #REF!, …: a program wrote it, not Excel): put the text "
            "there, or fix the formula")


def _odd_cell_said(value: Any) -> str | None:
    """What is wrong with a cell that holds a character that cannot be stored (Unstorable) or a
    value of a type of cell the format does not have (UnknownType), and what to do; else None."""
    if isinstance(value, Unstorable):
        return (f"holds a character that cannot be stored (Excel's escape {value.escape} in "
                "the file: half of a character, which stands for none): type the cell's text "
                "again")
    if isinstance(value, UnknownType):
        return (f"holds '{value[:30]}' in a type of cell that spreadsheets do not have "
                f"(t=\"{value.kind}\" in the file: a program wrote it, not Excel), so what it "
                "holds is not known: type the cell's value again in Excel or LibreOffice, save "
                "the workbook, and import it again")
    return None


def unread_cell(value: Any) -> str | None:
    """Why a cell holds no value the office meant, whichever its column (`_excel_error`,
    `_odd_cell_said`), or None."""
    return _excel_error_said(value) if _excel_error(value) else _odd_cell_said(value)


def _excel_errors(row: list[Any], columns: dict[int, str], names: dict[int, str], number: int,
                  table: Table) -> UnreadCells | None:
    """The problem of a row whose cells hold Excel's error values ('#N/A'), or are stored as a
    formula's error (ErrorCell), naming them: the row is then not imported. Each cell is looked
    at, before two columns of one text are joined (a '#N/A' in the second 'Nội dung' became part
    of the question). `number`: the row's, whose merged cells (`table`) are said once
    (Table.said_at)."""
    failed = [i for i in columns if i < len(row) and _excel_error(row[i])]
    if not failed:
        return None
    here = [i for i in failed if table.said_at(number, i, columns) == (number, i)]
    shown = here or failed
    others = "".join(f"; so does '{names[i]}' ({row[i].strip()})" for i in shown[1:])
    merged = table.merged_ranges((number, i) for i in shown)
    return UnreadCells({columns[i] for i in failed}, names[shown[0]],
                       _excel_error_said(row[shown[0]]) + others + merged, said_elsewhere=not here)


def _cells_not_text(row: list[Any], columns: dict[int, str], names: dict[int, str], number: int,
                    table: Table) -> list[UnreadCells]:
    """A problem for each cell that holds what no text of the site can be: an Excel date (or
    time) in a column of text, or of a value (a question was published as '2026-11-20 00:00:00': the
    sheet's columns are shifted, mostly, or Excel read what was typed as a date, '1/2'); a
    character that cannot be stored, a value of a type of cell the format does not have
    (`_odd_cell_said`). `number`: the row's, whose merged cells (`table`) are said once
    (Table.said_at), with their range."""
    problems = []
    for i, key in columns.items():
        value = row[i] if i < len(row) else None
        said = _odd_cell_said(value)
        if said is None and key not in DATE_COLUMNS and isinstance(value, (dt.date, dt.time)):
            kind, shown = ("date", f"{value:%d/%m/%Y}") if isinstance(value, dt.date) else \
                ("time", f"{value:%H:%M}")  # '9:15' typed
            said = (f"holds a {kind} ({shown}), not text: the columns may be shifted (check that "
                    f"the header row names each column above its values), or Excel turned what "
                    f"was typed into a {kind} (format the cell as Text and type it again)")
        if said is None:
            continue
        problems.append(UnreadCells({key}, names[i], said + table.merged_ranges([(number, i)]),
                                    said_elsewhere=table.said_at(number, i, columns) != (number, i)))
    return problems


def column_names(header: list[Any], columns: dict[int, str]) -> dict[int, str]:
    """Each read column's header as messages name it: a name two columns share ('Đơn vị' of
    the answer and of the commitment) with its letter, 'Đơn vị (I)'."""
    written = Counter(str(header[i]) for i in columns)
    return {i: f"{header[i]} ({column_letter(i)})" if written[str(header[i])] > 1 else str(header[i])
            for i in columns}


def table_rows(table: Table, header: int, columns: dict[int, str], names: dict[int, str],
               notes: list[str]) -> Iterator[Row]:
    """Non-blank rows below the header but section headings, totals and rows holding nothing
    but their STT (a template's, numbered in advance: said in `notes`); a row
    continues the question above when its STT and content are empty (CSV) or the
    continuation of merged cells (xlsx). `names`: each column as messages name it
    (column_names)."""
    rows, continued, sheet = table.rows, table.continued, table.where
    text_col = next(i for i, k in columns.items() if k == "text")
    number_col = _number_column(columns)
    numbers_row = next((i for i in range(header + 1, len(rows))
                       if any(v is not None for v in rows[i])), None)
    header_of: dict[str, str] = {}
    for i, key in columns.items():
        header_of.setdefault(key, names[i])
    marked: dict[str, dict[str, list[tuple[int, int]]]] = {}  # key -> mark as written -> its cells
    numbered_only: list[int] = []  # a template's rows, numbered in advance and left empty
    for index in range(header + 1, len(rows)):
        row = rows[index]
        if all(v is None for v in row) or (index == numbers_row and _is_column_numbers(row)):
            continue
        number = index + 1
        if (heading := _heading_or_total(row, number_col)) is not None:
            # a heading merged over several rows is noted on its first (it was on each)
            if not all((number, i) in continued for i, v in enumerate(row) if v is not None):
                notes.append(f"info: {sheet}: row {number} is read as a section heading or a "
                             f"total ('{heading[:60]}'), not as a question")
            continue
        if number_col is not None and all(v is None for i, v in enumerate(row) if i != number_col):
            if (number, number_col) not in continued:  # a merged STT's lower row: a blank one
                numbered_only.append(number)
            continue
        cells, problem = _merged_cells(row, columns, names)
        for key in NONE_MARK_COLUMNS:
            if none_mark(cells.get(key)):
                _read_as_empty(cells, key, row, columns, number, marked)
        if no_answer_text(cells):  # after the document's own 'Không' is read as empty
            _read_as_empty(cells, "answer_text", row, columns, number, marked)
        # a disagreement of two columns may be Excel's error value
        problem = _excel_errors(row, columns, names, number, table) or problem
        problems = ([problem] if problem else []) + _cells_not_text(row, columns, names, number, table)
        merged = (number, text_col) in continued
        # A row without question or number adds an answer to the question above, unless it
        # names its own asker, type or topic: then its question was left out.
        empty_question = cells["text"] is None and cells.get("number") is None and not any(
            cells.get(k) is not None for k in QUESTION_COLUMNS)
        if number_col is not None and (number, number_col) in continued and cells["text"] is None:
            merged = True
        yield Row(number, cells, continues=merged or empty_question, problems=problems)
    if numbered_only:
        notes.append(f"info: {sheet}: row(s) {', '.join(map(str, numbered_only))} hold nothing but "
                     f"their number ('{header_of['number']}'), and are skipped")
    for key, marks in marked.items():
        said = "; ".join(f"'{mark}' on row(s) {', '.join(table.rows_listed(cells))}"
                         for mark, cells in marks.items())
        notes.append(f"info: {sheet}: column '{header_of[key]}': {said}: read as empty (a mark "
                     "for 'none')")


def _read_as_empty(cells: dict[str, Any], key: str, row: list[Any], columns: dict[int, str],
                   number: int, marked: dict[str, dict[str, list[tuple[int, int]]]]) -> None:
    """A cell holding a mark for 'none' read as empty, and kept in `marked` (key -> mark as
    written -> its cells: row `number` and the column of `row` that holds it) for the one info
    line per column, which lists merged cells once (Table.rows_listed)."""
    mark = cells[key]
    i = next(i for i, k in columns.items() if k == key and i < len(row) and row[i] == mark)
    marked.setdefault(key, {}).setdefault(str(mark).strip(), []).append((number, i))
    cells[key] = None


# --- cells to values ----------------------------------------------------------------------


class RowReader:
    """Turns the cells of one session's sheet into answers.yaml items."""

    def __init__(self, archive: Archive, session: Session, headers: dict[str, str],
                 text_table: bool = False):
        self.archive = archive
        self.session = session
        self.headers = headers
        self.text_table = text_table
        """Read from a CSV (or Unicode Text) file, where cells merged in Excel are saved in
        their first row only."""
        self.match: dict[str, Match] = registry_matchers(archive)
        place = archive.places.get(session.meta.place)
        self.near = place.name if place else ""
        """The session's area ('Phường Hòa Xuân'): a suggestion for a name the registry lacks
        prefers its units."""
        self.item_ids: set[str] = set()
        self.commitment_ids: set[str] = set()
        self.problems: list[RowError] = []
        """The problems of the row being read: all its cells are read, and all are reported."""

    @property
    def default_kind(self) -> str:
        """The asker's kind the session's kind implies (cử tri at a voter meeting, …)."""
        return DEFAULT_ASKER_KIND.get(self.session.meta.kind, AskerKind.citizen).value

    def attempt(self, step: Callable[[], T], default: T) -> T:
        """A cell's value, or `default` with its problem kept, so that the row's other cells
        are still read (a sheet fixed in one go, not one problem per run)."""
        try:
            return step()
        except RowError as exc:
            self.problems.append(exc)
            return default

    def row_problems(self) -> list[RowError]:
        """The row's problems, but those of cells already said to be unread (UnreadCells)."""
        problems, self.problems = self.problems, []
        failed = {self.header(k) for p in problems if isinstance(p, UnreadCells) for k in p.failed}
        return [p for p in problems if isinstance(p, UnreadCells) or p.column not in failed]

    def header(self, key: str) -> str:
        return self.headers.get(key, COLUMNS[key][0])

    def needed(self, key: str, empty: str, because: str, otherwise: str = "") -> RowError:
        """A cell that the row's other cells make necessary: empty (the message `empty`), or in
        no column of the sheet, which is said on the column `because` whose value needs it."""
        if key in self.headers:
            return RowError(self.header(key), empty)
        return RowError(self.header(because), f"{NO_COLUMN}{self.header(key)}' column: add "
                        f"one ({FIELD_NAMES[key]}){otherwise}")

    def text(self, cells: dict[str, Any], key: str, required: bool = False) -> str | None:
        value = cells.get(key)
        if value is None:
            if required:
                raise RowError(self.header(key), "is empty")
            return None
        if key in REQUIRED_COLUMNS and none_mark(value):
            raise RowError(self.header(key), f"holds only '{str(value).strip()}', a mark for "
                           f"'none', but every item needs {FIELD_NAMES[key]}: write it (a row that "
                           "adds an answer to the question above leaves its type, topic and "
                           "question empty)")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def choice(self, cells: dict[str, Any], key: str, required: bool = False) -> str | None:
        if isinstance(cells.get(key), bool) and str(cells[key]).lower() in VALUES[key]:
            return str(cells[key]).lower()  # an Excel TRUE/FALSE (or tick box) cell
        value = self.text(cells, key, required)
        if value is None:
            return None
        found = VALUE_NAMES[key].get(folded_words(value))
        if found is None:
            words = ", ".join(words[0] for words in VALUES[key].values())
            # every accepted spelling is a choice ('Hộ KD' is told 'HKD'), not the first ones only
            spelt = {folded_words(w): w for ws in VALUES[key].values() for w in ws}
            hint = did_you_mean(folded_words(value), spelt, spelt.__getitem__)
            raise RowError(self.header(key), f"'{value}' is not one of: {words}{hint}")
        return found

    def ref(self, cells: dict[str, Any], key: str, registry: str) -> str | None:
        value = self.text(cells, key)
        if value is None:
            return None
        try:
            return self.match[registry].resolve(value, self.session.date, self.near)
        except MatchError as exc:
            raise RowError(self.header(key), str(exc)) from None

    def refs(self, cells: dict[str, Any], key: str, registry: str) -> list[str]:
        """Several names in one cell, split on ';' or new lines, then on ',' if that is needed."""
        value = self.text(cells, key)
        found: list[str] = []
        for part in filter(None, (p.strip() for p in re.split(LIST_SEPARATORS, value or ""))):
            if registry == "procedure" and DECIMAL_COMMA.fullmatch(part):
                part = part.replace(",", ".")  # a code as a number, from a ';' CSV: '2,00072'
            try:
                ids = [self.match[registry].resolve(part, self.session.date, self.near)]
            except MatchError as exc:
                try:
                    ids = [self.match[registry].resolve(p.strip(), self.session.date, self.near)
                           for p in part.split(",") if p.strip()]
                except MatchError:
                    raise RowError(self.header(key), str(exc)) from None
            found += [i for i in ids if i not in found]
        return found

    def place(self, cells: dict[str, Any]) -> str | None:
        """The asker's place, a ward or commune of the registry; a residential group written
        there ('Tổ dân phố Cẩm Nam') is said to be one, with where to write it: it was an unknown
        place, and no place of the registry could be it (FORMAT.md's stop at wards)."""
        try:
            return self.ref(cells, "place", "place")
        except RowError:
            value = self.text(cells, "place") or ""
            if not group_opening(value):
                raise
            group = self.headers.get("group", COLUMNS["group"][0])
            raise RowError(self.header("place"), (
                f"'{value}' is a residential group, and places stop at wards and communes: write "
                f"the ward or commune in '{self.header('place')}', and the group in "
                f"'{self.header('asker')}' ({VI['asker_kind'][self.default_kind]} "
                f"{group_phrase(value, group)}) or in a column '{group}' of its own")) from None

    def group(self, cells: dict[str, Any]) -> str | None:
        """The asker's residential group as a label says it mid-sentence, its kind from the
        column's name when the cell gives only its name ('Cẩm Nam' under 'Tổ dân phố')."""
        value = self.text(cells, "group")
        return group_phrase(value, self.header("group")) if value else None

    def date(self, cells: dict[str, Any], key: str) -> dt.date | None:
        """The day of a date column's cell (`day_of_cell`, as the sessions' days are read: a
        time beside it is left aside), or None for an empty one."""
        value = cells.get(key)
        if value is None:
            return None
        if isinstance(day := day_of_cell(value), dt.date):
            return day
        if key == "due" and (end := period_end(str(value))):  # 'Quý III/2025', as answers.yaml says
            raise RowError(self.header(key), f"'{value}' is a period: write its last day, "
                                             f"{end:%d/%m/%Y}")
        raise RowError(self.header(key), day)

    # --- items, answers, commitments ---------------------------------------------------

    def item(self, row: Row) -> dict[str, Any]:
        """The row's item; its problems, every one, are in `problems` (see `attempt`)."""
        cells = row.cells
        # the kind as written, else as the asker's name says ('Công ty …'), else the session's
        kind = self.attempt(lambda: self.choice(cells, "asker_kind"), None) or kind_named(
            self.text(cells, "asker")) or self.default_kind
        place = self.attempt(lambda: self.place(cells), None)
        where = in_sentence(self.archive.places[place].name) if place else ""  # 'phường Hòa Xuân'
        label = asker_label(self.text(cells, "asker"), VI["asker_kind"][kind], self.group(cells), where)
        label = label[:1].upper() + label[1:]  # it opens a line of the page: 'ẩn danh' as 'Ẩn danh'
        if cells.get("text") is None:
            self.problems.append(RowError(self.header("text"), "is empty: write the question (a row "
                                          "that adds an answer to the question above leaves its "
                                          "asker, type and topic empty)"))
        text = as_typed(self.attempt(lambda: self.text(cells, "text"), None) or "")
        consent = self.attempt(lambda: self.choice(cells, "consent"), None)
        item: dict[str, Any] = {
            "id": self._unique(_item_id(_first_words(text)), self.item_ids, "muc"),
            "type": self.attempt(lambda: self.choice(cells, "type", required=True), None),
            "asker": {"label": label, "kind": kind, **({"place": place} if place else {}),
                      # a full name is published only with the person's written consent
                      **({"named_with_consent": True} if consent == "true" else {})},
            "topics": self.attempt(lambda: self.refs(cells, "topics", "topic"), None),
        }
        if item["topics"] == []:
            self.problems.append(RowError(self.header("topics"), "is empty: every item needs at "
                                          "least one topic"))
        procedures = self.attempt(lambda: self.refs(cells, "procedures", "procedure"), [])
        if procedures:
            item["procedures"] = procedures
        if self.attempt(lambda: self.choice(cells, "in_scope"), None) == "false":
            item["in_scope"] = False
        item["text"] = text
        item["answers"] = []
        self.add_row(item, row)
        return item

    def add_row(self, item: dict[str, Any], row: Row) -> None:
        """The answer and the commitment one row holds, added to its item (problems: see item),
        or neither when the row has a problem: `--keep-valid` skips the row it names, and wrote
        half of a second answer's row (its commitment without its answer, or the reverse)."""
        said = len(self.problems)
        answer = self.attempt(lambda: self.answer(row.cells), None)
        commitment = self.attempt(lambda: self.commitment(row.cells, answer), None)
        if len(self.problems) > said:
            return
        if answer:
            item["answers"].append(answer)
        if commitment:
            item.setdefault("commitments", []).append(commitment)

    def answer(self, cells: dict[str, Any]) -> dict[str, Any] | None:
        """The row's answer, or None: no answer cell is filled, or one has a problem (every one is
        said, see `attempt`)."""
        filled = next((k for k in ANSWER_COLUMNS if cells.get(k) is not None), None)
        if filled is None:
            return None
        said = len(self.problems)
        by = self.attempt(lambda: self.ref(cells, "by", "agency"), None)
        if cells.get("by") is None:
            merged = (" (a CSV keeps the value of cells merged in Excel in their first row only: "
                      "fill it on each row, or import the .xlsx)" if self.text_table else "")
            self.problems.append(self.needed("by", f"is empty: say which agency answered{merged}",
                                             filled))
        referred_to = self.attempt(lambda: self.ref(cells, "referred_to", "agency"), None)
        if referred_to is not None and referred_to == by:
            self.problems.append(RowError(self.header("referred_to"), (
                f"names the agency that answers ('{self.header('by')}'): an agency does not refer "
                "a question to itself; write the agency it was sent to, or, if it answered "
                f"itself, empty '{self.header('referred_to')}'")))
        document = self.text(cells, "document")
        day = self.attempt(lambda: self._day_from_session(cells, "answer_date"), None)
        mode = self.attempt(lambda: self._mode(cells, document, day), None)
        text = self.text(cells, "answer_text")
        if dash_only(text):  # beside an agency, with nothing that stands for a text: see no_answer_text
            others = " and ".join(f"'{self.header(k)}'" for k in other_answer_cells(cells))
            self.problems.append(RowError(self.header("answer_text"), (
                f"holds only '{text}', which is no answer: write the answer's text, or, if the "
                f"question is not answered yet, empty {others} too")))
        elif not (text or document or cells.get("referred_to") is not None
                  or (mode is None and cells.get("mode") is not None)):  # whether a text is
            # needed hangs on the mode, whose own problem is said ('Chuyển' with no agency)
            self.problems.append(self.needed(
                "answer_text", "is empty: write the answer, or the number of the written reply in the "
                "document column", filled, ", or write the number of the written reply in "
                f"'{self.header('document')}'"))
        if len(self.problems) > said:
            return None
        answer: dict[str, Any] = {"by": by}
        official = self.text(cells, "official")
        if official:
            answer["official"] = official
        answer["mode"] = mode
        if mode == "referred":
            answer["referred_to"] = referred_to
        if day and day != self.session.date:
            answer["date"] = day
        if document:
            answer["document"] = document
        if text:
            answer["text"] = as_typed(text)
        return answer

    def _mode(self, cells: dict[str, Any], document: str | None, day: dt.date | None) -> str:
        """The answer's mode as written, or the one its other cells imply (also for a mode that
        says the opinion was explained, EXPLAINED, not how): in writing beside a document or a
        `day` after the session's (a 'Tiếp thu, giải trình' answered on 30/11 of a session of
        28/11 was published as on the spot); checked against the agency it was referred to (a
        cell written, whether or not its agency is known) and against that day: an answer given
        on the spot is given at the session."""
        referred = cells.get("referred_to") is not None
        later = day is not None and day > self.session.date
        taken = opinion_taken(str(cells["mode"])) if cells.get("mode") is not None else None
        if taken == "noted":
            raise RowError(self.header("mode"), (
                f"'{cells['mode']}' says that the opinion was noted, not how it was answered, and "
                "the site would show it answered at the session: write Trực tiếp if it was so "
                "answered, Bằng văn bản if a written answer follows (its number in "
                f"'{self.header('document')}'), or, if it is not answered yet, empty the answer's "
                f"cells (the site shows it so; a promise made goes in '{self.header('commitment')}')"))
        mode = (None if taken == "explained" else self.choice(cells, "mode")) or (
            "referred" if referred else "in_writing" if document or later else "on_the_spot")
        if mode == "on_the_spot" and later:
            raise RowError(self.header("mode"), (
                f"'{cells['mode']}' says the answer was given at the session "
                f"({self.session.date:%d/%m/%Y}), but '{self.header('answer_date')}' says "
                f"{day:%d/%m/%Y}: if it was answered after the session, write Bằng văn bản (or "
                f"empty '{self.header('mode')}'); if at the session, empty "
                f"'{self.header('answer_date')}'"))
        if mode == "referred" and not referred:
            raise self.needed("referred_to", "is empty: say which agency it was referred to", "mode",
                              f", or change '{self.header('mode')}'")
        if referred and mode != "referred":
            raise RowError(self.header("referred_to"), f"names an agency, but the answer's "
                           f"{self.header('mode')} says {cells.get('mode')}: an answer referred to "
                           "another agency has the mode 'Chuyển' (or leave the mode empty)")
        return mode

    def _day_from_session(self, cells: dict[str, Any], key: str) -> dt.date | None:
        """The day of a date column that cannot be before the session: an answer's, the day
        a commitment's work was done."""
        day = self.date(cells, key)
        if day and day < self.session.date:
            raise RowError(self.header(key), f"{day:%d/%m/%Y} is before the session "
                           f"({self.session.date:%d/%m/%Y})")
        return day

    def commitment(self, cells: dict[str, Any], answer: dict[str, Any] | None) -> dict[str, Any] | None:
        """The row's commitment, or None: none is written, or it has a problem (every one is
        said, see `attempt`)."""
        text = self.text(cells, "commitment")
        if text is None:
            filled = next((k for k in COMMITMENT_COLUMNS if cells.get(k) is not None), None)
            if filled:
                raise self.needed("commitment", "is empty but the row has a due date or status: "
                                  "write what was promised", filled,
                                  f", or leave '{self.header(filled)}' empty")
            return None
        said = len(self.problems)
        by = self.attempt(lambda: self.ref(cells, "commitment_by", "agency"), None)
        if cells.get("commitment_by") is None:  # the agency that answered
            by = (answer or {}).get("by")
            if by is None and cells.get("by") is not None:
                # the answer failed on one of its cells: its agency is still the row's, unless
                # that is what failed (the answer's own problem says so)
                with contextlib.suppress(RowError):
                    by = self.ref(cells, "by", "agency")
            elif by is None:
                answered = f", or name the agency that answered in '{self.headers['by']}'" \
                    if "by" in self.headers else ""
                self.problems.append(self.needed("commitment_by", "is empty: say which agency is "
                                                 "responsible", "commitment", answered))
        due = self.attempt(lambda: self.date(cells, "due"), None)
        if due and due < self.session.date:  # said here, in the sheet's words, beside the row's others
            self.problems.append(RowError(self.header("due"), (
                f"{due:%d/%m/%Y} is before the session ({self.session.date:%d/%m/%Y}), so the "
                "commitment would be overdue from the start: write the date it must be done by")))
            due = None
        status = self.attempt(lambda: self.choice(cells, "status"), None)  # None: see _settle_status
        done = self.attempt(lambda: self._day_from_session(cells, "done_date"), None)
        if done and status not in (None, "done"):
            self.problems.append(RowError(self.header("done_date"), "a day the work was done, but "
                                 f"'{self.header('status')}' says '{cells.get('status')}': empty one "
                                 "of them"))
        if len(self.problems) > said or by is None:
            return None
        commitment: dict[str, Any] = {"id": self._unique(_first_words(text), self.commitment_ids,
                                                         "cam-ket"), "by": by, "text": " ".join(text.split())}
        if due:
            commitment["due"] = due
        commitment["status"] = "done" if done else status
        if done:
            commitment["done"] = done  # see _settle_status
        return commitment

    @staticmethod
    def _unique(base: str, taken: set[str], fallback: str) -> str:
        base = base or fallback
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        return candidate


def group_phrase(value: str, column: str) -> str:
    """'Tổ dân phố Cẩm Nam' -> 'tổ dân phố Cẩm Nam', its kind lower-case as mid-sentence (its
    initials, 'TDP 12', as written); a name alone takes the kind its column names: 'Cẩm Nam'
    under 'Tổ dân phố' -> 'tổ dân phố Cẩm Nam', '12' under 'Thôn' -> 'thôn 12'."""
    words = value.split()
    if not group_opening(value):
        words = column.split()[:group_opening(column)] + words
    return group_in_sentence(" ".join(words))


KIND_WORDS = frozenset(folded_words(word) for word in VALUE_NAMES["asker_kind"])
"""The asker's kinds as offices write them ('Công dân', 'Cử tri', 'Người dân'), folded."""


def asker_label(written: str | None, kind: str, group: str | None, where: str) -> str:
    """The asker's label: as written, else the kind's word and the ward ('Công dân phường Hòa
    Xuân'), with the asker's residential group (`group`, mid-sentence) when the label does not
    name it already (its name, 'Cẩm Nam'; a group named by a number, whole: 'tổ dân phố 12'):
    after the kind's word ('Công dân tổ dân phố Cẩm Nam', and with no label written, before
    the ward: 'Công dân tổ dân phố Cẩm Nam, phường Hòa Xuân'), else after a comma ('Ông
    N.V.A., tổ dân phố Cẩm Nam'). FORMAT.md's places stop at wards: the label is where a
    group is said."""
    if not group:
        return written or " ".join(filter(None, [kind, where]))
    if not written:
        return ", ".join(filter(None, [f"{kind} {group}", where]))
    name = " ".join(group.split()[group_opening(group):])
    named = name if re.search(r"[^\W\d]", name) else group
    if re.search(rf"\b{re.escape(folded_words(named))}\b", folded_words(written)):
        return written
    return f"{written} {group}" if folded_words(written) in KIND_WORDS else f"{written}, {group}"


def _item_id(words: str) -> str:
    """Ids the session page keeps for its own parts (FORMAT.md) get a prefix."""
    taken = words in urls.SESSION_PAGE_ANCHORS or words.startswith(urls.COMMITMENT_ANCHOR_PREFIX)
    return f"y-kien-{words}" if taken else words


def _first_words(text: str) -> str:
    """The id made from a text's first words, without the personal data and names the text
    holds (the text's own problem is reported; an id repeating it was reported again, as an id
    the press office never typed)."""
    words = without_personal_words(text).split()[:ITEM_ID_WORDS]
    return slugify(" ".join(words), max_length=50, word_boundary=True)


# --- the import ---------------------------------------------------------------------------


def session_folder(path: Path) -> Path:
    """The session folder a `--session` argument names: the folder, or its index.md or
    answers.yaml (what a file manager's 'copy path' gives when a file is selected)."""
    if path.is_file() and path.name in {"index.md", "answers.yaml"}:
        return path.parent
    if path.is_file():
        raise SheetError(f"{path}: this is a file; give the session folder (the folder that "
                         "holds index.md)")
    return path


def session_of(folder: Path, build_date: dt.date | str | None = None) -> tuple[Archive, Session]:
    """The archive around a session folder (content/sessions/<year>/<id>) and that session;
    `build_date`: the one the site's mkdocs.yml fixes, if any."""
    folder = folder.resolve()
    if not (folder / "index.md").is_file():
        raise SheetError(f"{folder}: not a session folder (no index.md); create one with "
                         f"{command()} new")
    root = folder.parent.parent.parent
    if folder.parent.parent.name != "sessions":
        raise SheetError(f"{folder}: a session folder lives in <content>/sessions/<year>/<id>/")
    try:  # the day the build checks dates against: an import must not write past it
        today = fixed_build_date(build_date)
    except ValueError as exc:
        raise SheetError(str(exc)) from None
    archive, log = load_archive(root, today, include_drafts=True)
    shared = [str(p) for p in log.errors if "sessions" not in Path(p.path).parts]
    if shared:  # every row would be blamed for a registry that cannot be read
        raise SheetError("the registries or redaction rules have problems; fix them first:\n"
                         + "\n".join(shared))
    session = next((s for s in archive.sessions if s.folder.resolve() == folder), None)
    if session is None or session.salvaged:  # its date, kind and place are not known for sure
        problems = [str(p) for p in log.errors if folder.name in p.path]
        raise SheetError("the session's index.md has problems; fix them first:\n" + "\n".join(problems))
    return archive, session


def import_sheet(sheet: Path, folder: Path, keep_valid: bool = False, force: bool = False,
                 worksheet: str | None = None, build_date: dt.date | str | None = None
                 ) -> ImportReport:
    """Read `sheet` (its `worksheet`, when named) into the session's answers.yaml (see the
    module docstring); `build_date`: the one the site's mkdocs.yml fixes, if any."""
    archive, session = session_of(folder, build_date)
    target = session.folder / "answers.yaml"
    report = ImportReport(sheet=sheet.name, target=target)
    # The sheet first: a folder, a damaged file or one without a header was told to add
    # --force, and only then what was wrong with it (a press office's find).
    table = read_table(sheet, report.notes, report.warnings, worksheet)
    rows, report.sheet = table.rows, table.where
    header, columns, unknown = find_header(rows, report.sheet)
    # a name on two lines of its cell (Alt+Enter) is one name: messages give it on one line
    rows[header] = [" ".join(name.split()) if isinstance(name, str) else name for name in rows[header]]
    filled, previous = _replaced_record(target)
    if filled and not force:
        raise SheetError(f"{target} already has items; add --force to replace it with the sheet "
                         f"({FORCE_KEEPS})")
    if previous is None:
        raise SheetError(f"{target} cannot be read as YAML items, so the import could not keep its "
                         f"published ids, aliases and commitments' updates: fix it first ({command()} "
                         "validate shows where), or move it away to start afresh")
    end = table_end(rows, header)
    if end < len(rows):
        report.notes.append(f"info: {report.sheet}: row {end + 1} and below are read as the signature "
                            f"block ('{next(v for v in rows[end] if v is not None)}'), not as questions")
        rows = table.rows = rows[:end]
    report.merges = table.spans
    session_days = _check_session_dates(table, header, columns, unknown, session.date)
    column_named = column_names(rows[header], columns)
    _check_month_first(rows, header, columns, column_named, report.sheet)
    names: dict[str, str] = {}
    for i, name in column_named.items():
        names.setdefault(columns[i], name)
        report.columns.setdefault(name, i)
    for i, name in session_days.items():  # its cells' problems, in their place on the row
        report.columns.setdefault(name, i)
    _report_columns(rows, header, columns, [i for i in unknown if i not in session_days], report)
    _check_cells_without_header(rows, header, columns, report)
    for i, name in session_days.items():  # not "delete it": it keeps other sessions' rows out
        report.notes.append(f"info: {report.sheet}: column '{name}' ({column_letter(i)}) is read "
                            f"as the sessions' days: its rows are this session's "
                            f"({session.date:%d/%m/%Y}); it is not imported otherwise")
    reader = RowReader(archive, session, names, text_table=sheet.suffix.lower() in TEXT_TABLES)
    first_rows, unread = _items_from_rows(
        _undated(table_rows(table, header, columns, column_named, report.notes), table, session_days),
        reader, report)
    if previous:
        rows_of = [first_rows.get(item["id"]) for item in report.items]
        _keep_published_ids(report.items, previous, report)
        first_rows = {item["id"]: row for item, row in zip(report.items, rows_of, strict=True) if row}
    for item in report.items:
        for commitment in item.get("commitments", []):
            _settle_status(commitment, archive.build_date, report)
    report.items = [item for item in report.items if _valid(item, report, first_rows.get(item["id"]))]
    report.items = _publishable(report.items, first_rows, archive, session, reader, report)
    _report_personal_data(unread, reader, report)
    if report.errors and keep_valid and previous:  # a re-import: what it would take away
        written = {item["id"] for item in report.items}
        report.held_back = [str(item["id"]) for item in previous if str(item["id"]) not in written]
    if (report.errors and not (keep_valid and report.items)) or report.held_back:
        return report
    if filled and not report.items and not report.errors:  # an empty template, with --force
        raise SheetError(f"{report.sheet}: the table has no question under its header (row "
                         f"{header + 1}), and {target.name} has items: nothing was written, since "
                         "it would have emptied the session; import the sheet that holds them")
    target.write_text(dump_items(report.items), encoding="utf-8")
    report.written = True
    return report


def _items_from_rows(rows: Iterable[Row], reader: RowReader, report: ImportReport
                     ) -> tuple[dict[str, int], list[Row]]:
    """The table's rows grouped into items (in `report.items`, with every row's problems): a
    row opens an item, or adds an answer or commitment to the one above. Returns each item's
    first row, by its id, and the rows not imported, whose texts are checked on their own."""
    current: dict[str, Any] | None = None
    current_row = 0
    question: tuple[str, str] | None = None  # STT and words of the question on current_row
    first_rows: dict[str, int] = {}  # item id -> the row its question is on
    unread: list[Row] = []  # rows not imported: _publishable never sees their texts
    for row in rows:
        # The same STT and question (or none) again: another agency's answer, on a row of its
        # own instead of merged cells.
        continues = row.continues or (question is not None and _repeats(row.cells, question))
        reader.problems += row.problems
        if continues:
            if not current_row:
                reader.problems.append(RowError(reader.header("text"), "is empty"))
            elif not row.problems:  # under a question that failed: only the row's own problems
                reader.add_row(current if current is not None else {"answers": []}, row)
        else:
            number = _number(row.cells.get("number"))
            if question is not None and number and number == question[0]:
                report.warnings.append(
                    f"warning: {report.sheet}:row {row.number}: STT {number} again, with another "
                    f"question than row {current_row}: imported as an item of its own; if it is "
                    "the same question, write it the same or leave it empty, else number it anew")
            current_row = row.number
            question = (number, _words(row.cells.get("text")))
            current = reader.item(row)
        problems = reader.row_problems()
        for exc in problems:
            if not (isinstance(exc, UnreadCells) and exc.said_elsewhere):
                report.error(row.number, exc.column, str(exc))
        if problems or current is None:  # texts that no item holds: checked on their own
            unread.append(row)
        if not continues:
            if problems:
                current = None
            else:
                report.items.append(current)
                first_rows[current["id"]] = row.number
    return first_rows, unread


def _number(value: Any) -> str:
    """An STT as written: 1, 1.0 (Excel) and '1' are one number."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def _repeats(cells: dict[str, Any], question: tuple[str, str]) -> bool:
    """Whether a row repeats the STT of the question above, with the same question or none."""
    number = _number(cells.get("number"))
    return bool(number) and number == question[0] and (
        cells.get("text") is None or _words(cells["text"]) == question[1])


SHOWN_ROWS = 10
"""Rows a message lists before '…'."""


def listed_rows(rows: Sequence[object]) -> str:
    """The first SHOWN_ROWS of `rows` (numbers, or ranges as `Table.rows_listed` gives them)."""
    return ", ".join(map(str, rows[:SHOWN_ROWS])) + (", …" if len(rows) > SHOWN_ROWS else "")


SHOWN_CELLS = 3
"""Cells a column's message shows, each with what is wrong with it, before saying how many more."""


def _check_month_first(rows: list[list[Any]], header: int, columns: dict[int, str],
                       names: dict[int, str], where: str) -> None:
    """The imported columns of dates (DATE_COLUMNS) that seem written month first
    (`_month_first`): refused, each named."""
    problems = [problem for i, key in columns.items() if key in DATE_COLUMNS
                and (problem := _month_first(rows, header, i, names[i], where))]
    if problems:
        raise SheetError("\n".join(problems))


def _month_first(rows: list[list[Any]], header: int, i: int, name: str, where: str) -> str | None:
    """The message for the column `i` (named `name`) of dates with one that is a day only when
    read month first ('6/13/2024', as US software writes dates), and none that is one only when
    read day first: its other dates ('7/6/2024') would be read day first, some of them wrongly
    and in silence; which way each was meant is not guessed, day/month/year is asked for. None
    for a column of dates written day first, in which such a cell is a slip of its own, said on
    its row ('not a day of the calendar'): one with a text that is a day only read day first,
    or with an Excel date cell of a day over 12 (typed '20/6/2024' in an Excel reading dates day
    first, which left '6/13/2024' a text; an Excel reading them month first would have made that
    one a date too). A date cell of a day up to 12 tells nothing: the same Excel made '7/6/2024',
    meant 6 July by a writer typing month first, the date cell 7 June. A cell's date in numbers
    is read alone or beside its words and time (numbers_date: 'Sáng 11/20/2026', '6/13/2027
    17:00'), as its day is."""
    below = rows[header + 1:]
    texts = [(n, row[i].strip(), date) for n, row in enumerate(below, header + 2)
             if i < len(row) and (date := numbers_date(row[i])) is not None]
    month_first = [(n, text, day) for n, text, date in texts if written_day(date) is None
                   and (day := month_first_day(date)) is not None]
    if not month_first or any(month_first_day(date) is None and written_day(date) is not None
                              for *_, date in texts) \
            or any(i < len(row) and isinstance(row[i], dt.date) and row[i].day > 12 for row in below):
        return None
    n, text, day = month_first[0]
    both = next(((m, other, read) for m, other, date in texts if (read := written_day(date))
                 and month_first_day(date) not in (None, read)), None)
    example = f" ('{both[1]}' on row {both[0]} as {both[2]:%d/%m/%Y})" if both else ""
    return (f"{where}:row {n}: column '{name}': '{text}' is a day only when read month first "
            f"({day:%d/%m/%Y}), so the dates of this column seem to be written month/day/year, as "
            "US software writes them, and nothing was read: the others would be taken day first, "
            f"as Vietnam writes them{example}. Write the column's dates day/month/year "
            f"({day:%d/%m/%Y} for this one), then import again")


def _check_session_dates(table: Table, header: int, columns: dict[int, str], unknown: list[int],
                         day: dt.date) -> dict[int, str]:
    """A column the sheet does not import whose cells are mostly dates (day_of_cell: 'Sáng
    20/11/2026' too), some of them not the session's `day`: a year's summary sheet with a column
    of session dates ('Ngày đối thoại'), whose every row was imported into this one session.
    Refused, with the rows of other days: filtering the sheet hides them (hidden rows are not
    read). Only a column named for sessions: a column of other dates ('Ngày nhận đơn', 'Ngày
    hoàn thành') holds the session's day too. A column written month first is refused as an
    imported one is (`_month_first`): its dates read day first were other days, or none, and a
    sheet of none passed as this session's. 'Mostly' counts rows: a date merged beside ten
    questions dates each of them. Returns the columns of sessions' days whose every date is the
    session's (column index -> its header): a cell of theirs that is no day is its row's
    problem (`_undated`). A column whose name says it holds the sessions' days
    (DAY_HEADING_PHRASE: 'Ngày đối thoại') is one even when its cells are mostly no day: refused,
    naming them (`_unread_session_days`); they were a form of day not read yet
    ('46346.3541666667', '20/11/2026 8:30 SA'), and the column, skipped as unknown, let every row,
    other sessions' too, into this one. Cells merged over several rows are listed once, with
    their range (Table.rows_listed)."""
    rows, where = table.rows, table.where
    session_days: dict[int, str] = {}
    named = {i: name for i in unknown if SESSION_PHRASE.search(name := header_words(rows[header][i]))}
    plain = _plain_rows(rows, header, columns) if named else []
    for i, name in named.items():
        if problem := _month_first(rows, header, i, str(rows[header][i]), where):
            raise SheetError(problem)
        filled = _column_cells(plain, i)
        days = {n: found for n, value in filled if isinstance(found := day_of_cell(value), dt.date)}
        other = [n for n, found in days.items() if found != day]
        if 2 * len(days) < len(filled):
            if DAY_HEADING_PHRASE.search(name):
                raise SheetError(_unread_session_days(filled, str(rows[header][i]), i, table))
            continue
        if not other:
            session_days[i] = str(rows[header][i])
            continue
        other_rows = table.rows_listed((n, i) for n in other)
        listed = listed_rows(other_rows)
        raise SheetError(
            f"{where}: column '{rows[header][i]}' ({column_letter(i)}) holds dates, and row(s) "
            f"{listed} are of another day than this session's ({day:%d/%m/%Y}): they would be "
            "imported into this session as its questions, so nothing was written. Filter the "
            "sheet to this session's rows (Excel: Data > Filter on that column; rows a filter "
            "hides are not read) and import again, or keep each session in a worksheet of its "
            "own (--sheet reads one)")
    return session_days


def _unread_session_days(filled: list[tuple[int, Any]], name: str, i: int, table: Table) -> str:
    """The message for the column `i` (named `name`) of sessions' days of `table` whose `filled`
    cells (row number, value) are mostly no day: the first of them, each with why, on a line
    naming its row and column; merged cells once, on their first row, naming their range (they
    were listed on each row they cover)."""
    where = table.where
    reasons = {n: why for n, value in filled if isinstance(why := day_of_cell(value), str)}
    unread = table.by_merge((n, i) for n in reasons)
    lines = []
    for cells in unread[:SHOWN_CELLS]:
        n = cells[0][0]
        merged = table.merged_ranges(cells[:1]) if len(cells) > 1 else ""
        lines.append(f"{where}:row {n}: column '{name}': {reasons[n]}{merged}")
    more = [f"… and {len(unread) - SHOWN_CELLS} more"] if len(unread) > SHOWN_CELLS else []
    return "\n".join([
        f"{where}: column '{name}' ({column_letter(i)}) names the sessions' days, and {len(reasons)} "
        f"of its {len(filled)} filled row(s) hold no day that can be read, so which session each "
        "row is of cannot be told and nothing was written. Write each day as day/month/year "
        "(20/11/2026), alone or beside the part of the day, the weekday or the time (Sáng, Thứ "
        "Sáu, 8h00), and import again; if the column holds no sessions' days, rename it:",
        *lines, *more])


def _undated(rows: Iterable[Row], table: Table, session_days: dict[int, str]) -> Iterator[Row]:
    """`rows`, each with a problem for its cell of a column of sessions' days (`session_days`,
    see _check_session_dates) that holds no day (day_of_cell: '12/15/2026' among '20/11/2026's,
    '31/11/2026', 'Thứ Năm, 20/11/2026', a Friday): which session the row is of cannot be told,
    and it was imported into this one in silence. Merged over several rows (a session's day
    written once beside its questions), it is said once, on the merge's first row
    (Table.said_at); none of those rows is imported."""
    for row in rows:
        cells = table.rows[row.number - 1]
        for i, name in session_days.items():
            value = cells[i] if i < len(cells) else None
            if value is not None and isinstance(why := day_of_cell(value), str):
                row.problems.append(UnreadCells(
                    set(), name, f"{why} (this column says which session the row is of)"
                    f"{table.merged_ranges([(row.number, i)])}",
                    said_elsewhere=table.said_at(row.number, i, [i]) != (row.number, i)))
        yield row


def _report_columns(rows: list[list[Any]], header: int, columns: dict[int, str], unknown: list[int],
                    report: ImportReport) -> None:
    """Say which columns are not imported, loudly when they hold data (a misnamed 'Trả lời'
    column would lose every answer), and which columns are read together."""
    names = rows[header]
    quiet = {folded_words(name) for name in NOT_FOR_THE_SITE}
    no_field = {folded_words(name): what for what, known in NO_FIELD.items() for name in known}
    ignored, private = [], []
    plain = _plain_rows(rows, header, columns) if unknown else []
    for i in unknown:
        filled = len(_column_cells(plain, i))
        if is_personal(names[i]):
            private.append(str(names[i]))
            continue
        if what := no_field.get(folded_words(names[i])):
            report.notes.append(f"info: {report.sheet}: column '{names[i]}' ({column_letter(i)}) "
                                f"holds {what}, which the format has no field for: not imported")
            continue
        if not filled or folded_words(names[i]) in quiet:
            ignored.append(str(names[i]))
            continue
        close = resembled(str(names[i]), columns.values())
        hint = (f"did you mean '{close[1]}' ({FIELD_NAMES[close[0]]})? Rename the column, or delete "
                "it if it is not for the site" if close else "rename it to a column name of the "
                "README if it is for the site, or delete it")
        report.warnings.append(f"warning: {report.sheet}: column '{names[i]}' "
                               f"({column_letter(i)}) is not a known column and is not imported, "
                               f"though {filled} row(s) fill it: {hint}")
    if ignored:
        report.notes.append(f"info: {report.sheet}: column(s) not imported: {', '.join(ignored)}")
    if private:
        report.notes.append(f"info: {report.sheet}: column(s) of citizens' personal data, never "
                            f"imported nor published: {', '.join(private)}")
    for key in dict.fromkeys(columns.values()):
        same = [f"'{names[i]}' ({column_letter(i)})" for i, k in columns.items() if k == key]
        if len(same) > 1:
            how = ("their texts are joined, one paragraph each" if key in JOINED_COLUMNS
                   else "a row may fill one of them, or both alike")
            both = "both" if len(same) == 2 else "all"
            report.notes.append(f"info: {report.sheet}: columns {' and '.join(same)} are {both} read "
                                f"as {FIELD_NAMES[key]}: {how}")


def _check_cells_without_header(rows: list[list[Any]], header: int, columns: dict[int, str],
                                report: ImportReport) -> None:
    """Cells no header names were dropped without a word. In a CSV, a row longer than its
    header is a text holding a comma without quotes: the words after the comma fell into cells
    past the header, and an answer was published cut short (an error of that row). A column
    without a name that rows fill is said as an unknown column is."""
    names = rows[header]
    plain = _plain_rows(rows, header, columns)
    for number, row in plain:
        if len(row) <= len(names):
            continue
        if extra := [v for v in row[len(names):] if v is not None]:
            report.error(number, None, f"the row has {len(row)} cells, its header {len(names)}: "
                         f"'{str(extra[0])[:40]}' is under no column. A text holding a comma must be "
                         "in double quotes (\"…, …\"), or what follows the comma moves into the next "
                         "columns; fix the row, then import again")
        else:  # the overflow fell in empty cells: every cell after the comma moved one column on
            report.error(number, None, f"the row has {len(row)} cells, its header {len(names)}: a "
                         "text holding a comma without double quotes moved the cells after it into "
                         "the next columns (an answer cut short, its end read as another column), or "
                         "the row ends with a comma too many. Put a text holding a comma in double "
                         "quotes (\"…, …\"), or remove the comma at the row's end; then import again")
    for i, name in enumerate(names):
        if name is None and (filled := _column_cells(plain, i)):
            report.warnings.append(f"warning: {report.sheet}: column {column_letter(i)} has no name "
                                   f"in the header row, though {len(filled)} row(s) fill it: not "
                                   "imported; give it a column name of the README if it is for "
                                   "the site, or delete it")


def _publishable(items: list[dict[str, Any]], first_rows: dict[str, int], archive: Archive,
                 session: Session, reader: RowReader, report: ImportReport) -> list[dict[str, Any]]:
    """The items `validate` would accept once written; the others' problems are reported on
    the row of their question (personal data, say: the sheet keeps it, the site must not),
    in the sheet's words: the column, not the answers.yaml key."""
    if not items:
        return items
    text = dump_items(items)
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.startswith("  - id: ")]
    refused: set[int] = set()
    for problem in check_answers(text, session, archive):
        index = max((i for i, start in enumerate(starts) if start <= problem.line), default=0)
        refused.add(index)
        row = first_rows.get(items[index]["id"])
        column = _column_at(lines, problem.line)
        message = problem.message.removeprefix("asker.label ").replace(
            CONSENT_WHERE, f"the column '{reader.header('asker')}', with Có in the column "
            f"'{reader.header('consent')}'")
        message = YAML_PLACE.sub("", message).replace(
            CONSENT_ADVICE, f"write Có in the column '{reader.header('consent')}'")
        report.error(row, reader.header(column) if column else None, message)
    return [item for i, item in enumerate(items) if i not in refused]


FREE_TEXT_COLUMNS = ("text", "answer_text", "commitment")
"""Cells where a citizen's full name is personal data (an official's is named in the role)."""


def _report_personal_data(rows: list[Row], reader: RowReader, report: ImportReport) -> None:
    """Personal data in rows that were not imported (a cell could not be read), which
    `_publishable` never sees: one run reports everything the sheet needs fixed."""
    if not rows:
        return
    officials = session_officials(reader.session.meta.model_dump(), reader.session.body)
    consent_advice = f"write Có in the column '{reader.header('consent')}'"
    for row in rows:
        try:
            consent = reader.choice(row.cells, "consent") == "true"
        except RowError:  # already reported
            consent = False
        for key, value in row.cells.items():
            if none_mark(value):  # in a required column: reported as such
                continue
            text = reader.text(row.cells, key) if isinstance(value, str | int) else None
            if not text:
                continue
            messages = text_messages(text, "this cell", officials if key in FREE_TEXT_COLUMNS else None)
            name = find_full_name(text) if key == "asker" and not consent else None
            if name:
                messages.append(label_message(name, consent_advice))
            for message in messages:
                report.error(row.number, reader.header(key), message)


YAML_KEY = re.compile(r"\s*(?:- )?([a-z_]+):")
YAML_PLACE = re.compile(r" in (?:items|asker|answers|commitments)[\w.]*")
"""Where in answers.yaml a text is ('in items.answers.text'): the column says it instead."""
ITEM_KEYS = {"label": "asker", "kind": "asker_kind", "place": "place", "type": "type",
             "topics": "topics", "procedures": "procedures", "text": "text", "in_scope": "in_scope",
             "named_with_consent": "consent"}
PART_KEYS = {
    "answers": {"by": "by", "official": "official", "mode": "mode", "referred_to": "referred_to",
                "document": "document", "date": "answer_date", "text": "answer_text"},
    "commitments": {"by": "commitment_by", "text": "commitment", "due": "due", "status": "status"},
}


def _column_at(lines: list[str], number: int) -> str | None:
    """The sheet column a line of the written answers.yaml comes from (None: no one column)."""
    key = None
    while 0 < number <= len(lines) and key is None:  # a line inside a text: its key is above
        key = YAML_KEY.match(lines[number - 1])
        number -= 1
    if key is None:
        return None
    for line in reversed(lines[:number]):
        part = re.match(r"    (answers|commitments):", line)
        if part:
            return PART_KEYS[part[1]].get(key[1])
        if line.startswith("  - id: ") or line.startswith("    asker:"):
            break
    return ITEM_KEYS.get(key[1])


FORCE_KEEPS = ("an item keeps its id, aliases and its commitments' ids and updates when a row has "
               "the same question, or a similar one at the same place (a status the sheet changes "
               "is added as an update dated the build's day, build_date or today); everything "
               "else typed into answers.yaml by hand is replaced by the sheet")
"""What --force keeps of the answers.yaml it replaces (FORMAT.md: published ids never change)."""
SAME_PLACE_LIKENESS = 0.6
"""How alike a question must be to the one at its place in the old answers.yaml to keep its id
(a question that contains the old one, or is contained in it, is alike enough)."""
MOVED_LIKENESS = 0.85
"""... and to a question elsewhere in it (a row inserted above moves every row down)."""


def _replaced_record(path: Path) -> tuple[bool, list[dict[str, Any]] | None]:
    """Of the answers.yaml an import replaces: whether it holds anything (something that cannot
    be read counts: what someone typed is not overwritten without --force), and its items (None
    if it cannot be read: their ids would be lost)."""
    if not path.exists():
        return False, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return True, None
    if data is None:
        return False, []
    if not isinstance(data, dict):
        return True, None
    items = data.get("items")
    return bool(items), [i for i in items if isinstance(i, dict) and i.get("id")] \
        if isinstance(items, list) else []


def _words(text: Any) -> str:
    return " ".join(folded_words(str(text or "")).split())


def _pairs(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> dict[int, int]:
    """new index -> old index of the same text, or of a similar text at the same place (or a
    very similar one elsewhere)."""
    pairs: dict[int, int] = {}
    same: dict[str, int] = {}
    for j, before in enumerate(old):
        same.setdefault(_words(before.get("text")), j)
    for i, item in enumerate(new):
        j = same.get(_words(item.get("text")))
        if j is not None and j not in pairs.values():
            pairs[i] = j

    def alike(i: int, j: int) -> float:
        a, b = _words(new[i].get("text")), _words(old[j].get("text"))
        if a and b and (a in b or b in a):
            return max(SAME_PLACE_LIKENESS, _likeness(a, b))
        return _likeness(a, b)

    for i in range(min(len(new), len(old))):
        if i not in pairs and i not in pairs.values() and alike(i, i) >= SAME_PLACE_LIKENESS:
            pairs[i] = i
    for i in range(len(new)):
        free = [j for j in range(len(old)) if j not in pairs.values()]
        if i not in pairs and free:
            j = max(free, key=lambda j: alike(i, j))
            if alike(i, j) >= MOVED_LIKENESS:
                pairs[i] = j
    return pairs


def _keep_published_ids(items: list[dict[str, Any]], old: list[dict[str, Any]],
                        report: ImportReport) -> None:
    """Published ids never change (FORMAT.md): a re-imported item keeps the id of the item it
    replaces, with its aliases, and its commitments keep their ids and updates; the ids that
    disappear are reported."""
    pairs = _pairs(items, old)
    unpaired = {str(before["id"]): j for j, before in enumerate(old) if j not in pairs.values()}
    for i, item in enumerate(items):  # a question rewritten but for the words of its id
        if i not in pairs and item["id"] in unpaired:
            pairs[i] = unpaired.pop(item["id"])
    kept = {str(old[j]["id"]) for j in pairs.values()}
    kept_commitments: set[str] = set()
    for i, j in pairs.items():
        items[i]["id"] = str(old[j]["id"])
        if old[j].get("aliases"):
            items[i]["aliases"] = old[j]["aliases"]
        before = [c for c in old[j].get("commitments") or [] if isinstance(c, dict) and c.get("id")]
        paired = _commitment_pairs(items[i].get("commitments", []), before)
        for n, m in paired.items():
            commitment = items[i]["commitments"][n]
            commitment["id"] = str(before[m]["id"])
            commitment["kept"] = True
            kept_commitments.add(commitment["id"])
            if before[m].get("updates"):
                commitment["updates"] = before[m]["updates"]
            if isinstance(before[m].get("status"), str):
                commitment["was"] = before[m]["status"]  # see _settle_status
        lost = [str(c["id"]) for m, c in enumerate(before) if m not in paired.values()]
        if lost:
            report.effects.append(
                f"warning: {report.sheet}: no commitment of the sheet's item {items[i]['id']} "
                f"matches {', '.join(lost)} in {report.target.name}: its id and the updates "
                "recorded under it disappear. If a row is that commitment reworded, give it the "
                "same agency, or copy its id and updates back after the import")
    for i, item in enumerate(items):  # the new ids, unique beside the kept ones
        if i not in pairs:
            item["id"] = RowReader._unique(item["id"], kept, "muc")
        for commitment in item.get("commitments", []):
            if not commitment.pop("kept", False):
                commitment["id"] = RowReader._unique(commitment["id"], kept_commitments, "cam-ket")
    gone = [str(item["id"]) for item in old if str(item["id"]) not in kept]
    if gone:
        report.effects.append(
            f"warning: {report.sheet}: no row of the sheet matches the item(s) {', '.join(gone)} of "
            f"{report.target.name}: their ids disappear, and links to them (#{gone[0]}) stop "
            "working. If a row is one of them with its question rewritten, add "
            f"'aliases: [{gone[0]}]' to its item in {report.target.name} after the import")


def _commitment_pairs(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> dict[int, int]:
    """`_pairs` for an item's commitments; then a commitment reworded in the sheet keeps its id
    and updates when it is the only one left of its agency on both sides (an item has few)."""
    pairs = _pairs(new, old)
    for agency in dict.fromkeys(c.get("by") for c in new):
        left_new = [n for n, c in enumerate(new) if n not in pairs and c.get("by") == agency]
        left_old = [m for m, c in enumerate(old) if m not in pairs.values() and c.get("by") == agency]
        if len(left_new) == len(left_old) == 1:
            pairs[left_new[0]] = left_old[0]
    return pairs


def _settle_status(commitment: dict[str, Any], today: dt.date, report: ImportReport) -> None:
    """The status of the sheet, in agreement with answers.yaml's, which the sheet may not know
    (updates typed there; the sheet has no column for them): a status that differs from the
    last update's, or from the commitment's own when no update gives one, is added as an update
    dated `today`, and said (an old sheet imported again would otherwise undo a later update
    silently); an empty cell keeps answers.yaml's status, and means pending for a new commitment."""
    updates = commitment.get("updates") or []
    was = commitment.pop("was", None)
    done = commitment.pop("done", None)
    last = next((u["status"] for u in reversed(updates) if isinstance(u, dict) and u.get("status")),
                was)
    given = commitment["status"]
    latest = updates[-1].get("date") if updates and isinstance(updates[-1], dict) else None
    if done and (not isinstance(latest, dt.date) or done >= latest) and not any(
            isinstance(u, dict) and u.get("status") == "done" for u in updates):
        # the day the sheet says the work was done dates it: the statistics judge it on time or
        # late (without it, "done, no day given")
        commitment["status"], commitment["updates"] = "done", [*updates, {"date": done, "status": "done"}]
        if last not in (None, "done"):
            report.effects.append(f"warning: {report.sheet}: commitment '{commitment['id']}' was "
                                  f"{_status_named(last)} in {report.target.name} and is "
                                  f"{_status_named('done')} in the sheet, on {done:%d/%m/%Y}: an "
                                  "update of that day records it")
    elif given is None or last is None:
        commitment["status"] = given or last or "pending"
    elif given != last:
        day = max(today, latest) if isinstance(latest, dt.date) else today  # updates are oldest first
        commitment["updates"] = [*updates, {"date": day, "status": given}]
        due = commitment.get("due")
        late = (f" (after the due date, {due:%d/%m/%Y}: the site shows it "
                f"'{VI['deadline_outcome']['late']}')"
                if given == "done" and isinstance(due, dt.date) and day > due else "")
        report.effects.append(
            f"warning: {report.sheet}: commitment '{commitment['id']}' was {_status_named(last)} in "
            f"{report.target.name} and is {_status_named(given)} in the sheet: an update dated "
            f"{day:%d/%m/%Y}"
            f"{late} records the change; if the work was done earlier, correct the update's "
            f"date in {report.target.name}; if the sheet is the older one, set its cell to the "
            f"status in {report.target.name}, or leave it empty")


def _status_named(status: str) -> str:
    """'in_progress (Đang thực hiện)': the code answers.yaml holds, and the words the sheet and
    the site use for it, which the press office knows it by."""
    return f"{status} ({VI['commitment_status'].get(status, status)})"


def _valid(item: dict[str, Any], report: ImportReport, row: int | None) -> bool:
    """The format's own rules, as a last check on what the reader produced; `row`: where the
    item's question is."""
    try:
        Item.model_validate(item)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = ".".join(str(p) for p in error["loc"])
            message = str(error["msg"]).removeprefix("Value error, ")
            report.error(row, None, f"item '{item['id']}': {where}: {message}")
        return False
    return True
