"""Personal data never reaches the public site (FORMAT.md, Decree 13/2023/NĐ-CP).

Two steps, in this order, on every text of a session (front matter, write-up body,
answers.yaml) while it is loaded, so that every output built from the model (pages,
search records, feeds, open data) sees the same, cleaned text:

1. the site-wide redaction rules of `registry/redactions.yaml` replace what the press
   office has decided never to publish (a name, a house address, a phrase);
2. the guard refuses what is left that looks like personal data: phone numbers,
   CMND/CCCD numbers, e-mail addresses (as the page shows the text: see as_shown), a
   citizen's full name in `asker.label` without `named_with_consent: true`, and a citizen's
   full name in the other texts (find_citizen_names; officials in their role pass). A
   refusal stops the build; it is never silently rewritten, because only the press office
   knows whether the text must go.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError

from .problems import ProblemLog
from .vietnamese import fold, normalise
from .yamlio import LocDict, LocList, locate, offset_of, position_of

REDACTIONS_FILE = "registry/redactions.yaml"
DEFAULT_REPLACEMENT = "[…]"
SKIPPED_KEYS = {"url", "src"}
"""Addresses and file names are not prose: redaction leaves them alone."""
UNCHECKED_KEYS = {"src"}
"""File names are not shown; web addresses (`url`) are checked as link addresses are."""
FREE_KEYS = {"attendance"}
STRUCTURAL_KEYS = SKIPPED_KEYS | {
    "id", "by", "organizer", "place", "referred_to", "topics", "procedures", "participants",
    "aliases", "kind", "type", "mode", "status", "time", "date", "due", "published",
}
"""Redaction leaves ids, enum values and addresses alone: a rule must not break a reference."""

# --- the redaction rules ---------------------------------------------------------------


class RedactionRule(BaseModel):
    """One entry of registry/redactions.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pattern: str = Field(min_length=1)
    replacement: str = DEFAULT_REPLACEMENT
    regex: StrictBool = False
    note: str | None = None


@dataclass(frozen=True)
class Redactor:
    """Applies the rules in file order. Regex rules are as written. Text rules ignore case,
    the placement of the tone mark (a rule 'Thuỷ' removes 'Thủy' too: writers mix both) and
    how words are spaced (a name may wrap onto the next line of a YAML block)."""

    rules: tuple[re.Pattern[str], ...] = ()
    replacements: tuple[str, ...] = ()
    plain: tuple[bool, ...] = ()
    """Per rule: a text rule, matched against the text as `normalise` spells it."""

    def apply(self, text: str) -> str:
        seen: Shown | None = None
        for pattern, replacement, plain in zip(self.rules, self.replacements, self.plain, strict=True):
            if not plain:
                text, seen = pattern.sub(lambda _match, r=replacement: r, text), None
                continue
            if seen is None:
                text = unicodedata.normalize("NFC", text)
                seen = Shown(text)
            spans = [seen.source_span(*match.span()) for match in pattern.finditer(seen.alike)]
            if spans:
                text, seen = "".join(_replaced(text, spans, replacement)), None
        return text


MARKUP = re.compile(r"</?[A-Za-z][\w-]*[^<>\n]*>|[*_~`]+|\\(?=[^\w\s])"
                    r"|[\u00ad\u200b\u200c\u200d\u2060\ufeff]"
                    r"|\[(?=[^\[\]\n]*\]\()|\]\([^()\s]*\)")
"""What a page does not show of a text: HTML tags, emphasis, Markdown escapes, invisible
characters, and the brackets and address of a Markdown link ('[Thanh Hằng](#y-kien)')."""
ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]\w*);")
TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
UNSHOWN = re.compile(f"{MARKUP.pattern}|{ENTITY.pattern}")


class Shown:
    """A text as a page shows it (`MARKUP` left out, HTML entities read), spelt as `normalise`
    spells it, with where each of its characters comes from: a text rule finds 'Lường Thị
    *Thủy*' and 'Th&#7911;y' as the page shows them."""

    def __init__(self, text: str):
        self.text = text
        if not (MARKUP.search(text) or "&" in text):
            self.alike, self.starts, self.markup = normalise(text), None, ()
            return
        shown: list[str] = []
        starts: list[int] = []
        markup: list[tuple[int, int]] = []
        at = 0
        for match in UNSHOWN.finditer(text):
            shown.append(text[at:match.start()])
            starts += range(at, match.start())
            if match.group().startswith("&"):
                read = html.unescape(match.group())
                shown.append(read)
                starts += [match.start()] * len(read)
            else:
                markup.append(match.span())
                tag = TAG_NAME.match(match.group())
                if tag and tag[1].lower() not in INLINE_TAGS:  # 'Ngô Thị<br>Thanh Hằng': a space
                    shown.append(" ")
                    starts.append(match.start())
            at = match.end()
        shown.append(text[at:])
        starts += range(at, len(text))
        self.alike = normalise("".join(shown))  # as long as what it reads: only tone marks move
        self.starts, self.markup = starts, tuple(markup)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the shown characters start..end come from in the text: markup inside them goes
        with them, and so does the markup right after that closes it ('*Thủy*')."""
        if self.starts is None:
            return start, end
        first, last = self.starts[start], self.starts[end - 1]
        entity = ENTITY.match(self.text, last)
        stop = entity.end() if entity else last + 1
        if any(first < a < stop for a, _ in self.markup):
            for a, b in self.markup:
                if a == stop:
                    stop = b
        return first, stop


def _replaced(text: str, spans: list[tuple[int, int]], replacement: str) -> Iterator[str]:
    """`text` with `replacement` for each span. A replacement that starts with an honorific
    ('bà P.T.T.H.', the README's form) after the same honorific in the text gives it once: "Bà
    Phan Thị Thu Hà" was published "Bà bà P.T.T.H." (a press office's find)."""
    honorific, _, rest = replacement.partition(" ")
    titled = honorific.casefold() in HONORIFICS and rest.strip()
    end = 0
    for start, stop in spans:
        before = text[end:start]
        yield before
        said = before.split()[-1:] if before[-1:].isspace() else []
        yield rest if titled and said and said[0].casefold() == honorific.casefold() else replacement
        end = stop
    yield text[end:]


def text_rule(pattern: str) -> re.Pattern[str]:
    """A text rule as matched by `Redactor.apply`."""
    return re.compile(r"\s+".join(re.escape(word) for word in normalise(pattern).split()),
                      re.IGNORECASE)


def parse_rules(data: Any, path: Path, log: ProblemLog, report: Callable[..., None]) -> Redactor:
    """Rules from the parsed YAML of redactions.yaml; every bad rule is reported, with its line.

    `report` is the loader's pydantic-error reporter, so messages read like all others.
    """
    if data is None:
        return Redactor()
    if not isinstance(data, list):
        line, col = getattr(data, "start", (1, 1))
        log.add(path, line, col, "redactions.yaml must be a list of rules "
                "('- pattern: ...' with replacement, regex, note)")
        return Redactor()
    rules: list[re.Pattern[str]] = []
    replacements: list[str] = []
    plain: list[bool] = []
    for index, raw in enumerate(data):
        if not isinstance(raw, dict):
            line, col = locate(data, (index,))
            log.add(path, line, col, "each rule must be a mapping: pattern, replacement, regex, note")
            continue
        try:
            rule = RedactionRule.model_validate(raw)
        except ValidationError as exc:
            report(exc, RedactionRule, data, path, log, prefix=(index,))
            continue
        line, col = locate(data, (index, "pattern"))
        try:
            compiled = re.compile(rule.pattern) if rule.regex else text_rule(rule.pattern)
        except re.error as exc:
            log.add(path, line, col, f"pattern is not a valid regular expression: {exc.msg} "
                    f"(at character {exc.pos}); fix it, or set regex: false to match the text as written")
            continue
        if compiled.search(""):
            log.add(path, line, col, "pattern matches an empty text, so it would insert the "
                    "replacement everywhere; make it match at least one character")
            continue
        rules.append(compiled)
        replacements.append(rule.replacement)
        plain.append(not rule.regex)
    return Redactor(tuple(rules), tuple(replacements), tuple(plain))


def redact_data(data: Any, redactor: Redactor) -> Any:
    """Apply the rules to every text of parsed YAML, in place (positions are kept)."""
    if not redactor.rules:
        return data
    if isinstance(data, LocDict):
        for key, value in data.items():
            if key in STRUCTURAL_KEYS:
                continue
            if isinstance(value, str):
                data[key] = redactor.apply(value)
            elif key in FREE_KEYS and isinstance(value, LocDict):
                data[key] = _with_keys_redacted(value, redactor)
            else:
                redact_data(value, redactor)
    elif isinstance(data, LocList):
        for index, value in enumerate(data):
            if isinstance(value, str):
                data[index] = redactor.apply(value)
            else:
                redact_data(value, redactor)
    return data


def _with_keys_redacted(mapping: LocDict, redactor: Redactor) -> LocDict:
    """A mapping whose keys are shown (`attendance`: 'hộ thôn Khuổi My: 20') with the rules
    applied to its keys, positions kept; counts whose keys become the same are added up."""
    redacted = LocDict()
    redacted.start, redacted.key_pos, redacted.value_pos, redacted.value_span = mapping.start, {}, {}, {}
    for key, value in mapping.items():
        new = redactor.apply(key) if isinstance(key, str) else key
        if new in redacted and isinstance(value, int) and isinstance(redacted[new], int):
            value += redacted[new]
        redacted[new] = value
        redacted.key_pos.setdefault(new, mapping.key_pos.get(key, mapping.start))
        redacted.value_pos.setdefault(new, mapping.value_pos.get(key, mapping.start))
        if key in mapping.value_span:
            redacted.value_span.setdefault(new, mapping.value_span[key])
    return redacted


# --- the guard -------------------------------------------------------------------------

URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"']+|(?<=\]\()[^)\s]*(?=\))", re.IGNORECASE)
"""Web addresses and link targets: their digits are ids, unless a whole part of the address is
a phone number (`https://zalo.me/0987654321`, `tel:0977111222`, `?sdt=0905123456`)."""
URL_PART = re.compile(r"[^/?&=#:;,]+")
PHONE_SHAPED = re.compile(r"\(?\+?\d[\d.()-]*\d")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.ASCII)
SPELT_AT = r"(?:\s+@\s*|@\s+|\s*[\[({]\s*(?:at|@|a còng)\s*[\])}]\s*)"  # never a bare @
SPELT_DOT = r"(?:\.|\s*[\[({]\s*(?:dot|chấm)\s*[\])}]\s*)"
SPELT_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w.+-]+{SPELT_AT}[A-Za-z0-9-]+(?:{SPELT_DOT}[A-Za-z0-9-]+)+", re.IGNORECASE)
"""An address spelt so that robots miss it, which readers still read: `abc [at] gmail.com`,
`abc(at)gmail(dot)com`, `abc @ gmail.com`."""
HAS_SPELT_AT = re.compile(r"[\[({]\s*(?:at|a còng)\s*[\])}]", re.IGNORECASE)
AT_ENTITY = re.compile(r"&(?:#64|#[xX]40|commat);")
NUMBER = re.compile(
    r"(?<![\w.,/-])(?<!\d:)"              # not the tail of a code, date, amount, id or time
    r"(?:\(\+?84\)|\+84|0084)?[ .-]?"      # +84, (+84), (84), 0084
    r"\(?\d+\)?(?:(?:[ .-]|[ \t]*\n[ \t]*|(?<=\)))\(?\d+\)?)*"  # digit groups with one separator
    r"(?![\w/-]|[.,]\d)"                   # (or a line end, or none after a bracket) between them
)
"""Digit groups: a line end between two is a space on the page ('0905 811' and '008' on the
next line); '(0236)3811001' has none after its area code."""
PHONE_LABEL = re.compile(r"(?<![^\W\d_])(?:sđt|đtdđ|đt|dđ|tel|mobile|hotline|zalo|fax|cccd|cmnd|cmt)"
                         r"[.:]?(?=\(?\+?\d)", re.IGNORECASE)
"""A label written against its number ('ĐT0905123456', 'Tel.0905123456', 'CCCD048090001234'):
read as if a space followed it."""
SOLID_PHONE = re.compile(r"(?<![\w.,-])(?:\d{10,11}[/,;-])+\d{10,11}(?![\w/-]|[.,]\d)")
"""Whole numbers joined by '/', ',', ';' or '-' ('0905123456/0914123456'), which NUMBER leaves
alone so as not to read '123/2024' or '1,5'; each part is checked alone."""
SLASHED = re.compile(r"(?<![\w./-])\d{3,4}([/_])\d{2,4}(?:\1\d{2,4}){0,3}(?![\w/-]|[.,]\d)")
"""Digit groups joined by '/' or '_' ('0905/123/456', '0905_123_456'), which NUMBER leaves alone
('số 12/2024'): personal data when the digits together are ('12/03/2024' is not). A phone
number's first group has 3 or 4 digits: 'tổ 03/04/05/06/07' lists five."""
AS_PLAIN = str.maketrans(
    {**dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
                     "\u200a\u202f\u205f\u3000\t", " "),
     **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
     **{0xFF10 + n: str(n) for n in range(10)}, "\uff20": "@", "\uff0e": "."}
)
"""Characters that look like a space, a dash, a digit, '@' or '.' where text pasted from Word or
a web page carries them (no-break and thin spaces, non-breaking hyphens and en dashes, full-width
digits and signs): one for one, so that offsets stay those of the text."""
LOOK_ALIKE = re.compile("[" + re.escape("".join(map(chr, AS_PLAIN))) + "]")
"""Any of those: most texts have none, and translating is then not needed (it is slow)."""
ANY_DIGIT = re.compile(r"\d")
HIDDEN = re.compile(
    r"<(/?)([A-Za-z][\w-]*)[^<>\n]*>(?=\d)|(?<=\d)<(/?)([A-Za-z][\w-]*)[^<>\n]*>"  # <b>345</b>
    r"|[*~`]+(?=\d)|(?<=\d)[*~`]+|(?<!\w)_+(?=\d)|(?<=\d)_+(?!\w)"   # 0912 **345** 678
    r"|(?<=\d)\\(?=[^\w\s])"                                        # 0912\-345
    r"|[\u00ad\u200b\u200c\u200d\u2060\ufeff]"                      # soft hyphen, zero-width
    r"|(?P<space>&(?:nbsp|#160|#[xX]a0|ensp|emsp|thinsp);)"               # 0905&nbsp;811
)
"""What is not seen on the page but would break up a number in the text: emphasis and HTML
tags next to digits, Markdown escapes, invisible characters."""
INLINE_TAGS = {"a", "b", "strong", "i", "em", "span", "u", "s", "del", "ins", "mark", "small",
               "font", "sup", "sub", "code", "abbr"}
MOBILE_PREFIXES = {"03", "05", "07", "08", "09"}
"""Mobile numbers have 10 digits, landlines 11 starting 02 (since 2017-2018); a 10-digit
number starting 04 is a business tax code, which is public."""
MAX_GROUPS = 5
ID_LABELS = r"cmnd|cmtnd|cmt|chứng minh (?:nhân dân|thư)|cccd|căn cước(?: công dân)?"
LABELLED_NUMBER = re.compile(
    rf"(?<![^\W\d_])(?:(?P<id>{ID_LABELS})|sđt|đtdđ|đt|số điện thoại|điện thoại(?: di động)?"
    r"|di động|hotline|zalo|tel)(?:\s*(?:số|:|\.))*\s*"
    r"(?P<number>(?:\(?\+84\)?[ .-]?)?\d(?:\d|[ .-](?=\d))*)", re.IGNORECASE)
"""A number right after the label that says what it is, whatever its digits' grouping: 'CMND
số 201.234.567', 'SĐT: 0 9 0 5 1 2 3 4 5 6'. Unlabelled, such groupings are read as amounts
and codes; labelled, they are an ID card's or a phone's number (a helper's find)."""
LABEL_WORDS = ("cmnd", "cmt", "chứng minh", "cccd", "căn cước", "đt", "điện thoại", "di động",
               "hotline", "zalo", "tel")
"""A text with none of these (lower-cased) has no LABELLED_NUMBER: looked for first, since
most texts have none and the pattern is the slow part (33 µs of a 600-character text)."""
CURRENCY_AFTER = re.compile(r"\s*(?:đồng|đ\b|vnđ|vnd|triệu|tỷ)", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """Personal data found in a text: where (offset) and why."""

    start: int
    end: int
    message: str
    in_link: bool = False


def _classify(number: str) -> str | None:
    """Why a run of digits is personal data, or None for codes, dates and amounts."""
    digits = re.sub(r"\D", "", number)
    international = number.lstrip().startswith(("+84", "(+84", "(84", "0084"))
    if international:
        national = "0" + digits.removeprefix("0084").removeprefix("84")
        return "a phone number" if len(national) in (10, 11) else None
    if _is_national_phone(digits) or (digits.startswith("84") and _is_national_phone("0" + digits[2:])):
        return "a phone number"
    grouped = digits != number.strip("() ")
    if len(digits) == 12 and digits.startswith("0"):
        return "a citizen ID (CCCD) number"
    if len(digits) == 9 and not grouped:
        return "an ID card (CMND) number"
    return None


def _is_national_phone(digits: str) -> bool:
    """A whole number as dialled in Vietnam: so a bare '84' is a country code only when a
    complete one follows ('84 905 123 456'), not in '84 hồ sơ' or '1984'."""
    return (len(digits) == 10 and digits[:2] in MOBILE_PREFIXES) or (len(digits) == 11 and digits[:2] == "02")


ID_NUMBERS = {"a citizen ID (CCCD) number", "an ID card (CMND) number"}
REASONS = {
    "a phone number": "remove it, or add a redaction rule in registry/redactions.yaml",
    "a citizen ID (CCCD) number": "remove it: citizen ID numbers are never published",
    "an ID card (CMND) number": "remove it: ID card numbers are never published",
    "an e-mail address": "remove it, or add a redaction rule in registry/redactions.yaml",
}


def as_shown(text: str) -> tuple[str, list[int], list[int]]:
    """The text as a reader sees its characters (see AS_PLAIN and HIDDEN), and where it
    differs: from shown offset `shown[k]` on, a character is at `original[k]` + its distance."""
    plain = text.translate(AS_PLAIN) if LOOK_ALIKE.search(text) else text
    pieces: list[str] = []
    shown: list[int] = []
    original: list[int] = []
    length = kept = 0
    for match in HIDDEN.finditer(plain):
        pieces.append(plain[kept:match.start()])
        length += match.start() - kept
        tag = match.group(2) or match.group(4)
        if (tag and tag.lower() not in INLINE_TAGS) or match.group("space"):  # a line break,
            # a cell or a no-break space between digits
            pieces.append(" ")
            shown.append(length)
            original.append(match.start())
            length += 1
        kept = match.end()
        shown.append(length)
        original.append(kept)
    pieces.append(plain[kept:])
    return "".join(pieces), shown, original


def find_personal_data(text: str) -> list[Finding]:
    """Phone numbers, CMND/CCCD numbers and e-mail addresses in one text."""
    if "@" not in text and "\uff20" not in text and not ANY_DIGIT.search(text) \
            and not HAS_SPELT_AT.search(text) and not AT_ENTITY.search(text):
        return []  # most texts: every check is a read
    # '&#64;' is an '@' on the page: spelt as ' @' (the same length), SPELT_EMAIL reads it
    seen, shown, original = as_shown(AT_ENTITY.sub(lambda m: " " * (len(m.group()) - 1) + "@", text))
    findings = [Finding(m.start(), m.end(), "an e-mail address")
                for pattern in (EMAIL, SPELT_EMAIL) for m in pattern.finditer(seen)]
    masked = seen
    for pattern in (EMAIL, SPELT_EMAIL):  # addresses are not read as URLs or numbers
        masked = pattern.sub(lambda m: " " * len(m.group()), masked)
    for url in URL.finditer(masked):
        for part in URL_PART.finditer(url.group()):
            if PHONE_SHAPED.fullmatch(part.group()) and _classify(part.group()) == "a phone number":
                start = url.start() + part.start()
                findings.append(Finding(start, start + len(part.group()), "a phone number", True))
    masked = URL.sub(lambda m: " " * len(m.group()), masked)
    labelled = masked
    masked = PHONE_LABEL.sub(lambda m: " " * len(m.group()), masked)
    for match in SOLID_PHONE.finditer(masked):
        for part in re.finditer(r"\d+", match.group()):
            kind = _classify(part.group())
            if kind == "a phone number":
                findings.append(Finding(match.start() + part.start(), match.start() + part.end(), kind))
    masked = SOLID_PHONE.sub(lambda m: " " * len(m.group()), masked)
    for match in SLASHED.finditer(masked):
        kind = _classify(match.group().replace(match.group(1), " "))
        if kind is not None:
            findings.append(Finding(match.start(), match.end(), kind))
    for match in NUMBER.finditer(masked):
        found = _number_in_run(match.group())
        if found is None:
            continue
        offset, value, kind = found
        start = match.start() + offset
        may_be_amount = kind.endswith("(CMND) number") or value.startswith("84")  # 84.905.123.456 đồng
        if may_be_amount and CURRENCY_AFTER.match(seen, start + len(value)):
            continue
        findings.append(Finding(start, start + len(value), kind))

    findings += _labelled_numbers(labelled, findings)

    def in_text(offset: int) -> int:
        k = bisect.bisect_right(shown, offset) - 1
        return offset if k < 0 else original[k] + offset - shown[k]

    located = [Finding(in_text(f.start), in_text(f.end - 1) + 1, f.message, f.in_link) for f in findings]
    return sorted(located, key=lambda f: f.start)


def _labelled_numbers(text: str, found: list[Finding]) -> list[Finding]:
    """The numbers LABELLED_NUMBER reads that no other check found: 9 or 12 digits after an ID
    card's label, a phone number's digits after a phone's."""
    findings: list[Finding] = []
    lowered = text.lower()
    if not any(word in lowered for word in LABEL_WORDS):
        return findings
    for match in LABELLED_NUMBER.finditer(text):
        start, end = match.span("number")
        digits = re.sub(r"\D", "", match["number"])
        if match["id"]:
            kind = {9: "an ID card (CMND) number", 12: "a citizen ID (CCCD) number"}.get(len(digits))
        else:
            kind = "a phone number" if _classify(match["number"]) == "a phone number" else None
        if kind and not any(f.start < end and start < f.end for f in found):
            findings.append(Finding(start, end, kind))
    return findings


def _number_in_run(run: str) -> tuple[int, str, str] | None:
    """(offset, text, kind) of personal data in a run of digit groups: the whole run, or a
    few space-separated groups of it ('năm 2024 0905 123 456' holds a phone number)."""
    chunks = [(m.start(), m.group()) for m in re.finditer(r"\S+", run)]
    for i in range(len(chunks)):
        for j in range(min(len(chunks), i + MAX_GROUPS), i, -1):
            start, end = chunks[i][0], chunks[j - 1][0] + len(chunks[j - 1][1])
            value = _unbracketed(run[start:end].strip(" .-"))
            kind = _classify(value)
            if kind is not None:
                return start + run[start:end].index(value), value, kind
    return None


def _unbracketed(value: str) -> str:
    """The number without a bracket around it ('(0913 456 789)'), keeping an area code's
    ('(0236) 3 123 456'): the message quotes what to remove."""
    if value.startswith("(") and value.endswith(")") and value.count("(") == value.count(")") == 1:
        value = value[1:-1]
    if value.endswith(")") and "(" not in value:
        value = value[:-1]
    if value.startswith("(") and ")" not in value:
        value = value[1:]
    return value.strip(" .-")


HONORIFICS = {"ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "em", "cháu"}
PLACE_WORDS = {
    "đường", "phố", "phường", "xã", "quận", "huyện", "tỉnh", "thành", "tp", "tp.", "thị",
    "trấn", "thôn", "ấp", "bản", "tổ", "khu", "kiệt", "hẻm", "ngõ", "ngách", "chợ", "cầu",
    "trường", "công", "viên", "sông", "núi", "làng", "khối", "cụm", "đô", "hội", "đoàn",
    "học", "thcs", "thpt", "viện", "thuốc", "khám", "tâm", "ty", "tnhh", "sạn", "sách", "tiệm",
    "quán", "xưởng", "đình", "chùa", "đền", "tàng", "đài", "hóa", "hoá", "vực",
    "phần", "cp", "mtv", "dntn",  # 'Công ty Cổ phần …', 'Công ty CP …', 'TNHH MTV …', 'DNTN …'
}
"""Words after which a name is a place or an institution named after someone ('đường Lê
Duẩn', 'Trường THPT Phan Châu Trinh', 'Tiểu học Nguyễn Văn Trỗi', 'Nhà thuốc Phạm Ngọc
Thạch', 'Công ty TNHH Trần Văn Bình', 'Công ty Cổ phần …'). Not 'hàng': 'khách hàng Nguyễn Văn
A' is a person; nor 'nhân', 'nghiệp' ('Doanh nghiệp tư nhân …'): 'công nhân', 'đồng nghiệp'."""
SURNAMES = {
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi",
    "đỗ", "hồ", "ngô", "dương", "lý", "đinh", "đoàn", "lâm", "mai", "trịnh", "trương",
    "lương", "đào", "cao", "hà", "tô", "tạ", "chu", "châu", "quách", "thái",
    "kiều", "lưu", "tăng", "triệu", "khúc", "vương", "nghiêm", "thân", "tôn", "hứa",
    "khổng", "phùng", "doãn", "lò", "ksor", "siu",
    "giàng", "sùng", "thào", "lù", "vừ", "tẩn",
    "niê", "mlô", "êban", "byă", "ktla", "adrơng", "bkrông", "hđơk", "knul", "mdrang", "ênuôl",
    "kbuôr", "rcom", "kpă", "rmah", "rahlan", "kpuih", "puih",
}
"""With the family names of the Mông and Dao of the northern mountains that are no common word
(Vàng, Mùa, Lầu, Chảo are: 'Vàng Bạc Đá Quý', 'Mùa Xuân'); Vàng and the others are found by a
middle name below. And of the Ê Đê and Jrai of the Central Highlands (Niê, Mlô, Ksor, Siu; not
Nay: 'Năm Nay'), whose names may also start with the man's or woman's prefix, Y or H' ('Y Phun
Niê', 'H'Mai Niê', 'Ksor Y Phun', 'Siu H'Mai')."""
MIDDLE_NAMES = {"văn", "thị", "seo", "mí"}
"""The middle names of most men's and women's names (and of Mông names: 'Vàng Seo Chứ', 'Thào
Mí Dế'): a capitalised word followed by one of them and another name word is a full name
whatever the family name ('Cử tri Lò Văn Pá', 'Chị Âu Thị Lan'), which the list of family names
above cannot all hold; written without accents, only after an honorific ('Ong Vi Van Dinh')."""
NOT_FAMILY_NAMES = {"con", "giáo", "bé", "hội", "phòng", "chánh", "phó", "trưởng"}
NOT_GIVEN_NAMES = {"trấn", "xã", "phòng", "hóa", "hoá", "nghệ", "học", "bản", "kiện", "thư",
                   "chương", "hiến", "miếu"}
"""Words before and after 'văn' or 'thị' that make a common noun, a title or a kind of place
instead of a name ('Bà Con Thị Trấn', 'Cô Giáo Thị Xã', 'Chánh Văn Phòng', 'Hội Văn Nghệ')."""
PLAIN_NOT_GIVEN_NAMES = {"tran", "nghe", "hoc"}
"""Those written without accents that no given name is (Phong, Hoa, Thu, Hiền, Kiên are)."""
PLAIN_SURNAMES = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
    "do", "ho", "ngo", "duong", "ly",
}
"""Family names also recognised without accents ('Nguyen Van Hung'): only the commonest,
because many others are ordinary words once their accents are gone (tổ, mai, cao, hà)."""
PLAIN_HONORIFICS = {fold(word) for word in HONORIFICS}
PLAIN_MIDDLE_NAMES = {fold(word) for word in MIDDLE_NAMES}
PLAIN_PLACE_WORDS = {fold(word) for word in PLACE_WORDS}
WORD = re.compile(r"\w*\d[\w/.-]*|[^\W\d_]+(?:['’][^\W\d_]+)*(?:\.[^\W\d_]+)*\.?|\S")
"""Codes ('K12/34'), words (initials 'N.V.H.' whole, a final dot kept; 'H'Mai' whole) and any
other character alone, so that a name in brackets or quotes, '(Nguyễn Văn Hùng)', is still read."""
WOMAN_PREFIXED = re.compile(r"H['’][^\W\d_][^\W\d_]*")
"""A Central Highlands woman's given name with its prefix, 'H'Mai', 'H’Hen'."""
SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]+"
                      r"(?:ch|ng|nh|[cmnpt])?")
"""One Vietnamese syllable without accents: a name word is one, an acronym (UBND, TNHH) is not."""


def _is_name_word(word: str) -> bool:
    """'Hùng' or 'HÙNG' (names are often written in capitals), 'H'Mai'; not 'hùng', 'A', 'N.V.H'
    or 'HTX'."""
    if WOMAN_PREFIXED.fullmatch(word):
        return _is_name_word(word[2:])
    if not word.isalpha() or len(word) < 2:
        return False
    if word.isupper():
        return SYLLABLE.fullmatch(fold(word).lower()) is not None
    return word[0].isupper() and word[1:].islower()


def _is_one_of(word: str, accented: set[str], plain: set[str]) -> bool:
    """`word` in `accented`, or written without accents and in `plain` (never 'Lệ' for 'le')."""
    lower = word.lower()
    return lower in accented or (lower.isascii() and lower in plain)


def find_full_name(label: str) -> str | None:
    """A full personal name in an asker label, as written there, or None.

    The rule: name words in a row (at most four, capitalised or all capitals) starting with
    a common Vietnamese family name: two of them after an honorific ('Bà Trần Lan', 'anh Lê
    Minh'), three anywhere else ('Nguyễn Văn Hùng, tổ 5', '(Nguyễn Thị Hoa)'), unless the
    run follows a place word or a house number ('đường Lê Duẩn', 'TP. Hồ Chí Minh', 'K12/34
    Ông Ích Đường'). So initials ('Ông N.V.H.'), descriptions ('Công dân phường Hòa Thọ
    Đông') and two-word organisation names ('Đoàn Thanh niên') pass. A name written without
    accents ('Nguyen Van Hung') is all without accents, and does not continue a capitalised
    phrase ('Cam Le Da Nang'): without accents, more words look like family names.
    """
    tokens = list(WORD.finditer(label))
    for i, token in enumerate(tokens):
        word = token.group().removesuffix(".")
        prefixed = _prefixed_name(tokens, i)
        if not (prefixed or _is_name_word(word)):
            continue
        before = tokens[i - 1].group() if i else ""
        if _is_one_of(before, PLACE_WORDS, PLAIN_PLACE_WORDS) or any(ch.isdigit() for ch in before):
            continue
        after_honorific = _is_one_of(before, HONORIFICS, PLAIN_HONORIFICS)
        if not prefixed and not _is_one_of(word, SURNAMES, PLAIN_SURNAMES):
            plain = _middle_name_follows(tokens, i)
            if plain is False or (plain and after_honorific):  # without accents, ask for more
                return label[token.start():tokens[_name_end(tokens, i, plain) - 1].end()
                             ].removesuffix(".")
            continue
        accent_free = not prefixed and word.lower() not in SURNAMES
        if accent_free and not after_honorific and _is_name_word(before):
            continue
        end = _name_end(tokens, i, accent_free)
        if end - i >= ((prefixed or 2) if after_honorific else 3):
            return label[token.start():tokens[end - 1].end()].removesuffix(".")
    return None


def _prefixed_name(tokens: list[re.Match[str]], i: int) -> int:
    """How many words a name starting at word i with a Central Highlands prefix needs to be a
    full name after an honorific (0: it has no prefix): 'Y Phun' is a man's given name, 'Y Phun
    Niê' a full one; 'H'Mai Niê' a woman's."""
    word = tokens[i].group()
    if word == "Y" and i + 1 < len(tokens) and _is_name_word(tokens[i + 1].group().removesuffix(".")):
        return 3
    word = word.removesuffix(".")
    return 2 if WOMAN_PREFIXED.fullmatch(word) and _is_name_word(word) else 0


def _middle_name_follows(tokens: list[re.Match[str]], i: int) -> bool | None:
    """Whether 'Văn' or 'Thị' and another name word follow the name word `tokens[i]`: None if
    not, else whether the three are written without accents ('Lo Van Pa')."""
    if i + 2 >= len(tokens) or tokens[i].group().endswith("."):
        return None
    words = [tokens[k].group().removesuffix(".") for k in (i, i + 1, i + 2)]
    plain = all(w.isascii() for w in words)
    first, middle, last = (w.lower() for w in words)
    if words[0].isupper() or first in NOT_FAMILY_NAMES | HONORIFICS or _is_one_of(
            first, PLACE_WORDS, PLAIN_PLACE_WORDS) or _is_one_of(last, NOT_GIVEN_NAMES,
                                                                 PLAIN_NOT_GIVEN_NAMES):
        return None  # nor can capitals alone tell 'BÀ CON THỊ TRẤN' from a name
    if all(_is_name_word(w) for w in words[1:]) and middle in (
            PLAIN_MIDDLE_NAMES if plain else MIDDLE_NAMES):
        return plain
    return None


def _name_end(tokens: list[re.Match[str]], i: int, accent_free: bool) -> int:
    """Where the name words starting with the family name `tokens[i]` end (at most four, up
    to a word with a final dot); without accents when the family name has none."""
    end = i + 1
    while end < min(len(tokens), i + 4) and not tokens[end - 1].group().endswith("."):
        next_word = tokens[end].group().removesuffix(".")
        if next_word in {"A", "Y"} and end + 1 < len(tokens) and _is_name_word(tokens[end + 1].group()):
            end += 1  # a letter alone: the middle name A of Mông men's names ('Giàng A Páo'),
            continue  # the prefix Y of Jrai and Ê Đê men's ('Ksor Y Phun')
        if not _is_name_word(next_word) or (accent_free and not next_word.isascii()):
            break
        end += 1
    return end


# --- names in the free texts -------------------------------------------------------------


def _phrases(text: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(phrase.split()) for phrase in text.split("|"))


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLES = _phrases(
    "chủ tịch|bí thư|giám đốc|tổng giám đốc|trưởng phòng|trưởng ban|trưởng bộ phận|trưởng công an|"
    "trưởng thôn|trưởng khu phố|trưởng ấp|trưởng bản|trưởng đoàn|trưởng trạm|trưởng khoa|tổ trưởng|"
    "tổ phó|khu phố trưởng|chánh văn phòng|chánh thanh tra|chánh án|viện trưởng|cục trưởng|"
    "chi cục trưởng|vụ trưởng|bộ trưởng|thứ trưởng|thủ tướng|chủ nhiệm|ủy viên|uỷ viên|đại biểu|"
    "đồng chí|cán bộ|công chức|viên chức|chuyên viên|thanh tra viên|kiểm sát viên|thẩm phán|"
    "chấp hành viên|điều tra viên|lãnh đạo|đại diện|thay mặt|thừa ủy quyền|thừa uỷ quyền|thừa lệnh|"
    "người phát ngôn|đội trưởng|chỉ huy trưởng|hiệu trưởng|đại tá|thượng tá|trung tá|thiếu tá|"
    "đại úy|đại uý|thượng úy|thượng uý|trung úy|trung uý|thiếu úy|thiếu uý|thiếu tướng|trung tướng|"
    "công an viên|kế toán|văn thư|phóng viên|nhà báo|luật sư|bác sĩ|pgs|gs|ts|ths|tiến sĩ|thạc sĩ|"
    "đbqh|đb hđnd|tổ đại biểu|đoàn đại biểu"  # 'Ông Trần Đức Thuận, ĐBQH khóa XVI'
)
"""Positions and roles: a name next to one is an official's (or an expert's) in that role."""
ROLE_CUES = _phrases("thay mặt|đại diện|thừa ủy quyền|thừa uỷ quyền|thừa lệnh|trả lời|giải đáp|"
                     "tiếp thu|kết luận|chủ trì|về phía")
"""How a clause that introduces an official speaking for an agency starts ('Trả lời ý kiến
cử tri, ông ... cho biết')."""
SELF_INTRODUCTIONS = _phrases("tôi là|tôi tên là|tên tôi là|tôi tên|em là|em tên là|cháu là|"
                              "cháu tên là|tui là|mình là|mình tên là")
"""How a citizen introduces himself ('Tôi là Nguyễn …', 'Cháu tên là …'), as questions often
start."""
CITIZEN_NOUNS = SELF_INTRODUCTIONS | _phrases(
    "hộ|hộ dân|hộ gia đình|hộ kinh doanh|gia đình|chủ hộ|công dân|cử tri|người dân|khách hàng|"
    "đương sự|người nộp đơn|người khiếu nại|người tố cáo|người phản ánh|người đề nghị|"
    "người yêu cầu|phụ huynh|bệnh nhân|học sinh")
FORM_PERSONS = _phrases("kiến nghị|phản ánh|hỏi|đề nghị|khiếu nại|tố cáo|gửi|yêu cầu|nộp đơn")
"""What a citizen did, in a form's label: 'Người kiến nghị:', 'Họ tên người hỏi:'."""
FORM_LABELS = (_phrases("họ tên|họ và tên")
               | {(*label, "người", *person) for label in (("họ", "tên"), ("họ", "và", "tên"), ("tên",))
                  for person in FORM_PERSONS}
               | {("người", *person) for person in FORM_PERSONS})
"""A form's labels before a citizen's name and a colon ('Họ tên: …', 'Người kiến nghị: …',
'Họ và tên người phản ánh: …', 'Tên người hỏi: …'), as records copied from forms write them."""
PLAIN_FORM_LABELS = frozenset(tuple(fold(word) for word in label) for label in FORM_LABELS)
FORM_LABEL_LONGEST = max(map(len, FORM_LABELS))
RESIDENCE = _word_set("thôn tổ khu ấp xóm bản khối cụm làng trú ở ngụ thường tạm phường xã kiệt "
                     "hẻm ngõ số nhà đường")
"""Words that say where a person lives: '(thôn 5)', ', trú tại tổ 12' mark a citizen."""
ORG_WORDS = PLACE_WORDS | _word_set(
    "ủy uỷ ban nhân dân đảng bộ phận phòng sở cục chi vụ quản lý đô tài nguyên môi tư pháp văn "
    "hóa hoá thông tin lao động thương binh xã hội kinh tế hạ tầng y giáo dục đào tạo nội chính "
    "kế hoạch đầu thanh tra an mặt trận tổ quốc việt nam và cựu chiến nông phụ nữ liên tiếp "
    "nhận trả kết quả một cửa")
"""Lower-case words of an agency's name, between a position and a name ('Phó Chủ tịch Ủy ban
nhân dân phường, ông ...'); any other lower-case word (a verb) ends the position."""
GROUPS = _phrases("tổ đại biểu|đoàn đại biểu|đoàn công tác|tổ công tác|đoàn giám sát|"
                  "đoàn kiểm tra|ban chỉ đạo|ban tổ chức|thường trực")
"""Groups of officials whose members a text lists after 'gồm' ('Tổ đại biểu gồm ông … và bà
…'): only there, not as positions ('Tại hộ ông …, đoàn kiểm tra đã …' names a citizen)."""
MEMBERS = frozenset({"gồm", "có", "và", ",", ":", "cùng", "các", "đồng", "chí"}) | HONORIFICS
"""The words of such a list besides the members' names."""
QUALIFIERS = ORG_WORDS - {"và"} | {"của", "số", "liên", "ngành"}
"""What may stand between a group and its 'gồm' ('Tổ đại biểu số 3 của HĐND quận gồm …')."""
CITIZEN_AFTER = CITIZEN_NOUNS | _phrases("chủ nhà|chủ đất|chủ công trình")
"""A name followed by one of these ('ông Lê Văn Tám (chủ nhà)', ', chủ hộ,') is a citizen's."""
STOPS = {".", ";", ":", "!", "?"}
POSITION_SEPARATORS = {",", "(", "–", "—", "-", ":"}
"""What may stand between a name and its position ('ông X, Trưởng phòng', 'ông X: Chủ tịch')."""
CLAUSE_STOPS = STOPS | {",", "(", ")", "–", "—", "-", "\"", "“", "”"}
LONGEST = 4
_HONORIFIC = r"(?i:\b(?:ông|bà|anh|chị|cô|chú|bác|cụ|em|cháu|ong|ba|chi|co|chu|bac|cu|chau))"
OPENING_QUOTES = {"“", '"', "‘", "'", "«", "„"}
OPENING_QUOTE = "[" + "".join(sorted(OPENING_QUOTES)) + "]"
CLOSING = {")", "]", "”", '"', "’", "'", "»"}
OPENERS = OPENING_QUOTES | {"(", "["}
"""What may close a name ('(Nguyễn Văn Hùng)', '“Nguyễn Văn Hùng”') before its position."""
CANDIDATE = re.compile(
    r"(?:" + _HONORIFIC + r"|(?i:\b(?:hộ|dân|tri|đình|hàng|sự|đơn|nại|cáo|ánh|nghị|cầu|huynh|nhân|"
    r"sinh|doanh|là|tên))|:)\s+" + OPENING_QUOTE + r"?(?:"
    + "|".join(sorted({w.capitalize() for w in SURNAMES | PLAIN_SURNAMES}
                      | {w.upper() for w in SURNAMES | PLAIN_SURNAMES}, key=len, reverse=True))
    + r"|[^\W\d_]+\s+(?:" + "|".join(w.capitalize() for w in sorted(MIDDLE_NAMES)) + "))(?!\\w)"
)
"""A quick look for a marker (or the colon after a form's label) before a family name (in quotes
too), or before a word and a middle name (Văn, Thị, …), so that most texts are not read word by
word."""
PREFIXED = re.compile(r"(?:" + _HONORIFIC + r"|(?i:\b(?:hộ|dân|tri)))\s+(?:Y\s+[^\W\d_]|H['’][^\W\d_])")
"""The same for a name with a Central Highlands prefix ('ông Y Phun Niê', 'bà H'Mai Niê')."""
LOWER_CASE_INTRODUCTION = re.compile(r"(?i:\b(?:là|tên))\s+(?:" + "|".join(sorted(SURNAMES))
                                     + r")\s+(?:" + "|".join(sorted(MIDDLE_NAMES)) + r")\s+[^\W\d_]")
"""The same for a name typed in lower case after a self-introduction ('tôi là nguyễn văn sáu',
as chat messages are written): only a family name and a middle name ('văn', 'thị') say it is
one."""
BRACKETED = re.compile(_HONORIFIC + r"(?:\s+[^\W\d_]+){1,2}\s*$")
"""The same for a full name in brackets after a short one ('ông Hùng (Nguyễn Văn Hùng)'): what
stands before a bracket."""
BRACKET = re.compile(r"[(\[]")


def _may_name(text: str) -> bool:
    """Whether a text may hold a name `_mentions` finds: most texts are not read word by word.
    The rarer forms are looked for only where their sign is (a bracket is looked behind)."""
    return bool(CANDIDATE.search(text) or LOWER_CASE_INTRODUCTION.search(text)
                or (("Y " in text or "H'" in text or "H’" in text) and PREFIXED.search(text))
                or any(BRACKETED.search(text, max(0, b.start() - 40), b.start())
                       for b in BRACKET.finditer(text)))


@dataclass(frozen=True)
class Mention:
    """A full name after an honorific or a citizen noun, and whether it is an official's:
    True (next to a position), False (a citizen noun, an address), None (nothing says)."""

    start: int
    end: int
    name: str
    official: bool | None
    honorific: str = ""


@functools.lru_cache(maxsize=1024)
def name_mentions(text: str) -> tuple[Mention, ...]:
    """Full names of people in a free text that a marker introduces (see find_citizen_names),
    read as the page shows the text: 'bà **Trần Thị Mai**' and 'bà Trần *Thị* Mai' are names
    too (each mention's start and end are the text's). Kept for the texts of the last sessions:
    a session's texts are read twice, once for the officials it names with their position, then
    each for citizens' names."""
    if not UNSHOWN.search(text):
        return _mentions(text)
    if not _may_name(UNSHOWN.sub("", text)):  # building Shown costs more than looking first
        return ()
    shown = Shown(text)
    return tuple(replace(m, start=start, end=end) for m in _mentions(shown.alike)
                 for start, end in [shown.source_span(m.start, m.end)])


def _mentions(text: str) -> tuple[Mention, ...]:
    if not _may_name(text):
        return ()
    tokens = list(WORD.finditer(text))
    words = [t.group().lower() for t in tokens]
    mentions = []
    for i, token in enumerate(tokens):
        word = token.group().removesuffix(".")
        if introduced := _introduced_in_lower_case(tokens, words, i):
            end, official = i + 3, None  # a fourth given name when a position follows it after
            # a comma or a dash ('nguyễn văn minh tuấn, trưởng …'); not a verb ('… sáu hỏi chủ tịch …')
            if end + 1 < len(words) and tokens[end].group().isalpha() and tokens[end].group().islower() \
                    and words[end + 1] in POSITION_SEPARATORS \
                    and _official(words, text, tokens, i - introduced, end + 1, True):
                end, official = end + 1, True
            if official is None:
                official = _official(words, text, tokens, i - introduced, end, True)
            name = text[token.start():tokens[end - 1].end()].removesuffix(".")
            mentions.append(Mention(token.start(), token.start() + len(name), name, official))
            continue
        prefixed = _prefixed_name(tokens, i)
        if i == 0 or not (prefixed or _is_name_word(word)):
            continue
        listed = bool(prefixed) or _is_one_of(word, SURNAMES, PLAIN_SURNAMES)
        if not listed and _middle_name_follows(tokens, i) is not False:  # 'ông Lò Văn Pá'
            continue
        accent_free = not prefixed and listed and word.lower() not in SURNAMES
        marker = _honorific_before(tokens, words, i)
        honorific = marker is not None and (not accent_free or words[marker].isascii())
        marker = marker if honorific else i
        citizen = (_phrase_ending(words, marker - 1, CITIZEN_NOUNS)
                   or _form_label_ending(words, marker - 1)) if marker else 0
        if not (honorific or citizen) or (not citizen and marker and words[marker - 1] in PLACE_WORDS):
            continue
        end = _name_end(tokens, i, accent_free)
        for k in range(i + 2, end):  # 'ông Nguyễn Văn Hùng Phó Chủ tịch ...'
            if _title_at(words, k):
                end = k
                break
        if end - i < ((prefixed or 2) if honorific else 3):
            continue
        name = text[token.start():tokens[end - 1].end()].removesuffix(".")
        mentions.append(Mention(token.start(), token.start() + len(name), name,
                                _official(words, text, tokens, marker - citizen, end, bool(citizen),
                                          words[i - 1] in OPENERS),
                                words[marker] if honorific else ""))
    return tuple(mentions)


def _introduced_in_lower_case(tokens: list[re.Match[str]], words: list[str], i: int) -> int:
    """How many words of a self-introduction stand before a name written in lower case at word
    i ('tôi là nguyễn văn sáu'): a family name, 'văn' or 'thị' and a given name; 0 if none."""
    if not (i + 2 < len(words) and words[i] in SURNAMES and words[i + 1] in MIDDLE_NAMES
            and all(tokens[k].group().islower() for k in range(i, i + 3))
            and _is_name_word(tokens[i + 2].group().removesuffix(".").capitalize())):
        return 0
    return _phrase_ending(words, i - 1, SELF_INTRODUCTIONS) if i else 0


def _honorific_before(tokens: list[re.Match[str]], words: list[str], i: int) -> int | None:
    """Where the honorific introducing the name at word i stands: right before it ('bà Trần
    Thị Mai'), or before a short name and the bracket the full name opens ('ông Hùng (Nguyễn
    Văn Hùng)', 'bà Mai Anh (Trần Thị Mai Anh)'); None if there is none."""
    if _is_one_of(words[i - 1], HONORIFICS, PLAIN_HONORIFICS):
        return i - 1
    if i >= 2 and words[i - 1] in OPENING_QUOTES and _is_one_of(words[i - 2], HONORIFICS, PLAIN_HONORIFICS):
        return i - 2  # 'bà “Lý Thị Kiều Oanh”'
    if words[i - 1] not in {"(", "["}:
        return None
    for short in (1, 2):
        k = i - 2 - short
        if k >= 0 and _is_one_of(words[k], HONORIFICS, PLAIN_HONORIFICS) and all(
                _is_name_word(tokens[n].group()) for n in range(k + 1, i - 1)):
            return k
    return None


def _phrase_ending(words: list[str], k: int, phrases: frozenset[tuple[str, ...]]) -> int:
    """How many words of a phrase of `phrases` end at word k (the longest), 0 if none."""
    for n in range(LONGEST, 0, -1):
        if k - n + 1 >= 0 and tuple(words[k - n + 1:k + 1]) in phrases:
            return n
    return 0


def _form_label_ending(words: list[str], k: int) -> int:
    """How many words of a form's label and its colon end at word k ('họ tên :'), written
    with accents or without ('Ho ten:'); 0 if none."""
    if k < 1 or words[k] != ":":
        return 0
    for n in range(min(FORM_LABEL_LONGEST, k), 0, -1):
        label = tuple(words[k - n:k])
        if label in FORM_LABELS or (all(w.isascii() for w in label) and label in PLAIN_FORM_LABELS):
            return n + 1
    return 0


def _phrase_at(words: list[str], k: int, phrases: frozenset[tuple[str, ...]]) -> int:
    """How many words of a phrase of `phrases` start at word k (the longest), 0 if none."""
    for n in range(LONGEST, 0, -1):
        if tuple(w.removesuffix(".") for w in words[k:k + n]) in phrases:
            return n
    return 0


def _title_at(words: list[str], k: int) -> bool:
    """A position starts at word k: 'Trưởng phòng', 'Phó Chủ tịch', 'nguyên Bí thư'."""
    while k < len(words) and words[k] in {"phó", "nguyên", "là", "hiện", "đương", "kim", "tân"}:
        k += 1
    return k < len(words) and _phrase_at(words, k, TITLES) > 0


def _official(words: list[str], text: str, tokens: list[re.Match[str]], first: int, end: int,
              citizen: bool, opened: bool = False) -> bool | None:
    """Whether the name between words `first` (its marker) and `end` is an official's; `opened`:
    a bracket or quote opens right before the name, and its closing one is passed over ('ông
    Hùng (Nguyễn Văn Hùng), Trưởng phòng'), not one that closes more ('(bà Trần Thị Mai), Phó
    Chủ tịch UBND phường cho biết' names a citizen, then the official who answered)."""
    after = end + (opened and end < len(words) and words[end] in CLOSING)
    after += after < len(words) and words[after] in POSITION_SEPARATORS
    # ':' introduces the position ('Ông X: Chủ tịch UBND phường'), the other stops end the sentence
    ended = end < len(words) and (words[end] in STOPS - {":"} or _sentence_ends(text, tokens, end))
    if not ended and _title_at(words, after):  # not the next sentence's subject ('… Sáu. Tổ trưởng …')
        return True  # 'ông Trần Văn A, Trưởng phòng Tư pháp', 'bà ... (Phó Chủ tịch UBND phường)'
    if citizen or (after < len(words) and (words[after] in RESIDENCE
                                           or _phrase_at(words, after, CITIZEN_AFTER))):
        return False  # 'hộ ông Lê Văn Tám', 'ông Nguyễn Văn Hùng (thôn 5)', '…, chủ hộ'
    if _listed_member(words, tokens, text, first):
        return True
    start = first
    while start > 0 and words[start - 1] not in CLAUSE_STOPS and not _sentence_ends(text, tokens, start):
        start -= 1
    for k in range(start, first):  # 'Phó Chủ tịch UBND quận Cẩm Lệ ông ...'
        length = _phrase_at(words, k, TITLES)
        if length and all(w in ORG_WORDS or not t.group().islower()
                          for w, t in zip(words[k + length:first], tokens[k + length:first], strict=True)):
            return True
    if start > 1 and words[start - 1] == ",":  # 'Chủ tịch UBND quận, ông ...', 'Trả lời ..., ông ...'
        clause = start - 1
        while clause > 0 and words[clause - 1] not in STOPS and not _sentence_ends(text, tokens, clause):
            clause -= 1
        if _title_at(words, clause) or _phrase_at(words, clause, ROLE_CUES):
            return True
    return None


def _listed_member(words: list[str], tokens: list[re.Match[str]], text: str, first: int) -> bool:
    """Whether the name at word `first` is in the list of members a group of officials gives
    after 'gồm' in its sentence ('Đoàn giám sát của HĐND quận gồm có ông A, bà B và ông C'):
    between 'gồm' and the name, only names and the list's words; between the group and 'gồm',
    only its qualifiers."""
    k = first
    while k > 0 and words[k - 1] != "gồm":
        k -= 1
        opens_the_list = words[k] == ":" and k > 0 and words[k - 1] in {"gồm", "có", "chí"}
        if (words[k] in STOPS and not opens_the_list) or _sentence_ends(text, tokens, k + 1) or not (
                words[k] in MEMBERS or not tokens[k].group().islower()):
            return False  # 'gồm: ông …', 'gồm các đồng chí: …' open the list
    if k == 0:
        return False
    group = k - 1  # the word 'gồm'; the group ends before it, after its qualifiers
    while group > 0 and not _phrase_ending(words, group - 1, GROUPS) and (
            words[group - 1] in QUALIFIERS or words[group - 1].isdigit()
            or not tokens[group - 1].group().islower()):
        group -= 1
    return group > 0 and bool(_phrase_ending(words, group - 1, GROUPS))


def _sentence_ends(text: str, tokens: list[re.Match[str]], k: int) -> bool:
    """A sentence ends before word k: a blank line, or a word with a final dot ('xã.')."""
    before = tokens[k - 1].group()
    if "\n\n" in text[tokens[k - 1].end():tokens[k].start()]:
        return True
    return before.endswith(".") and len(before) > 2 and "." not in before[:-1] and not before.isupper()


def _key(name: str) -> str:
    """A name as compared: one spelling of its tone marks ('Hoà' is 'Hòa'), spacing, case."""
    return " ".join(normalise(name).split()).casefold()


def officials_named(texts: Iterator[str] | list[str]) -> set[str]:
    """Names the texts give next to a position: the same name elsewhere is that official's."""
    return {_key(m.name) for text in texts for m in name_mentions(text) if m.official}


def find_citizen_names(text: str, officials: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
    """Full names of private persons in a free text (an answer, a commitment, the write-up).

    A name counts only after a marker: an honorific ('bà Trần Thị Mai', two name words at
    least) or a citizen noun ('hộ ông Lê Văn Tám', 'cử tri Nguyễn Văn Hùng', three words). It
    is an official's, and passes, when a position follows it (', Trưởng phòng Tư pháp',
    '(Phó Chủ tịch UBND phường)'), when a position stands before it in its clause with only an
    agency's name between ('Phó Chủ tịch UBND quận Cẩm Lệ ông ...'), when the clause before
    starts with a position or a role ('Chủ tịch UBND quận, ông ...', 'Thay mặt ..., bà ...',
    'Trả lời ý kiến cử tri, ông ...'), or when `officials` (names given with a position
    elsewhere in the session, the chair's) holds it. A citizen noun or an address after the name
    ('(thôn 5)', ', trú tại ...') makes it a citizen's whatever stands before.
    """
    return [m for m in name_mentions(text) if m.official is not True
            and _key(m.name) not in officials and _key(m.name) not in PUBLIC_FIGURES]


PUBLIC_FIGURES = {"hồ chí minh", "võ nguyên giáp", "tôn đức thắng", "phạm văn đồng", "lê duẩn"}
"""Leaders a write-up may quote ('thực hiện lời dạy của Bác Hồ Chí Minh')."""


# --- running the guard over a file -----------------------------------------------------


def _texts(data: Any, where: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text value of parsed YAML with its path, skipping addresses and file names, and
    the keys of a mapping whose keys are free and shown (`attendance`), with its path."""
    if isinstance(data, dict):
        if where and where[-1] in FREE_KEYS:
            yield from ((where, key) for key in data if isinstance(key, str))
        for key, value in data.items():
            if key not in UNCHECKED_KEYS:
                yield from _texts(value, (*where, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*where, index))
    elif isinstance(data, str):
        yield where, data


def _spaced(needle: str) -> re.Pattern[str]:
    """`needle` with any spaces between its words (a line break in the file, a no-break space)."""
    return re.compile(r"\s+".join(map(re.escape, needle.split())) or re.escape(needle))


def _times_before(text: str, needle: str, end: int) -> int:
    """How often `needle` occurs in `text` before `end`, spaced as position_in_source finds it:
    counted as written, one spaced otherwise was not, and each was said at the first."""
    return len(_spaced(needle).findall(text, 0, end))


def position_in_source(source: str, start: tuple[int, int], needle: str, before: int = 0) -> tuple[int, int]:
    """Line and column of `needle` at or after a value's start in the file (block scalars
    included; its words may wrap onto the next lines), after the `before` times it occurs
    earlier in the value; the value's own start when it was folded or escaped otherwise."""
    words = _spaced(needle)
    found = offset_of(source, start) - 1
    for _ in range(before + 1):
        match = words.search(source, found + 1)
        if match is None:
            return start
        found = match.start()
    return position_of(source, found)


NAMED_IN_ROLE_KEYS = {"chair", "official", "author", "sources", "label"}
"""Where a name is not checked as a citizen's in the free texts: officials and the byline in
their roles, the titles of cited publications as published, and asker.label (its own rule).
Not `attendance`: its keys are shown ('hộ ông Nguyễn Văn Bình: 1' names a citizen)."""


def _free_texts(texts: Iterable[tuple[tuple[Any, ...], str]]) -> list[tuple[tuple[Any, ...], str]]:
    """Of `texts` (see _texts), those where a name is checked as a citizen's."""
    return [(where, text) for where, text in texts if not NAMED_IN_ROLE_KEYS.intersection(
        step for step in where if isinstance(step, str))]


def session_officials(front_matter: Any, body: str) -> set[str]:
    """Officials a session names: its chair, and names given with a position in the write-up."""
    chair = front_matter.get("chair") if isinstance(front_matter, dict) else None
    name = chair.get("name") if isinstance(chair, dict) else None
    named = officials_named([body, *(text for _, text in _free_texts(_texts(front_matter)))])
    return named | ({_key(name)} if isinstance(name, str) else set())


def check_data(data: Any, source: str, path: Path, log: ProblemLog,
               officials: set[str] | frozenset[str] = frozenset()) -> None:
    """Report personal data in every text of a parsed YAML document; `officials`: the names of
    officials the session gives elsewhere (session_officials)."""
    texts = list(_texts(data))
    for where, text in texts:
        if _is_id(where):
            for message in personal_data_in_id(text):
                log.add(path, *locate(data, where), message)
        else:
            _report_findings(data, source, path, log, where, text)
    free = _free_texts(texts)
    officials = officials | officials_named(text for _, text in free)
    for where, text in free:
        for mention in find_citizen_names(text, officials):
            written = text[mention.start:mention.end]  # 'Trần *Thị* Mai', as the file has it
            earlier = _times_before(text, written, mention.start)
            line, col = position_in_source(source, locate(data, where), written, earlier)
            log.add(path, line, col, name_message(mention, _field(where)))
    items = data.get("items") if isinstance(data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        asker = item.get("asker") if isinstance(item, dict) else None
        if not isinstance(asker, dict) or asker.get("named_with_consent") is True:
            continue
        label = asker.get("label")
        name = find_full_name(label) if isinstance(label, str) else None
        if name:
            where = ("items", index, "asker", "label")
            line, col = position_in_source(source, locate(data, where), name)
            log.add(path, line, col, f"asker.label {label_message(name)}")


def _report_findings(data: Any, source: str, path: Path, log: ProblemLog, where: tuple[Any, ...],
                     text: str) -> None:
    """Report the phone numbers, ID numbers and e-mail addresses of one text, at their place."""
    for finding in find_personal_data(text):
        value = text[finding.start:finding.end]
        earlier = _times_before(text, value, finding.start)
        line, col = position_in_source(source, locate(data, where), value, earlier)
        log.add(path, line, col, _message(finding, value, where))


REGISTRY_TEXT_KEYS = frozenset({"name", "short_name", "description", "synonyms", "aliases"})
"""What a registry entry says in words (an agency's aliases are its other names, not ids); its
other keys are ids, codes, dates and addresses."""


def check_registry(data: Any, source: str, path: Path, log: ProblemLog, redactor: Redactor) -> None:
    """Apply the redaction rules to the words of a registry's entries, in place, then report
    the personal data left in them: published as a session's texts are (their pages and those
    pages' descriptions, the open data), they got neither (a helper's find). Not the check of
    citizens' names: a registry names offices, places and procedures, many after people
    (phường Trần Phú, Trường Tiểu học Lê Văn Tám)."""
    entries = [entry for entry in data if isinstance(entry, LocDict)] if isinstance(data, LocList) else []
    for entry in entries:
        for key in REGISTRY_TEXT_KEYS.intersection(entry):
            value = entry[key]
            if isinstance(value, str):
                entry[key] = redactor.apply(value)
            elif isinstance(value, LocList):
                value[:] = [redactor.apply(one) if isinstance(one, str) else one for one in value]
    for where, text in _texts(data):
        if len(where) > 1 and where[1] in REGISTRY_TEXT_KEYS:
            _report_findings(data, source, path, log, where, text)


def label_message(name: str, consent_advice: str = "") -> str:
    """What to do about an asker's label that names a person without their consent: that
    person's initials, and descriptions for each kind of asker (a voter, a business: 'Công dân
    phường ...' was offered at a business dialogue of a province, a helper's find)."""
    return (f"names a person ('{name}'): publish initials (e.g. '{_initials(name)}') or a "
            "description (e.g. 'Công dân xã ...', 'Cử tri thôn ...', 'Đại diện một doanh nghiệp'), "
            f"or {consent_advice or CONSENT_ADVICE} if the person agreed in writing to be named. "
            f"If '{name}' is a place or a street, write its kind before it ('huyện {name}', "
            f"'đường {name}')")


def _initials(name: str, honorific: str | None = None) -> str:
    """'ông N.V.H.' for 'Nguyễn Văn Hùng'; a woman's (a middle name Thị) after 'bà', unless an
    honorific is given."""
    honorific = honorific or ("bà" if "thị" in name.casefold().split()[1:-1] else "ông")
    return f"{honorific} {''.join(word[0].upper() + '.' for word in name.split())}"


def text_messages(text: str, field: str, officials: set[str] | frozenset[str] | None = None) -> list[str]:
    """What the guard says of one text that is not (yet) in a file, a spreadsheet cell say:
    personal data, and citizens' full names when `officials` is given (a free text)."""
    messages = [_message(f, text[f.start:f.end], ()) for f in find_personal_data(text)]
    if officials is not None:
        messages += [name_message(m, field) for m in find_citizen_names(text, officials)]
    return messages


CONSENT_ADVICE = "add named_with_consent: true"
"""How a record says a person agreed to be named (the importer words it for its sheet)."""


def check_markdown(text: str, first_line: int, path: Path, log: ProblemLog,
                   officials: set[str] | None = None) -> None:
    """Report personal data in a Markdown body that starts on `first_line` of its file; a
    session's write-up (`officials` given) is checked for citizens' full names too."""

    def position(offset: int) -> tuple[int, int]:
        line, col = position_of(text, offset)
        return first_line + line - 1, col

    for finding in find_personal_data(text):
        log.add(path, *position(finding.start), _message(finding, text[finding.start:finding.end], ()))
    for mention in find_citizen_names(text, officials) if officials is not None else ():
        log.add(path, *position(mention.start), name_message(mention, "the write-up"))


def _field(where: tuple[Any, ...]) -> str:
    return ".".join(str(step) for step in where if isinstance(step, str))


CONSENT_WHERE = "asker.label, with named_with_consent: true"
"""Where a name agreed to is written (the importer words it for its sheet's columns)."""


def name_message(mention: Mention, field: str) -> str:
    name = " ".join(mention.name.split())  # one line, though the name wraps in its YAML block
    initials = _initials(name, mention.honorific)
    honorific = initials.split()[0]
    return (f"'{name}' in {field} looks like the full name of a private person, which is "
            f"personal data; write initials ('{initials}') or a description ('một hộ dân "
            f"ở thôn ...'); a citizen who agreed in writing to be named may be named only in "
            f"{CONSENT_WHERE}. An official named in the role is accepted "
            f"with the position next to the name ('{honorific} {name}, Trưởng phòng ...'); a place "
            f"or a street with its kind before it ('xã {name}', 'đường {name}')")


NAME_IN_ID = re.compile(
    r"(?:^|-)(?:ong|ba|anh|chi|co|chu|bac|ho|cu-tri|cong-dan|nguoi-dan|toi-ten-la|ten-toi-la|toi-la|toi-ten)-((?:"
    + "|".join(sorted(PLAIN_SURNAMES)) + r")-(?:van|thi)-[a-z]+)(?:-|$)")
"""A citizen's name spelt in an id, as a title typed into `new` becomes one: an honorific or a
citizen noun, a common family name, Văn or Thị and a given name ('ho-ba-le-thi-mai')."""


def without_personal_words(text: str) -> str:
    """`text` without the personal data and the names of people it holds, officials' too: what
    an id made from a text (a title, a question's first words) may hold."""
    spans = sorted([(f.start, f.end) for f in find_personal_data(text)]
                   + [(m.start, m.end) for m in name_mentions(text)])
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    for start, end in reversed(merged):
        text = text[:start] + " " + text[end:]
    return text


PLAIN_TITLES = frozenset(tuple(fold(word) for word in phrase) for phrase in TITLES)


def _personal_parts(value: str) -> list[tuple[str, str]]:
    """(part, what it looks like) for the phone, ID card numbers, e-mail addresses and citizens'
    names an id holds, read with its hyphens as spaces; a name followed by a position is an
    official's ('ong-tran-van-minh-chu-tich-ubnd-phuong', as `new` makes from a title)."""
    found = [(value[f.start:f.end], f.message) for f in find_personal_data(value.replace("-", " "))]
    for name in NAME_IN_ID.finditer(value):
        after = [w for w in value[name.end(1):].split("-") if w]
        while after[:1] in (["pho"], ["nguyen"]):
            after = after[1:]
        if not any(tuple(after[:n]) in PLAIN_TITLES for n in range(1, LONGEST + 1)):
            found.append((name[1], "the full name of a person"))
    return found


def personal_data_in_id(value: str) -> list[str]:
    """Messages for the personal data an id holds (a session folder, an item, a commitment, an
    alias: 'ong-hung-0905123456'). An id is part of a public address and redaction never
    touches it."""
    return [f"'{value}' holds '{part}', which looks like {kind}: an id is part of a public address "
            "and is never redacted, so change it (and do not keep the old one in aliases)"
            for part, kind in _personal_parts(value)]


def personal_data_in_file_name(name: str) -> list[str]:
    """The same for a photo's file name ('ba-tran-thi-kim-cuc-phat-bieu.jpg'), read as an id:
    it is part of the photo's public address too. Not ID numbers: a phone's or Facebook's file
    names are runs of digits ('PXL_20240620_093512345.jpg') that no one types as one."""
    stem = re.sub(r"[^a-z0-9]+", "-", fold(Path(name).stem).lower()).strip("-")
    return [f"the file name '{name}' holds what looks like {kind} ('{part}'): it is part of the "
            "photo's public address and is never redacted; rename the file"
            for part, kind in _personal_parts(stem) if kind not in ID_NUMBERS]


def _is_id(where: tuple[Any, ...]) -> bool:
    return bool(where) and (where[-1] == "id" or (len(where) > 1 and where[-2] == "aliases"))


def _message(finding: Finding, value: str, where: tuple[Any, ...]) -> str:
    value = re.sub(r"[ \t]*\n\s*", " ", value)  # one line, though the number wraps onto the next
    field = _field(where)
    place = f" in {field}" if field else ""
    link = " in a link's address" if finding.in_link else ""
    kind = finding.message
    return f"'{value}' looks like {kind}{link}{place}, which is personal data; {REASONS[kind]}"
