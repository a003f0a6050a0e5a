"""Typed content model of FORMAT.md: registries, session front matter and answers.yaml.

Models check shapes, enums and single-record rules; references between records are
checked by `loader`, which knows the whole archive.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Set
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .vietnamese import fold

ID_PATTERN = re.compile(r"^[a-z0-9-]*[a-z0-9][a-z0-9-]*\Z")
"""FORMAT.md's alphabet: lower-case ASCII letters, digits and '-' (at least one letter or digit)."""
SESSION_ID_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-[a-z0-9-]*[a-z0-9][a-z0-9-]*\Z")
TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)\Z")
"""HH:MM in 24-hour form; the hour may have one digit (`8:00`), as people write it."""
TIMEZONE = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")
"""Vietnam has kept UTC+7 without daylight saving since 1975."""


NOT_AN_ID_MESSAGE = ("'{value}' is not a valid id: use lower-case ASCII letters, digits and '-' "
                     "(e.g. 'phong-tu-phap')")
"""The loader recognises this message to tell, when a name was written, which id it has."""


ID_MAX = 100
"""An id is part of file names and addresses: a file system refuses a name over 255 bytes."""


SALVAGING = "salvaging"
"""Validation context of loader.salvaged: an id written wrong (a name typed for it, `by: UBND
quận Cẩm Lệ`) is kept as written, so that the answer, commitment, item or front matter it is
required in is still made for the checks of its other keys (its dates); its own problem was
said by the validation before, and the loader's checks skip what `is_id` refuses. A day
written day first (`25/11/2025`) is read as meant, for the checks of its list's other entries."""


def is_id(value: str) -> bool:
    """Whether `value` is an id FORMAT.md allows."""
    return bool(ID_PATTERN.match(value)) and len(value) <= ID_MAX


def shown(text: str) -> str:
    """`text` as a message quotes it: a line break as '\\n', an invisible character as its code
    ('\\u200b', '\\xa0'), which the writer would otherwise not see in the message either."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def clipped(text: str, limit: int = 60) -> str:
    """`text` as shown(), cut after `limit` characters: a message quoting a pasted page or a
    picture's data address whole would be a line of thousands of characters."""
    text = shown(text)
    return f"{text[:limit]}…" if len(text) > limit else text


def described(value: Any) -> str:
    """A value as a message names it: a list or a mapping by its kind, not as Python prints it."""
    if isinstance(value, dict):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if isinstance(value, bool):  # as YAML writes it
        return f"'{str(value).lower()}'"
    return f"'{clipped(str(value))}'"


def _check_id(value: str, info: ValidationInfo) -> str:
    if info.context == SALVAGING:
        return value
    if not ID_PATTERN.match(value):
        raise ValueError(NOT_AN_ID_MESSAGE.format(value=shown(value)))
    if len(value) > ID_MAX:
        raise ValueError(f"the id '{value[:40]}…' has {len(value)} characters, more than {ID_MAX}: "
                         "it becomes a file name and an address; shorten it")
    return value


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Invisible characters no text needs (tab and line ends aside): Word's manual line break
(U+000B) and others come with a paste, and XML (the feeds) cannot hold them. The direction
marks and overrides (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) show a text in
another order than it is written: '654 321 5090' behind U+202E reads '0905 123 456' on the
page, unseen by the personal-data guard."""
ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
"""An HTML entity: `&#x202E;` and `&rlm;` are those characters on the page."""


def unprintable(value: str) -> tuple[int, str] | None:
    """(offset, message) of the first character of `value` that CONTROL refuses, typed or
    written as an HTML entity."""
    found = CONTROL.search(value)
    at, character = (found.start(), found[0]) if found else (len(value), "")
    if "&" in value:
        for entity in ENTITY.finditer(value, 0, at):
            if shown := CONTROL.search(html.unescape(entity[0])):
                at, character = entity.start(), shown[0]
                break
    if not character:
        return None
    before = value[max(0, at - 20):at].rsplit("\n", 1)[-1]  # a message is one line
    why = ("which changes the order the page shows the text in" if character >= "\u061c"
           else "often pasted from Word or a PDF")
    return at, (f"the text holds an invisible control character (U+{ord(character):04X}, {why}) "
                f"after '{before}': delete it, or retype the text there")


def _printable(value: str) -> str:
    if found := unprintable(value):
        raise ValueError(found[1])
    return value


TOO_DEEP = re.compile(r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)[ \t]+){100,}|^ {400,}\S|^\t{100,}\S"
                      r"|[*_~`]{1000,}", re.M)
"""Lists or quotes nested 100 levels deep, or a run of 1,000 emphasis marks: Python-Markdown
reads nesting by recursion and runs out of it (a list 250 levels deep, '- ' written 600 times
on a line, 3,000 '*' in a table cell), which stopped the build with a traceback."""


def unreadable(markdown: str) -> tuple[int, str] | None:
    """(offset, message) of what in a Markdown text the page cannot hold: an invisible control
    character, or nesting Markdown cannot read."""
    if found := unprintable(markdown):
        return found
    if deep := TOO_DEEP.search(markdown):
        return deep.start(), ("the text nests lists or quotes 100 levels deep, or repeats an "
                              "emphasis mark 1,000 times, more than Markdown can read: write it "
                              "flatter")
    return None


def _markdown(value: str) -> str:
    if found := unreadable(value):
        raise ValueError(found[1])
    return value


def _one_line(value: str) -> str:
    """A title, name or label is one line wherever it is shown (a feed's title, a calendar
    event): the line breaks of a YAML block (`title: |`) or a wrapped value become spaces."""
    return " ".join(_printable(value).split())


def _not_blank(value: str) -> str:
    if not _markdown(value).strip():
        raise ValueError("the text is empty: write what was said")
    return value


def _as_list(value: Any) -> Any:
    """Accept a single value where a list is expected (`succeeded_by: x`)."""
    return [value] if isinstance(value, str) else value


def _none_as_empty_list(value: Any) -> Any:
    """`answers:` written with nothing after it means no answers."""
    return [] if value is None else value


Id = Annotated[str, AfterValidator(_check_id)]
Text = Annotated[str, AfterValidator(_one_line), Field(min_length=1)]
Markdown = Annotated[str, AfterValidator(_not_blank)]
IdList = Annotated[list[Id], BeforeValidator(_as_list), BeforeValidator(_none_as_empty_list)]


def _one_text_as_list(value: Any) -> Any:
    """One text alone is a list of one (`synonyms: hộ khẩu`), as an id is; several on one line
    are refused, since a comma may belong to a text ('Thuế, phí, lệ phí'): the writer says."""
    if not isinstance(value, str):
        return value
    parts = [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
    if len(parts) > 1:
        raise ValueError(f"'{value}' is several texts on one line: write them as a list, "
                         f"[{', '.join(parts)}] (one text holding a comma is a list of one: "
                         f"['{value}'])")
    return [value]


TextList = Annotated[list[Text], BeforeValidator(_one_text_as_list),
                     BeforeValidator(_none_as_empty_list)]
"""A list of texts, or one text alone (`synonyms: sổ đỏ`)."""


def _strict_date(value: Any, info: ValidationInfo | None) -> Any:
    """Only real dates: YAML `2024-06-20`, not `20/06/2024` or a number (but when SALVAGING).
    A date with a time is that day in Vietnam (`2024-06-20T20:00:00Z` is 21 June there)."""
    if isinstance(value, dt.datetime):
        return _local(value).date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        raise ValueError("the date is empty: write it as YYYY-MM-DD (e.g. 2024-06-20)")
    if isinstance(value, str):
        if (moment := _moment_written(value)) is not None:
            return _local(moment).date()
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            if problem := calendar_problem(value):
                raise ValueError(problem) from None
        if info is not None and info.context == SALVAGING and (read := day_first(value)):
            return read[0].date()
    hint = (iso_form(value) if isinstance(value, str) else "") or " (e.g. 2024-06-20)"
    raise ValueError(f"{described(value)} is not a date: write it as YYYY-MM-DD{hint}")


def day_written(value: Any) -> dt.date | None:
    """A date as the models read it (one with a time is its day in Vietnam), or None if it is
    none: for the checks of what did not validate."""
    try:
        return _strict_date(value, None)
    except ValueError:
        return None


ISO_DAY_START = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?!\d)")
ONE_DIGIT_HOUR = re.compile(r"(\d{4}-\d{2}-\d{2}[T ])(\d:)")


DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?")
"""A day as Vietnamese documents write it, day first ('31/12/2025', '31.12.2025', with an hour
'20/06/2024 8:00' or '8h00'): never month first, so its ISO form is no guess."""


def calendar_problem(text: str) -> str | None:
    """The message for a day written in the right form that the calendar does not have
    ('2026-11-31', '2026-11-31 08:00'), or None: 'write YYYY-MM-DD' would not help its writer."""
    if match := ISO_DAY_START.match(text.strip()):
        try:
            dt.date(*map(int, match.groups()))
        except ValueError:
            return f"'{text}' is not a day of the calendar; check the day and the month"
    return None


def day_first(text: str) -> tuple[dt.datetime, bool] | None:
    """The day of a day written day first ('31/12/2025', '20/06/2024 8:00'), with whether an
    hour was written, or None."""
    if not (match := DAY_MONTH_YEAR.fullmatch(text.strip())):
        return None
    day, _, month, year, hour, minute = match.groups()
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0)), bool(hour)
    except ValueError:
        return None


def iso_form(text: str) -> str:
    """', here 2025-12-31' for a day written day first ('31/12/2025'): the writer copies the
    form the message asks for instead of working it out; '' for anything else."""
    if (read := day_first(text)) is None:
        return ""
    written, timed = read
    return f", here {written:%Y-%m-%d %H:%M}" if timed else f", here {written:%Y-%m-%d}"


PERIOD_START = r"^(?:(?:trong|den het|het|cuoi)\s+)?"
"""Words before a period that still mean its end ('trong quý III/2025', 'đến hết năm 2025'),
accents folded; not 'đầu năm', 'giữa năm', 'trước Tết', whose day no rule gives."""
QUARTER = re.compile(PERIOD_START + r"(?:quy|qui|q)\s*(iv|i{1,3}|[1-4])\s*(?:[/.-]|\s+nam\s+|\s+)\s*(\d{4})$")
MONTH = re.compile(PERIOD_START + r"(?:thang\s*)?(\d{1,2})\s*(?:[/.-]|\s+nam\s+)\s*(\d{4})$")
YEAR = re.compile(PERIOD_START + r"(?:nam\s+)?(\d{4})$")
ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
"""One quarter, month or year as offices write a due date, written whole and accents folded
('quý III/2025', 'quí III năm 2025', 'Q3/2025', 'tháng 9/2025', '09/2025', 'trong năm 2025',
'2025'): FORMAT.md's `due` is one day, which is its last. 'quý III-IV/2025' or 'quý I và quý
II/2025' is given no day."""


def period_end(text: str) -> dt.date | None:
    """The last day of the quarter, month or year `text` names (see QUARTER), or None."""
    folded = fold(text).lower().strip()
    if quarter := QUARTER.match(folded):
        number = ROMAN_QUARTERS.get(quarter.group(1)) or int(quarter.group(1))
        year, month = int(quarter.group(2)), 3 * number
    elif (month_year := MONTH.match(folded)) and 1 <= int(month_year.group(1)) <= 12:
        month, year = int(month_year.group(1)), int(month_year.group(2))
    elif whole := YEAR.match(folded):
        year, month = int(whole.group(1)), 12
    else:
        return None
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def iso_moment(text: str) -> dt.datetime:
    """A date and time in ISO form, with an hour of one digit as people write it ('2024-06-21
    8:00'), which Python refuses. ValueError otherwise."""
    return dt.datetime.fromisoformat(ONE_DIGIT_HOUR.sub(r"\g<1>0\2", text.strip(), count=1))


Date = Annotated[dt.date, BeforeValidator(_strict_date)]


def _after_valid_from(end: dt.date, info: ValidationInfo) -> dt.date:
    """A unit's last day is not before its first; checked on `valid_until` so that the message
    stands at that line, not at the entry's `- id:`."""
    start = info.data.get("valid_from")
    if start and end < start:
        raise ValueError(f"valid_until ({end}) is before valid_from ({start}), so the unit never "
                         "existed: fix the one that is mistyped (valid_from is the unit's first "
                         "day, valid_until its last)")
    return end


ValidUntil = Annotated[Date, AfterValidator(_after_valid_from)]
"""A registry unit's last day; `valid_from` must be declared before it."""


def _moment_written(value: str) -> dt.datetime | None:
    """`2024-06-20 08:00` (YAML reads a time without seconds as text), as `published` is
    written; None for anything that is not a date with a time."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}.*", value.strip()):
        return None
    try:
        return iso_moment(value)
    except ValueError:
        return None


def start_written(date: Any) -> str | None:
    """The hour (HH:MM, Vietnam's time) a session's `date` gives, if it gives one."""
    moment = _moment_written(date) if isinstance(date, str) else date
    if not isinstance(moment, dt.datetime) or (start := _local(moment).time()) == dt.time():
        return None
    return start.strftime("%H:%M")


def _local(moment: dt.datetime) -> dt.datetime:
    """A moment as a clock in Vietnam shows it (one without a zone already is)."""
    return moment.astimezone(TIMEZONE).replace(tzinfo=None) if moment.tzinfo else moment


def _datetime(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return iso_moment(value)
        except ValueError:
            if problem := calendar_problem(value):
                raise ValueError(problem) from None
    hint = (iso_form(value) if isinstance(value, str) else "") or " (e.g. 2024-06-21 08:00)"
    raise ValueError(f"{described(value)} is not a date and time: write YYYY-MM-DD or YYYY-MM-DD "
                     f"HH:MM{hint}")


DateTime = Annotated[dt.datetime, BeforeValidator(_datetime)]


_FIELD_SETS: dict[frozenset[str], frozenset[str]] = {}


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of fields given: pydantic keeps a set (about 400 bytes) in every
        model, and a 10,000-session archive holds 700,000 frozen models with a few distinct
        sets (measured: a fifth of the loaded archive's memory)."""
        self._share_fields_set()

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (the loader's cache) as its class and its four attributes, read back by
        `_restored`: faster than validating the data again (0.38 s against 0.55 s for 1,000
        sessions), and than pydantic's own pickling, whose state is a dict per model and whose
        `__setstate__` a Python call more (72,000 models at 1,000 sessions: 0.79 s to unpickle
        them, 0.64 s so). The fields set is pickled as the shared frozenset, once per pickle."""
        return _restored, (type(self), self.__dict__, self.__pydantic_fields_set__,
                           self.__pydantic_extra__, self.__pydantic_private__)

    def _share_fields_set(self) -> None:
        given = frozenset(self.__pydantic_fields_set__)
        object.__setattr__(self, "__pydantic_fields_set__", _FIELD_SETS.setdefault(given, given))


def _restored(cls: type[Strict], values: dict[str, Any], given: Set[str],
              extra: dict[str, Any] | None, private: dict[str, Any] | None) -> Strict:
    """A model read back from a pickle (`Strict.__reduce__`); model_post_init is not called,
    so its fields set is shared here."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", given)
    object.__setattr__(model, "__pydantic_extra__", extra)
    object.__setattr__(model, "__pydantic_private__", private)
    model._share_fields_set()
    return model


# --- registries --------------------------------------------------------------------


class Agency(Strict):
    id: Id
    name: Text
    short_name: Text | None = None
    parent: Id | None = None
    kind: Text | None = None
    aliases: TextList = []
    valid_from: Date | None = None
    valid_until: ValidUntil | None = None
    succeeded_by: IdList = []

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Topic(Strict):
    id: Id
    name: Text
    description: Text | None = None
    synonyms: TextList = []


class PlaceKind(StrEnum):
    province = "province"
    district = "district"
    ward = "ward"
    commune = "commune"


class Place(Strict):
    id: Id
    name: Text
    kind: PlaceKind
    parent: Id | None = None
    valid_from: Date | None = None
    valid_until: ValidUntil | None = None
    succeeded_by: IdList = []


def _code(value: Any) -> Any:
    if isinstance(value, float):
        written = getattr(value, "written", str(value))
        raise ValueError(f"procedure code {written} was read as a number: quote it, \"{written}\", "
                         "so that its zeros are kept")
    return str(value) if isinstance(value, int) else value


ProcedureCode = Annotated[Text, BeforeValidator(_code)]


def _one_code_as_list(value: Any) -> Any:
    """One procedure code alone is a list of one (`procedures: "1.009994"`), as an id is (a
    number too: `_code` then says to quote it)."""
    return [value] if isinstance(value, str | int | float) and not isinstance(value, bool) else value


def _web_address(value: str) -> str:
    """Only http(s) links are published: a `javascript:` or `data:` link would run in the page."""
    if not re.match(r"^https?://[^\s/]+", value, re.IGNORECASE):
        raise ValueError(f"'{value[:80]}' is not a web address: write it in full, starting with "
                         "https:// (or http://)")
    return value


WebAddress = Annotated[Text, AfterValidator(_web_address)]


class Procedure(Strict):
    code: ProcedureCode
    name: Text
    topic: Id | None = None
    agency: Id | None = None
    url: WebAddress | None = None


# --- session write-up front matter --------------------------------------------------


class SessionKind(StrEnum):
    dialogue = "dialogue"
    business_dialogue = "business_dialogue"
    voter_meeting = "voter_meeting"
    citizen_reception = "citizen_reception"


class Chair(Strict):
    name: Text | None = None
    position: Text | None = None
    on_behalf_of: Text | None = None


class Image(Strict):
    src: Text
    caption: Text | None = None
    alt: Text | None = None


class Source(Strict):
    url: WebAddress
    title: Text | None = None


class Correction(Strict):
    """A change made to the published record (FORMAT.md is silent; README "Corrections"): a
    reader and a journalist must see that the text they quoted was corrected, when, and what."""

    date: Date
    note: Text


def clock_time(text: str) -> str | None:
    """`8:00` and `08:00` as `08:00` (the form pages, feeds and the calendar show), or None."""
    if match := TIME_PATTERN.match(text.strip()):
        return f"{int(match[1]):02d}:{match[2]}"
    return None


TIME_OF_DAY = re.compile(
    r"(?<![\w:])(?:(?:lúc|luc|từ|tu|đến|den)\s+)?(?P<hour>\d{1,2})\s*(?:(?:giờ|gio|h|g)\s*"
    r"(?P<minute>\d{1,2})?(?:\s*(?:phút|phut|p)\b|')?|:(?P<minutes>\d{1,2})(?::(?P<seconds>\d{1,2}))?)"
    r"(?:\s*(?:SA|CH|AM|PM)\b)?(?![\w:])",
    re.IGNORECASE)
"""A time of the day as offices write it beside a session's day ('8h00', '8h', '14h30', '8 giờ
30 phút', '8g30', '8:30', '08:30:00' as a CSV saved from Excel writes one, 'lúc 8h00', 'từ 8h00
đến 11h00'), also on the 12-hour clock, as Excel writes a time in Vietnamese ('8:30 SA', sáng;
'2:30 CH', chiều) or in English ('8:30 AM'); its numbers unchecked (`time_of_day`
checks them). 'Sáng', 'chiều' after a time are sheet_vocabulary.DAY_WORDS."""


def time_of_day(found: re.Match[str]) -> bool:
    """Whether a time TIME_OF_DAY found is one of the day: hours 0 to 23, minutes and seconds,
    when written, in two digits from 00 to 59 ('25h00', '8h75', '8:5' are slips)."""
    minute, seconds = found["minute"] or found["minutes"], found["seconds"]
    return int(found["hour"]) <= 23 and all(len(part) == 2 and int(part) <= 59
                                            for part in (minute, seconds) if part is not None)


TWELVE_HOUR = re.compile(r"(?:(?P<morning>SA|AM)|CH|PM)$", re.IGNORECASE)
"""The 12-hour clock's mark after a time ('2:30 CH', chiều; '8:30 SA', sáng), as TIME_OF_DAY
finds it."""


PART_OF_DAY = re.compile(r"\s*\(?(?:(?P<later>chiều|chieu|tối|toi)|sáng|sang|trưa|trua)\)?$",
                         re.IGNORECASE)
"""The part of the day written after a time ('7:30 sáng', '7:30 tối'): after 'chiều' or 'tối'
an hour under 12 is the afternoon's or evening's."""
DOTTED_TIME = re.compile(r"(?P<hour>\d{1,2})\.(?P<minute>\d{2})")
"""'07.30', a time written with a dot (YAML reads `time: 07.30` as the number 7.3)."""


def spoken_time(text: str) -> str | None:
    """A start time as offices write it ('14h00', '8h30', '14h', '14 giờ', '8g30', '2:30 CH':
    TIME_OF_DAY; '07.30', '7:30 tối') as HH:MM, FORMAT.md's form; None for no time, or one of
    no day ('25h00')."""
    text = text.strip()
    part = PART_OF_DAY.search(text)
    if part:
        text = text[:part.start()].strip()
    if dotted := DOTTED_TIME.fullmatch(text):
        text = f"{dotted['hour']}:{dotted['minute']}"
    found = TIME_OF_DAY.fullmatch(text)
    if found is None or not time_of_day(found):
        return None
    hour, half = int(found["hour"]), TWELVE_HOUR.search(text)
    if half and not 1 <= hour <= 12:
        return None
    if half:
        hour = hour % 12 + (0 if half["morning"] else 12)
    elif part and part["later"] and hour < 12:
        hour += 12
    return f"{hour:02d}:{found['minute'] or found['minutes'] or '00'}"


def _time(value: Any) -> Any:
    if isinstance(value, str) and (written := clock_time(value)):
        return written
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    value = getattr(value, "written", value)  # `time: 07.30` was echoed as '7.3', YAML's number
    if isinstance(value, str) and (spoken := spoken_time(value)):
        raise ValueError(f"'{value}' is not a time as this field is written: write "
                         f"\"{spoken}\" (HH:MM in 24-hour form)")
    raise ValueError(f"'{value}' is not a time: write HH:MM in 24-hour form (e.g. \"08:00\")")


MAX_ATTENDANCE = 1_000_000
"""More people than any meeting holds: a count above it is a typo (a date, a phone number)."""


class SessionMeta(Strict):
    title: Text
    date: Date
    time: Annotated[str, BeforeValidator(_time)] | None = None
    kind: SessionKind = SessionKind.dialogue
    organizer: Id
    place: Id
    venue: Text | None = None
    subject: Text | None = None
    chair: Chair | None = None
    participants: IdList = []
    attendance: dict[Text, Annotated[int, Field(ge=0, le=MAX_ATTENDANCE)]] = {}
    author: Text | None = None
    published: DateTime | None = None
    draft: StrictBool = False
    summary: Text | None = None
    image: Image | None = None
    aliases: IdList = []
    sources: Annotated[list[Source], BeforeValidator(_none_as_empty_list)] = []
    corrections: Annotated[list[Correction], BeforeValidator(_none_as_empty_list)] = []

    @model_validator(mode="before")
    @classmethod
    def _time_from_date(cls, data: Any) -> Any:
        """`date: 2024-06-20T08:00:00+07:00` without `time:` gives the time too: a writer who
        typed it expects it shown (it was dropped)."""
        if not isinstance(data, dict) or "time" in data:
            return data  # both written: the loader checks that they agree
        if start := start_written(data.get("date")):
            return {**data, "time": start}
        return data


# --- answers.yaml ---------------------------------------------------------------------


class ItemType(StrEnum):
    question = "question"
    opinion = "opinion"
    proposal = "proposal"
    complaint = "complaint"


class AskerKind(StrEnum):
    citizen = "citizen"
    business = "business"
    organization = "organization"
    voter = "voter"


class AnswerMode(StrEnum):
    on_the_spot = "on_the_spot"
    in_writing = "in_writing"
    referred = "referred"


class CommitmentStatus(StrEnum):
    pending = "pending"
    in_progress = "in_progress"
    done = "done"
    escalated = "escalated"
    dropped = "dropped"


class Asker(Strict):
    label: Text
    kind: AskerKind = AskerKind.citizen
    place: Id | None = None
    named_with_consent: StrictBool = False


DEFAULT_ASKER_KIND = {SessionKind.voter_meeting: AskerKind.voter,
                      SessionKind.business_dialogue: AskerKind.business}
"""An asker of no written `kind`, or an empty 'Đối tượng' cell of the sheet: the people the
session was for (citizen otherwise)."""


class Answer(Strict):
    by: Id
    official: Text | None = None
    mode: AnswerMode = AnswerMode.on_the_spot
    date: Date | None = None
    referred_to: Id | None = None
    document: Text | None = None
    text: Annotated[str, AfterValidator(_markdown)] = ""

    @field_validator("referred_to")
    @classmethod
    def _referred_elsewhere(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Said at the referred_to line (a model's check is said at its first key), and only
        when `by` and `mode` were read (a wrong one is said as such)."""
        if value is None:
            return value
        if "mode" in info.data and info.data["mode"] is not AnswerMode.referred:
            raise ValueError("referred_to is only used with mode: referred")
        if value == info.data.get("by"):
            raise ValueError(f"'{value}' is the agency that answers (by): an agency does not refer "
                             "a question to itself; write the agency it was sent to, or, if it "
                             "answered itself, remove referred_to and write its mode")
        return value

    @model_validator(mode="after")
    def _referral(self) -> Answer:
        if self.mode is AnswerMode.referred and not self.referred_to:
            raise ValueError("an answer with mode: referred needs referred_to: <agency id>")
        if not (self.text.strip() or self.document or self.referred_to):
            raise ValueError("an answer needs a text (or, for a written answer, a document)")
        return self


class Update(Strict):
    date: Date
    status: CommitmentStatus | None = None
    note: Text | None = None
    due: Date | None = None
    """A new due date the agency was given (gia hạn), FORMAT.md being silent: the commitment
    is overdue only after it, and the site shows the date first promised beside it."""

    @model_validator(mode="after")
    def _says_something(self) -> Update:
        if self.status is None and self.note is None and self.due is None:
            raise ValueError("an update says what changed: give it a status, a note, a new due "
                             "date, or several")
        return self


class Commitment(Strict):
    id: Id
    by: Id
    text: Text
    due: Date | None = None
    status: CommitmentStatus = CommitmentStatus.pending
    updates: Annotated[list[Update], BeforeValidator(_none_as_empty_list)] = []

    @property
    def current_due(self) -> dt.date | None:
        """The due date now: the latest one an update set, else the one promised."""
        return next((u.due for u in reversed(self.updates) if u.due is not None), self.due)


class Item(Strict):
    id: Id
    type: ItemType
    asker: Asker
    topics: Annotated[IdList, Field(min_length=1)]
    procedures: Annotated[list[ProcedureCode], BeforeValidator(_one_code_as_list),
                          BeforeValidator(_none_as_empty_list)] = []
    in_scope: StrictBool = True
    text: Markdown
    answers: Annotated[list[Answer], BeforeValidator(_none_as_empty_list)] = []
    commitments: Annotated[list[Commitment], BeforeValidator(_none_as_empty_list)] = []
    aliases: IdList = []
