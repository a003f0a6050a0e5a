"""Read a content folder into an `Archive`, reporting every problem with file:line:column.

Nothing here stops at the first problem: a press officer fixes a whole file at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import re
import typing
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import urls
from .archive import Archive, Session, UnloadedSession, Visibility
from .build_date import build_moment
from .cache import DiskCache, code_fingerprint, fingerprint
from .labels import VI, attendance_kind
from .links import (
    IMAGE_SUFFIXES,
    PAGE_PHOTO_SUFFIXES,
    OtherPage,
    Source,
    WrittenReference,
    WrittenText,
    as_saved,
    check_references,
    inside,
    is_file,
    resolved,
    site_address_problem,
    text_references,
    text_renderer,
    unshown_photo,
)
from .markup import Reference, lead, text_excerpt
from .models import (
    DEFAULT_ASKER_KIND,
    ID_MAX,
    ID_PATTERN,
    NOT_AN_ID_MESSAGE,
    SALVAGING,
    SESSION_ID_PATTERN,
    Agency,
    Answer,
    AnswerMode,
    AskerKind,
    Chair,
    Commitment,
    Id,
    Item,
    Place,
    PlaceKind,
    Procedure,
    SessionMeta,
    Topic,
    Update,
    day_written,
    described,
    is_id,
    iso_form,
    period_end,
    start_written,
    unreadable,
)
from .parallel import ignore_interrupts, interrupts_held
from .partial_preview import PartialPreview
from .privacy import (
    REDACTIONS_FILE,
    Redactor,
    check_data,
    check_markdown,
    check_registry,
    parse_rules,
    personal_data_in_file_name,
    personal_data_in_id,
    redact_data,
    session_officials,
)
from .problems import Problem, ProblemLog, close_matches, did_you_mean
from .progress import PROGRESS_SECONDS, Throttle
from .registry_history import check_histories
from .registry_match import Match, MatchError, folded_words, not_then, registry_matchers, valid_on
from .residential_groups import read_as_group, reads_as_group
from .resizing import COPY_FOLDER, content_path, session_photos
from .sheet_vocabulary import KEY_NAMES, VALUE_NAMES, opinion_taken
from .text_files import read_text
from .vietnamese import same_words
from .yamlio import (
    ODD_SPACES,
    LocDict,
    Positions,
    YamlError,
    load_yaml,
    locate,
    locate_key,
    node_at,
    position_of,
    space_name,
    unquoted_comma_hint,
    value_span,
    written_as,
)

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


PROSE = re.compile(r"[^\W\d_][^:]*[.?!…]\s*$|#+ ")
"""A line of a write-up (a sentence ending in a full stop, a Markdown heading), not YAML."""


FRONT_KEY = re.compile(rf"({'|'.join(SessionMeta.model_fields)}):(?:[ \t]|$)")
"""A line of the write-up that reads as a key of a session's front matter (FORMAT.md's)."""


def _keys_in_write_up(body: str) -> list[str]:
    """The front matter keys the write-up starts with, when its whole first paragraph (down to
    a blank line or the front matter's own closing '---') reads as front matter: keys, and the
    indented or '- ' lines under them. A stray '---' among the keys ended the front matter
    there, and the rest would be published as the text."""
    paragraph = re.split(r"\n(?:[ \t]*|---[ \t]*)(?:\n|$)", body.lstrip("\n"), maxsplit=1)[0].splitlines()
    if not paragraph or not FRONT_KEY.match(paragraph[0]):
        return []
    if not all(FRONT_KEY.match(line) or line.startswith((" ", "\t", "- ")) for line in paragraph):
        return []
    return [found[1] for line in paragraph if (found := FRONT_KEY.match(line))]


def _prose_line(front: str) -> int | None:
    """The first line (1-based, in `front`) after a blank line that reads as the write-up, not
    as YAML: a front matter whose closing '---' is missing runs on into the text."""
    after_blank = False
    for number, line in enumerate(front.splitlines(), start=1):
        if not line.strip():
            after_blank = True
        elif after_blank and not line[0].isspace() and PROSE.match(line):
            return number
    return None


# --- reading files -------------------------------------------------------------------


def parse_yaml(path: Path, text: str, log: ProblemLog, line_offset: int = 0) -> tuple[bool, Any]:
    """YAML with positions; (ok, data)."""
    try:
        data, duplicates = load_yaml(text, line_offset)
    except YamlError as exc:
        log.add(path, exc.issue.line, exc.issue.column, exc.issue.message)
        return False, None
    for issue in duplicates:
        log.add(path, issue.line, issue.column, issue.message)
    return not duplicates, data


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, Markdown body, line number where the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1) or "", text[match.end():], text.count("\n", 0, match.end()) + 1


def unclosed_front_matter(path: Path, text: str, log: ProblemLog, keys: str) -> bool:
    """Report a front matter whose closing '---' is missing (`keys`: examples of what it
    holds); whether there was one."""
    if not re.match(r"---[ \t]*\n", text):
        return False
    log.add(path, 1, 1, "the front matter that starts here has no closing '---' line; add one "
            f"after its last key ({keys})")
    return True


# --- validation messages -------------------------------------------------------------


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of `loc`, to list its allowed keys."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(step)
        if info is None:
            return None
        current = _find_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _find_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


ONE_AGENCY = {
    "by": "an answer or a commitment is one agency's; for a joint answer write one answer per "
          "agency (the same text may be repeated), for a joint promise one commitment per agency",
    "referred_to": "a referral sends the item to one agency; write one answer with mode: referred "
                   "per agency",
}
"""What to write instead of several agencies in a field that names one."""
EXPECTED = {
    "string_type": "a text", "int_type": "a whole number", "int_parsing": "a whole number",
    "int_from_float": "a whole number", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list",
    "dict_type": "a mapping (key: value)", "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)", "date_type": "a date (YYYY-MM-DD)",
}


ENUM_WORDS = {"type": "type", "kind": "asker_kind", "mode": "mode", "status": "status"}
"""Keys whose values a press officer may type as the Vietnamese word (sheet_vocabulary)."""


ENGLISH_WORDS = {folded_words(word): value for value, words in {
    "done": ("finished", "completed", "complete", "resolved", "closed"),
    "in_progress": ("ongoing", "started", "in process", "processing"),
    "pending": ("not started", "todo", "to do", "waiting", "open", "new"),
    "dropped": ("cancelled", "canceled", "abandoned", "stopped"),
    "escalated": ("forwarded", "referred up"),
    "in_writing": ("written", "writing", "letter"),
    "on_the_spot": ("spot", "direct", "oral", "at the session"),
}.items() for word in words}
"""Other English words for a value of a list of choices, which difflib finds unlike it
(`status: finished` got no 'did you mean')."""
LABEL_WORDS = {folded_words(part): value for group in ("session_kind", "place_kind")
               for value, label in VI[group].items() for part in (label, *label.split(","))}
"""The site's labels of the other enums ('Tiếp xúc cử tri', 'Phường'), folded -> value."""
LABEL_NAMES = {value: label for group in ("session_kind", "place_kind")
               for value, label in VI[group].items()}


def _english_key(written: str, allowed: Iterable[str]) -> str | None:
    """Which allowed key a Vietnamese one stands for ('địa điểm' is venue), as `_meant` says
    for values."""
    return next((k for k in KEY_NAMES.get(folded_words(written), []) if k in allowed), None)


def _key_in_english(written: str, allowed: list[str]) -> str:
    key = _english_key(written, allowed)
    return (f" (write '{key}' for '{written}': keys are written in English)" if key else "")


def _meant_key(written: Any, allowed: Iterable[str]) -> str | None:
    """The allowed key an unknown one was meant as: a typo of it (`dat`), or its Vietnamese
    word (`ngày`)."""
    allowed = list(allowed)
    close = close_matches(str(written), allowed)
    return close[0] if close else _english_key(str(written), allowed)


def _key_as_meant(entry: dict[Any, Any], key: str, model: type[BaseModel]) -> Any:
    """`entry`'s value of `key`, or of an unknown key meant as it (`idd:`, `Id:`), as
    `salvaged` reads it; None when neither is written."""
    if key in entry:
        return entry[key]
    fields = model.model_fields
    return next((value for written, value in entry.items()
                 if written not in fields and _meant_key(written, fields) == key), None)


def _meant(key: str, value: Any, choices: list[str]) -> str:
    """Which allowed value a wrong one stands for: `type: kiến nghị` is `proposal`; for
    `mode: Ghi nhận` (noted) or `Tiếp thu, giải trình` (explained), which say no mode, which to
    write for which case."""
    taken = opinion_taken(value) if key == "mode" and isinstance(value, str) else None
    if taken == "noted":
        return (f" ('{value}' says that the opinion was noted, not how it was answered: write "
                "on_the_spot if it was answered at the session, in_writing if a written answer "
                "follows (its number in document), or, if it is not answered yet, remove this "
                "answer: an item without answers is shown as not answered yet, and a promise made "
                "goes in commitments)")
    if taken == "explained":
        return (f" ('{value}' says that the opinion was explained, not how: write on_the_spot if "
                "at the session, in_writing if in a written reply or report, its number in "
                "document)")
    meant = None
    if isinstance(value, str):
        words = VALUE_NAMES.get(ENUM_WORDS.get(key, ""), {})
        meant = words.get(folded_words(value)) or LABEL_WORDS.get(folded_words(value))
    if meant in choices:
        return (f" (write '{meant}' for '{value}': values are written in English, the site shows "
                "them in Vietnamese)")
    english = ENGLISH_WORDS.get(folded_words(value)) if isinstance(value, str) else None
    if english in choices:
        return f" (did you mean '{english}'?)"
    if set(choices) == set(PlaceKind) and isinstance(value, str) and reads_as_group(value):
        return "; " + read_as_group(f"'{value}'", None, first="remove this entry, and ")
    starting = [choice for folded, choice in LABEL_WORDS.items() if isinstance(value, str)
                and folded_words(value).strip() and folded.startswith(folded_words(value).strip() + " ")]
    if starting and set(starting) <= set(choices):  # `kind: đối thoại`: which of the two?
        named = ", ".join(f"'{choice}' for {LABEL_NAMES[choice]}" for choice in dict.fromkeys(starting))
        return f" (write {named}: values are written in English, the site shows them in Vietnamese)"
    return did_you_mean(str(value), choices)


COMPUTED = {"overdue": "is computed at build time from due, status and the build date (FORMAT.md)"}
"""What the archive works out itself, and a writer may take for something to write."""


def _computed_key(key: str) -> str:
    """The message for a computed key written by hand ('overdue: true'); '' for other keys."""
    return (f"'{key}' must not be written: it {COMPUTED[key]}; write due and status, and the site "
            f"says when a commitment is {key}") if key in COMPUTED else ""


def _computed_status(value: Any) -> str:
    """Why `status: overdue` is wrong, and what to write instead; '' for other values. Also
    for the word the site shows beside a status ('quá hạn'), as a writer copies it."""
    if not isinstance(value, str):
        return ""
    key = value if value in COMPUTED else next(
        (k for k in COMPUTED if folded_words(value) == folded_words(VI["text"][k])), None)
    if key is None:
        return ""
    return (f" ('{value}' is not a status: it {COMPUTED[key]}; write the status the work is in, "
            "pending or in_progress, with its due date)")


YES_NO = {**VALUE_NAMES["in_scope"], **VALUE_NAMES["consent"]}
"""'có', 'không', 'đúng', 'sai'… folded -> 'true' or 'false', as a sheet's cells say them."""


def _shape_hint(model: type[BaseModel], loc: tuple[Any, ...], value: Any, kind: str) -> str:
    """What to write for a value of the wrong shape, given the key's model: 'image: anh.jpg'
    was told it "must be a mapping (key: value)" with no word of its keys, and 'draft: có'
    "must be true or false" (a press office's find). '' when there is nothing to add."""
    if kind.startswith("bool"):
        word = YES_NO.get(folded_words(value)) if isinstance(value, str) else None
        return f": write {word} for '{value}' (values are written in English)" if word else ""
    if value is None or isinstance(value, dict | list | bool):
        return ""
    key = next((str(s) for s in reversed(loc) if isinstance(s, str)), "")
    owner = _model_at(model, loc)
    if owner is None:  # a free mapping (attendance: counts by who came), or a list of ids
        counts = kind == "dict_type" and isinstance(value, int)
        return (f"; write each count on its own line below '{key}:', indented by two spaces, who "
                f"came and how many ('  citizens: {value}')") if counts else ""
    first, *others = owner.model_fields
    if kind == "list_type" or (loc and isinstance(loc[-1], int)):  # a list, or one of its entries
        return (f"; write each entry below '{key}:' as '  - {first}: {value}', its other keys "
                f"({', '.join(others)}) lined up under '{first}'" if others else
                f"; write each entry below '{key}:' as '  - {first}: {value}'")
    if owner is Chair and isinstance(value, str) and "," in value:  # 'Lê Văn Bình, Chủ tịch UBND xã'
        name, position = (part.strip() for part in value.split(",", 1))
        return (f"; write its keys on the lines below '{key}:', indented by two spaces: "
                f"'  name: {name}', '  position: {position}', then on_behalf_of")
    rest = f", then {', '.join(others)}" if others else ""
    return f"; write its keys on the lines below '{key}:', indented by two spaces: '  {first}: {value}'{rest}"


MISSING_HINTS: dict[tuple[type[BaseModel] | None, Any], str] = {
    (Update, "date"): ": write the day of this step first, as '- date: 2025-09-20', its status, "
                      "note or new due lined up under 'date'",
}
"""What a key found missing is for, where its name alone does not say it."""


def _updates_alone(data: Any, path: tuple[Any, ...]) -> str:
    """For a commitment written with only an id and updates (by and text missing): a clerk
    recording a step of a commitment in a new entry, its id often mistyped. '' otherwise."""
    entry = node_at(data, path[:-1])
    if not isinstance(entry, dict) or "updates" not in entry or {"by", "text"} & entry.keys():
        return ""
    others = {c["id"]: locate(data, (*where, "id")) for where, c in _commitments(data)
              if c is not entry and isinstance(c.get("id"), str)}
    meant = close_matches(str(entry.get("id", "")), others)
    target = (f"commitment '{meant[0]}' (line {others[meant[0]][0]})" if meant
              else "the commitment they belong to")
    return (f"this commitment has updates but no by and text: to record steps of {target}, move "
            f"these updates under its own 'updates:'; a new commitment needs by (the agency's "
            f"id) and text (what was promised)")


def _commitments(data: Any) -> Iterator[tuple[tuple[Any, ...], dict[Any, Any]]]:
    """Every commitment mapping of an answers file as parsed, with its path."""
    items = data.get("items") if isinstance(data, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        found = item.get("commitments") if isinstance(item, dict) else None
        for c, commitment in enumerate(found if isinstance(found, list) else []):
            if isinstance(commitment, dict):
                yield ("items", i, "commitments", c), commitment


def _period_hint(value: Any) -> str:
    """For a due date written as a period: the day to write instead (its last)."""
    end = period_end(str(value))
    if end is None:
        return "; for a period, write its last day (e.g. 2025-09-30 for 'quý III/2025')"
    return f"; '{value}' is a period: write its last day, {end.isoformat()}"


def _unquoted(value: bool | float, written: str | None) -> str:
    """Why a text came out as another value: YAML read the unquoted word or digits so."""
    if isinstance(value, bool):
        return (": YAML reads yes, no, on, off, true and false written without quotes as true or "
                f"false; put the text in quotes (\"{written or 'yes'}\")")
    return (": YAML reads digits written without quotes as a number (017 as 15); put them in "
            f"quotes as written (\"{written or '2024'}\")")


def report_validation(exc: ValidationError, model: type[BaseModel], data: Any, path: Path,
                      log: ProblemLog, prefix: tuple[Any, ...] = ()) -> None:
    """Turn pydantic's errors into located, actionable messages."""
    told: set[tuple[Any, ...]] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        full = prefix + loc
        kind = error["type"]
        name = next((str(s) for s in reversed(loc) if isinstance(s, str)), "value")
        if loc[-1:] and isinstance(loc[-1], int) and kind in EXPECTED:  # topics: [123, true]
            name = f"each entry of {name}"
        if loc[-1:] == ("[key]",):  # a key of a free mapping (attendance)
            name = f"a key of {next((s for s in loc[:-2] if isinstance(s, str)), 'the mapping')}"
        if kind == "extra_forbidden":
            line, col = locate_key(data, full)
            if odd := ODD_SPACES.search(str(loc[-1])):  # '\u00a0venue': pasted from Word
                log.add(path, line, col, f"the key '{loc[-1]}' holds a {space_name(odd.group())} "
                        "(as pasted from Word or a web page): retype it with ordinary spaces")
                continue
            owner = _model_at(model, loc[:-1])
            allowed = sorted(owner.model_fields) if owner else []
            if owner is Commitment and (computed := _computed_key(str(loc[-1]))):
                log.add(path, line, col, computed)
                continue
            meant = (did_you_mean(str(loc[-1]), allowed)  # a typo: no comma that cut a text
                     or _key_in_english(str(loc[-1]), allowed))
            log.add(path, line, col, f"unknown key '{loc[-1]}'{meant}"
                    + (f" (allowed here: {', '.join(allowed)})" if allowed else "")
                    + ("" if meant else unquoted_comma_hint(data, full)))
            continue
        line, col = locate(data, full)
        value = error.get("input")
        written = written_as(data, full) if isinstance(value, bool | int | float) else None
        shown = f"'{written}'" if written is not None else described(value)
        if kind == "missing":
            if _model_at(model, loc[:-1]) is Commitment and (alone := _updates_alone(data, full)):
                if full[:-1] not in told:  # its by and text are missing: one message for both
                    told.add(full[:-1])
                    log.add(path, line, col, alone)
                continue
            if _written_as_other_key(model, data, full, loc):
                continue  # said at that key: "unknown key 'ngày' (write 'date' for 'ngày' …)"
            message = f"missing required key '{loc[-1]}'" + MISSING_HINTS.get(
                (_model_at(model, loc[:-1]), loc[-1]), "")
        elif kind == "enum":
            choices = [str(c) for c in error.get("ctx", {}).get("expected", "").replace("'", "")
                       .replace(" or ", ", ").split(", ") if c]
            message = (f"{shown} is not an allowed {name}: use one of "
                       f"{', '.join(choices)}{_meant(name, value, choices)}"
                       + (_computed_status(value) if name == "status" else ""))
        elif kind == "value_error":
            message = str(error["msg"]).removeprefix("Value error, ")
            if name == "due" and "is not a date:" in message and not isinstance(value, (list, dict)) \
                    and not iso_form(str(value)):  # a day written day first is no period
                message += _period_hint(value)
        elif kind == "string_too_short" or (kind == "too_short" and (
                loc[-1:] == ("[key]",) or isinstance(value, str))):  # `title: ""`
            message = f"{name} must not be empty"
        elif kind == "too_short":
            message = f"{name} needs at least one entry"
        elif kind == "greater_than_equal":
            message = f"{name} must not be negative"
        elif kind == "less_than_equal":
            limit = error.get("ctx", {}).get("le")
            message = f"{name} is {shown}, more than {limit:,}: a typo?"
        elif kind == "string_type" and isinstance(value, (bool, int, float)):
            message = f"{name} must be a text, not {shown}{_unquoted(value, written)}"
        elif kind in EXPECTED:
            message = f"{name} must be {EXPECTED[kind]}, not {shown}" + _shape_hint(model, loc, value, kind)
            if name in ONE_AGENCY and isinstance(value, list):
                message += f": {ONE_AGENCY[name]}"
            elif kind == "list_type" and isinstance(value, dict) and value:
                message += (f": each entry starts with '- ' before its first key ('- {next(iter(value))}: "
                            "...'), the entry's other keys lined up under that key")
        else:
            message = f"{name}: {error['msg']}"
        log.add(path, line, col, message)


def _written_as_other_key(model: type[BaseModel], data: Any, full: tuple[Any, ...],
                          loc: tuple[Any, ...]) -> bool:
    """Whether the missing key at `loc` is written under an unknown key meant for it."""
    owner, holder = _model_at(model, loc[:-1]), node_at(data, full[:-1])
    if owner is None or not isinstance(holder, dict):
        return False
    return any(_meant_key(key, owner.model_fields) == loc[-1]
               for key in holder if key not in owner.model_fields)


def validate(model: type[BaseModel], data: Any, path: Path, log: ProblemLog,
             salvage: bool = False) -> Any:
    """A model instance, or after reporting every problem None (or, with `salvage`, what
    `salvaged` makes of the rest, for the checks that follow)."""
    if not isinstance(data, dict):
        line, col = getattr(data, "start", (1, 1))
        log.add(path, line, col, f"expected a mapping of keys ({', '.join(model.model_fields)}), "
                f"found {described(data)}")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        report_validation(exc, model, data, path, log)
        return salvaged(model, data) if salvage else None


SALVAGE_ROUNDS = 4
"""Each round leaves out the keys of the problems found, then those a key needs (an answer
without its `by`: the whole `answers`); models are at most four mappings deep (an item, its
commitments, their updates), so four rounds reach the top, and a fifth could not help. A
round may first mend what it can (`_mended`), which takes a round of its own."""

FILLER = "?"
"""What a required text left unwritten stands for in a salvaged model (never published)."""


def salvaged(model: type[BaseModel], data: dict[Any, Any]) -> Any:
    """The model made from `data` without the keys its problems are at, or None when a key it
    needs is one of them. For checks only: the build stops at the problems already reported,
    but a typo in one key (`time: 8h`, `kind: dialog`, an answer's `mode`) must not hide the
    rest of the file's problems (an unknown id, a duplicate item) until the next run, since
    FORMAT.md promises all problems at once. What can be read as meant is kept (`_mended`, and
    SALVAGING: an id written wrong, a day written day first): a name typed for an answer's `by`
    would take the whole `answers` with it, and their dates. A problem's own key goes first; a
    key then found missing takes the key holding it. Only keys are removed, never list
    entries, so that what the checks locate is where it stands in the file."""
    trimmed: Any = data
    for _ in range(2 * SALVAGE_ROUNDS + 1):
        try:
            return model.model_validate(trimmed, context=SALVAGING)
        except ValidationError as exc:
            # an unknown key renamed first: the key found missing may be that one
            errors = sorted(exc.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
        mended = trimmed
        for error in errors:
            mended = _mended(model, mended, tuple(error["loc"]), error["type"])
        if mended is not trimmed:
            trimmed = mended
            continue
        keys = {_key_at(trimmed, tuple(e["loc"]), e["type"] == "missing")
                for e in errors}  # several problems may share a key
        if None in keys:
            return None
        for key in sorted(keys, key=len):  # a key inside one already removed went with it
            if not any(key[:n] in keys for n in range(1, len(key))):
                trimmed = _edited(trimmed, key[:-1], lambda m, k=key[-1]: {
                    name: value for name, value in m.items() if name != k})
    return None


def _mended(model: type[BaseModel], data: Any, loc: tuple[Any, ...], kind: str) -> Any:
    """`data` with the problem at `loc` read as meant where that is sure enough for the checks
    of the rest: an unknown key renamed to the one it stands for (`ngày: …` is `date`, as its
    message says), a required text left out given FILLER (a correction without its note still
    has its date checked, and the other entries of its list). `data` itself otherwise."""
    if not loc or isinstance(loc[-1], int):
        return data
    owner, holder, key = _model_at(model, loc[:-1]), node_at(data, loc[:-1]), loc[-1]
    if owner is None or not isinstance(holder, dict):
        return data
    if kind == "extra_forbidden" and key in holder:
        meant = _meant_key(key, owner.model_fields)
        if meant is not None and meant not in holder:
            return _edited(data, loc[:-1], lambda m: {meant if k == key else k: v for k, v in m.items()})
    field_info = owner.model_fields.get(key)
    if kind == "missing" and key not in holder and field_info is not None \
            and field_info.annotation is str and ID_CHECK not in field_info.metadata:
        return _edited(data, loc[:-1], lambda m: {**m, key: FILLER})
    return data


ID_CHECK = typing.get_args(Id)[1]
"""An id's validator: an id left out is not filled (two would be duplicates of each other)."""


def _key_at(data: Any, loc: tuple[Any, ...], above: bool) -> tuple[Any, ...] | None:
    """The deepest mapping key on the way to `loc` that `data` holds (strictly above `loc` when
    `above`), or None if there is none (the problem is the whole model's)."""
    keys: list[tuple[Any, ...]] = []
    node = data
    for n, step in enumerate(loc):
        if isinstance(node, dict) and step in node:
            keys.append(loc[:n + 1])
        elif not (isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)):
            break
        node = node[step]
    if above and keys and keys[-1] == loc:
        keys.pop()
    return keys[-1] if keys else None


def _edited(node: Any, where: tuple[Any, ...], edit: Callable[[dict[Any, Any]], dict[Any, Any]]) -> Any:
    """A copy of `node` whose mapping at `where` is `edit` of it (only the containers on the
    way are copied)."""
    if not where:
        return edit(node)
    copy = dict(node) if isinstance(node, dict) else list(node)
    copy[where[0]] = _edited(node[where[0]], where[1:], edit)
    return copy


# --- registries ----------------------------------------------------------------------


REGISTRIES: dict[str, tuple[type[BaseModel], str, bool]] = {
    "agencies": (Agency, "id", True),
    "topics": (Topic, "id", True),
    "places": (Place, "id", True),
    "procedures": (Procedure, "code", False),
}


KINDS = {"agency": "agencies", "topic": "topics", "place": "places", "procedure": "procedures"}


def load_registry(root: Path, name: str, log: ProblemLog,
                  redactor: Redactor | None = None) -> tuple[dict[str, Any], Any]:
    """The valid entries of registry/<name>.yaml by id (code, for procedures), and the file's
    data with positions; every entry is checked, so that all problems are said at once, and a
    duplicate id keeps its first entry. Its words are redacted and checked for personal data
    (privacy.check_registry), as a session's texts are."""
    model, key, required = REGISTRIES[name]
    path = root / "registry" / f"{name}.yaml"
    needed = f"every archive lists its {name} there (see FORMAT.md)"
    if not path.exists():
        if required:
            log.add(path, 1, 1, f"registry/{name}.yaml is missing; {needed}")
        return {}, None
    text = read_text(path, log)
    if text is None:
        return {}, None
    ok, data = parse_yaml(path, text, log)
    if data is None or (required and data == []):  # nothing written, or `[]`
        if ok and required:  # one error here, none at every use of its ids (load_archive)
            log.add(path, *getattr(data, "start", (1, 1)), f"registry/{name}.yaml is empty; "
                    f"{needed}, one entry under '- {key}: ...' each")
        return {}, None
    if not isinstance(data, list):
        line, col = getattr(data, "start", (1, 1))
        log.add(path, line, col, f"registry/{name}.yaml must be a list of entries ('- {key}: ...')")
        return {}, None
    check_registry(data, text, path, log, redactor or Redactor())
    said = len(log.problems)
    entries: dict[str, Any] = {}
    first: dict[str, int] = {}
    """Each id as written -> the entry that used it first, valid or not: a duplicate is
    reported with the entry's other problems, all at once (as it is read: a code written as a
    whole number is that code, spaces around it do not count)."""
    for index, raw in enumerate(data):
        written = raw.get(key) if isinstance(raw, dict) else None
        written = (str(written).strip() if isinstance(written, str | int) and not isinstance(written, bool)
                   else None)
        duplicate = written is not None and written in first
        if duplicate and key in getattr(raw, "inherited", ()):  # `- <<: *first` without its own id
            log.add(path, *raw.merge[0], f"this entry repeats {_repeated(raw.merge[1], 'entry')}, "
                    f"and with it that entry's {key} '{written}', which is one entry's only: under "
                    f"the '<<' line, write its own {key}")
        elif duplicate:
            line, col = locate(data, (index, key))
            first_line, _ = locate(data, (first[written], key))
            log.add(path, line, col, f"duplicate {key} '{written}' (first used on line {first_line}); "
                    f"each {key} must be unique")
        elif written is not None:
            first[written] = index
        try:
            entry = model.model_validate(raw) if isinstance(raw, dict) else None
        except ValidationError as exc:
            report_validation(exc, model, data, path, log, prefix=(index,))
            continue
        if entry is None:
            line, col = locate(data, (index,))
            log.add(path, line, col, f"each entry must be a mapping with at least '{key}'")
            continue
        if not duplicate:
            entries[getattr(entry, key)] = entry
    _names_for_own_ids(log.problems, said, data, name)
    return entries, data


OWN_REFERENCES = ("parent", "succeeded_by")
"""Registry keys holding an id of the same registry, which people also write as a name."""


def _names_for_own_ids(problems: list[Problem], since: int, data: list[Any], name: str) -> None:
    """Problems from `since` at an entry's parent or successor where a name of the same
    registry was written for its id ('parent: huyện Hưng Nguyên') now name that id, as a
    session's `by` or `place` does: it was told only what an id looks like, with an agency's
    id as the example even in places.yaml."""
    wrong = {(p.line, p.column): k for k, p in enumerate(problems[since:], since)
             if NOT_AN_ID.match(p.message)}
    if not wrong:
        return
    ids = {folded_words(str(entry[label])): str(entry["id"]) for entry in data
           if isinstance(entry, dict) and isinstance(entry.get("id"), str)
           for label in ("name", "short_name") if isinstance(entry.get(label), str)}
    kind = next(k for k, plural in KINDS.items() if plural == name)
    for index, raw in enumerate(data):
        for key in OWN_REFERENCES if isinstance(raw, dict) else ():
            value = raw.get(key)
            for n, written in (enumerate(value) if isinstance(value, list) else [(None, value)]):
                ident = ids.get(folded_words(written)) if isinstance(written, str) else None
                k = wrong.get(locate(data, (index, key) if n is None else (index, key, n)))
                if ident is not None and k is not None:
                    problems[k] = replace(problems[k], message=(
                        f"'{written}' is the name of the {kind} '{ident}' in this file: write "
                        f"its id, {ident}"))


def load_redactions(root: Path, log: ProblemLog) -> Redactor:
    """The press office's redaction rules (optional file)."""
    path = root / REDACTIONS_FILE
    if not path.exists():
        return Redactor()
    text = read_text(path, log)
    if text is None:
        return Redactor()
    ok, data = parse_yaml(path, text, log)
    return parse_rules(data, path, log, report_validation) if ok else Redactor()


# --- references ----------------------------------------------------------------------


NOT_AN_ID = re.compile(NOT_AN_ID_MESSAGE.format(value="(?P<value>.+)").split(":")[0])
ID_FIELDS = {"organizer": "agency", "participants": "agency", "by": "agency",
             "referred_to": "agency", "place": "place", "topics": "topic"}
"""Fields holding a registry id, and the registry each refers to."""
LIST_FIELDS = frozenset({"participants", "topics"})
"""Fields holding a list of ids, which people also write as one line of names."""
LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")


class References:
    """Checks that ids point at registry entries, with a 'did you mean' when they do not."""

    def __init__(self, archive: Archive, log: ProblemLog):
        self.archive = archive
        self.log = log
        self.tables: dict[str, dict[str, Any]] = {
            "agency": archive.agencies, "topic": archive.topics,
            "place": archive.places, "procedure": archive.procedures,
        }
        self._matchers: dict[str, Match] | None = None
        self.broken: dict[str, set[str]] = {}
        """Ids of registry entries that are there but invalid: a reference to one is not
        reported again as unknown (the entry's own problem is)."""
        self.unreadable: set[str] = set()
        """Kinds whose registry could not be read: their references are not checked, since
        every one would fail and hide the one real problem."""

    def named(self, problems: list[Problem], documents: dict[str, Positions],
              on: dt.date | None = None, within: str | None = None) -> list[Problem]:
        """`problems`, where a name was written in place of an id (`by: UBND xã Trường Giang`)
        telling which id that name has in the registry the field refers to (as `new` and
        `import` read names), the unit of that name that existed on the session's day `on`.
        `documents`: the positions of each file the problems are in; `within`: the session's
        place (`group_advice`)."""
        if not any(NOT_AN_ID.match(p.message) for p in problems):
            return problems
        if self._matchers is None:
            self._matchers = registry_matchers(self.archive)
        return [self._named(p, documents.get(p.path), on, within) for p in problems]

    def _named(self, problem: Problem, document: Positions | None, on: dt.date | None,
               within: str | None) -> Problem:
        found = NOT_AN_ID.match(problem.message)
        where = document.path_at((problem.line, problem.column)) if document and found else ()
        field = next((step for step in reversed(where) if isinstance(step, str)), "")
        kind = ID_FIELDS.get(field)
        if found is None or kind is None:
            return problem
        assert self._matchers is not None
        if field in LIST_FIELDS and LIST_SEPARATOR.search(found["value"]):
            return replace(problem, message=self._one_line_list(field, kind, found["value"]))
        if field in ONE_AGENCY and LIST_SEPARATOR.search(found["value"]):
            return replace(problem, message=f"{field} names one agency, not several "
                           f"('{found['value']}'): {ONE_AGENCY[field]}")
        try:
            ident = self._matchers[kind].resolve(found["value"], on)
        except MatchError as error:
            if error.options:
                return replace(problem, message=f"'{found['value']}' is the name of several {kind} "
                               f"entries: {', '.join(error.options)}; write the id of the one meant")
            if str(error).startswith(f"{kind} '"):  # the unit of that name did not exist then
                return replace(problem, message=f"'{found['value']}' is a name, not an id, and the "
                               f"{error}")
            if advice := self.group_advice(kind, found["value"], where, within):
                return replace(problem, message=f"'{found['value']}' is a name, not an id, and no "
                               f"place of the registry; {advice}")
            if str(error).startswith(f"no {kind} named"):  # nor did any unit of that name
                return replace(problem, message=f"'{found['value']}' is a name, not an id, and {error}")
            if str(error).startswith(f"unknown {kind} '"):  # the format's example id said nothing
                return replace(problem, message=f"'{found['value']}' is not an id, nor a name or "
                               f"alias in registry/{KINDS[kind]}.yaml"
                               f"{self._matchers[kind].did_you_mean(found['value'], on)}"
                               f"; write the id of the {kind} meant, or add it to the registry")
            return problem
        record = self.tables[kind][ident]
        return replace(problem, message=f"'{found['value']}' is the name of the {kind} "
                       f"'{ident}' ({record.name}): write its id, {ident}")

    def _one_line_list(self, field: str, kind: str, value: str) -> str:
        """`participants: Phòng Kinh tế, phong-tu-phap` is one text, not a list: say so, with
        the list to write, each name turned into its id where the registry knows it."""
        assert self._matchers is not None
        written = [part.strip() for part in LIST_SEPARATOR.split(value) if part.strip()]
        ids, unknown = [], []
        for part in written:
            try:
                ids.append(self._matchers[kind].resolve(part))
            except MatchError:
                ids.append(part)
                unknown.append(part)
        message = (f"{field} holds several {KINDS[kind]} on one line ('{value}'): write them as a "
                   f"list of ids, {field}: [{', '.join(ids)}]")
        if unknown:
            message += f"; {', '.join(repr(u) for u in unknown)} matches no {kind} of the registry"
        return message

    def check(self, kind: str, value: str | None, path: Path, data: Any,
              where: tuple[Any, ...], on: dt.date | None = None, within: str | None = None) -> None:
        """`value` names an entry of its registry, and, given the day `on`, one that existed
        then: a record keeps the unit as it was (FORMAT.md), the site shows its successor. An
        id written wrong (kept by `salvaged`) is not looked up: validation has said it.
        `within`: the place of the session `value` is written in (`group_advice`)."""
        if value is None or kind in self.unreadable or (kind != "procedure" and not is_id(value)):
            return
        table = self.tables[kind]
        if value in table:
            if on is not None and not valid_on(table[value], on):
                line, col = locate(data, where)
                self.log.add(path, line, col, not_then(kind, value, table[value], on, table))
            return
        if value in self.broken.get(kind, ()):
            return
        line, col = locate(data, where)
        registry = KINDS[kind]
        # `dien-sinh-hoat` for the topic 'dien' named "Điện sinh hoạt", `phong-tckh` for the
        # agency called "Phòng TCKH": the closest of the ids and the names written as ids
        meant = {**_ids_by_name(table), **{ident: ident for ident in table}}
        hint = did_you_mean(value, meant, meant.__getitem__)
        fix = f"add it to registry/{registry}.yaml or use an existing one"
        if advice := self.group_advice(kind, value, where, within):
            fix = f"{advice}; if it is no such group, {fix}"
        self.log.add(path, line, col, f"unknown {kind} '{value}'{hint}; {fix}")

    def group_advice(self, kind: str, value: str, where: tuple[Any, ...], within: str | None) -> str:
        """For an asker's or a session's place that the registry lacks and that reads as a
        residential group (`to-dan-pho-cam-nam`), where the group goes instead ('' otherwise):
        `within`, the session's place, is suggested as the group's ward when it is a ward or
        commune. Places stop at wards and communes, and "add it to places.yaml" led to a
        registry entry refused as a ward lying in a ward."""
        session = where == ("place",)
        if kind != "place" or not (session or where[-2:] == ("asker", "place")) \
                or not reads_as_group(value):
            return ""
        place = self.archive.places.get(within or "")
        ward = within if not session and place is not None \
            and place.kind in (PlaceKind.ward, PlaceKind.commune) else None
        return read_as_group("it", ward, value, session=session)


def _ids_by_name(table: dict[str, Any]) -> dict[str, str]:
    """Each entry's names and aliases written as an id would be, to the entry's id: a writer
    who made up an id from a name meant the entry of that name."""
    found: dict[str, str] = {}
    for ident, entry in table.items():
        names = [getattr(entry, "name", None), getattr(entry, "short_name", None),
                 *(getattr(entry, "aliases", None) or [])]
        for name in filter(None, names):
            found.setdefault(folded_words(str(name)).replace(" ", "-"), ident)
    return found


REGISTRY_LINKS = {"agencies": {"parent": "agency", "succeeded_by": "agency"},
                  "places": {"parent": "place", "succeeded_by": "place"},
                  "procedures": {"topic": "topic", "agency": "agency"}}
"""The fields of a registry entry naming another entry, and the registry each names."""


def check_registry_links(archive: Archive, raw: dict[str, Any], refs: References) -> None:
    """Parents and successors point at entries of their own registry; procedures at both. Read
    as written, in every entry: one that did not validate still has its links checked."""
    for name, links in REGISTRY_LINKS.items():
        path = archive.root / "registry" / f"{name}.yaml"
        for index, entry in _mappings(raw[name]):
            for link, kind in links.items():
                for _, value, where, _ in _written(kind, entry.get(link), (index, link)):
                    refs.check(kind, value, path, raw[name], where)


# --- sessions ------------------------------------------------------------------------


RawReference = tuple[str, str, tuple[Any, ...], dt.date | None]
"""(registry kind, id as written, where in answers.yaml, the day it is named on when the item
says one: an answer's own date; None for the session's): of an item that did not validate.
The kinds 'item' and 'commitment' are the item's own ids, checked to be unique."""
OWN_IDS = ("item", "commitment")
UNREADABLE_DAY = dt.date.min
"""The day of a RawReference whose answer's date does not read (its own problem): the unit is
looked up, not checked against a day, which would name the units of the wrong one."""
RawDay = tuple[tuple[Any, ...], dt.date]
"""(where in answers.yaml, the day written) of the date of an answer left out with its item."""


@dataclass
class ParsedSession:
    """What a session's own two files say, before any look-up in the rest of the archive.

    It depends only on those files' bytes, the redaction rules and this code, so it is what
    the loader caches and what worker processes send back."""

    folder: Path
    meta: SessionMeta | None
    body: str
    data: Positions | None
    items: list[tuple[int, Item]] | None
    answers_data: Positions | None
    answers_path: Path | None
    problems: list[Problem]
    decomposed: dict[str, str]
    """The parsing log's texts as saved of files not saved in NFC (ProblemLog.decomposed)."""
    references: list[WrittenReference] = field(default_factory=list)
    excerpts: list[str] = field(default_factory=list)
    unchecked: list[RawReference] = field(default_factory=list)
    """Registry ids named by items that did not validate (checked all the same)."""
    unchecked_days: list[RawDay] = field(default_factory=list)
    """The dates of answers left out with their items (checked all the same)."""
    salvaged: bool = False
    """The front matter did not validate; `meta` is what `salvaged` made of the rest."""
    draft_meant: bool = False
    """`draft:` was written but left out as wrong: the session is taken as a draft."""
    draft_written: bool = False
    """`draft: true` is in the front matter, whether the rest of it validated or not."""
    unchecked_meta: list[RawReference] = field(default_factory=list)
    """Registry ids named by front matter that did not validate, where in index.md (kept
    when the front matter was salvaged without them)."""
    lost_anchors: list[str] = field(default_factory=list)
    """Anchors of items that did not validate (see Session.lost_anchors)."""
    placeholder_line: int | None = None
    """The line of the scaffold's '...' left in the write-up (refused unless a draft)."""
    blank_record: tuple[tuple[int, int], str] | None = None
    """Where and how answers.yaml says nothing (`_blank_record`)."""
    lead: str = ""
    """See Session.lead."""
    written_day: dt.date | None = None
    """The front matter's `date` as written, when it reads as a day, whether the rest validated
    or not (UnloadedSession.year)."""


REFERENCE_KEYS = frozenset({"organizer", "place", "participants", "date", "src", "id", "aliases",
                            "topics", "procedures", "by", "referred_to", "mode", "due", "status", "alt",
                            "caption", "on_behalf_of"})
"""Keys whose values later checks may point at (see finish_session)."""


PLACEHOLDER = re.compile(r"^[ \t]*(?:\.\.\.|…)[ \t]*$", re.M)
"""The scaffold's stand-in for the news text (scaffold/index.md), alone on its line."""


def parse_session(folder: Path, root: Path, redactor: Redactor) -> ParsedSession:
    """One session folder read and checked on its own (in a worker process, cached by its
    files' hash): what the archive-wide checks that follow (ids, references, dates against
    the registries) need, with every problem found so far."""
    log = ProblemLog(root=root)
    index = folder / "index.md"
    parsed = ParsedSession(folder, None, "", None, None, None, None, log.problems, log.decomposed)
    text = read_text(index, log)
    if text is None:
        return parsed
    front, body, body_line = split_front_matter(text)
    if front is None:
        if not unclosed_front_matter(index, text, log, "title, date, organizer, place..."):
            log.add(index, 1, 1, "the write-up must start with front matter between '---' lines "
                    "(title, date, organizer, place)")
        return parsed
    ok, data = parse_yaml(index, front, log, line_offset=1)
    if not ok and (prose := _prose_line(front)):
        log.add(index, 1, 1, f"the front matter that starts here seems to have no closing '---': "
                f"the write-up down to the '---' on line {body_line - 1} (from line {prose + 1}, "
                "say) was read as its YAML. Add a '---' line after its last key")
    if keys := _keys_in_write_up(body):
        log.add(index, body_line - 1, 1, f"the '---' on this line ends the front matter, but the "
                f"write-up after it starts with front matter keys ({', '.join(keys)}), which "
                "would be published as its text: remove this '---' if it is stray (the front "
                "matter ends at the '---' after its last key)", severity="warning")
    # Redaction first, then the guard, then the model: everything published is redacted.
    data = redact_data(data, redactor)
    parsed.body = redactor.apply(body)
    officials = session_officials(data, parsed.body)
    check_data(data, text, index, log, officials)
    check_markdown(parsed.body, body_line, index, log, officials)
    if found := unreadable(parsed.body):  # a field's text is checked by its model
        line, column = position_of(parsed.body, found[0])
        log.add(index, body_line + line - 1, column, found[1])
    # Front matter that does not parse may say `draft: true`: its placeholder is not said then.
    if ok and (placeholder := PLACEHOLDER.search(parsed.body)):
        parsed.placeholder_line = body_line + parsed.body.count("\n", 0, placeholder.start())
    src_uri = index.relative_to(root).as_posix()
    parsed.references = text_references(parsed.body, src_uri, index, WrittenText(body, (body_line, 1)))
    # After a YAML syntax error, 'missing key' messages would only hide the real problem.
    parsed.data = Positions(data, REFERENCE_KEYS)
    before = len(log.problems)
    parsed.meta = validate(SessionMeta, LocDict() if data is None else data, index, log,
                           salvage=True) if ok or data is not None else None
    parsed.salvaged = parsed.meta is not None and len(log.problems) > before
    if isinstance(data, dict) and parsed.meta is not None and parsed.meta.time and (
            start := start_written(data.get("date"))) and start != parsed.meta.time:
        log.add(index, *locate(data, ("time",)), f"`date` starts the session at {start} and "
                f"`time` at {parsed.meta.time}: keep one of them")
    _check_attendance(index, data, log)
    # `draft: yes please`, left out: a draft was meant, and the checks kept for public
    # sessions would only add problems the writer tried to avoid
    parsed.draft_written = isinstance(data, dict) and data.get("draft") is True
    parsed.written_day = day_written(data.get("date")) if isinstance(data, dict) else None
    parsed.draft_meant = parsed.salvaged and isinstance(data, dict) and "draft" in data \
        and "draft" not in parsed.meta.model_fields_set
    if isinstance(data, dict):  # what did not validate, as written
        parsed.unchecked_meta = [r for r in _raw_front_references(data) if parsed.meta is None
                                 or r[2][0] not in parsed.meta.model_fields_set]
    parsed.items, answers_data, parsed.answers_path = _load_answers(
        folder, log, redactor, src_uri, parsed.references, parsed.unchecked, parsed.unchecked_days,
        parsed.lost_anchors, officials, DEFAULT_ASKER_KIND.get(parsed.meta.kind) if parsed.meta else None)
    if parsed.answers_path is not None and parsed.items == []:
        parsed.blank_record = _blank_record(answers_data)
    parsed.answers_data = Positions(answers_data, REFERENCE_KEYS)
    parsed.excerpts = [text_excerpt(item.text) for _, item in parsed.items or []]
    if parsed.meta is not None and not parsed.meta.summary and parsed.body.strip():
        parsed.lead = lead(text_renderer(True).render_body(parsed.body, src_uri).html)
    return parsed


def _blank_record(data: Any) -> tuple[tuple[int, int], str] | None:
    """Where and how an answers.yaml read without a problem says nothing: blank (0 bytes, or
    spaces and comments), or an `items:` with nothing under it. Not the scaffold's `items: []`,
    the documented 'record to follow': a file emptied by mistake looks the same on the site."""
    if data is None:
        return (1, 1), "is empty"
    if isinstance(data, LocDict) and list(data) == ["items"] and data["items"] is None:
        return data.key_pos["items"], "has 'items:' with nothing under it"
    return None


def _folder_day(folder: Path) -> dt.date | None:
    """The day a session folder's name starts with ('2024-06-20-...'), for when its front
    matter could not be read whole."""
    try:
        return dt.date.fromisoformat(folder.name[:10])
    except ValueError:
        return None


CHECKS_NAMESPACE = "checks"
"""The parsed sessions whose items were checked against the registries without a problem
(`CheckedItems`)."""


class CheckedItems:
    """The parsed sessions (by `Session.parsed_key`) whose items' checks against the registries
    and the build's day found nothing, kept in the cache for those registries (with the code and
    labels: `Archive.context_fingerprint`) and that day: those checks depend on nothing else, so
    a warm build need not make them again (0.3 s of CPU at 1,000 sessions, 20,000 items). A
    session whose checks found a problem is not kept: it is checked, and told, at every build."""

    def __init__(self, cache: DiskCache, context: str, today: dt.date):
        self.cache, self.key = cache, fingerprint(context, today.isoformat())
        self.earlier = frozenset(cache.get_json(CHECKS_NAMESPACE, self.key) or ())
        self.found: set[str] = set()

    def holds(self, key: str) -> bool:
        if key in self.earlier:
            self.found.add(key)
            return True
        return False

    def save(self) -> None:
        """Keep this build's sessions checked without a problem (those of earlier edits go)."""
        if self.found != self.earlier:
            self.cache.put_json(CHECKS_NAMESPACE, self.key, sorted(self.found))


def finish_session(parsed: ParsedSession, refs: References, log: ProblemLog,
                   now: dt.datetime, checked: CheckedItems | None = None, key: str = ""
                   ) -> Session | None:
    """Check what a session refers to (registries, photo) and decide whether it is public.
    `checked`: the sessions whose items need no checking again, `key` this one's parsed key."""
    log.decomposed.update(parsed.decomposed)
    meta, folder_day = parsed.meta, _folder_day(parsed.folder)
    # A date that disagrees with the folder's name is said once (_check_session): which of the
    # two is the typo is unknown, and checks against the wrong day would ask to change what is
    # right (a place 'did not exist on 27/06/2042'), so those checks wait until it is fixed.
    day = meta.date if meta and folder_day in (None, meta.date) else None
    place = meta.place if meta else None
    if parsed.problems:
        documents = {log.display(parsed.folder / "index.md"): parsed.data}
        if parsed.answers_path is not None and parsed.answers_data is not None:
            documents[log.display(parsed.answers_path)] = parsed.answers_data
        log.problems.extend(refs.named(parsed.problems, {k: v for k, v in documents.items() if v},
                                       day if meta else folder_day, place))
    if parsed.answers_path is not None and not (checked is not None and checked.holds(key)):
        before = len(log.problems)
        if parsed.items is not None:
            _check_items(day, place, parsed.items, parsed.answers_data,
                         parsed.answers_path, refs, log, now.date(),
                         [r for r in parsed.unchecked if r[0] in OWN_IDS])
        for kind, value, where, on in parsed.unchecked:
            if kind not in OWN_IDS:  # as a valid item's are: on the answer's day or the session's
                refs.check(kind, value, parsed.answers_path, parsed.answers_data, where,
                           None if on == UNREADABLE_DAY else _answer_day(on, day, now.date()), place)
        for where, on in parsed.unchecked_days:  # as a valid answer's, whatever its `by`
            _check_day("answer", on, day, now.date(), parsed.answers_path, parsed.answers_data,
                       where, log)
        if checked is not None and key and len(log.problems) == before:
            checked.found.add(key)
    for kind, value, where, _ in parsed.unchecked_meta:
        refs.check(kind, value, parsed.folder / "index.md", parsed.data, where, day)
    if meta is None:  # its other problems are said: so is the placeholder, unless a draft
        _check_folder_name(parsed.folder.name, parsed.folder / "index.md", log)
        if not parsed.draft_written:
            _report_placeholder(parsed, log)
        return None
    session = Session(id=parsed.folder.name, folder=parsed.folder, meta=meta, body=parsed.body,
                      items=[item for _, item in parsed.items or []], excerpts=parsed.excerpts,
                      lead=parsed.lead,
                      answers_path=parsed.answers_path, lost_anchors=parsed.lost_anchors,
                      record_read=parsed.items is not None, salvaged=parsed.salvaged,
                      links=[page for r in parsed.references if (page := _page_to_check(r.reference))],
                      photos=sorted({r.reference.target for r in parsed.references if r.reference.image}))
    _check_session(session, parsed.data, refs, log, day, now.date())
    if meta.draft or parsed.draft_meant:
        session.visibility = Visibility.draft
        return session
    _report_placeholder(parsed, log)  # leaving draft would publish it
    if parsed.blank_record and parsed.answers_path and meta.date < now.date():  # held
        (line, column), blank = parsed.blank_record
        log.add(parsed.answers_path, line, column, f"answers.yaml {blank}, so the session "
                f"held on {meta.date:%d/%m/%Y} is published without questions, answers or "
                "commitments, as a record to follow: if they were lost, restore them (from a backup "
                "or the spreadsheet); if the record is to follow, write 'items: []'",
                severity="warning")
    if session.published_at() > now:
        session.visibility = Visibility.scheduled
    return session


def _report_placeholder(parsed: ParsedSession, log: ProblemLog) -> None:
    if parsed.placeholder_line is not None:
        log.add(parsed.folder / "index.md", parsed.placeholder_line, 1, "the write-up still has the "
                "scaffold's placeholder '...': write the news text in its place, or keep 'draft: "
                "true' until it is written")


def _page_to_check(reference: Reference) -> str:
    """The source path of a linked page that only the build knows exists: a `.md` link, or an
    address of a page the generator makes (a list's page 9); '' for a photo, a document or
    another address (check_references has checked those against the content folder)."""
    if reference.image or reference.file:
        return ""
    if not reference.address:
        return reference.target
    return f"{reference.target}index.md" if reference.target.endswith("/") and urls.generated(
        f"{reference.target}index.md") else ""


SESSIONS_NAMESPACE = "sessions"
"""Where parsed sessions are cached, by `Session.parsed_key`."""


def private_copy(session: Session, cache: DiskCache) -> Session:
    """The session read again from the disk cache, as new objects of this process's own.

    Page writers are forked processes sharing the loaded archive with the build, and merely
    reading an object writes its reference count, so each writer would come to own a copy of
    every session it shows (1.4 GB at 10,000 sessions). A session page is therefore made from
    a copy; without a cached copy (no cache, or a session parsed in a preview), from the
    session itself."""
    parsed = _cached(cache, session.parsed_key) if session.parsed_key else None
    if parsed is None or parsed.meta is None:
        return session
    return replace(session, meta=parsed.meta, body=parsed.body,
                   items=[item for _, item in parsed.items or []])


def _cached(cache: DiskCache, key: str) -> ParsedSession | None:
    """A session parsed by an earlier build, if the cache holds it whole."""
    parsed = cache.get_pickle(SESSIONS_NAMESPACE, key)
    return parsed if isinstance(parsed, ParsedSession) else None


def check_answers(text: str, session: Session, archive: Archive) -> list[Problem]:
    """What `validate` would report if `text` were the session's answers.yaml: the import
    checks what it is about to write with the same rules (personal data, anchors, registry
    references, dates, links)."""
    log = ProblemLog(root=archive.root)
    path = session.folder / "answers.yaml"
    references: list[WrittenReference] = []
    officials = session_officials(session.meta.model_dump(), session.body)
    items, data = _parse_answers(path, text, log, load_redactions(archive.root, ProblemLog()),
                                 session.src_uri, references, officials=officials)
    if items:
        candidate = replace(session, items=[item for _, item in items], answers_path=path)
        _check_items(session.date, session.meta.place, items, data, path, References(archive, log),
                     log, archive.build_date)
        check_references(archive, [(candidate, references)], log)
    return [p for p in log.sorted() if p.severity == "error"]


_PARSING: tuple[Path, Redactor] | None = None


def _parse_in_worker(folders: list[Path]) -> list[ParsedSession]:
    assert _PARSING is not None
    return [parse_session(folder, *_PARSING) for folder in folders]


def session_key(folder: Path, version: str) -> str:
    """Fingerprint of a session's two files (and of the code that reads them)."""
    files = [folder / "index.md", folder / "answers.yaml"]
    return fingerprint(version, str(folder), *(f.read_bytes() if f.is_file() else b"\0" for f in files))


def parsed_keys(keys: list[str], root: Path, redactor: Redactor) -> list[str]:
    """Cache keys of parsed sessions: their files' keys, the redaction rules and the folder."""
    rules = repr([(p.pattern, p.flags) for p in redactor.rules]) + repr(redactor.replacements)
    return [fingerprint(key, rules, str(root)) for key in keys]


Progress = Callable[[int, int], None]
"""Told (sessions loaded so far, sessions in all) as loading goes: a cold 10,000-session build
parses for a minute and a half before it writes anything."""
PROGRESS_SESSIONS = 1000
"""Sessions read back from the cache between two reports (parsed ones: after each chunk)."""


def loading_progress(say: Callable[[str], None]) -> Progress:
    """A `Progress` that says `sessions loaded: k/n` every PROGRESS_SECONDS of a long load:
    the build logs it, `validate` prints it."""
    throttle = Throttle(PROGRESS_SECONDS)

    def told(loaded: int, total: int) -> None:
        if throttle.due():
            say(f"sessions loaded: {loaded}/{total}")
    return told


def parse_sessions(folders: list[Path], cache_keys: list[str], root: Path, redactor: Redactor,
                   cache: DiskCache, workers: int,
                   recent: dict[str, ParsedSession] | None = None,
                   progress: Progress | None = None) -> list[ParsedSession]:
    """Every session parsed once: from `recent` or the cache when its files are unchanged, else
    on all cores. `recent` (the previous build's sessions, kept by a preview between rebuilds)
    is replaced by this build's: reading them back from the disk cache costs more than the
    rest of loading (1.5 s at 1,000 sessions)."""
    global _PARSING
    results: dict[Path, ParsedSession] = {}
    missing = []
    for folder, key in zip(folders, cache_keys, strict=True):
        if recent is not None and key in recent:
            results[folder] = recent[key]
        elif (cached := _cached(cache, key)) is not None:
            results[folder] = cached
            if progress is not None and len(results) % PROGRESS_SESSIONS == 0:
                progress(len(results), len(folders))
        else:
            missing.append(folder)
    if missing:
        chunks = [missing[i:i + 50] for i in range(0, len(missing), 50)]
        _PARSING = (root, redactor)
        try:
            if workers > 1 and len(chunks) > 1 and "fork" in multiprocessing.get_all_start_methods():
                with contextlib.ExitStack() as stack:
                    with interrupts_held():  # a worker forked meanwhile printed a traceback
                        pool = stack.enter_context(multiprocessing.get_context("fork").Pool(
                            min(workers, len(chunks)), initializer=ignore_interrupts))
                    parsed = _gathered(pool.imap(_parse_in_worker, chunks), len(results),
                                       len(folders), progress)
            else:
                parsed = _gathered(map(_parse_in_worker, chunks), len(results), len(folders),
                                   progress)
        finally:
            _PARSING = None
        for item in parsed:
            results[item.folder] = item
        if cache.root is not None:
            key_of = dict(zip(folders, cache_keys, strict=True))
            for folder in missing:
                cache.put_pickle(SESSIONS_NAMESPACE, key_of[folder], results[folder])
    if recent is not None:
        recent.clear()
        recent.update((key, results[folder]) for folder, key in zip(folders, cache_keys, strict=True))
    return [results[folder] for folder in folders]


def _gathered(chunks: Iterator[list[ParsedSession]], loaded: int, total: int,
              progress: Progress | None) -> list[ParsedSession]:
    """The parsed sessions of `chunks`, in order, `progress` told after each chunk."""
    parsed: list[ParsedSession] = []
    for chunk in chunks:
        parsed += chunk
        if progress is not None:
            progress(loaded + len(parsed), total)
    return parsed


def _load_answers(folder: Path, log: ProblemLog, redactor: Redactor, src_uri: str,
                  references: list[WrittenReference], unchecked: list[RawReference],
                  unchecked_days: list[RawDay], lost_anchors: list[str], officials: set[str],
                  asker_kind: AskerKind | None = None
                  ) -> tuple[list[tuple[int, Item]] | None, Any, Path | None]:
    """Items that validate, one by one, so that one bad item does not hide the others' problems;
    the photos and page links of their texts (shown on the page `src_uri`) go to `references`."""
    path = folder / "answers.yaml"
    if not path.exists():
        return [], None, None  # an announced session has no record yet
    text = read_text(path, log)
    if text is None:
        return None, None, path
    items, data = _parse_answers(path, text, log, redactor, src_uri, references, unchecked,
                                 unchecked_days, lost_anchors, officials, asker_kind)
    return items, data, path


def _parse_answers(path: Path, text: str, log: ProblemLog, redactor: Redactor, src_uri: str,
                   references: list[WrittenReference], unchecked: list[RawReference] | None = None,
                   unchecked_days: list[RawDay] | None = None, lost_anchors: list[str] | None = None,
                   officials: set[str] | None = None,
                   asker_kind: AskerKind | None = None) -> tuple[list[tuple[int, Item]] | None, Any]:
    """`asker_kind`: an asker's kind where none is written (DEFAULT_ASKER_KIND)."""
    ok, data = parse_yaml(path, text, log)
    if data is None:
        return ([] if ok else None), data  # empty: no items yet; a syntax error: unread
    check_data(redact_data(data, redactor), text, path, log, officials or set())
    if not isinstance(data, dict):
        line, col = getattr(data, "start", (1, 1))
        log.add(path, line, col, f"answers.yaml must be a mapping with one key, 'items:', "
                f"found {described(data)}")
        return None, data
    for key in data:
        if key != "items":
            line, col = locate_key(data, (key,))
            log.add(path, line, col, f"unknown key '{key}'{did_you_mean(str(key), ['items'])} "
                    "(answers.yaml has one key: items)")
    if "items" not in data and lost_anchors is not None:
        # `itemz:`, reported above: a link to one of its items is not broken as well
        mistyped = next((value for key, value in data.items() if _meant_key(key, ["items"])), None)
        lost_anchors += [anchor for i, raw in enumerate(mistyped if isinstance(mistyped, list) else [])
                         if isinstance(raw, dict) for anchor in _raw_anchors(raw, i)]
    raw_items = data.get("items")
    raw_items = [] if raw_items is None else raw_items  # `items:` left empty: none yet
    if not isinstance(raw_items, list):
        line, col = locate(data, ("items",))
        log.add(path, line, col, f"items must be a list ('- id: ...'), not {described(raw_items)}")
        return None, data
    items = []
    for i, raw in enumerate(raw_items):
        if not isinstance(raw, dict):
            line, col = locate(data, ("items", i))
            log.add(path, line, col, f"each item must be a mapping (id, type, asker, topics, text, "
                    f"...), not {described(raw)}")
            continue
        repeated = _repeated_ids(raw)
        if repeated:
            log.add(path, *raw.merge[0], repeated)  # type: ignore[attr-defined]
        asker = raw.get("asker")
        if asker_kind is not None and isinstance(asker, dict) and "kind" not in asker:
            raw = {**raw, "asker": {**asker, "kind": asker_kind.value}}  # as the import writes it
        try:
            item = Item.model_validate(raw)
        except ValidationError as exc:
            report_validation(exc, Item, data, path, log, prefix=("items", i))
            item = salvaged(Item, raw)
            given = item.model_fields_set if item is not None else set()
            if unchecked is not None and not repeated:  # the ids of what was left out, as written
                unchecked += [r for r in _raw_references(raw, i) + _raw_ids(raw, i)
                              if r[2][2] not in given]
            if unchecked_days is not None and not repeated and "answers" not in given:
                unchecked_days += _raw_answer_days(raw, i)
            if lost_anchors is not None:  # a link to what was left out is not broken either
                lost_anchors += _raw_anchors(raw, i)
            if item is None:
                continue
        if not repeated:  # its ids are another item's: each would be a duplicate
            items.append((i, item))
        texts = [(("items", i, "text"), item.text)] + [
            (("items", i, "answers", a, "text"), answer.text) for a, answer in enumerate(item.answers)]
        for where, markdown in texts:
            references += text_references(markdown, src_uri, path, _written_text(text, data, where))
    return items, data


def _written_text(text: str, data: Any, where: tuple[Any, ...]) -> WrittenText:
    """The YAML text at `where` as written in `text`, the file read."""
    span = value_span(data, where)
    if span is None:
        return WrittenText("", locate(data, where))
    begin, end, indent = span
    return WrittenText(text[begin:end], locate(data, where), indent)


OWN_KEYS = {"id": "its own id (id: …)", "aliases": "its own aliases, or none (aliases: [])",
            "commitments": "its own commitments, or none (commitments: [])"}
"""The keys of an item holding ids, which an item repeated with `<<` must write itself."""


def _repeated_ids(raw: dict[str, Any]) -> str:
    """What an item written as a repeat of another (`- <<: *first`) must write itself: the ids
    it would take from that item would each be reported as a duplicate at the other item."""
    taken = [key for key in OWN_KEYS if key in getattr(raw, "inherited", ()) and raw[key]]
    if not taken:
        return ""
    return (f"this item repeats {_repeated(raw.merge[1], 'item')}, and with it "  # type: ignore[attr-defined]
            f"that item's {' and '.join(taken)}, which belong to one item only: under the '<<' "
            f"line, write {' and '.join(OWN_KEYS[key] for key in taken)}")


def _repeated(merged: str, what: str) -> str:
    """What a `<<` repeats, as a message names it: "the one marked '&first' ('<<: *first')"."""
    if merged.startswith("*"):
        return f"the one marked '&{merged[1:]}' ('<<: {merged}')"
    return f"another {what} ('<<: {merged}')" if merged else f"the keys of another {what}"


def _written(kind: str, value: Any, where: tuple[Any, ...],
             usable: Callable[[str], object] = ID_PATTERN.match,
             on: dt.date | None = None) -> list[RawReference]:
    """`value` as written at `where`, one or a list, where it is usable as `kind` (a
    well-formed id): what did not validate is checked all the same, so that its own problem
    does not hide another until the next run (FORMAT.md: all problems at once)."""
    if isinstance(value, list):
        return [r for n, one in enumerate(value)
                for r in _written(kind, one, (*where, n), usable, on)]
    return [(kind, value, where, on)] if isinstance(value, str) and usable(value) else []


def _mappings(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The entries of a list that are mappings, with their index."""
    return [(n, one) for n, one in enumerate(value) if isinstance(one, dict)] \
        if isinstance(value, list) else []


def _raw_references(raw: dict[str, Any], index: int) -> list[RawReference]:
    """The registry ids an item that did not validate names."""
    at = ("items", index)
    asker = raw.get("asker") if isinstance(raw.get("asker"), dict) else {}
    found = _written("topic", raw.get("topics"), (*at, "topics")) + _written(
        "procedure", raw.get("procedures"), (*at, "procedures"), lambda v: v.strip() == v != "")
    found += _written("place", asker.get("place"), (*at, "asker", "place"))
    for a, answer in _mappings(raw.get("answers")):
        written = answer.get("date")
        on = None if written is None else day_written(written) or UNREADABLE_DAY
        for key in ("by", "referred_to"):
            found += _written("agency", answer.get(key), (*at, "answers", a, key), on=on)
    for c, commitment in _mappings(raw.get("commitments")):
        found += _written("agency", commitment.get("by"), (*at, "commitments", c, "by"))
    return found


def _raw_answer_days(raw: dict[str, Any], index: int) -> list[RawDay]:
    """The dates of the answers of an item that did not validate, where each is written, when
    it reads as a day (one that does not is said by validation): checked as a valid answer's,
    whatever the answer's `by` (a name typed for an id, or none, left it unchecked)."""
    return [(("items", index, "answers", a, "date"), on) for a, answer in _mappings(raw.get("answers"))
            if (on := day_written(answer.get("date"))) is not None]


def _raw_ids(raw: dict[str, Any], index: int) -> list[RawReference]:
    """The ids an item that did not validate gives itself and its commitments: a second item
    with the same id is then reported at once too."""
    at = ("items", index)
    found = _written("item", raw.get("id"), (*at, "id")) + _written("item", raw.get("aliases"),
                                                                    (*at, "aliases"))
    for c, commitment in _mappings(raw.get("commitments")):
        found += _written("commitment", commitment.get("id"), (*at, "commitments", c, "id"))
    return found


def _raw_anchors(raw: dict[str, Any], index: int) -> list[str]:
    """The anchors an item that did not validate would have on its session page (its id,
    aliases and commitments): a link to it from another session is then not reported as broken
    as well, on top of the item's own problem. Its id written under a mistyped key (`idd:`) is
    its id, as salvaging reads it when that is the item's only problem."""
    meant = {key: value for key in OWN_KEYS if (value := _key_as_meant(raw, key, Item)) is not None}
    return [value if kind == "item" else urls.commitment_anchor(value)
            for kind, value, _, _ in _raw_ids({**raw, **meant}, index)]


def _raw_front_references(data: dict[str, Any]) -> list[RawReference]:
    """The registry ids front matter that did not validate names."""
    return (_written("agency", data.get("organizer"), ("organizer",))
            + _written("place", data.get("place"), ("place",))
            + _written("agency", data.get("participants"), ("participants",)))


def _own_ids(items: list[tuple[int, Item]]) -> list[RawReference]:
    """The ids of valid items, their aliases and their commitments, where each is written (not
    one written wrong, kept by `salvaged`: as `_written` leaves it out)."""
    found: list[RawReference] = []
    for i, item in items:
        found.append(("item", item.id, ("items", i, "id"), None))
        found += [("item", alias, ("items", i, "aliases", a), None)
                  for a, alias in enumerate(item.aliases)]
        found += [("commitment", c.id, ("items", i, "commitments", n, "id"), None)
                  for n, c in enumerate(item.commitments)]
    return [r for r in found if is_id(r[1])]


def _check_folder_name(name: str, index: Path, log: ProblemLog) -> bool:
    """Whether a session folder's name is a session id (YYYY-MM-DD-<slug>); what is wrong with
    it is reported, also when its index.md cannot be read (that hid it until the next run)."""
    match = SESSION_ID_PATTERN.match(name) is not None
    if not match:
        log.add(index, 1, 1, f"the session folder '{name}' must be named "
                "YYYY-MM-DD-<slug> (lower-case ASCII letters, digits and '-')")
    elif len(name) > ID_MAX:  # its open data file name is longer still
        log.add(index, 1, 1, f"the session folder name has {len(name)} characters, more than "
                f"{ID_MAX}: it becomes file names and an address; rename the folder shorter")
    for message in personal_data_in_id(name):
        log.add(index, 1, 1, f"the session folder name {message}: rename the folder")
    return match


def _check_session(session: Session, data: Any, refs: References, log: ProblemLog,
                   day: dt.date | None, today: dt.date) -> None:
    """`day`: the session's date, or None when it disagrees with its folder's name."""
    meta, index = session.meta, session.index_path
    match = _check_folder_name(session.id, index, log)
    if match and session.id[:10] != meta.date.isoformat():
        line, col = locate(data, ("date",))
        log.add(index, line, col, f"date {meta.date} disagrees with the folder name "
                f"'{session.id}'; rename the folder (once published, with its old id kept in "
                f"'aliases: [{session.id}]') or fix the date")
    if day is not None and session.folder.parent.name != str(day.year):
        line, col = locate(data, ("date",))
        log.add(index, line, col, f"the session is filed under sessions/{session.folder.parent.name}/ "
                f"but held in {meta.date.year}; move it to sessions/{meta.date.year}/")
    refs.check("agency", meta.organizer, index, data, ("organizer",), day)
    refs.check("place", meta.place, index, data, ("place",), day)
    for i, agency in enumerate(meta.participants):
        refs.check("agency", agency, index, data, ("participants", i), day)
        if agency in meta.participants[:i]:
            line, col = locate(data, ("participants", i))
            log.add(index, line, col, f"'{agency}' is listed twice in participants: remove one "
                    "(the page would name it twice)")
    behalf = meta.chair.on_behalf_of if meta.chair is not None else None
    # An id, or a value written as one ('ubnd-phuong-hai-chua': an id mistyped, which was
    # published as written); a text naming no agency is shown as written.
    if behalf in refs.tables["agency"] or (behalf is not None and is_id(behalf) and "-" in behalf):
        refs.check("agency", behalf, index, data, ("chair", "on_behalf_of"), day)
    if meta.image is not None:
        _check_image(session, data, log)
    for n, correction in enumerate(meta.corrections):
        _check_day("correction", correction.date, day, today, index, data, ("corrections", n, "date"), log)


def _check_attendance(index: Path, data: Any, log: ProblemLog) -> None:
    """Two attendance keys shown as one label ('guests: 5' and 'khách mời: 3' both 'khách mời')
    put two counts of one group on the page, and a reader cannot tell them apart. A warning:
    the page is readable, only ambiguous."""
    counts = data.get("attendance") if isinstance(data, dict) else None
    if not isinstance(counts, dict):
        return  # not a mapping: said by the model's check
    shown: dict[str, str] = {}
    for key in counts:
        label = attendance_kind(str(key))
        first = shown.setdefault(same_words(label), str(key))
        if first != str(key):
            line, col = locate_key(data, ("attendance", key))
            log.add(index, line, col, f"attendance '{key}' and '{first}' are both shown as "
                    f"'{label}', two counts a reader cannot tell apart: write them as one key "
                    f"(their sum), or name one more precisely", severity="warning")


def _check_image(session: Session, data: Any, log: ProblemLog) -> None:
    image = session.meta.image
    assert image is not None
    src = image.src
    written = described(src)  # a pasted data address is 200,000 characters
    line, col = locate(data, ("image", "src"))
    target = resolved(session.folder / src)
    if target is None:
        log.add(session.index_path, line, col, f"image.src {written} is a link that leads nowhere; "
                "put the photo file itself next to index.md")
        return
    if "/" in src or "\\" in src or src.startswith(".") or target.parent != session.folder.resolve():
        log.add(session.index_path, line, col, f"image.src {written} must be the name of a file "
                "next to index.md (no folders, no '..')")
    elif Path(src).suffix.lower() not in IMAGE_SUFFIXES:
        log.add(session.index_path, line, col, f"image.src {written} must be a .jpg, .png or .webp file")
    elif not is_file(target):
        nearby = [unicodedata.normalize("NFC", p.name) for p in session.folder.iterdir()
                  if p.suffix.lower() in IMAGE_SUFFIXES]
        where = "/".join(session.folder.parts[-3:])  # sessions/<YYYY>/<id>, as the loader requires
        log.add(session.index_path, line, col, f"image {written} not found: there is no file "
                f"{where}/{src} in the content folder{did_you_mean(src, nearby)}; put the photo "
                "next to index.md and write its file name, or fix the name")
    elif not (image.alt or image.caption) and not any(  # as the texts' photos; not one whose
            _given(data, ("image", key)) and key not in image.model_fields_set  # alt was wrong
            for key in ("alt", "caption")):
        log.add(session.index_path, line, col, f"the photo {written} has no text for readers who "
                "cannot see it (a screen reader says nothing of it): write what it shows as the "
                "image's alt (alt: Quang cảnh hội trường)", severity="warning")


def _check_items(day: dt.date | None, place: str | None, items: list[tuple[int, Item]], data: Any,
                 path: Path, refs: References, log: ProblemLog, today: dt.date,
                 written_ids: list[RawReference] | None = None) -> None:
    """The items of a session held on `day` at `place` (None when its front matter did not
    validate: the checks against its date are left out). `written_ids`: those of items that
    did not validate (`_raw_ids`), checked with the others."""
    seen: dict[str, dict[str, tuple[Any, ...]]] = {kind: {} for kind in OWN_IDS}
    ids = sorted(_own_ids(items) + (written_ids or []), key=lambda r: r[2][1])  # stable: by item
    for kind, value, where, _ in ids:
        _unique(value, seen[kind], kind, path, data, where, log)
        if kind == "item":
            _free_anchor(value, "id" if where[-1] == "id" else "alias", path, data, where, log)
    for i, item in items:
        for key, values in (("topics", item.topics), ("procedures", item.procedures)):
            for n, value in enumerate(values):
                if value in values[:n]:
                    line, col = locate(data, ("items", i, key, n))
                    log.add(path, line, col, f"'{value}' is listed twice in this item's {key}: "
                            "remove one (the item would be counted twice under it)")
        refs.check("place", item.asker.place, path, data, ("items", i, "asker", "place"), day, place)
        for t, topic in enumerate(item.topics):
            refs.check("topic", topic, path, data, ("items", i, "topics", t))
        for p, code in enumerate(item.procedures):
            refs.check("procedure", code, path, data, ("items", i, "procedures", p))
        for a, answer in enumerate(item.answers):
            where = ("items", i, "answers", a)
            on = _answer_day(answer.date, day, today)
            refs.check("agency", answer.by, path, data, (*where, "by"), on)
            if answer.mode is AnswerMode.referred:
                refs.check("agency", answer.referred_to, path, data, (*where, "referred_to"), on)
            if answer.date:
                _check_day("answer", answer.date, day, today, path, data, (*where, "date"), log)
                _check_on_the_spot(answer, day, today, path, data, where, log)
            elif day is not None and day > today:
                log.add(path, *locate(data, where), _not_held_yet("an answer", day, today))
        for c, commitment in enumerate(item.commitments):
            where = ("items", i, "commitments", c)
            if day is not None and day > today:
                log.add(path, *locate(data, where), _not_held_yet("a commitment", day, today))
            refs.check("agency", commitment.by, path, data, (*where, "by"), day)
            for u, update in enumerate(commitment.updates):
                _check_day("update", update.date, day, today, path, data,
                           (*where, "updates", u, "date"), log)
            _check_commitment(commitment, day, data, where, path, log)


def _check_day(what: str, date: dt.date, day: dt.date | None, today: dt.date, path: Path,
               data: Any, where: tuple[Any, ...], log: ProblemLog) -> None:
    """An answer, an update or a correction is dated between the session (`day`, if known)
    and the build."""
    if problem := _wrong_day(what, date, day, today):
        log.add(path, *locate(data, where), problem)


def _wrong_day(what: str, date: dt.date, day: dt.date | None, today: dt.date) -> str:
    """What is wrong with the date of an answer or an update ('' when nothing is): one before
    the session (`day`, if known) or after the build."""
    if day is not None and date < day:
        reason = {"answer": "; an answer cannot come before the question",
                  "correction": "; write the day the published record was corrected",
                  "update": "; an update records a step taken after the commitment was made: write "
                            "its own day"}.get(what, "")
        return f"{what} date {date} is before the session ({day}){reason}"
    return _after_today(what, date, today) if date > today else ""


def _answer_day(date: dt.date | None, day: dt.date | None, today: dt.date) -> dt.date | None:
    """The day an answer's agencies (`by`, `referred_to`) must have existed on: its own date,
    else the session's `day`; None, for no such check, when its date is itself reported wrong
    (`_wrong_day`). Which is the typo is unknown, as with a session date that disagrees with its
    folder (finish_session): an answer dated 2033 for 2023 was told that its agency 'did not
    exist on 12/04/2033' and to use that day's successor, which the next run refused."""
    if date is None:
        return day
    return None if _wrong_day("answer", date, day, today) else date


def _check_on_the_spot(answer: Answer, day: dt.date | None, today: dt.date, path: Path,
                       data: Any, where: tuple[Any, ...], log: ProblemLog) -> None:
    """An answer given on the spot is given at the session: one dated later was sent later (the
    site showed "Trả lời trực tiếp · 30/11/2026" and counted it among the session's on-the-spot
    answers), or its date is a slip. An error, as the same cells are in `import`. A date after
    the build is an error of its own (`_check_day`), not said twice."""
    if (day is None or answer.date is None or not day < answer.date <= today
            or answer.mode is not AnswerMode.on_the_spot
            or ("mode" not in answer.model_fields_set and _given(data, (*where, "mode")))):
        return  # a mode written wrong is said as such, and left out (`salvaged`)
    mode = "on_the_spot" + ("" if _given(data, (*where, "mode")) else " (the default: it is not written)")
    line, col = locate(data, (*where, "date"))
    log.add(path, line, col, f"answer dated {answer.date}, after the session ({day}), but its mode "
            f"is {mode}: an answer given on the spot is given at the session. For an answer sent "
            "after it, write mode: in_writing (with its document, if any); for one given at the "
            "session, remove the date (it is the session's)")


def _not_held_yet(what: str, day: dt.date, today: dt.date) -> str:
    """An answer without a date of its own is given at the session, and a commitment made there:
    one of a session still to come would show it as held, with outcomes no one has reached."""
    return (f"{what} of a session dated {day}, after the day of the build ({today}): the session "
            "has not been held yet. If it has, fix its date in index.md; questions sent in before "
            "it are recorded without answers or commitments until it is held")


def _after_today(what: str, day: dt.date, today: dt.date) -> str:
    """An answer, update or correction records what has happened: one dated later is a
    mistyped date (the site would show a status, an outcome or a deadline kept that nothing has
    reached yet, or a correction not made)."""
    fix = ("fix the date: a correction is dated the day the record was corrected" if what == "correction"
           else "fix the date (a planned step belongs in the text, or in the commitment's due)")
    return (f"{what} date {day} is after the day of the build ({today}): "
            f"{'an' if what[0] in 'aeiou' else 'a'} {what} records what has already happened; {fix}")


def _check_commitment(commitment: Commitment, day: dt.date | None, data: Any,
                      where: tuple[Any, ...], path: Path, log: ProblemLog) -> None:
    """A commitment agrees with itself: not due before it was made (it would be overdue at
    once), its updates are oldest first, and its status is the one its latest update with a
    status gave (an update without a status is a note). Checked here, not by the model, so
    that a mistake inside one update (an empty note) hides neither of the others."""
    if commitment.due is not None and day is not None and commitment.due < day:
        line, col = locate(data, (*where, "due"))
        log.add(path, line, col, f"due date {commitment.due} is before the session ({day}), so the "
                "commitment would be overdue from the start; write the date it must be done by")
    for u, update in enumerate(commitment.updates):
        if update.due is not None and day is not None and update.due < day:
            line, col = locate(data, (*where, "updates", u, "due"))
            log.add(path, line, col, f"new due date {update.due} is before the session ({day}): "
                    "write the date the agency must now be done by")
        elif update.due is not None and update.due < update.date:
            # set on a day it had already passed: a mistyped year, shown as an extension
            line, col = locate(data, (*where, "updates", u, "due"))
            log.add(path, line, col, f"new due date {update.due} is before the day of this update "
                    f"({update.date}), so it had passed when it was set: write the date the agency "
                    "must now be done by (check its year)")
    for u, (earlier, later) in enumerate(pairwise(commitment.updates), start=1):
        if later.date < earlier.date:
            line, col = locate(data, (*where, "updates", u, "date"))
            log.add(path, line, col, f"updates must be oldest first: {later.date} comes after "
                    f"{earlier.date}; move this update above the ones dated after it")
    if "status" not in commitment.model_fields_set and _given(data, (*where, "status")):
        return  # written wrong and left out (`salvaged`): its default would be no status at all
    # the latest by date, the last written of a day: as it will be once they are in order
    stated = sorted((u for u in commitment.updates if u.status is not None), key=lambda u: u.date)
    last = stated[-1] if stated else None
    if last is None or last.status is commitment.status:
        return
    written = _given(data, (*where, "status"))
    line, col = locate(data, (*where, "status") if written else where)
    status = commitment.status.value + ("" if written else " (the default: it is not written)")
    log.add(path, line, col, f"status is {status} but the last update ({last.date:%d/%m/%Y}) says "
            f"{last.status.value}: set status: {last.status.value}, or add the later update")


def _given(data: Any, where: tuple[Any, ...]) -> bool:
    """Whether the key at `where` is written in the file (`data` parsed, or its Positions)."""
    if isinstance(data, Positions):
        return where in data.table
    for step in where:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def _unique(value: str, seen: dict[str, tuple[Any, ...]], kind: str, path: Path, data: Any,
            where: tuple[Any, ...], log: ProblemLog) -> None:
    """Positions are looked up only for a duplicate: every build checks every id. An item's
    aliases share its ids' namespace, and are named as aliases when one is the duplicate."""
    if value not in seen:
        seen[value] = where
        return
    line, col = locate(data, where)
    first = f"line {locate(data, seen[value])[0]}"
    if not {where[-2:-1], seen[value][-2:-1]} & {("aliases",)}:
        log.add(path, line, col, f"duplicate {kind} id '{value}' (first used on {first}); "
                f"{kind} ids must be unique in the session")
        return
    this, other = (f"{kind} {'alias' if w[-2:-1] == ('aliases',) else 'id'}" for w in (where, seen[value]))
    log.add(path, line, col, f"{this} '{value}' is already the {other} on {first}: ids and "
            "aliases are addresses on the session page, each unique in it; change one")


def _free_anchor(value: str, kind: str, path: Path, data: Any, where: tuple[Any, ...],
                 log: ProblemLog) -> None:
    """An item's id and aliases are its anchors on the session page: another part of the page
    must not have them, or a shared link to the item lands there."""
    if value in urls.SESSION_PAGE_ANCHORS:
        reason = f"is the anchor of a part of the session page (#{value})"
    elif value.startswith(urls.COMMITMENT_ANCHOR_PREFIX):
        reason = (f"starts with '{urls.COMMITMENT_ANCHOR_PREFIX}', which the session page keeps for "
                  f"commitments (#{urls.commitment_anchor('<commitment id>')})")
    else:
        return
    line, col = locate(data, where)
    log.add(path, line, col, f"item {kind} '{value}' {reason}; choose another {kind}")


def _check_session_ids(archive: Archive, log: ProblemLog) -> None:
    """Session ids and their aliases share one namespace: an old URL must lead to one place."""
    owners: dict[str, Session] = {s.id: s for s in archive.sessions}
    for session in archive.sessions:
        listed: set[str] = set()
        for alias in session.meta.aliases:
            if problem := _alias_problem(alias, session, owners.get(alias), listed):
                log.add(session.index_path, *_alias_position(session, alias, alias in listed),
                        problem)
            listed.add(alias)
            owners[alias] = session


def _alias_problem(alias: str, session: Session, owner: Session | None, listed: set[str]) -> str:
    """What is wrong with one of a session's aliases ('' when nothing is); `owner`: the session
    whose id or alias it was until now, `listed`: the session's aliases before it."""
    if alias == session.id:
        return f"alias '{alias}' is this session's own id, and an alias is an id it had before: remove it"
    if alias in listed:
        return f"alias '{alias}' is listed twice: remove one"
    if owner is not None and owner is not session and alias == owner.id:
        return (f"alias '{alias}' is already used by session {owner.id}; an old id can lead to one "
                "session only")
    if owner is not None and owner is not session:
        # which of the two was typed last is unknown: both places are named, the other's too
        line, _ = _alias_position(owner, alias)
        return (f"alias '{alias}' is already an alias of session {owner.id} (its index.md, line "
                f"{line}); an old id can lead to one session only: keep it in the session whose "
                "id it was, remove it from the other")
    return ""


def _alias_position(session: Session, alias: str, again: bool = False) -> tuple[int, int]:
    """Where the write-up's front matter lists `alias` (`again`: its second listing), as a
    whole id, not inside a longer one (read again: a clash is rare)."""
    text = session.index_path.read_text(encoding="utf-8", errors="replace")
    start = text.find("aliases")
    if start < 0:
        return 1, 1
    written = list(re.finditer(rf"(?<![a-z0-9-]){re.escape(alias)}(?![a-z0-9-])", text[start:]))
    if not written:
        return position_of(text, start)
    return position_of(text, start + written[min(int(again), len(written) - 1)].start())


REGISTRY_FILES = frozenset({*(f"{name}.yaml" for name in KINDS.values()),
                            Path(REDACTIONS_FILE).name})
"""What registry/ may hold: it is read, never published."""
WEB_SUFFIXES = frozenset({
    ".md", ".html", ".htm", ".css", ".js", ".mjs", ".map", ".webmanifest",  # pages, styles
    ".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".ico", ".avif",  # pictures
    ".woff", ".woff2", ".ttf", ".otf", ".pdf", ".mp3", ".mp4", ".webm", ".ogg"})
WEB_NAMES = frozenset({"robots.txt", "humans.txt", "CNAME", "manifest.json", "browserconfig.xml"})
"""Files of the content folder's other parts that are published as they are (a page's photo, a
style sheet, a document in PDF); any other kind there is refused."""


INDEX_NAMES = ("index.md", "index.html")
"""A folder's own page, whose address a README.md beside it would take too."""


def _shared_address(here: Path, parts: tuple[str, ...], name: str, names: list[str],
                    subfolders: list[str]) -> str:
    """Why the page `name` of the folder `here` (`parts` of the content folder) and another
    one would be published at one address, of which MkDocs keeps one ('' when they would not):
    a README.md beside the folder's index, `x.md` beside a folder `x/` with its own page, a
    README.md as the home page's text."""
    if name == "README.md" and (index := next((n for n in INDEX_NAMES if n in names), "")):
        return (f"this folder's page is {index}, and MkDocs cannot publish README.md at the same "
                f"address: merge it into {index}, or rename it")
    stem = name.removesuffix(".md")
    if stem != name and stem in subfolders and (page := next(
            (n for n in (*INDEX_NAMES, "README.md") if (here / stem / n).is_file()), "")):
        return (f"{name} and {stem}/{page} are both the page /{'/'.join((*parts, stem))}/, and "
                "MkDocs publishes only one of them: merge them, or rename one")
    if name == "README.md" and not parts:
        return ("the home page's text is index.md, and without one the site makes its own home "
                "page here: rename README.md to index.md")
    return ""


def _stray_files(root: Path, log: ProblemLog) -> list[Path]:
    """Files that would be published as they are though they are no part of the site (a
    spreadsheet of names and phone numbers, a Word draft, a note): MkDocs copies every file of
    the content folder into the site. Under sessions/ only index.md, answers.yaml and photos in
    sessions/<YYYY>/<session-id>/ are accepted; registry/ holds its YAML files only (read, never
    published); elsewhere, files a web page uses, at an address the site does not make itself.
    Walked with plain strings: sorting Path objects took a third of a preview's loading.
    Returns the session folders without their index.md, reported here."""
    unwritten: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        here = Path(folder)
        parts = here.relative_to(root).parts
        section = parts[0] if parts else ""
        for name in [*subfolders, *names]:
            if not name.startswith("."):  # not published (an editor's lock file `.#index.md`)
                _link_out_of(here / name, root, log)
        for name in sorted(n for n in names if not n.startswith(".")):
            if section == "sessions":
                _stray_session_file(here / name, len(parts) - 1, log)
            elif section == "registry":
                if len(parts) > 1 or name not in REGISTRY_FILES:
                    log.add(here / name, 1, 1, "registry/ holds only "
                            f"{', '.join(sorted(REGISTRY_FILES))}; this file would be published "
                            f"as it is{did_you_mean(name, REGISTRY_FILES)}: rename it, or move it "
                            "out of the content folder")
            elif any(part.lower() == COPY_FOLDER for part in parts):  # 1200PX too: a Mac's disk
                log.add(here / name, 1, 1, f"the folder name '{COPY_FOLDER}' is the build's own: it "
                        "puts the smaller copies of a folder's photos in its folder of that name, and "
                        "this file would be published over a copy (a page would show this picture "
                        "in place of its photo) or among them; rename the folder")
            elif shared := _shared_address(here, parts, name, names, subfolders):
                log.add(here / name, 1, 1, shared)
            else:
                taken = site_address_problem(unicodedata.normalize("NFC", "/".join((*parts, name))))
                if taken is not None:
                    log.add(here / name, 1, 1, taken)
                if Path(name).suffix.lower() not in WEB_SUFFIXES and name not in WEB_NAMES:
                    log.add(here / name, 1, 1, "this file would be published as it is, and a "
                            f"'{Path(name).suffix or name}' file is no part of a web page; move it "
                            "out of the content folder (to publish a document, save it as PDF)")
        if section == "sessions" and len(parts) == 3 and "index.md" not in names:
            log.add(here / "index.md", 1, 1, f"the session folder '{here.name}' has no index.md "
                    "write-up; add one (dialogue-archive new) or remove the folder")
            unwritten.append(here)
    return unwritten


def _link_out_of(path: Path, root: Path, log: ProblemLog) -> None:
    """A symbolic link whose target the checks above do not see where MkDocs publishes it:
    MkDocs follows links and publishes what they lead to under the link's own path. Outside the
    content folder (`robots.txt` -> /etc/passwd); a folder (a session's folder linked elsewhere
    published its answers.yaml as it is, a draft's too; `ln -s . vong` looped until the build
    failed); a registry file (the redaction list as `bien-ban.pdf`); a session's file linked
    from outside sessions/ (a draft's write-up as a page)."""
    if not os.path.islink(path):
        return
    target = resolved(path)
    if target is None or not target.exists():
        log.add(path, 1, 1, f"this is a link to {os.readlink(path)}, which leads nowhere (a missing "
                "file, or a link to itself): remove the link")
    elif not inside(path, root):
        log.add(path, 1, 1, f"this is a link to {target}, outside the content folder: the build "
                "would publish what it leads to as it is; copy what should be published into the "
                "content folder, or remove the link")
    elif target.is_dir():
        log.add(path, 1, 1, f"this is a link to the folder {target}: the build would publish its "
                "files again under the link's name, as they are and unchecked (a session's "
                "answers.yaml, a draft); remove the link")
    else:
        section = target.relative_to(root.resolve()).parts[0]
        own = path.relative_to(root).parts[0]
        why = {"registry": "registry files are read, never published",
               "sessions": "a session's files are published with its page only"}.get(section)
        if why and own != section:
            log.add(path, 1, 1, f"this is a link to {target}, and {why}: the link would publish it "
                    "as it is; copy what should be published, or remove the link")


def _stray_session_file(path: Path, depth: int, log: ProblemLog) -> None:
    """`depth`: how far below sessions/ the file is (2 in a session folder)."""
    if path.name in {"index.md", "answers.yaml"}:
        if depth != 2:
            folder = path.parent.name
            where = (f": move the folder to sessions/{folder[:4]}/{folder}/"
                     if depth == 1 and SESSION_ID_PATTERN.match(folder) else "")
            log.add(path, 1, 1, f"session files belong in sessions/<YYYY>/<session-id>/{where}")
    elif depth > 2:
        log.add(path, 1, 1, "a session folder has no subfolders, and this file would be "
                "published as it is; put photos next to index.md, and other files out of the "
                "content folder")
    elif depth == 2 and (unshown := unshown_photo(path.name)):
        log.add(path, 1, 1, f"{unshown}; then remove this file from the content folder")
    elif depth != 2 or path.suffix.lower() not in IMAGE_SUFFIXES:
        log.add(path, 1, 1, "this file is not part of a session and would be published as it "
                "is; a session folder holds only index.md, answers.yaml and .jpg (.jpeg), .png "
                "or .webp photos: move the file out of the content folder")
    elif not _is_photo(path):
        log.add(path, 1, 1, f"'{path.name}' is not a photo (neither JPEG, PNG nor WebP data; "
                "a renamed document?): export the picture again as .jpg, .png or .webp")
    else:  # a photo, published under its name
        for message in personal_data_in_file_name(path.name):
            log.add(path, 1, 1, message)


PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")  # JPEG, PNG; WebP: RIFF....WEBP


def _is_photo(path: Path) -> bool:
    """A browser shows it, whatever its suffix says (a JPEG named .png is shown too)."""
    try:
        with path.open("rb") as file:
            head = file.read(12)
    except OSError:
        return True  # unreadable here: the check of the photo's use reports it
    return head.startswith(PHOTO_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def _content_photo(root: Path, target: str) -> str | None:
    """A text's photo's path in the content folder as saved (a Mac saves its name decomposed,
    texts write it composed), if it is a JPEG, PNG, WebP or GIF file of the content folder (not
    an SVG, which is published as it is)."""
    if target.startswith("../") or Path(target).suffix.lower() not in PAGE_PHOTO_SUFFIXES:
        return None
    saved = as_saved(root / target)
    return None if saved is None else saved.relative_to(root).as_posix()


def check_other_pages(root: Path, redactor: Redactor, log: ProblemLog, markdown_in_html: bool
                      ) -> list[tuple[OtherPage, list[WrittenReference]]]:
    """The content folder's other Markdown pages (the home page's text, an 'about' page) are
    published too: what is left after redaction must hold no personal data either. Their
    photos and page links come back, to be checked as the sessions' are. MkDocs renders them
    with the site's `markdown_extensions`: `markdown_in_html` says whether those include
    md_in_html."""
    found = []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".")
                               and not (here == root and d in {"sessions", "registry"}))
        for name in sorted(n for n in names if n.endswith(".md") and not n.startswith(".")):
            path = here / name
            text = read_text(path, log)
            if text is not None:
                check_page_front_matter(path, text, log)
                redacted = redactor.apply(text)
                check_markdown(redacted, 1, path, log)
                if found_here := unreadable(text):
                    log.add(path, *position_of(text, found_here[0]), found_here[1])
                src_uri = unicodedata.normalize("NFC", path.relative_to(root).as_posix())
                references = text_references(redacted, src_uri, path, WrittenText(text, (1, 1)),
                                             markdown_in_html)
                found.append((OtherPage(here, src_uri), references))
    return found


def check_page_front_matter(path: Path, text: str, log: ProblemLog) -> None:
    """MkDocs reads a page's front matter itself, and one it cannot read is published as
    text (`title: [Trang chủ` as the page's heading, its menu entry untitled): report it."""
    front, _, _ = split_front_matter(text)
    if front is None:
        if not unclosed_front_matter(path, text, log, "title...") and re.match(r"\+\+\+[ \t]*\n", text):
            log.add(path, 1, 1, "'+++' starts a TOML front matter, which is not read (MkDocs would "
                    "publish it as the page's text): write it in YAML between '---' lines "
                    "(title: Giới thiệu)")
        return
    ok, data = parse_yaml(path, front, log, line_offset=1)
    if not ok or data is None:
        return
    if not isinstance(data, dict):
        log.add(path, 2, 1, "the front matter must be 'key: value' lines (title: Giới thiệu)")
    elif "title" in data and not isinstance(data["title"], str):
        line, column = data.value_pos["title"]
        log.add(path, line, column, "title must be a text; put it in quotes if it holds ': ' "
                "or starts with '[' or '{'")


def session_folders(root: Path) -> list[Path]:
    return sorted(p.parent for p in (root / "sessions").glob("*/*/index.md"))


# --- entry point ---------------------------------------------------------------------


def load_archive(root: Path | str, build_date: dt.date | dt.datetime | None = None,
                 include_drafts: bool = False,
                 cache: DiskCache | None = None, workers: int = 1,
                 recent: dict[str, ParsedSession] | None = None,
                 pages_markdown_in_html: bool = False,
                 progress: Progress | None = None,
                 only: PartialPreview | None = None) -> tuple[Archive, ProblemLog]:
    """Load and check a whole content folder; problems come back, they are not raised.

    With a cache (or `recent`, see parse_sessions), sessions whose files did not change are
    not parsed again; with several workers, the others are parsed in parallel processes.
    `pages_markdown_in_html`: whether the site's `markdown_extensions` give the content
    folder's other pages md_in_html (markup.reads_markdown_in_html); not unless it says so.
    `progress` is told how many sessions are loaded as they are. `only`: a partial preview's
    sessions; the others are left out unread (links to them are not judged)."""
    root = Path(root)
    log = ProblemLog(root=root)
    now = build_moment(build_date)
    archive = Archive(root=root, build_date=now.date(), include_drafts=include_drafts)
    if not root.is_dir():
        log.add(root, 1, 1, "the content folder does not exist")
        return archive, log
    raw: dict[str, Any] = {}
    unreadable: set[str] = set()
    redactor = archive.redactor = load_redactions(root, log)
    for kind, name in KINDS.items():
        errors_before = len(log.errors)
        entries, raw[name] = load_registry(root, name, log, redactor)
        setattr(archive, name, entries)
        if not entries and len(log.errors) > errors_before:  # unread, or no entry valid
            unreadable.add(kind)  # its problems are told: not again at every use of its ids
    refs = References(archive, log)
    refs.unreadable = unreadable
    for kind, name in KINDS.items():  # entries whose own problems were just reported
        model, key, _ = REGISTRIES[name]
        refs.broken[kind] = {str(written) for entry in raw[name] or [] if isinstance(entry, dict)
                             and (written := _key_as_meant(entry, key, model)) is not None
                             } - set(getattr(archive, name))
    check_registry_links(archive, raw, refs)
    check_histories(root, {"agencies": archive.agencies, "places": archive.places}, raw, log)
    other_pages = check_other_pages(root, redactor, log, pages_markdown_in_html)
    archive.page_photos = sorted({saved for _, references in other_pages for one in references
                                  if one.reference.image
                                  and (saved := _content_photo(root, one.reference.target)) is not None})
    unwritten = _stray_files(root, log)
    folders = session_folders(root)
    # A folder whose index.md is missing is reported (_stray_files); a link to it is judged
    # when it has one, as a session whose front matter did not validate is.
    archive.unloaded += [_unread(folder) for folder in unwritten]
    if only is not None:
        folders = _leave_out(archive, folders, only)
    version = code_fingerprint()  # the reading code is part of every key
    keys = [session_key(folder, version) for folder in folders]
    # What every session's outputs are made from besides its own files: they are reused while
    # it holds. Not the build date itself but what it decides for all (the units that have
    # ended); what it decides for one session is in that session's keys (views.day_facts).
    ended = [unit.id for registry in (archive.agencies, archive.places)
             for unit in registry.values() if archive.ended(unit)]
    archive.context_fingerprint = fingerprint(
        version, str(root), repr(ended), str(include_drafts), repr(VI),  # a site's words
        *(p.read_bytes() for p in sorted((root / "registry").glob("*")) if p.is_file()))
    cache_keys = parsed_keys(keys, root, redactor)
    parsed = parse_sessions(folders, cache_keys, root, redactor, cache or DiskCache(None), workers,
                            recent, progress)
    written = []
    checked = CheckedItems(cache or DiskCache(None), archive.context_fingerprint, now.date())
    for one, key, cache_key in zip(parsed, keys, cache_keys, strict=True):
        session = finish_session(one, refs, log, now, checked, cache_key)
        if session is not None:
            session.source_key, session.parsed_key = key, cache_key
            archive.sessions.append(session)
            written.append((session, one.references))
        else:
            day = one.written_day or _folder_day(one.folder)
            archive.unloaded.append(UnloadedSession(
                id=one.folder.name, folder=one.folder, body=one.body,
                items=[item for _, item in one.items or []], lost_anchors=one.lost_anchors,
                record_read=one.items is not None, year=day.year if day else None,
                draft=one.draft_written))
    # A scheduled session goes public at its hour, without any file changing; the lists,
    # reports and data also count held sessions and overdue commitments as of the day.
    archive.fingerprint = fingerprint(archive.context_fingerprint, now.date().isoformat(), *keys,
                                      *(s.visibility.value for s in archive.sessions))
    checked.save()
    _check_session_ids(archive, log)
    check_references(archive, [*other_pages, *written], log)
    archive.session_photos, archive.unused_photos = _sorted_photos(archive, [*other_pages, *written],
                                                                   log)
    return archive, log


def _leave_out(archive: Archive, folders: list[Path], only: PartialPreview) -> list[Path]:
    """The folders of the sessions a partial preview shows. The others stay unread: a link to
    one of them is taken as right, as a link to a session whose front matter has a problem
    is, and the lists' pages that links may name are counted with them."""
    shown = [folder for folder in folders if only.shows(folder)]
    kept = set(shown)
    left_out = [folder for folder in folders if folder not in kept]
    archive.left_out = frozenset(f.relative_to(archive.root).as_posix() for f in left_out)
    archive.unloaded += [_unread(folder) for folder in left_out]
    return shown


def _unread(folder: Path) -> UnloadedSession:
    """A session folder not read: what its page will have is unknown, so links to it are taken
    as right."""
    day = _folder_day(folder)
    return UnloadedSession(id=folder.name, folder=folder, body="", items=[], lost_anchors=[],
                           record_read=False, year=day.year if day else None)


def _sorted_photos(archive: Archive, written: list[tuple[Source, list[WrittenReference]]],
                   log: ProblemLog) -> tuple[dict[str, list[Path]], frozenset[str]]:
    """Each session's photos that a text of the archive shows or links to (a session's
    `image:`, its texts, those of other sessions, drafts' included, and the content folder's
    other pages), and the paths in the content folder of those none does, each with a warning
    at the photo: MkDocs would publish every file of a folder, and the office copies all the
    event's photos there (one of a citizen's ID card among them); the build leaves them out."""
    used = {unicodedata.normalize("NFC", one.reference.target) for _, references in written
            for one in references if one.reference.image or one.reference.file}
    used |= {content_path(archive.root, image) for session in archive.sessions
             if session.meta.image is not None  # one outside the folder is an error of its own
             and (image := session.folder / session.meta.image.src).is_relative_to(archive.root)}
    shown: dict[str, list[Path]] = {}
    unused = set()
    for session in archive.sessions:
        shown[session.id] = []
        for photo in session_photos(session.folder):
            if (path := content_path(archive.root, photo)) in used:
                shown[session.id].append(photo)
                continue
            unused.add(path)
            log.add(photo, 1, 1, "no text shows this photo: it is not published; remove it "
                    "from the folder, or show it (in a text, or as the session's image:)",
                    severity="warning")
    return shown, frozenset(unused)
