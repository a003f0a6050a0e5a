"""YAML reading that keeps line numbers (PyYAML's marks) for every mapping key and value.

Content is typed by hand, so the loader also refuses what PyYAML would silently accept:
duplicate keys, alias bombs, and YAML 1.1 surprises (`14:30` read as the number 870). The
writing of answers.yaml (`dump_items`, for `import`) is here too: YAML in and out in one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from .models import clipped

Position = tuple[int, int]  # 1-based line and column

MAX_EXPANDED_NODES = 200_000
"""A document larger than this once its aliases are expanded is refused (alias bombs)."""


class LocDict(dict):
    """A mapping that remembers where each key and value stood in the file."""

    start: Position = (1, 1)
    key_pos: dict[Any, Position]
    value_pos: dict[Any, Position]
    value_span: dict[Any, tuple[int, int]]
    """Where each value is written in the text read: its first character's offset and the one
    after its last, so that a text's photos and links are looked for in it alone."""
    merge: tuple[Position, str] | None = None
    """Where its `<<:` key was written, and what follows it (`*first`): a repeat of another."""
    inherited: frozenset[Any] = frozenset()
    """The keys the merge gave it that it does not write again itself."""
    flow: bool = False
    """Written in braces (`{date: …, note: …}`), where a comma ends a value."""
    written: dict[Any, str]
    """The unquoted words YAML read as another type (`status: no` is false, `text: 017` is
    15), as written: a message quotes what the writer typed, not 'false'."""


class LocList(list):
    """A sequence that remembers where each entry stood in the file."""

    start: Position = (1, 1)
    item_pos: list[Position]


def _pos(mark: yaml.Mark, line_offset: int) -> Position:
    return (mark.line + 1 + line_offset, mark.column + 1)


@dataclass(frozen=True)
class YamlIssue:
    """A problem found while reading YAML, before any model validation."""

    line: int
    column: int
    message: str


class YamlError(Exception):
    def __init__(self, issue: YamlIssue):
        self.issue = issue
        super().__init__(issue.message)


def _make_loader(line_offset: int) -> type:
    """A CSafeLoader subclass whose constructors build LocDict/LocList with positions."""

    class Loader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        issues: list[YamlIssue]  # what does not stop the reading: all are said at once
        text: str

        def construct_loc_map(self, node: yaml.MappingNode) -> Iterator[LocDict]:
            data = LocDict()
            data.start = _pos(node.start_mark, line_offset)
            data.key_pos, data.value_pos, data.value_span, data.written = {}, {}, {}, {}
            data.flow = bool(node.flow_style)
            yield data
            merge = next((key for key, _ in node.value if key.tag == MERGE_TAG), None)
            if merge is not None:
                alias = _MERGED.match(self.text, merge.end_mark.index)
                data.merge = (_pos(merge.start_mark, line_offset), alias.group(1) if alias else "")
            self.check_merges(node, set())
            own = sum(1 for key_node, _ in node.value if key_node.tag != MERGE_TAG)
            self.flatten_mapping(node)  # `<<: *anchor`: the anchor's pairs first, then the own
            merged = len(node.value) - own
            inherited: set[Any] = set()  # keys a merge gave, which an own key replaces
            for index, (key_node, value_node) in enumerate(node.value):
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag in PLAIN_SCALAR_TAGS:
                    key = unicodedata.normalize("NFC", key_node.value)  # `yes:` is the key 'yes'
                else:
                    key = self.construct_object(key_node, deep=True)
                try:
                    hash(key)
                except TypeError:
                    line, col = _pos(key_node.start_mark, line_offset)
                    raise YamlError(YamlIssue(line, col, "a mapping key must be a plain value")) from None
                if index < merged:  # a later merged mapping replaces an earlier one's key
                    inherited.add(key)
                elif key in inherited:  # not a duplicate: the item's own value wins
                    inherited.discard(key)
                elif key in data.key_pos:
                    line, col = _pos(key_node.start_mark, line_offset)
                    first = data.key_pos[key][0]
                    self.issues.append(YamlIssue(
                        line, col, f"duplicate key '{key}' (already given on line {first}); keep one"))
                    continue
                data[key] = self.construct_object(value_node, deep=True)
                self.check_cut_text(value_node)
                data.key_pos[key] = _pos(key_node.start_mark, line_offset)
                data.value_pos[key] = _pos(value_node.start_mark, line_offset)
                data.value_span[key] = (value_node.start_mark.index, value_node.end_mark.index)
                if isinstance(data[key], bool | int | float) and isinstance(value_node, yaml.ScalarNode):
                    data.written[key] = value_node.value
            data.inherited = frozenset(inherited)

        def check_merges(self, node: yaml.MappingNode, seen: set[int]) -> None:
            """A `<<` that names no mapping, at the `<<` line: PyYAML reports it at the value
            merged (the anchor's line, '...but found scalar' for a list)."""
            seen.add(id(node))
            for key_node, value_node in node.value:
                if key_node.tag != MERGE_TAG:
                    continue
                merged = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                if not all(isinstance(one, yaml.MappingNode) for one in merged):
                    line, col = _pos(key_node.start_mark, line_offset)
                    what = "a list" if isinstance(value_node, yaml.SequenceNode) else "a single value"
                    written = self.text[key_node.start_mark.index:].partition("\n")[0]
                    raise YamlError(YamlIssue(line, col, (
                        f"'{written.strip()}' repeats the keys of a mapping, but what it names is "
                        f"{what} (line {value_node.start_mark.line + 1 + line_offset}): '<<' takes a "
                        "mapping marked with '&' ('- &first' above an item's keys); write the "
                        "values here plainly instead")))
                for one in merged:
                    if id(one) not in seen:
                        self.check_merges(one, seen)

        def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
            if node.tag not in OWN_TAGS:  # `!!python/object:...`, `!!binary`, `!foo`
                line, col = _pos(node.start_mark, line_offset)
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                raise YamlError(YamlIssue(line, col, f"'{tag}' is a YAML tag, and {NO_TAGS}"))
            if node.tag == NULL_TAG and isinstance(node, yaml.ScalarNode) and node.value not in NULLS:
                raise YamlError(self.unfit(node))  # `!!null x` would lose the x without a word
            try:
                return super().construct_object(node, deep)
            except (ValueError, TypeError, LookupError, AttributeError, OverflowError):
                # PyYAML's own constructors fail on values their tag does not fit (`!!bool x`,
                # `!!seq x`, `0b_`) in Python's words, or with a traceback, and at no line.
                raise YamlError(self.unfit(node)) from None

        def unfit(self, node: yaml.Node) -> YamlIssue:
            """What to do about a value YAML cannot make into what its tag, written or implied,
            says: the tag written before it is the mistake; else, quotes make it a text."""
            line, col = _pos(node.start_mark, line_offset)
            written = self.text[node.start_mark.index:node.end_mark.index]
            tag = _WRITTEN_TAG.match(written)
            if tag:
                value = written[tag.end():].strip()
                return YamlIssue(line, col, (f"'{tag.group(1)}' is a YAML tag that does not fit "
                                             f"the value '{clipped(value)}', and {NO_TAGS}"))
            return YamlIssue(line, col, (
                f"YAML reads '{clipped(written)}' as a number but cannot make one of it: if it "
                f"is a text, write it in quotes (\"{clipped(written)}\")"))

        def construct_loc_seq(self, node: yaml.SequenceNode) -> Iterator[LocList]:
            data = LocList()
            data.start = _pos(node.start_mark, line_offset)
            data.item_pos = [_pos(child.start_mark, line_offset) for child in node.value]
            yield data
            data.extend(self.construct_object(child, deep=True) for child in node.value)
            for child in node.value:
                self.check_cut_text(child)

        def check_cut_text(self, node: yaml.Node) -> None:
            """A text written without quotes followed by ' #' on its line ('Lô #5', 'tổ # 3'):
            YAML reads the rest of the line as a comment, and the text was published cut short
            without a word. A comment set off by two spaces, as comments are written, is one;
            so is one after an id or a value of a list of choices, which loses nothing."""
            if not (isinstance(node, yaml.ScalarNode) and not node.style and node.tag == STR_TAG):
                return
            end = node.end_mark.index
            if self.text[end:end + 2] not in (" #", "\t#") or _ID_LIKE.fullmatch(node.value):
                return
            line, col = _pos(node.end_mark, line_offset)
            comment = self.text[end + 1:].partition("\n")[0].rstrip()
            end_words = node.value[-30:]  # the text's last words, whole
            kept = node.value if len(node.value) <= 30 else f"…{end_words.partition(' ')[2] or end_words}"
            issue = YamlIssue(line, col + 1, (
                f"YAML reads ' #' and the rest of the line as a comment, so this text ends at "
                f"'{kept}' and '{clipped(comment)}' is left out of it: if "
                "the '#' belongs to the text, write the whole text in quotes (\"…\"); if it is a "
                "comment, put two spaces before the '#'"))
            if issue not in self.issues:  # a text repeated by an alias (`*first`, `<<`): once
                self.issues.append(issue)

        def construct_nfc_str(self, node: yaml.ScalarNode) -> str:
            return unicodedata.normalize("NFC", self.construct_scalar(node))

        def construct_int_not_sexagesimal(self, node: yaml.ScalarNode) -> int | str:
            # YAML 1.1 reads 14:30 as 870; a writer of `time: 14:30` means the text.
            value = self.construct_scalar(node)
            return value if ":" in value else self.construct_yaml_int(node)

        def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> object:
            # 2024-02-30 looks like a date but is none: keep the text so validation names it.
            try:
                return self.construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                return self.construct_scalar(node)

        def construct_float_not_sexagesimal(self, node: yaml.ScalarNode) -> float | str:
            value = self.construct_scalar(node)
            if ":" in value:
                return value
            number = WrittenFloat(self.construct_yaml_float(node))
            number.written = value
            return number

    Loader.add_constructor("tag:yaml.org,2002:map", Loader.construct_loc_map)
    Loader.add_constructor("tag:yaml.org,2002:seq", Loader.construct_loc_seq)
    Loader.add_constructor("tag:yaml.org,2002:str", Loader.construct_nfc_str)
    Loader.add_constructor("tag:yaml.org,2002:value", Loader.construct_nfc_str)  # `=`
    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_int_not_sexagesimal)
    Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_float_not_sexagesimal)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_lenient_timestamp)
    return Loader


class WrittenFloat(float):
    """A number as read, with its text as written: a message asking to quote `1.012790` must
    give it as typed, not as the number it became (1.01279), another code."""

    written: str


PLAIN_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "timestamp"))
"""What YAML makes of a word written without quotes. A key is read as written whatever it
looks like: every key of the format is a text, and YAML 1.1 would make `yes:`, `on:`, `123:`,
`2024:` and `~:` keys of true, a number or null, which no message could name as written."""


NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
_ID_LIKE = re.compile(r"[a-z0-9._:/+-]*")
"""An id, a value of a list of choices (`done`), a code or an hour: a comment after one
cuts nothing off."""
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
"""How YAML writes nothing: `!!null` before anything else is a value lost."""
NO_TAGS = ("tags are not used in this archive: write the value plainly, without it (a text "
           "starting with '!' is written in quotes)")
_WRITTEN_TAG = re.compile(r"(?:&[^\s,\[\]{}]*\s+)?(![^\s,\[\]{}]*)\s*(?:&[^\s,\[\]{}]*\s*)?")
"""A tag written before a value (`!!int x`), after or before its anchor (`&first !!int x`)."""


_LOADERS: dict[int, type] = {}
MERGE_TAG = "tag:yaml.org,2002:merge"
OWN_TAGS = PLAIN_SCALAR_TAGS | {f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "value")}
"""The tags YAML gives what is written plainly (`=` alone is a 'value'): any other is written
on purpose (`!!binary`, `!!python/object:...`) and makes no value of the format."""


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Node count with aliases expanded, computed without expanding them."""
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # guards against recursive aliases
    if isinstance(node, yaml.MappingNode):
        total = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        total = 1 + sum(_expanded_size(child, memo) for child in node.value)
    else:
        total = 1
    memo[key] = min(total, MAX_EXPANDED_NODES + 1)
    return memo[key]


_BLOCK_TEXT = re.compile(r"(?:^|[:\-\s])[|>][-+0-9]*\s*(?:#.*)?$")
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(?:- )*[\w-]+:[^\s/]")


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based, within the text
    column: int  # 1-based column of its key (after any '- ' markers)
    dash: int | None  # 1-based column of its '- ' marker, if it starts a list entry
    in_block_text: bool  # the line below a `key: |` that it belongs to


def _lines(text: str, line_offset: int) -> list[_Line | None]:
    """Each line's indentation as YAML sees it (None for blank and comment lines): which lines
    are keys, and which are lines of a block text (`text: |`) whose indentation is free."""
    result: list[_Line | None] = []
    block: int | None = None  # the column a block text's lines must go beyond
    for number, line in enumerate(text.splitlines(), 1 + line_offset):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped) + 1
        if block is not None and (not stripped.strip() or indent > block):
            result.append(_Line(number, indent, None, True))
            continue
        block = None
        if not stripped.strip() or stripped.startswith("#"):
            result.append(None)
            continue
        rest = stripped.lstrip("- ") if stripped.startswith("- ") else stripped
        column = indent + len(stripped) - len(rest)
        result.append(_Line(number, column, indent if column != indent else None, False))
        if _BLOCK_TEXT.search(line):
            block = column
    return result


def _indentation_hint(problem: str, text: str, line_offset: int, problem_line: int,
                      key_line: int | None) -> str:
    """Which columns the lines around a misplaced line start in, since PyYAML's own words
    ('did not find expected key') do not say the line is misaligned; lines are the file's."""
    lines = _lines(text, line_offset)
    problem_line -= line_offset  # from here on, 1-based within `text`
    if key_line and 0 < key_line - line_offset <= len(lines):
        above = lines[:key_line - line_offset - 1]
        start = lines[key_line - line_offset - 1]
        before = next((line for line in reversed(above) if line), None)
        if start and before and before.in_block_text and not start.in_block_text:
            opened = next(line.number for line in reversed(above) if line and not line.in_block_text)
            return (f"; line {key_line} is indented less than the text above it (the block "
                    f"opened on line {opened}): indent every line of a block text at least as "
                    "far as its first line")
    if not 0 < problem_line <= len(lines) or not (here := lines[problem_line - 1]):
        return ""
    # (column, where) of the blocks open above it, innermost first
    columns: list[tuple[int, str]] = []
    for line in reversed(lines[:problem_line - 1]):
        if line is None or line.in_block_text:
            continue
        for column, where in ((line.column, f"line {line.number}"),
                              (line.dash, f"the '-' on line {line.number}")):
            if column and (not columns or column < columns[-1][0]):
                columns.append((column, where))
    start = here.dash or here.column
    entry = next((line for line in reversed(lines[:problem_line - 1])
                  if line and not line.in_block_text and line.dash == start), None)
    if here.dash is None and entry and "'-' indicator" in problem:
        return (f"; line {here.number} starts in the column of the list's '-' (line "
                f"{entry.number}) without one: indent it to column {entry.column} to belong to "
                "the entry above, or start a new entry with '- '")
    if not columns or start in (column for column, _ in columns):
        return ""
    deeper = [entry for entry in columns if entry[0] > start][-1:]
    shallower = [entry for entry in columns if entry[0] < start][:1]
    around = " or ".join(f"{column} ({where})" for column, where in deeper + shallower)
    return (f"; line {here.number} starts in column {start}, but the lines above it start in "
            f"column {around}: line it up with the block it belongs to, using spaces")


def space_name(char: str) -> str:
    """How a message names a space YAML does not take for one."""
    return ("non-breaking space (U+00A0)" if char == "\u00a0"
            else f"special space (U+{ord(char):04X})")


ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]")
"""Spaces YAML does not take for spaces: in a key, they make another key (' venue')."""


_ODD_SPACE = re.compile(r"^[ \t]*(" + ODD_SPACES.pattern + ")")
"""Indentation with a space YAML does not take for one: Word's non-breaking space, mostly."""
_PLAIN_TEXT_VALUE = re.compile(r"""^\s*(?:- )*([\w-]+):[ \t]+[^\s|>"'#&*!%@`\[{]\S*[ \t]+\S""")
"""A key with a text of several words written on its line, unquoted (not an id): the line
after it cannot go on with it."""





_OPENING_QUOTE = re.compile(r"""^\s*(?:- )*(?:[\w-]+:\s+)?(["'])(.*)$""")


def _unclosed_quote(text: str, line_offset: int, first: int, last: int) -> Position | None:
    """Where, on the file's lines between `first` and `last` (excluded), a value opens a quote
    that its line does not close (`document: "Công văn số 245`): PyYAML reads on to the next
    quote and stops further down, at a line that is right."""
    lines, shapes = text.splitlines(), _lines(text, line_offset)
    for number in range(max(first, line_offset + 1), min(last, line_offset + len(lines) + 1)):
        shape = shapes[number - line_offset - 1]
        match = _OPENING_QUOTE.match(lines[number - line_offset - 1])
        if match and shape and not shape.in_block_text:
            quote, rest = match.groups()
            rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
            if quote not in rest and _runs_over_a_key(lines, number - line_offset, quote, last - line_offset):
                return number, match.start(1) + 1
    return None


_KEY_LINE = re.compile(r"\s*(?:- )*[\w-]+:(?:\s|$)")


def _runs_over_a_key(lines: list[str], opened: int, quote: str, last: int) -> bool:
    """Whether the text a quote opens on line `opened` (1-based in `lines`) runs on over a line
    that reads as a key ('type: question'): a quoted text may span lines on purpose."""
    for line in lines[opened:last]:
        if _KEY_LINE.match(line):
            return True
        if quote in line:
            return False
    return False


def _hint(problem: str, found: str, text: str, line_offset: int, problem_line: int,
          key_line: int | None) -> str:
    """What to do, for the syntax errors a press officer makes; `found`: the character where
    the parser stopped; `text` starts on the file's line `line_offset` + 1, and the lines
    given are the file's."""
    if "'\\t'" in problem or "\\t" in problem or "tab character" in problem or found == "\t":
        return "; indent YAML with spaces, not tabs"
    lines = text.splitlines()
    # the line at fault, the line the parser stopped at, or the line above either
    for number in dict.fromkeys(n for line in (key_line, problem_line) if line for n in (line, line - 1)):
        if 0 < number - line_offset <= len(lines) and (
                odd := _ODD_SPACE.match(lines[number - line_offset - 1])):
            return (f"; line {number} has a {space_name(odd.group(1))} in its indentation (as "
                    "pasted from Word or a web page): retype it with ordinary spaces")
    if "cannot start any token" in problem and found:
        return f"; a text starting with '{found}' must be quoted (key: \"{found}...\")"
    if "end of stream" in problem:
        return "; a quote or bracket opened here is never closed"
    misplaced = any(words in problem for words in (
        "expected key", "expected '-' indicator", "expected <block end>",
        "mapping values are not allowed", "could not find expected ':'"))
    if misplaced and (hint := _indentation_hint(problem, text, line_offset, problem_line, key_line)):
        return hint
    if "mapping values are not allowed" in problem:
        return "; a text containing ': ' must be quoted or written as a block (text: |)"
    if "could not find expected ':'" in problem:
        if key_line and 0 < key_line - line_offset <= len(lines) and _NO_SPACE_AFTER_COLON.match(
                lines[key_line - line_offset - 1]):
            return f"; put a space after the ':' on line {key_line} (key: value)"
        above = next((line for line in reversed(lines[:problem_line - line_offset - 1])
                      if line.strip()), "")
        if (opened := _PLAIN_TEXT_VALUE.match(above)) and ": " not in lines[problem_line - line_offset - 1]:
            key = opened.group(1)
            return (f"; line {problem_line} reads as a new key without ':'. If it goes on with the "
                    f"text above, write that text as a block: '{key}: |' on its own line, then "
                    "every line of the text indented under it")
        return "; each line must be 'key: value' or a list entry '- ...'"
    return ""


def _unclosed_flow(exc: yaml.MarkedYAMLError) -> bool:
    """Whether a `[` or `{` runs on past its line (`place: [phuong-hoa-xuan`): PyYAML stops
    at the next line, the line to fix is the bracket's."""
    return bool(exc.problem and exc.problem.startswith("did not find expected ',' or")
                and exc.context_mark and exc.problem_mark
                and exc.problem_mark.line > exc.context_mark.line)


_ALIAS = re.compile(r"\*([^\s,\[\]{}]*)")
_MERGED = re.compile(r"\s*:\s*(\*[^\s,\[\]{}#]*|\[[^\]\n]*\])")
"""What a `<<` key merges, right after it: `<<: *first`, also inside `{<<: *first, …}`, or a
list of them, `<<: [*first, *second]` (not a mapping written there: '')."""
_DOCUMENT_END = re.compile(r"^\.\.\.[ \t]*(?:#.*)?$", re.M)


def _own_words(exc: yaml.MarkedYAMLError, text: str, line_offset: int
               ) -> tuple[Position, str] | None:
    """Where and what, for the errors whose PyYAML words say nothing a writer can act on."""
    mark = exc.problem_mark
    if mark is None:
        return None
    if "expected <document start>" in str(exc.problem):  # `...` then more lines
        ends = [m for m in _DOCUMENT_END.finditer(text, 0, mark.index)]
        if ends:
            line = text.count("\n", 0, ends[-1].start()) + 1 + line_offset
            return (line, 1), (f"line {line} holds only '...', which ends the YAML document, so "
                               "the lines after it cannot be read: remove it (a text of dots is "
                               "written in quotes: \"...\")")
    if "found another document" in str(exc.problem):  # `---` in the middle
        line = mark.line + 1 + line_offset
        return (line, 1), (f"line {line} holds only '---', which starts a second YAML document: "
                           "remove it (a text of dashes is written in quotes: \"---\")")
    if "undefined alias" in str(exc.problem) and (alias := _ALIAS.match(text, mark.index)):
        name = alias.group(1)
        return _pos(mark, line_offset), (
            f"'*{name}' repeats the value marked '&{name}', but no '&{name}' is written above it: "
            f"mark the value to repeat with '&{name}' first, or write the value plainly (a text "
            "starting with '*' is written in quotes)")
    if _unclosed_flow(exc) and exc.context_mark:
        bracket = text[exc.context_mark.index:exc.context_mark.index + 1]
        close = "]" if bracket == "[" else "}"
        return _pos(exc.context_mark, line_offset), (
            f"the '{bracket}' opened here is not closed on its line: end the "
            f"{'list' if bracket == '[' else 'mapping'} with '{close}' (or remove the '{bracket}' "
            "if one value is meant)")
    return None


_UNSEEN_BREAKS = {"\u2028": "line separator (U+2028)", "\u2029": "paragraph separator (U+2029)",
                  "\u0085": "next-line character (U+0085)"}
_UNSEEN_BREAK = re.compile("[" + "".join(_UNSEEN_BREAKS) + "]")
"""Characters YAML 1.1 takes for line breaks, which editors and grep do not: a line break in
the middle of what the writer sees as one line (`- a\u2028b: c` is two keys to YAML)."""


def _unreadable_character(text: str, position: int, line_offset: int) -> YamlIssue:
    """The character YAML does not read (a control character: Word's Shift+Enter is U+000B),
    at its place: libyaml gives the offset of its byte in the text as UTF-8, not a line."""
    at = len(text.encode()[:position].decode(errors="ignore"))
    line, column = position_of(text, at)
    code = ord(text[at]) if at < len(text) else 0
    why = "Word's line break, Shift+Enter" if code == 0x0B else "often pasted from Word or a PDF"
    return YamlIssue(line + line_offset, column, (
        f"the file contains an invisible control character (U+{code:04X}, {why}), which YAML "
        "does not accept: delete the character here, or replace it with a space or a new line, "
        "and save the file again"))


def load_yaml(text: str, line_offset: int = 0) -> tuple[Any, list[YamlIssue]]:
    """Parse one YAML document; returns (data, the issues that leave it readable: duplicate keys,
    texts cut by a comment) or raises YamlError."""
    if found := _UNSEEN_BREAK.search(text):
        line, column = position_of(text, found.start())
        raise YamlError(YamlIssue(line + line_offset, column, (
            f"the file contains a {_UNSEEN_BREAKS[found[0]]}, as pasted from a web page or a PDF: "
            "editors show no line break there, but YAML reads one and counts every line after "
            "it one off; replace it by a space or a new line")))
    loader_cls = _LOADERS.get(line_offset)
    if loader_cls is None:
        loader_cls = _LOADERS[line_offset] = _make_loader(line_offset)
    loader = loader_cls(text)
    loader.issues, loader.text = [], text
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        if "&" in text and _expanded_size(node, {}) > MAX_EXPANDED_NODES:
            line, col = _pos(node.start_mark, line_offset)
            raise YamlError(YamlIssue(line, col, (
                f"the document expands to more than {MAX_EXPANDED_NODES:,} values through "
                "aliases (*name); write the values out instead of nesting aliases")))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        # Where the unclosed quote or bracket began, or the line that is no 'key: value', is
        # more useful than where the parser gave up (the end of the file, or lines further).
        at_start = exc.context_mark is not None and (any(
            words in str(exc.problem) for words in ("end of stream", "could not find expected ':'"))
            or _unclosed_flow(exc))
        mark = exc.context_mark if at_start else exc.problem_mark or exc.context_mark
        line, col = _pos(mark, line_offset) if mark else (1 + line_offset, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.problem and exc.context and exc.context_mark and exc.context_mark is not mark:
            started = exc.context_mark.line + 1 + line_offset
            problem += f" ({exc.context} started on line {started})"
        found = text[mark.index:mark.index + 1] if mark and mark.index is not None else ""
        key_line = exc.context_mark.line + 1 + line_offset if exc.context_mark else None
        opened = _unclosed_quote(text, line_offset, key_line, line) if key_line and not at_start else None
        if opened:
            (line, col), hint = opened, ("; the quote opened here is not closed on its line, so the "
                                         "text runs on to the next quote: close it after the text")
        elif message := _own_words(exc, text, line_offset):
            (line, col), message = message
            raise YamlError(YamlIssue(line, col, f"YAML syntax error: {message}")) from None
        else:
            hint = _hint(problem, found, text, line_offset, line, key_line)
        raise YamlError(YamlIssue(line, col, f"YAML syntax error: {problem}{hint}")) from None
    except yaml.reader.ReaderError as exc:
        raise YamlError(_unreadable_character(text, exc.position, line_offset)) from None
    except yaml.YAMLError as exc:
        raise YamlError(YamlIssue(1 + line_offset, 1, f"YAML error: {exc}")) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise YamlError(YamlIssue(1 + line_offset, 1, f"YAML value error: {exc}")) from None
    except RecursionError:
        raise YamlError(YamlIssue(1 + line_offset, 1, "the YAML is nested too deeply")) from None
    finally:
        loader.dispose()
    return data, loader.issues


class Positions:
    """Where the values under some keys stood: a small, picklable stand-in for a parsed
    document, kept so that later checks (references to registries) can still point at lines."""

    def __init__(self, data: Any, keys: frozenset[str]):
        self.start: Position = getattr(data, "start", (1, 1))
        self.table: dict[tuple[Any, ...], Position] = {}
        self._collect(data, (), keys, False)

    def _collect(self, node: Any, path: tuple[Any, ...], keys: frozenset[str], wanted: bool) -> None:
        if isinstance(node, LocDict):
            for key, value in node.items():
                if key in keys or isinstance(value, (LocDict, LocList)):
                    self.table[(*path, key)] = node.value_pos[key]
                    self._collect(value, (*path, key), keys, key in keys)
        elif isinstance(node, LocList):
            for index, child in enumerate(node):
                if wanted or isinstance(child, (LocDict, LocList)):
                    self.table[(*path, index)] = node.item_pos[index]
                    self._collect(child, (*path, index), keys, wanted)

    def path_at(self, position: Position) -> tuple[Any, ...]:
        """The longest path whose value stood at `position` (() if none): which field a
        problem reported there is about."""
        return max((path for path, at in self.table.items() if at == position), key=len, default=())

    def locate(self, path: tuple[Any, ...]) -> Position:
        for end in range(len(path), 0, -1):
            if path[:end] in self.table:
                return self.table[path[:end]]
        return self.start


def offset_of(source: str, position: Position) -> int:
    """The character offset in `source` of a 1-based line and column."""
    line, column = position
    return sum(len(text) + 1 for text in source.split("\n")[: line - 1]) + column - 1


def position_of(source: str, offset: int) -> Position:
    """The 1-based line and column of a character offset in `source`."""
    return source.count("\n", 0, offset) + 1, offset - source.rfind("\n", 0, offset)


def locate(data: Any, path: tuple[Any, ...]) -> Position:
    """Where the value at `path` stood; the nearest enclosing position if it is absent."""
    if isinstance(data, Positions):
        return data.locate(path)
    position: Position = getattr(data, "start", (1, 1))
    node = data
    for step in path:
        if isinstance(node, LocDict) and step in node:
            position = node.value_pos[step]
            node = node[step]
        elif isinstance(node, LocList) and isinstance(step, int) and 0 <= step < len(node):
            position = node.item_pos[step]
            node = node[step]
        elif isinstance(node, (LocDict, LocList)):
            continue  # pydantic adds steps such as union branch names
        else:
            break
    return position


def node_at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at `path` as parsed (or as salvaging copied it: plain mappings and lists);
    None when the path leaves the data."""
    node = data
    for step in path:
        if isinstance(node, (dict, list)):
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return None
    return node


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    """The mapping or list holding the last step of `path`; None when the path leaves the data."""
    return node_at(data, path[:-1])


def value_span(data: Any, path: tuple[Any, ...]) -> tuple[int, int, int] | None:
    """Where the mapping value at `path` is written in the text read: its first character's
    offset, the one after its last, and its key's column (0-based), from which a YAML block
    text's explicit indentation (`text: |2`) counts; None when it is no mapping's value."""
    parent = _parent(data, path)
    if not isinstance(parent, LocDict) or path[-1] not in parent.value_span:
        return None
    begin, end = parent.value_span[path[-1]]
    return begin, end, parent.key_pos[path[-1]][1] - 1


def written_as(data: Any, path: tuple[Any, ...]) -> str | None:
    """The word written for the value at `path` when YAML read it as a boolean or a number
    (LocDict.written); None otherwise."""
    parent = _parent(data, path)
    return getattr(parent, "written", {}).get(path[-1]) if isinstance(parent, LocDict) and path else None


def locate_key(data: Any, path: tuple[Any, ...]) -> Position:
    """Where the key at the end of `path` was written (for unknown keys)."""
    parent = _parent(data, path)
    if isinstance(parent, LocDict) and path[-1] in parent.key_pos:
        return parent.key_pos[path[-1]]
    return locate(data, path)


def unquoted_comma_hint(data: Any, path: tuple[Any, ...]) -> str:
    """For an unknown key at `path` written in braces after another key's text on its line
    (`- {date: 2025-01-10, note: Kiểm tra lại chưa đạt, làm lại.}`): YAML ended the text at
    the comma and read the rest as a key, which only quotes prevent."""
    parent, key = _parent(data, path), path[-1]
    if not isinstance(parent, LocDict) or not parent.flow or key not in parent.key_pos:
        return ""
    line, column = parent.key_pos[key]
    texts = [(pos[1], name) for name, pos in parent.value_pos.items()
             if pos[0] == line and pos[1] < column and isinstance(parent[name], str)]
    if not texts:
        return ""
    name = max(texts)[1]
    return (f"; in braces {{...}} a comma ends a value, so the text of '{name}' stopped at the "
            f"comma before '{key}', which was read as a key: put the whole text in quotes "
            f"({name}: \"{parent[name]}, …\")")


# --- writing YAML people can read -----------------------------------------------------------


class _PlainDumper(yaml.SafeDumper):
    """PyYAML's own layout (for what the readable one would not read back alike), with every
    value written out."""

    def ignore_aliases(self, data: Any) -> bool:
        """PyYAML writes a value met twice (the day of two updates) as `&id001` and `*id001`,
        which an officer deleting the first update turned into an error."""
        return True


class _ReadableDumper(_PlainDumper):
    """Long and multi-line texts as block scalars, lists indented, as FORMAT.md shows them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.rstrip() + "\n", style="|")
    if len(value) > 70:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value + "\n", style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """`topics: [xay-dung, dat-dai]` on one line; lists of mappings as blocks."""
    flow = all(isinstance(v, str) and len(v) < 40 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_ReadableDumper.add_representer(str, _str)
_ReadableDumper.add_representer(list, _list)


def dump_items(items: list[dict[str, Any]]) -> str:
    """answers.yaml text (what `import` writes); checked to read back as exactly what was meant."""
    text = yaml.dump({"items": items}, Dumper=_ReadableDumper, allow_unicode=True, sort_keys=False,
                     width=88, indent=2)
    text = re.sub(r"(?<!items:)\n(  - id: )", r"\n\n\1", text)  # a blank line between items
    if _normalised(yaml.safe_load(text)) != _normalised({"items": items}):
        text = yaml.dump({"items": items}, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
                         width=10**9)
    return text


def _normalised(data: Any) -> Any:
    """Block scalars end with a newline; compare texts without it."""
    if isinstance(data, dict):
        return {k: _normalised(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_normalised(v) for v in data]
    return data.strip() if isinstance(data, str) else data
