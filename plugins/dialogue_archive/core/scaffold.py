"""`dialogue-archive new`: a session folder that validates the moment it is created.

The press officer gives a date, a title, the organiser and the place (names or ids);
everything else is written as commented hints in the files, in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from slugify import slugify

from .archive import Archive
from .labels import VI, format_date, format_short_date
from .models import DEFAULT_ASKER_KIND, ID_MAX, ID_PATTERN, AskerKind, SessionKind, clock_time
from .privacy import (
    find_citizen_names,
    find_personal_data,
    name_message,
    personal_data_in_id,
    without_personal_words,
)
from .registry_match import Match, MatchError, folded_words, valid_on
from .vietnamese import in_sentence

TEMPLATES = Path(__file__).resolve().parent.parent / "scaffold"
"""Not under templates/: MkDocs would publish those files as theme files."""
SLUG_MAX = 60
"""Long titles make long addresses; the slug keeps the first words only."""
PHRASE_BREAK = re.compile(r"[,;:!?()–—]|\s-\s")
"""Where a title's phrases end: a slug cut there ends with a whole phrase."""
CONNECTIVES = frozenset({"về", "và", "với", "của", "tại", "cho", "ở", "trong", "theo", "từ", "đến",
                         "các", "những", "nhằm", "để"})
"""Words that would dangle at the end of a slug cut between words."""
NUMBER = re.compile(r"(?:\d[\w/.-]*|[IVXLC]+)[,;:.!?]?")
"""A number or a Roman numeral, which the word before it needs ('thứ 10', 'khóa XV'): a slug
cut between them ended with 'thu' (a helper's find)."""
EXAMPLE_TOPIC = "xay-dung"
"""The topic of the scaffolded answers.yaml's example item (a building permit), when the office's
registry has it; else its first topic."""
NO_EXAMPLE = "<id trong registry/{}.yaml>"
"""An example id's place in the scaffold's comments when the office's registry has none to give."""
RUN = ".venv/bin/dialogue-archive"
"""The command as the README runs it, from the repository folder."""


def command(absolute: bool = False) -> str:
    """The command as this run was started (a path to it or to a link to it, or the name found
    on PATH, which the system gives as a full path; `python -m dialogue_archive.cli`), for the
    next command a hint shows: the README's form assumed the repository folder, and failed
    from anywhere else. `absolute`: for a file read later, from anywhere."""
    started = sys.argv[0] if sys.argv else ""
    if started and Path(started).resolve().name == "dialogue-archive":
        return shlex.quote(os.path.abspath(started) if absolute else started)
    if Path(started).name == "cli.py":
        return f"{shlex.quote(sys.executable)} -m dialogue_archive.cli"
    return RUN


class ScaffoldError(ValueError):
    """Everything wrong with a `new` request, one message per line."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass(frozen=True)
class NewSession:
    """What `dialogue-archive new` was asked for, before checking."""

    date: dt.date
    title: str
    organizer: str
    place: str
    kind: str = SessionKind.dialogue.value
    time: str | None = None
    slug: str | None = None
    draft: bool = True


def session_slug(title: str) -> str:
    """'Đối thoại về đất đai' -> 'doi-thoai-ve-dat-dai' (đ becomes d, as readers type it). A
    title too long for SLUG_MAX is cut after a phrase ('…, xây dựng' left out) when that keeps
    half of it, else between syllables (which may split a word: 'xây dựng'), with no 'về',
    'và', … dangling at the end, nor a word cut from its number ('kỳ họp thứ' without '10')."""
    title = without_personal_words(title)  # an official's name: the id would be refused
    whole = slugify(title)
    if len(whole) <= SLUG_MAX:
        return whole
    parts = PHRASE_BREAK.split(title)
    phrases = [slugify(" ".join(parts[:n])) for n in range(1, len(parts))]
    phrase = max((p for p in phrases if len(p) <= SLUG_MAX), key=len, default="")
    if len(phrase) >= SLUG_MAX // 2:
        return phrase
    words = unicodedata.normalize("NFC", title).split()
    n = max(n for n in range(len(words) + 1) if len(slugify(" ".join(words[:n]))) <= SLUG_MAX)
    while n > 1 and (words[n - 1].lower().strip(",;:.!?") in CONNECTIVES
                     or (n < len(words) and NUMBER.fullmatch(words[n]))):
        n -= 1
    return slugify(" ".join(words[:n])) or whole[:SLUG_MAX].strip("-")


def existing_ids(archive: Archive) -> set[str]:
    """Session ids and their aliases, read from the folders (drafts included)."""
    ids = {p.name for p in (archive.root / "sessions").glob("*/*") if p.is_dir()}
    for session in archive.sessions:
        ids.update(session.meta.aliases)
    return ids


def _holder(archive: Archive, session_id: str) -> str:
    """Where the session of an id, or the session that keeps it as an alias, is written."""
    folders = [p for p in (archive.root / "sessions").glob(f"*/{session_id}") if p.is_dir()]
    folders += [s.folder for s in archive.sessions if session_id in s.meta.aliases]
    return ", ".join(str(f) + ("" if f.name == session_id else " keeps it as an alias")
                     for f in folders)


def check_organizer(archive: Archive, value: str, on: dt.date | None) -> str:
    return Match.build("agency", archive.agencies.values()).resolve(value, on)


def check_place(archive: Archive, value: str, on: dt.date | None) -> str:
    return Match.build("place", archive.places.values()).resolve(value, on)


def _checked(archive: Archive, request: NewSession) -> tuple[str, str, str, str]:
    """The organizer's and place's ids, the title and the new session's id the request makes;
    ScaffoldError lists every problem of it at once (a script's flags fixed in one go)."""
    problems: list[str] = []
    organizer = place = ""
    try:
        organizer = check_organizer(archive, request.organizer, request.date)
    except MatchError as exc:
        problems.append(f"--organizer: {exc}")
    try:
        place = check_place(archive, request.place, request.date)
    except MatchError as exc:
        problems.append(f"--place: {exc}")
    title = " ".join(request.title.split())
    if not title:
        problems.append("--title must not be empty")
    kinds = [k.value for k in SessionKind]
    if request.kind not in kinds:
        problems.append(f"--kind '{request.kind}' is not one of {', '.join(kinds)}")
    if request.time is not None and not clock_time(request.time):
        problems.append(f"--time '{request.time}' is not HH:MM in 24-hour form (e.g. 08:00)")
    problems += [f"--title: '{title[f.start:f.end]}' looks like {f.message}, which is personal "
                 "data; the title is published and makes the session's permanent address (the "
                 "folder's name): leave it out" for f in find_personal_data(title)]
    problems += [name_message(m, "--title") for m in find_citizen_names(title)]
    slug = request.slug if request.slug is not None else session_slug(title)
    if request.slug is not None:
        problems += [f"--slug: {message}" for message in personal_data_in_id(slug)]
    if request.slug is None and not slug:
        problems.append("the title gives no address (it has no Latin letters or digits); add "
                        "--slug with a few words without diacritics, e.g. --slug doi-thoai-dat-dai")
    elif not ID_PATTERN.match(slug or ""):
        problems.append(f"--slug '{slug}' must be lower-case ASCII letters, digits and '-'")
    session_id = f"{request.date.isoformat()}-{slug}"
    if len(session_id) > ID_MAX:  # validate refuses such a folder
        problems.append(f"--slug makes a session id of {len(session_id)} characters, more than "
                        f"{ID_MAX}; choose a shorter --slug")
    if session_id in existing_ids(archive):
        problems.append(f"session '{session_id}' already exists ({_holder(archive, session_id)}); "
                        "choose another --slug, or edit that session (to import a spreadsheet "
                        "into it: import --session with its folder or id)")
    if problems:
        raise ScaffoldError(problems)
    return organizer, place, title, session_id


def create_session(archive: Archive, request: NewSession) -> Path:
    """Write sessions/<year>/<id>/index.md and answers.yaml; ScaffoldError lists every problem."""
    organizer, place, title, session_id = _checked(archive, request)
    folder = archive.root / "sessions" / str(request.date.year) / session_id
    values = {
        "title": title, "date": request.date, "kind": request.kind,
        "time": request.time and clock_time(request.time),
        "kind_label": VI["session_kind"][request.kind], "draft": request.draft,
        "kind_in_sentence": VI["session_kind_in_sentence"][request.kind],
        **example_ids(archive, organizer, place, request.date),
        "items_label": VI["text"]["items"][request.kind],
        "asker_kind": DEFAULT_ASKER_KIND.get(SessionKind(request.kind), AskerKind.citizen).value,
        "organizer": organizer, "organizer_name": archive.agencies[organizer].name,
        "place": place, "place_name": archive.places[place].name,
        "place_in_sentence": in_sentence(archive.places[place].name), "run": command(absolute=True),
        "date_text": format_date(request.date), "date_short": format_short_date(request.date),
        "folder": _one_line(shlex.quote(os.path.abspath(folder))),
    }
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      keep_trailing_newline=True)
    env.filters["yaml"] = yaml_scalar
    folder.mkdir(parents=True)
    for name in ("index.md", "answers.yaml"):
        (folder / name).write_text(env.get_template(name).render(values), encoding="utf-8")
    return folder


def example_ids(archive: Archive, organizer: str, place: str, on: dt.date) -> dict[str, str]:
    """The ids the scaffold's commented examples show, from the office's own registry: up to
    two agencies of the session's day as participants, those under the organizer first, then
    those named for the session's place ('Công an phường Hòa Xuân'), and a topic (they named
    `phong-tu-phap` and `xay-dung`, which an office's registry may lack)."""
    local = folded_words(archive.places[place].name)
    agencies = sorted((a for a in archive.agencies.values() if a.id != organizer and valid_on(a, on)),
                      key=lambda a: (a.parent != organizer, local not in folded_words(a.name)))
    topic = EXAMPLE_TOPIC if EXAMPLE_TOPIC in archive.topics else next(iter(archive.topics), None)
    return {"participants": ", ".join(a.id for a in agencies[:2]) or NO_EXAMPLE.format("agencies"),
            "topic": topic or NO_EXAMPLE.format("topics")}


def _one_line(command_part: str) -> str:
    """What a `#` comment of answers.yaml may hold: a path with a line break would end the
    comment and make YAML of the rest, so it is named instead."""
    return command_part if len(command_part.splitlines()) == 1 else "<this folder>"


def yaml_scalar(value: object) -> str:
    """One YAML scalar on one line, quoted only when YAML needs it (titles with ':' or '#')."""
    return yaml.safe_dump(value, allow_unicode=True, width=10**9).removesuffix("...\n").strip()
