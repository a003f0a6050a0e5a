"""Find registry ids from what people type: names, short names, aliases, synonyms.

Spreadsheets and command-line answers say "Phòng QLĐT" or "Hoà Xuân", not
`phong-quan-ly-do-thi`; matching ignores case, diacritics, tone-mark placement and
punctuation, and prefers the unit that existed on the session date when two share a name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import vietnamese
from .models import clipped
from .problems import close_matches

_NON_WORD = re.compile(r"[^a-z0-9]+")
NUMBER = re.compile(r"\d+\.\d+")


def folded_words(text: str) -> str:
    """'Phòng QLĐT – Cẩm Lệ' -> 'phong qldt cam le': the key two spellings share (unlike
    vietnamese.fold, which keeps case and punctuation)."""
    return _NON_WORD.sub(" ", vietnamese.fold(str(text)).lower()).strip()


I_FOR_Y = re.compile(rf"\b([{vietnamese.CONSONANTS}]+)y\b")
"""A syllable of consonants and a final y ('ly', 'ky', 'my', 'sy'), which spelling reforms
left written either way: 'Quản lí' is 'Quản lý', 'kĩ thuật' 'kỹ thuật'."""


def keyed(text: str) -> str:
    """A free text as names are looked up in it (see _key)."""
    return _key(text)


SEVERAL_NAMES = re.compile(r"\s*[,;+]\s*|\s+và\s+|\s+va\s+")
"""Between the names of several entries written in one cell ('Phòng TNMT, UBND P. Khuê Trung')."""


ABBREVIATIONS = {
    "uy ban nhan dan": "ubnd", "hoi dong nhan dan": "hdnd", "cong an": "ca", "thanh pho": "tp",
    "mat tran to quoc": "mttq", "mat tran": "mttq", "van phong dang ki dat dai": "vpdkdd",
    "tai nguyen moi truong": "tnmt", "quan li do thi": "qldt",
    "lao dong thuong binh xa hoi": "ldtbxh", "tai chinh ke hoach": "tckh",
    "phong chay chua chay": "pccc", "giao duc dao tao": "gddt",
    "tn mt": "tnmt", "gd dt": "gddt", "ld tb xh": "ldtbxh", "tc kh": "tckh",
}
"""Words of agency names that offices write whole or as the usual initials ('CA phường' is
'Công an phường', 'Ủy ban nhân dân' 'UBND', 'GD&ĐT' 'Giáo dục và Đào tạo'): keys hold the
initials, so either spelling finds a registry entry written the other way. Only initials that
stand for one thing: 'VH-TT' is 'Văn hóa – Thông tin' and 'Văn hóa – Thể thao', which a
registry may both have."""
_ABBREVIATED = re.compile(r"\b(?:" + "|".join(f"({words})" for words in ABBREVIATIONS) + r")\b")
_INITIALS = list(ABBREVIATIONS.values())


UNIT_INITIAL = re.compile(r"[Pp]\.\s*(\S.*)")
UNIT_INITIAL_WORDS = ("Phòng", "Phường")
"""The words offices shorten to 'P.' in agency and place names."""


_AND = re.compile(r"(?: va)+(?= )")
"""'và' between two words of a name, which offices also write as a dash ('Văn hóa và Thông
tin', 'Văn hóa – Thông tin'): the key has neither."""


def _key(text: str) -> str:
    """`fold`, with i for y in those syllables, initials for the usual words of agency names,
    and no 'và': the key a registry name is looked up by."""
    return _ABBREVIATED.sub(lambda m: _INITIALS[m.lastindex - 1],
                            _AND.sub("", I_FOR_Y.sub(r"\1i", folded_words(text))))


class MatchError(ValueError):
    """A name that matches no entry, or several: the message says what to write instead;
    `options` lists the several ('quan-cam-le (Quận Cẩm Lệ)')."""

    def __init__(self, message: str, options: list[str] | None = None):
        super().__init__(message)
        self.options = options or []


@dataclass(frozen=True)
class Match:
    """Resolves names of one registry (agencies, topics, places or procedures) to ids."""

    kind: str
    key: str
    names: dict[str, list[Any]]
    ids: dict[str, Any]

    @classmethod
    def build(cls, kind: str, records: Iterable[Any], key: str = "id") -> Match:
        names: dict[str, list[Any]] = defaultdict(list)
        ids: dict[str, Any] = {}
        for record in records:
            ident = getattr(record, key)
            ids[ident] = record
            spellings = [ident, getattr(record, "name", "")]
            spellings += [getattr(record, "short_name", None) or ""]
            spellings += list(getattr(record, "aliases", []) or [])
            spellings += list(getattr(record, "synonyms", []) or [])
            for spelling in spellings:
                folded = _key(spelling)
                if folded and record not in names[folded]:
                    names[folded].append(record)
        return cls(kind, key, dict(names), ids)

    def resolve(self, text: str, on: dt.date | None = None, near: str = "") -> str:
        """The id `text` names; MatchError (with a suggestion) when none or several do. `near`:
        the name of the area the text is about (a session's place), whose entries the
        suggestion prefers ('UBND phường' in Hòa Xuân: Hòa Xuân's, not another ward's)."""
        text, key = str(text).strip(), self.key
        candidates = [self.ids[text]] if text in self.ids else \
            self.names.get(_key(text), []) or self._by_name_ending(_key(text)) or \
            self._by_number(text) or self._by_unit_initial(text)
        if len(candidates) > 1 and on is not None:
            then = [c for c in candidates if valid_on(c, on)]
            if not then:  # 'Tăng Tiến' in August 2025: the old commune and the old ward had ended
                raise MatchError(none_then(self.kind, text, candidates, on, self.ids))
            candidates = then
        if len(candidates) == 1:
            if on is not None and not valid_on(candidates[0], on):
                raise MatchError(not_then(self.kind, text, candidates[0], on, self.ids))
            return str(getattr(candidates[0], key))
        if candidates:
            options = [_named_id(c, key) for c in candidates]
            raise MatchError(f"'{text}' could be any of these {self.kind} ids: {', '.join(options)}; "
                             "write the id of the one meant", options)
        parts = [part for part in SEVERAL_NAMES.split(text) if part.strip()]
        if len(parts) > 1 and all(self.names.get(_key(part)) for part in parts):
            named = ", ".join(_named_id(self.names[_key(part)][0], key) for part in parts)
            raise MatchError(f"'{text}' names {len(parts)} {self.kind} entries ({named}), where one "
                             "is written: give each its own row (an answer, a commitment)")
        raise MatchError(f"unknown {self.kind} '{clipped(text)}'{self.did_you_mean(text, on, near)}; "
                         "use an id, name or alias from the registry, or add it there")

    def did_you_mean(self, text: str, on: dt.date | None = None, near: str = "") -> str:
        """" (did you mean 'id', Name?)" for the entry `text` most likely means, or ''."""
        suggestion = self._suggestion(_key(text), on, _key(near))
        return f" (did you mean '{getattr(suggestion, self.key)}', {getattr(suggestion, 'name', '')}?)" \
            if suggestion is not None else ""

    def _suggestion(self, key: str, on: dt.date | None, near: str = "") -> Any | None:
        """The entry an unknown name most likely means: one of those that existed on the day
        `on`, whose whole name the text holds ('Phòng QLĐT quận' holds 'Phòng QLĐT'), else the
        closest name, one holding `near` first."""
        names = {name: [r for r in records if on is None or valid_on(r, on)]
                 for name, records in self.names.items()}
        names = {name: records for name, records in names.items() if records} or self.names
        held = sorted((found for found in (self._mention.finditer(key) if self._mention else ())
                       if found[0] in names and " " in found[0]),
                      key=lambda found: (found.start() != 0, -len(found[0])))  # the agency first
        if held and len(names[held[0][0]]) == 1:
            return names[held[0][0]][0]
        # A name cut short ('Phòng Kinh tế' for 'Phòng Kinh tế, Hạ tầng và Đô thị phường Hải
        # Châu'): the closest name by letters was another office's (a press office's find).
        starting = sorted((name for name in names if name.startswith(key + " ") and len(names[name]) == 1),
                          key=lambda name: (not (near and f" {near} " in f" {name} "), len(name)))
        if key and starting:
            return names[starting[0]][0]
        # A name cut to its usual words ('MTTQ xã' for 'Ủy ban MTTQ Việt Nam xã Diễn Châu'):
        # the one entry whose name has them all, in order (the session's place's first).
        if " " in key:
            holding = list({id(r): r for name, records in names.items()
                            if _words_in_order(key, name) for r in records}.values())
            here = [r for r in holding if near and f" {near} " in f" {_key(getattr(r, 'name', ''))} "]
            if len(here or holding) == 1:
                return (here or holding)[0]
        close = close_matches(key, names, n=5)
        # A name cut short of its place ('UBND phường') is the session's own unit; one naming
        # another place ('UBND phường Khuê Trungg') keeps the closest.
        close.sort(key=lambda name: not (near and name.startswith(key + " ")
                                         and f" {near} " in f" {name} "))  # stable
        return names[close[0]][0] if close else None

    def mentions(self, text: str) -> Iterator[tuple[re.Match[str], list[Any]]]:
        """For each id, name, short name or alias written in a free text (an update's note):
        where it is written in `keyed(text)`, and the entries it may stand for, spelt with
        accents or without."""
        if self._mention is not None:
            yield from ((found, self.names[found[0]]) for found in self._mention.finditer(_key(text)))

    @cached_property
    def _mention(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        words = "|".join(map(re.escape, sorted(self.names, key=len, reverse=True)))
        return re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])")

    def _by_number(self, text: str) -> list[Any]:
        """'2.00072' for '2.000720': a procedure code typed into Excel as a number loses its
        last zeros; the one code with the same value is meant (two are reported)."""
        if not NUMBER.fullmatch(text):
            return []
        return [r for ident, r in self.ids.items()
                if NUMBER.fullmatch(str(ident)) and float(str(ident)) == float(text)]

    def _by_unit_initial(self, text: str) -> list[Any]:
        """'P. TNMT' for 'Phòng TN&MT', 'P. Hòa Xuân' for 'Phường Hòa Xuân': 'P.' is either word,
        and the entries only one of them names are meant."""
        rest = UNIT_INITIAL.fullmatch(text)
        if rest is None:
            return []
        found = [self.names.get(_key(f"{word} {rest[1]}"), []) for word in UNIT_INITIAL_WORDS]
        named = [records for records in found if records]
        return named[0] if len(named) == 1 else []

    def _by_name_ending(self, folded: str) -> list[Any]:
        """'Hòa Thọ Đông' for 'Phường Hòa Thọ Đông': a name without its leading kind word(s)."""
        if " " not in folded:
            return []
        return [r for r in self.ids.values() if _key(getattr(r, "name", "")).endswith(" " + folded)]


def _words_in_order(key: str, name: str) -> bool:
    """Whether every word of `key` is in `name`, in the same order."""
    words = iter(name.split())
    return all(word in words for word in key.split())


def _named_id(record: Any, key: str) -> str:
    """'quan-cam-le (Quận Cẩm Lệ)': an id with the name it stands for, when it has one."""
    name = getattr(record, "name", "")
    return f"{getattr(record, key)} ({name})" if name else str(getattr(record, key))


def valid_on(record: Any, day: dt.date) -> bool:
    """Whether an agency or place existed on `day` (`valid_until` is its last day)."""
    start, end = getattr(record, "valid_from", None), getattr(record, "valid_until", None)
    return (start is None or start <= day) and (end is None or day <= end)


def not_then(kind: str, text: str, record: Any, day: dt.date, registry: dict[str, Any]) -> str:
    """A record keeps the unit as it was on its date (FORMAT.md): say which unit to use, the
    successors of one that had ended, the predecessors (or a unit of the same name) of one
    that did not exist yet."""
    start, end = getattr(record, "valid_from", None), getattr(record, "valid_until", None)
    if end is not None and end < day:
        units = successors_on(record, day, registry)
        then = f"it existed until {end:%d/%m/%Y}"
    else:
        units = predecessors_on(record, day, registry)
        then = f"it exists from {start:%d/%m/%Y}"
    return (f"{kind} '{text}' ({record.name}) did not exist on {day:%d/%m/%Y}: {then}"
            f"{_use(kind, units, registry)}")


def none_then(kind: str, text: str, records: list[Any], day: dt.date, registry: dict[str, Any]) -> str:
    """No unit of the name written existed on `day`: the units that did, in their place."""
    units = {unit.id: unit for record in records for unit in (
        successors_on(record, day, registry) if record.valid_until and record.valid_until < day
        else predecessors_on(record, day, registry))}.values()
    named = ", ".join(f"{record.id} ({record.name})" for record in records)
    return f"no {kind} named '{text}' existed on {day:%d/%m/%Y} ({named}){_use(kind, units, registry)}"


def _use(kind: str, units: Iterable[Any], registry: dict[str, Any]) -> str:
    """'; on that date use x (X) or y (Y)': the units of a record's day, named by id, with its
    period when another unit has its name ('Phường Hải Châu, from 01/07/2025': the ward that
    kept its name when wards merged into it read as the one it replaced)."""
    names = Counter(getattr(record, "name", None) for record in registry.values())
    use = " or ".join(f"{unit.id} ({unit.name}{_period(unit) if names[unit.name] > 1 else ''})"
                      for unit in units)
    return f"; on that date use {use}" if use else f"; use the {kind} of that time"


def _period(unit: Any) -> str:
    """', from 01/07/2025', ', until 30/06/2025', ', 01/07/2025 to 31/12/2030' or ''."""
    start, end = getattr(unit, "valid_from", None), getattr(unit, "valid_until", None)
    if start and end:
        return f", {start:%d/%m/%Y} to {end:%d/%m/%Y}"
    return f", from {start:%d/%m/%Y}" if start else f", until {end:%d/%m/%Y}" if end else ""


def predecessors_on(record: Any, day: dt.date, registry: dict[str, Any]) -> list[Any]:
    """The units that existed on `day` and that `record` later took the place of, through any
    number of merges and renamings, of its own kind first (the wards before the district);
    failing that, the units of the same name that existed then (a ward that kept its name when
    wards merged into it)."""
    found = [unit for unit in registry.values() if valid_on(unit, day) and any(
        later.id == record.id for later, _ in succession(registry, unit.id, dt.date.max))]
    alike = [unit for unit in found if getattr(unit, "kind", None) == getattr(record, "kind", None)]
    return alike or found or [unit for unit in registry.values()
                     if unit is not record and unit.name == record.name and valid_on(unit, day)]


def successors_on(record: Any, day: dt.date, registry: dict[str, Any]) -> list[Any]:
    """The units that took the place of `record` and existed on `day`, followed through later
    merges; failing that, its direct successors. Named by id in messages: a commune that kept
    its name after the merge has the same name as its successor."""
    found = [unit for unit, _ in succession(registry, record.id, day) if valid_on(unit, day)]
    return found or [registry[i] for i in getattr(record, "succeeded_by", []) if i in registry]


def succession(registry: Mapping[str, Any], unit_id: str, day: dt.date) -> Iterator[tuple[Any, bool]]:
    """The units that took the place of `unit_id`, nearest first, each with whether it had
    ended by `day`; an ended unit's own successors follow (merged again, renamed again)."""
    seen = {unit_id}
    queue = list(registry[unit_id].succeeded_by) if unit_id in registry else []
    while queue:
        current = queue.pop(0)
        if current in seen or current not in registry:
            continue
        seen.add(current)
        unit = registry[current]
        ended = unit.valid_until is not None and unit.valid_until < day
        if ended:
            queue.extend(unit.succeeded_by)
        yield unit, ended


def registry_matchers(archive: Any) -> dict[str, Match]:
    """One matcher per registry of a loaded archive."""
    return {
        "agency": Match.build("agency", archive.agencies.values()),
        "topic": Match.build("topic", archive.topics.values()),
        "place": Match.build("place", archive.places.values()),
        "procedure": Match.build("procedure", archive.procedures.values(), key="code"),
    }
