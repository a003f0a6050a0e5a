"""Bad input corpus: broken or hostile archives give a located message and exit 1 (or are
accepted when they are valid once normalised), never a traceback, a hang or a memory blow-up.

Each case is the small valid archive of tests/bad_input/base/ plus ONE mutation, built in
tmp_path; `dialogue-archive validate` runs on every case, a real `mkdocs build --strict` on
a representative subset.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import forked
import pytest
from conftest import parse, run_build, write_config

BASE = Path(__file__).parent / "bad_input" / "base"
S = "sessions/2024/2024-06-20-doi-thoai-mau"
TIME_LIMIT = 30  # seconds for one validate or build; a hang fails the case
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space for `validate`
LOCATED = re.compile(r"^content/(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")

Mutation = Callable[[Path], None]


def chain(*mutations: Mutation) -> Mutation:
    def mutate(root: Path) -> None:
        for one in mutations:
            one(root)

    return mutate


def edit(relative: str, old: str, new: str, count: int = 1) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return mutate


def link_out(relative: str, folder: bool = False) -> Mutation:
    """A symbolic link at `relative` to a file (or folder) beside the content folder."""
    def mutate(root: Path) -> None:
        target = root.parent / ("dieu-tra" if folder else "danh-sach.txt")
        if folder:
            target.mkdir(exist_ok=True)
            (target / "danh-sach.txt").write_text("Nguyễn Văn A 0905123456\n", encoding="utf-8")
        else:
            target.write_text("Nguyễn Văn A 0905123456\n", encoding="utf-8")
        (root / relative).symlink_to(target, target_is_directory=folder)

    return mutate


def link_in(relative: str, target: str) -> Mutation:
    """A symbolic link at `relative` to `target`, both in the content folder."""
    def mutate(root: Path) -> None:
        (root / relative).symlink_to(root / target, target_is_directory=(root / target).is_dir())

    return mutate


def write(relative: str, content: str | bytes) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return mutate


def remove(relative: str) -> Mutation:
    return lambda root: (root / relative).unlink()


def transform(relative: str, change: Callable[[bytes], bytes]) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / relative
        path.write_bytes(change(path.read_bytes()))

    return mutate


def rename_session(new_name: str, year: str = "2024") -> Mutation:
    def mutate(root: Path) -> None:
        target = root / "sessions" / year / new_name
        target.parent.mkdir(parents=True, exist_ok=True)
        (root / S).rename(target)

    return mutate


def second_session_claiming_the_first_id(root: Path) -> None:
    other = root / "sessions" / "2024" / "2024-06-21-phien-khac"
    shutil.copytree(root / S, other)
    edit(f"{other.relative_to(root)}/index.md", "date: 2024-06-20\n", "date: 2024-06-21\n")(root)
    edit(f"{other.relative_to(root)}/index.md", "summary:",
         "aliases:\n  - 2024-06-19-cu\n  - 2024-06-20-doi-thoai-mau\nsummary:")(root)


def two_sessions_sharing_an_alias(root: Path) -> None:
    other = root / "sessions" / "2024" / "2024-06-21-phien-khac"
    shutil.copytree(root / S, other)
    edit(f"{other.relative_to(root)}/index.md", "date: 2024-06-20\n", "date: 2024-06-21\n")(root)
    for folder in (S, other.relative_to(root)):
        edit(f"{folder}/index.md", "summary:", "aliases: [2024-06-19-cu]\nsummary:")(root)


def symlink_body_image(root: Path) -> None:
    (root / S / "anh.jpg").symlink_to("/etc/hostname")
    edit(f"{S}/index.md", "Nhiều ý kiến", "![ảnh](anh.jpg) Nhiều ý kiến")(root)


def front_matter_image_loop(root: Path) -> None:
    (root / S / "a.jpg").symlink_to("b.jpg")
    (root / S / "b.jpg").symlink_to("a.jpg")
    edit(f"{S}/index.md", "summary:", "image:\n  src: a.jpg\nsummary:")(root)


def symlink_loop(root: Path) -> None:
    (root / S / "a").symlink_to("b")
    (root / S / "b").symlink_to("a")
    edit(f"{S}/index.md", "Nhiều ý kiến", "![ảnh](a/anh.jpg) Nhiều ý kiến")(root)


def symlink_image(root: Path) -> None:
    (root / S / "anh.jpg").symlink_to("/etc/hostname")
    edit(f"{S}/index.md", "summary:", "image:\n  src: anh.jpg\nsummary:")(root)


def alias_bomb() -> str:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for n in range(1, 10):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ", ".join([f"*{chr(96 + n)}"] * 9) + "]")
    return "\n".join(lines) + "\nitems: []\n"


def written_answer_after_the_agency_closed(root: Path) -> None:
    edit("registry/agencies.yaml", "name: Phòng Quản lý đô thị quận Cẩm Lệ",
         "name: Phòng Quản lý đô thị quận Cẩm Lệ\n  valid_until: 2024-06-30")(root)
    edit(f"{S}/answers.yaml", "        official: Trưởng phòng",
         "        official: Trưởng phòng\n        date: 2024-07-15")(root)


def ward_kept_its_name_after_the_merge(root: Path) -> None:
    """A ward merged into a new one of the same name: only the id tells them apart."""
    edit("registry/places.yaml", "  parent: quan-cam-le\n",
         "  parent: quan-cam-le\n  valid_until: 2024-05-31\n  succeeded_by: phuong-hoa-tho-dong-2024\n"
         "- id: phuong-hoa-tho-dong-2024\n  name: Phường Hòa Thọ Đông\n  kind: ward\n"
         "  valid_from: 2024-06-01\n")(root)


def committee_kept_its_name_after_the_merge(root: Path) -> None:
    edit("registry/agencies.yaml", "  short_name: UBND quận Cẩm Lệ\n",
         "  short_name: UBND quận Cẩm Lệ\n  valid_until: 2024-05-31\n"
         "  succeeded_by: ubnd-quan-cam-le-2024\n- id: ubnd-quan-cam-le-2024\n"
         "  name: Ủy ban nhân dân quận Cẩm Lệ\n  short_name: UBND quận Cẩm Lệ\n"
         "  valid_from: 2024-06-01\n")(root)


def ward_merged_twice(root: Path) -> None:
    """The ward's successor was itself merged before the session: the message names the unit
    of the session's day, not the short-lived one in between."""
    edit("registry/places.yaml", "  parent: quan-cam-le\n",
         "  parent: quan-cam-le\n  valid_until: 2023-12-31\n  succeeded_by: phuong-tam-thoi\n"
         "- id: phuong-tam-thoi\n  name: Phường Tạm Thời\n  kind: ward\n"
         "  valid_from: 2024-01-01\n  valid_until: 2024-03-31\n  succeeded_by: phuong-moi\n"
         "- id: phuong-moi\n  name: Phường Mới\n  kind: ward\n  valid_from: 2024-04-01\n")(root)


SECOND_ITEM = """
  - id: ho-so-gpxd
    type: question
    asker:
      label: Công dân phường Hòa Thọ Đông
    topics: [dat-dai]
    text: Hỏi lại về hồ sơ.
"""


@dataclass(frozen=True)
class Case:
    mutate: Mutation
    file: str | None = None  # None: the archive is valid after normalisation
    line: int | None = None
    message: str = ""  # a fragment the located message must contain
    build: bool = False  # also run a real mkdocs build


CASES: dict[str, Case] = {
    # --- YAML syntax --------------------------------------------------------------------
    "yaml-unclosed-flow-list": Case(
        edit(f"{S}/answers.yaml", "topics: [xay-dung]", "topics: [xay-dung"),
        f"{S}/answers.yaml",
        7,
        "YAML syntax error",
        build=True,
    ),
    "yaml-tab-in-front-matter": Case(
        edit(f"{S}/index.md", "summary:", "attendance:\n\tcitizens: 80\nsummary:"), f"{S}/index.md", 8,
        "indent YAML with spaces, not tabs"),
    "yaml-non-breaking-space-in-indentation": Case(  # pasted from Word: looks aligned
        edit(f"{S}/answers.yaml", "    type: proposal", "  \u00a0 type: proposal"), f"{S}/answers.yaml", 3,
        "line 3 has a non-breaking space (U+00A0) in its indentation"),
    "yaml-non-breaking-spaces-above-the-line-blamed": Case(  # four, as Word pastes them
        edit(f"{S}/answers.yaml", "    topics: [xay-dung]", "\u00a0\u00a0\u00a0\u00a0topics: [xay-dung]"),
        f"{S}/answers.yaml", 8, "line 7 has a non-breaking space (U+00A0) in its indentation"),
    "front-matter-key-with-a-non-breaking-space": Case(
        edit(f"{S}/index.md", "place: quan-cam-le", "\u00a0venue: Hội trường\nplace: quan-cam-le"),
        f"{S}/index.md", 6, "the key '\u00a0venue' holds a non-breaking space (U+00A0)"),
    "yaml-key-without-colon-after-an-id": Case(  # no text to write as a block: an id
        edit(f"{S}/answers.yaml", "      place: phuong-hoa-tho-dong",
             "      place: phuong-hoa-tho-dong\n      named_with_consent false"),
        f"{S}/answers.yaml", 7, "each line must be 'key: value' or a list entry"),
    "yaml-text-going-on-on-the-next-line": Case(
        edit(f"{S}/answers.yaml", "        text: Rà soát thành phần hồ sơ cấp giấy phép xây dựng",
             "        text: Rà soát thành phần hồ sơ\n        cấp giấy phép xây dựng"),
        f"{S}/answers.yaml", 20, "write that text as a block: 'text: |' on its own line"),
    "date-and-time-giving-two-hours": Case(
        edit(f"{S}/index.md", "date: 2024-06-20\n", "date: 2024-06-20T09:00:00+07:00\n"), f"{S}/index.md", 4,
        "`date` starts the session at 09:00 and `time` at 08:00: keep one of them"),
    "yaml-text-starting-with-a-backtick": Case(
        edit(f"{S}/index.md", "summary: Buổi", "summary: `GPXD` buổi"), f"{S}/index.md", 7,
        "a text starting with '`' must be quoted"),
    "yaml-tab-indent": Case(
        edit(f"{S}/answers.yaml", "    type: proposal", "\ttype: proposal"), f"{S}/answers.yaml", 3, "tabs"
    ),
    "yaml-unquoted-colon-text": Case(
        edit(f"{S}/answers.yaml", "        official: Trưởng phòng", "        official: Trưởng phòng: ông A"),
        f"{S}/answers.yaml",
        13,
        "quoted",
    ),
    "yaml-bad-indent": Case(
        edit(f"{S}/answers.yaml", "    topics: [xay-dung]", "  topics: [xay-dung]"),
        f"{S}/answers.yaml",
        7,
        "YAML syntax error",
    ),
    "yaml-two-documents": Case(
        edit(f"{S}/answers.yaml", "items:", "items: []\n---\nitems:"), f"{S}/answers.yaml", 2, "YAML"
    ),
    "yaml-python-tag": Case(
        write(f"{S}/answers.yaml", 'items: !!python/object/apply:os.system ["echo hi"]\n'),
        f"{S}/answers.yaml",
        1,
        "YAML",
    ),
    "yaml-alias-bomb": Case(write(f"{S}/answers.yaml", alias_bomb()), f"{S}/answers.yaml", 1, "aliases"),
    "yaml-deep-nesting": Case(
        write(f"{S}/answers.yaml", "items: " + "[" * 5000 + "]" * 5000 + "\n"),
        f"{S}/answers.yaml",
        1,
        "nesting",
    ),
    "yaml-deep-mapping": Case(
        write(f"{S}/answers.yaml", "items:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 3000)) + "\n"),
        f"{S}/answers.yaml",
        None,
        "nesting",
    ),
    "yaml-registry-syntax": Case(
        edit("registry/topics.yaml", "name: Đất đai", "name: [Đất đai"),
        "registry/topics.yaml",
        5,
        "YAML syntax error",
        build=True,
    ),
    "registry-unreadable-no-cascade": Case(
        write("registry/topics.yaml", "- id: [\n"), "registry/topics.yaml", 2, "YAML syntax error"
    ),
    "yaml-front-matter-syntax": Case(
        edit(f"{S}/index.md", 'time: "08:00"', 'time: "08:00'), f"{S}/index.md", 4, "YAML syntax error"
    ),
    "front-matter-unclosed": Case(
        edit(
            f"{S}/index.md", "summary: Buổi đối thoại về thủ tục cấp giấy phép xây dựng.\n---", "summary: x"
        ),
        f"{S}/index.md",
        1,
        "has no closing '---' line",
    ),
    "front-matter-list": Case(
        write(f"{S}/index.md", "---\n- a\n- b\n---\nText\n"), f"{S}/index.md", 2, "expected a mapping"
    ),
    "hash-cuts-unquoted-text": Case(
        edit(f"{S}/answers.yaml", "Rà soát thành phần hồ sơ", "Rà soát hồ sơ lô #5 và"),
        f"{S}/answers.yaml",
        19,
        "YAML reads ' #' and the rest of the line as a comment, so this text ends at 'Rà soát hồ sơ lô'",
        build=True,
    ),
    # --- duplicates ---------------------------------------------------------------------
    "duplicate-key-answers": Case(
        edit(
            f"{S}/answers.yaml", "    topics: [xay-dung]\n", "    topics: [xay-dung]\n    topics: [dat-dai]\n"
        ),
        f"{S}/answers.yaml",
        8,
        "duplicate key 'topics'",
    ),
    "duplicate-key-front-matter": Case(
        edit(f"{S}/index.md", "place: quan-cam-le\n", "place: quan-cam-le\nplace: quan-cam-le\n"),
        f"{S}/index.md",
        7,
        "duplicate key 'place'",
        build=True,
    ),
    "duplicate-item-id": Case(
        edit(f"{S}/answers.yaml", "items:\n", "items:\n" + SECOND_ITEM),
        f"{S}/answers.yaml",
        9,
        "duplicate item id 'ho-so-gpxd' (first used on line 3)",
    ),
    "duplicate-registry-id": Case(
        edit("registry/topics.yaml", "id: dat-dai", "id: xay-dung"),
        "registry/topics.yaml",
        4,
        "duplicate id 'xay-dung' (first used on line 1)",
    ),
    # --- wrong types and values ---------------------------------------------------------
    "type-topics-mapping": Case(
        edit(f"{S}/answers.yaml", "topics: [xay-dung]", "topics: {a: b}"), f"{S}/answers.yaml", 7, "topics"
    ),
    "type-draft-text": Case(
        edit(f"{S}/index.md", "place: quan-cam-le", "place: quan-cam-le\ndraft: có"),
        f"{S}/index.md",
        7,
        "true or false",
    ),
    "type-attendance-negative": Case(
        edit(f"{S}/index.md", "place: quan-cam-le", "place: quan-cam-le\nattendance:\n  citizens: -5"),
        f"{S}/index.md",
        8,
        "negative",
    ),
    "attendance-beyond-any-meeting": Case(
        edit(f"{S}/index.md", "place: quan-cam-le", "place: quan-cam-le\nattendance:\n  citizens: 20240620"),
        f"{S}/index.md", 8, "citizens is '20240620', more than 1,000,000: a typo?"),
    "attendance-empty-key": Case(
        edit(f"{S}/index.md", "place: quan-cam-le", "place: quan-cam-le\nattendance:\n  '': 3"),
        f"{S}/index.md", 8, "a key of attendance must not be empty"),
    "type-items-mapping": Case(
        edit(f"{S}/answers.yaml", "items:\n", "items: {a: 1}\nx:\n"),
        f"{S}/answers.yaml",
        1,
        "items must be a list",
    ),
    "type-answers-list": Case(
        write(f"{S}/answers.yaml", "- id: a\n- id: b\n"),
        f"{S}/answers.yaml",
        1,
        "answers.yaml must be a mapping",
        build=True,
    ),
    "type-answers-scalar": Case(
        write(f"{S}/answers.yaml", "chưa có biên bản\n"),
        f"{S}/answers.yaml",
        1,
        "answers.yaml must be a mapping",
    ),
    "one-procedure-code-without-a-list": Case(
        edit(f"{S}/answers.yaml", 'procedures: ["1.009994"]', 'procedures: "1.009994"'), None),
    "one-procedure-code-number-without-a-list": Case(
        edit(f"{S}/answers.yaml", 'procedures: ["1.009994"]', "procedures: 1.010"),
        f"{S}/answers.yaml",
        8,
        "quote it",
    ),
    "type-procedure-code-number": Case(
        edit(f"{S}/answers.yaml", 'procedures: ["1.009994"]', "procedures: [1.010]"),
        f"{S}/answers.yaml",
        8,
        "quote it",
    ),
    "bad-enum": Case(
        edit(f"{S}/answers.yaml", "type: proposal", "type: kien-nghi"),
        f"{S}/answers.yaml",
        3,
        "not an allowed type",
    ),
    "bad-id-uppercase": Case(
        edit(f"{S}/answers.yaml", "id: ho-so-gpxd", "id: Ho-So-GPXD"),
        f"{S}/answers.yaml",
        2,
        "not a valid id",
    ),
    "bad-time": Case(
        edit(f"{S}/index.md", 'time: "08:00"', 'time: "25:00"'), f"{S}/index.md", 4, "not a time"
    ),
    "unknown-key": Case(
        edit(f"{S}/answers.yaml", "    topics:", "    topic: [x]\n    topics:"),
        f"{S}/answers.yaml",
        7,
        "unknown key 'topic'",
    ),
    "referred-without-target": Case(
        edit(f"{S}/answers.yaml", "official: Trưởng phòng", "official: Trưởng phòng\n        mode: referred"),
        f"{S}/answers.yaml",
        12,
        "referred_to",
    ),
    "updates-out-of-order": Case(
        edit(
            f"{S}/answers.yaml",
            "due: 2024-12-31",
            "due: 2024-12-31\n"
            "        updates:\n          - {date: 2024-09-01, note: Hai}\n"
            "          - {date: 2024-08-01, note: Một}",
        ),
        f"{S}/answers.yaml",
        23,  # the update out of order, not `updates:`
        "oldest first",
    ),
    # --- references ---------------------------------------------------------------------
    "unknown-agency": Case(
        edit(f"{S}/answers.yaml", "- by: phong-quan-ly-do-thi", "- by: phong-qldt"),
        f"{S}/answers.yaml",
        12,
        "unknown agency 'phong-qldt'",
        build=True,
    ),
    "procedure-code-unquoted": Case(  # read as 1.0099: the message gives it as typed
        edit(f"{S}/answers.yaml", 'procedures: ["1.009994"]', "procedures: [1.009900]"),
        f"{S}/answers.yaml", 8, 'procedure code 1.009900 was read as a number: quote it, "1.009900"'),
    "unknown-topic-made-from-its-name": Case(  # the topic 'dien' is named "Điện sinh hoạt"
        chain(edit("registry/topics.yaml", "- id: dat-dai",
                   "- id: dien\n  name: Điện sinh hoạt\n- id: dat-dai"),
              edit(f"{S}/answers.yaml", "topics: [xay-dung]", "topics: [dien-sinh-hoat]")),
        f"{S}/answers.yaml", 7, "unknown topic 'dien-sinh-hoat' (did you mean 'dien'?)"),
    "unknown-agency-made-from-its-short-name": Case(  # not 'phong-y-te', the closest id
        chain(edit("registry/agencies.yaml", "- id: phong-quan-ly-do-thi",
                   "- id: phong-y-te\n  name: Phòng Y tế\n- id: phong-tai-chinh-ke-hoach\n"
                   "  name: Phòng Tài chính - Kế hoạch\n  short_name: Phòng TCKH\n"
                   "- id: phong-quan-ly-do-thi"),
              edit(f"{S}/answers.yaml", "- by: phong-quan-ly-do-thi", "- by: phong-tckh")),
        f"{S}/answers.yaml", 12, "unknown agency 'phong-tckh' (did you mean 'phong-tai-chinh-ke-hoach'?)"),
    "unknown-topic": Case(
        edit(f"{S}/answers.yaml", "topics: [xay-dung]", "topics: [xay-dun]"),
        f"{S}/answers.yaml",
        7,
        "did you mean 'xay-dung'",
    ),
    "unknown-place": Case(
        edit(f"{S}/index.md", "place: quan-cam-le", "place: quan-cam-lee"),
        f"{S}/index.md",
        6,
        "unknown place",
    ),
    "place-dissolved-before-the-session": Case(
        edit("registry/places.yaml", "  kind: district\n",
             "  kind: district\n  valid_until: 2023-12-31\n  succeeded_by: [phuong-hoa-tho-dong]\n"),
        f"{S}/index.md",
        6,
        "place 'quan-cam-le' (Quận Cẩm Lệ) did not exist on 20/06/2024: it existed until "
        "31/12/2023; on that date use phuong-hoa-tho-dong (Phường Hòa Thọ Đông)",
        build=True,
    ),
    "place-valid-until-the-session-day": Case(
        edit("registry/places.yaml", "  kind: district\n", "  kind: district\n  valid_until: 2024-06-20\n"),
    ),
    "agency-founded-after-the-session": Case(
        edit("registry/agencies.yaml", "name: Phòng Quản lý đô thị quận Cẩm Lệ",
             "name: Phòng Quản lý đô thị quận Cẩm Lệ\n  valid_from: 2025-01-01"),
        f"{S}/answers.yaml",
        12,
        "agency 'phong-quan-ly-do-thi' (Phòng Quản lý đô thị quận Cẩm Lệ) did not exist on "
        "20/06/2024: it exists from 01/01/2025; use the agency of that time",
    ),
    "agency-closed-before-its-written-answer": Case(
        written_answer_after_the_agency_closed,
        f"{S}/answers.yaml",
        12,
        "did not exist on 15/07/2024: it existed until 30/06/2024",
    ),
    "ward-that-kept-its-name-is-named-by-id": Case(
        ward_kept_its_name_after_the_merge,
        f"{S}/answers.yaml",
        6,
        "place 'phuong-hoa-tho-dong' (Phường Hòa Thọ Đông) did not exist on 20/06/2024: it existed "
        "until 31/05/2024; on that date use phuong-hoa-tho-dong-2024 (Phường Hòa Thọ Đông, from "
        "01/06/2024)",
    ),
    "committee-that-kept-its-name-is-named-by-id": Case(
        committee_kept_its_name_after_the_merge,
        f"{S}/answers.yaml",
        18,
        "agency 'ubnd-quan-cam-le' (Ủy ban nhân dân quận Cẩm Lệ) did not exist on 20/06/2024: it "
        "existed until 31/05/2024; on that date use ubnd-quan-cam-le-2024 (Ủy ban nhân dân quận Cẩm Lệ, "
        "from 01/06/2024)",
    ),
    "ward-merged-twice-names-the-unit-of-the-day": Case(
        ward_merged_twice,
        f"{S}/answers.yaml",
        6,
        "it existed until 31/12/2023; on that date use phuong-moi (Phường Mới)",
    ),
    "commitment-due-before-the-session": Case(
        edit(f"{S}/answers.yaml", "due: 2024-12-31", "due: 2024-01-31"),
        f"{S}/answers.yaml",
        20,
        "due date 2024-01-31 is before the session (2024-06-20), so the commitment would be overdue "
        "from the start; write the date it must be done by",
    ),
    "commitment-due-on-the-session-day": Case(
        edit(f"{S}/answers.yaml", "due: 2024-12-31", "due: 2024-06-20"),
    ),
    "commitment-status-behind-its-last-update": Case(
        edit(f"{S}/answers.yaml", "due: 2024-12-31\n", "due: 2024-12-31\n        status: in_progress\n"
             "        updates:\n          - date: 2024-07-01\n            status: in_progress\n"
             "            note: Đã có văn bản\n          - date: 2024-09-15\n            status: done\n"
             "            note: Đã ban hành\n"),
        f"{S}/answers.yaml",
        21,
        "status is in_progress but the last update (15/09/2024) says done: set status: done, or "
        "add the later update",
    ),
    "commitment-status-not-written-after-an-update": Case(
        edit(f"{S}/answers.yaml", "due: 2024-12-31\n", "due: 2024-12-31\n        updates:\n"
             "          - date: 2024-09-15\n            status: escalated\n"
             "            note: Đã báo cáo UBND thành phố\n"),
        f"{S}/answers.yaml",
        17,
        "status is pending (the default: it is not written) but the last update (15/09/2024) says "
        "escalated: set status: escalated, or add the later update",
    ),
    "commitment-status-of-its-last-update-with-a-status": Case(
        edit(f"{S}/answers.yaml", "due: 2024-12-31\n", "due: 2024-12-31\n        status: done\n"
             "        updates:\n          - date: 2024-09-15\n            status: done\n"
             "            note: Đã ban hành\n          - date: 2024-10-01\n"
             "            note: Đã đăng trên cổng thông tin\n"),
    ),
    "place-succeeded-by-itself": Case(
        edit("registry/places.yaml", "  parent: quan-cam-le\n",
             "  parent: quan-cam-le\n  succeeded_by: phuong-hoa-tho-dong\n"),
        "registry/places.yaml",
        8,
        "place 'phuong-hoa-tho-dong' is listed as its own successor; succeeded_by names the units "
        "that took its place: write those, or remove succeeded_by",
    ),
    "agencies-succeeding-each-other": Case(
        chain(edit("registry/agencies.yaml", "  short_name: UBND quận Cẩm Lệ\n",
                   "  short_name: UBND quận Cẩm Lệ\n  succeeded_by: phong-quan-ly-do-thi\n"),
              edit("registry/agencies.yaml", "  parent: ubnd-quan-cam-le\n",
                   "  parent: ubnd-quan-cam-le\n  valid_until: 2024-12-31\n"
                   "  succeeded_by: ubnd-quan-cam-le\n")),
        "registry/agencies.yaml",
        4,  # the link that goes back in time: to the unit that ended first
        "succeeded_by goes round in a circle: ubnd-quan-cam-le → phong-quan-ly-do-thi → "
        "ubnd-quan-cam-le; an agency cannot be succeeded by one of its own predecessors: remove "
        "the wrong succeeded_by",
    ),
    "successor-that-ended-first": Case(
        chain(edit("registry/agencies.yaml", "  short_name: UBND quận Cẩm Lệ\n",
                   "  short_name: UBND quận Cẩm Lệ\n  valid_until: 2024-12-31\n"
                   "  succeeded_by: phong-quan-ly-do-thi\n"),
              edit("registry/agencies.yaml", "  parent: ubnd-quan-cam-le\n",
                   "  parent: ubnd-quan-cam-le\n  valid_until: 2024-09-30\n")),
        "registry/agencies.yaml",
        5,
        "successor 'phong-quan-ly-do-thi' (Phòng Quản lý đô thị quận Cẩm Lệ) ended on 30/09/2024, "
        "but 'ubnd-quan-cam-le' existed until 31/12/2024: a unit is succeeded by one that outlives "
        "it; fix valid_until of one of them, or name the unit that took its place",
    ),
    "successor-that-starts-after-a-gap": Case(
        edit("registry/places.yaml", "  kind: district\n",
             "  kind: district\n  valid_until: 2025-06-30\n  succeeded_by: phuong-moi\n"
             "- id: phuong-moi\n  name: Phường Mới\n  kind: ward\n  valid_from: 2025-09-01\n"),
    ),
    "agencies-inside-each-other": Case(
        edit("registry/agencies.yaml", "  short_name: UBND quận Cẩm Lệ\n",
             "  short_name: UBND quận Cẩm Lệ\n  parent: phong-quan-ly-do-thi\n"),
        "registry/agencies.yaml",
        4,
        "parent goes round in a circle: ubnd-quan-cam-le → phong-quan-ly-do-thi → ubnd-quan-cam-le; "
        "an agency cannot belong to one of the agencies that belong to it: fix the wrong parent",
    ),
    "agency-its-own-parent": Case(
        edit("registry/agencies.yaml", "  short_name: UBND quận Cẩm Lệ\n",
             "  short_name: UBND quận Cẩm Lệ\n  parent: ubnd-quan-cam-le\n"),
        "registry/agencies.yaml",
        4,
        "agency 'ubnd-quan-cam-le' is its own parent; write the agency it belongs to, or remove parent",
    ),
    "ward-inside-a-district-that-had-ended": Case(
        edit("registry/places.yaml", "  kind: district\n",
             "  kind: district\n  valid_until: 2025-06-30\n", count=1),
        None),  # overlapping periods: the ward outlives its district, as many did
    "new-ward-inside-a-district-that-had-ended": Case(
        chain(edit("registry/places.yaml", "  kind: district\n",
                   "  kind: district\n  valid_until: 2025-06-30\n", count=1),
              edit("registry/places.yaml", "  kind: ward\n", "  kind: ward\n  valid_from: 2025-07-01\n")),
        "registry/places.yaml",
        9,
        "place 'phuong-hoa-tho-dong' begins on 01/07/2025, after its parent 'quan-cam-le' (Quận Cẩm Lệ) "
        "ended on 30/06/2025: a parent must exist at the same time",
    ),
    # valid_from and valid_until are a first and a last day: sharing one day (the session's,
    # held at the district with a question from the ward) is existing together
    "new-ward-beginning-on-its-districts-last-day": Case(
        chain(edit("registry/places.yaml", "  kind: district\n",
                   "  kind: district\n  valid_until: 2024-06-20\n", count=1),
              edit("registry/places.yaml", "  kind: ward\n", "  kind: ward\n  valid_from: 2024-06-20\n")),
        None),
    "ward-ending-on-its-districts-first-day": Case(
        chain(edit("registry/places.yaml", "  kind: district\n",
                   "  kind: district\n  valid_from: 2024-06-20\n", count=1),
              edit("registry/places.yaml", "  kind: ward\n", "  kind: ward\n  valid_until: 2024-06-20\n")),
        None),
    "ward-ended-before-its-district-began": Case(
        chain(edit("registry/places.yaml", "  kind: district\n",
                   "  kind: district\n  valid_from: 2020-01-01\n", count=1),
              edit("registry/places.yaml", "  kind: ward\n", "  kind: ward\n  valid_until: 2019-12-31\n")),
        "registry/places.yaml",
        9,
        "place 'phuong-hoa-tho-dong' ended on 31/12/2019, before its parent 'quan-cam-le' (Quận Cẩm Lệ) "
        "began on 01/01/2020: a parent must exist at the same time",
    ),
    "district-inside-a-ward": Case(
        edit("registry/places.yaml", "  kind: district\n",
             "  kind: district\n  parent: phuong-hoa-tho-dong\n"),
        "registry/places.yaml",
        4,
        "place 'quan-cam-le' is a district and cannot lie in 'phuong-hoa-tho-dong' (Phường Hòa Thọ "
        "Đông), a ward: a parent is a larger kind of place (province, then district, then ward or "
        "commune); fix parent or kind",
    ),
    "agency-name-written-for-its-id": Case(
        edit(f"{S}/answers.yaml", "- by: phong-quan-ly-do-thi", "- by: UBND quận Cẩm Lệ"),
        f"{S}/answers.yaml",
        12,
        "'UBND quận Cẩm Lệ' is the name of the agency 'ubnd-quan-cam-le' (Ủy ban nhân dân quận "
        "Cẩm Lệ): write its id, ubnd-quan-cam-le",
    ),
    # a name the registry lacks, cut short: the closest id by letters was another office's,
    # and the message gave the format's example id, 'phong-tu-phap' (a press office's find)
    "agency-name-cut-short-written-for-its-id": Case(
        edit(f"{S}/answers.yaml", "- by: phong-quan-ly-do-thi", "- by: Phòng Quản lý"),
        f"{S}/answers.yaml",
        12,
        "'Phòng Quản lý' is not an id, nor a name or alias in registry/agencies.yaml (did you mean "
        "'phong-quan-ly-do-thi', Phòng Quản lý đô thị quận Cẩm Lệ?); write the id of the agency "
        "meant, or add it to the registry",
    ),
    "place-name-written-for-its-id": Case(
        edit(f"{S}/index.md", "place: quan-cam-le", "place: Quận Cẩm Lệ"),
        f"{S}/index.md",
        6,
        "'Quận Cẩm Lệ' is the name of the place 'quan-cam-le' (Quận Cẩm Lệ): write its id, "
        "quan-cam-le",
    ),
    "place-name-that-two-places-share-written-for-an-id": Case(
        chain(edit("registry/places.yaml", "  parent: quan-cam-le\n", "  parent: quan-cam-le\n"
                   "- id: phuong-cam-le\n  name: Phường Cẩm Lệ\n  kind: ward\n  parent: quan-cam-le\n"),
              edit(f"{S}/index.md", "place: quan-cam-le", "place: Cẩm Lệ")),
        f"{S}/index.md",
        6,
        "'Cẩm Lệ' is the name of several place entries: quan-cam-le (Quận Cẩm Lệ), phuong-cam-le "
        "(Phường Cẩm Lệ); write the id of the one meant",
    ),
    "participants-written-as-one-line-of-names": Case(
        edit(f"{S}/index.md", "place: quan-cam-le\n",
             "place: quan-cam-le\nparticipants: Phòng Quản lý đô thị quận Cẩm Lệ, Phòng Nội vụ\n"),
        f"{S}/index.md",
        7,
        "participants holds several agencies on one line ('Phòng Quản lý đô thị quận Cẩm Lệ, "
        "Phòng Nội vụ'): write them as a list of ids, participants: [phong-quan-ly-do-thi, "
        "Phòng Nội vụ]; 'Phòng Nội vụ' matches no agency of the registry",
    ),
    "topics-written-as-one-line": Case(
        edit(f"{S}/answers.yaml", "topics: [xay-dung]", "topics: xay-dung; Đất đai"),
        f"{S}/answers.yaml",
        7,
        "topics holds several topics on one line ('xay-dung; Đất đai'): write them as a list of "
        "ids, topics: [xay-dung, dat-dai]",
    ),
    "item-id-that-is-a-name-is-not-a-registry-reference": Case(
        edit(f"{S}/answers.yaml", "  - id: ho-so-gpxd", "  - id: Quận Cẩm Lệ"),
        f"{S}/answers.yaml",
        2,
        "'Quận Cẩm Lệ' is not a valid id",
    ),
    "unknown-procedure": Case(
        edit(f"{S}/answers.yaml", '["1.009994"]', '["1.009995"]'), f"{S}/answers.yaml", 8, "unknown procedure"
    ),
    "registry-missing": Case(
        remove("registry/agencies.yaml"), "registry/agencies.yaml", 1, "missing", build=True
    ),
    # --- dates --------------------------------------------------------------------------
    "impossible-date-due": Case(
        edit(f"{S}/answers.yaml", "due: 2024-12-31", "due: 2024-02-30"), f"{S}/answers.yaml", 20, "2024-02-30"
    ),
    "impossible-date-session": Case(
        edit(f"{S}/index.md", "date: 2024-06-20", "date: 2024-02-30"), f"{S}/index.md", 3, "2024-02-30"
    ),
    "impossible-date-published": Case(  # 'write YYYY-MM-DD' was said of a day written so
        edit(f"{S}/index.md", "date: 2024-06-20\n", "date: 2024-06-20\npublished: 2024-06-31 08:00\n"),
        f"{S}/index.md", 4, "'2024-06-31 08:00' is not a day of the calendar; check the day and the month"
    ),
    "published-with-a-one-digit-hour": Case(  # as people write it; Python refused it
        edit(f"{S}/index.md", "date: 2024-06-20\n", "date: 2024-06-20\npublished: 2024-06-21 8:00\n"),
        None, build=True),
    "enum-value-with-an-invisible-character": Case(  # it said "did you mean 'proposal'?" of 'proposal'
        edit(f"{S}/answers.yaml", "    type: proposal", "    type: proposal\u200b"), f"{S}/answers.yaml", 3,
        "'proposal\\u200b' is not an allowed type"),
    "date-as-text": Case(
        edit(f"{S}/index.md", "date: 2024-06-20", "date: 20/06/2024"), f"{S}/index.md", 3, "YYYY-MM-DD"
    ),
    "folder-disagrees-with-date": Case(
        edit(f"{S}/index.md", "date: 2024-06-20", "date: 2024-06-21"),
        f"{S}/index.md",
        3,
        "disagrees with the folder name",
        build=True,
    ),
    "folder-in-wrong-year": Case(
        rename_session("2024-06-20-doi-thoai-mau", year="2023"),
        "sessions/2023/2024-06-20-doi-thoai-mau/index.md",
        3,
        "sessions/2024/",
    ),
    "folder-bad-name": Case(
        rename_session("2024-06-20 Đối thoại"),
        "sessions/2024/2024-06-20 Đối thoại/index.md",
        1,
        "YYYY-MM-DD-<slug>",
    ),
    "answer-before-session": Case(
        edit(
            f"{S}/answers.yaml", "official: Trưởng phòng", "official: Trưởng phòng\n        date: 2024-06-01"
        ),
        f"{S}/answers.yaml",
        14,
        "before the session",
    ),
    "answer-after-the-build-day": Case(
        edit(f"{S}/answers.yaml", "official: Trưởng phòng",
             "official: Trưởng phòng\n        date: 2027-06-01"),
        f"{S}/answers.yaml",
        14,
        "answer date 2027-06-01 is after the day of the build (2026-11-28): an answer records what "
        "has already happened; fix the date",
        build=True,
    ),
    "update-after-the-build-day": Case(
        edit(f"{S}/answers.yaml", "due: 2024-12-31",
             "due: 2024-12-31\n        status: done\n        updates:\n          - date: 2027-05-12\n"
             "            status: done"),
        f"{S}/answers.yaml",
        23,
        "update date 2027-05-12 is after the day of the build (2026-11-28)",
    ),
    "control-character-in-a-title": Case(  # it passed, then the feed (XML) stopped the build
        edit(f"{S}/index.md", "title: UBND quận Cẩm Lệ đối thoại với công dân về thủ tục hành chính",
             'title: "UBND\\v quận Cẩm Lệ đối thoại với công dân về thủ tục hành chính"'),
        f"{S}/index.md", 2,
        "the text holds an invisible control character (U+000B, often pasted from Word or a PDF) "
        "after 'UBND': delete it",
        build=True,
    ),
    # Shown right to left, '654 321 5090' reads as a phone number the guard never saw.
    "direction-override-in-an-answer": Case(
        edit(f"{S}/answers.yaml", "Phòng sẽ rà soát", "Gọi số \u202e654 321 5090\u202c. Phòng sẽ rà soát"),
        f"{S}/answers.yaml", 14,
        "invisible control character (U+202E, which changes the order the page shows the text in)",
        build=True,
    ),
    "direction-override-in-a-write-up": Case(
        edit(f"{S}/index.md", "Nhiều ý kiến", "Liên hệ \u2067654 321 5090\u2069. Nhiều ý kiến"),
        f"{S}/index.md", 14, "invisible control character (U+2067",
    ),
    # Python-Markdown reads nesting by recursion: these stopped the build with a traceback.
    "lists-nested-too-deep-in-an-answer": Case(
        edit(f"{S}/answers.yaml", "Phòng sẽ rà soát", "Phòng sẽ rà soát\n\n" + "\n".join(
            "          " + "    " * i + "- mục" for i in range(260))),
        f"{S}/answers.yaml", 14, "nests lists or quotes 100 levels deep", build=True,
    ),
    "emphasis-marks-by-the-thousand-in-a-write-up": Case(
        edit(f"{S}/index.md", "Nhiều ý kiến", "| a | b |\n|---|---|\n| " + "*" * 3000 + "x"
             + "*" * 3000 + " | c |\n\nNhiều ý kiến"),
        f"{S}/index.md", 16, "repeats an emphasis mark 1,000 times",
    ),
    # The same characters written as entities, or the right-to-left mark (the diff review's finds)
    "direction-override-as-an-entity-in-a-write-up": Case(
        edit(f"{S}/index.md", "Nhiều ý kiến", "Liên hệ: &#x202E;654 321 5090&#x202C;. Nhiều ý kiến"),
        f"{S}/index.md", 14, "invisible control character (U+202E, which changes the order",
    ),
    "right-to-left-marks-in-an-answer": Case(
        edit(f"{S}/answers.yaml", "Phòng sẽ rà soát", "Gọi \u200f456 \u200f123 \u200f0905. Phòng sẽ rà soát"),
        f"{S}/answers.yaml", 14, "invisible control character (U+200F, which changes the order",
    ),
    "direction-override-in-a-content-page": Case(
        write("gioi-thieu.md", "# Giới thiệu\n\nĐường dây nóng \u202e654 321 5090\u202c.\n"),
        "gioi-thieu.md", 3, "invisible control character (U+202E", build=True,
    ),
    "an-editors-lock-file-leading-nowhere": Case(  # Emacs' .#index.md: not published, ignored
        lambda root: (root / S / ".#index.md").symlink_to("bien-tap@may.12345:1700000000"),
    ),
    "alias-too-long-for-a-file-name": Case(  # it passed, then the build stopped on the file name
        edit(f"{S}/index.md", "summary:", "aliases: [2024-01-01-" + "a" * 300 + "]\nsummary:"),
        f"{S}/index.md", 7,
        "has 311 characters, more than 100: it becomes a file name and an address; shorten it",
        build=True,
    ),
    "link-to-a-file-outside-the-content-folder": Case(
        link_out("robots.txt"), "robots.txt", 1,
        "danh-sach.txt, outside the content folder: the build would publish what it leads to",
        build=True,
    ),
    "link-to-a-folder-outside-in-a-session-folder": Case(
        link_out(f"{S}/tai-lieu", folder=True), f"{S}/tai-lieu", 1,
        "dieu-tra, outside the content folder: the build would publish what it leads to",
    ),
    # MkDocs publishes what a link leads to under the link's path, where no check looks (a
    # review's finds): a session's answers.yaml as written, a loop that failed the build.
    "link-to-a-session-folder": Case(
        link_in("xem-truoc", S), "xem-truoc", 1,
        "the build would publish its files again under the link's name", build=True,
    ),
    "link-to-its-own-folder": Case(
        link_in("vong", "."), "vong", 1, "the build would publish its files again", build=True,
    ),
    "link-to-the-redaction-list": Case(
        link_in("bien-ban.pdf", "registry/agencies.yaml"), "bien-ban.pdf", 1,
        "registry files are read, never published", build=True,
    ),
    "link-to-a-write-up-from-outside-sessions": Case(
        link_in("ban-tin.md", f"{S}/index.md"), "ban-tin.md", 1,
        "a session's files are published with its page only",
    ),
    "link-that-leads-nowhere": Case(
        link_in("anh.png", "khong-co.png"), "anh.png", 1, "which leads nowhere",
    ),
    # --- files and encodings ------------------------------------------------------------
    "empty-write-up": Case(write(f"{S}/index.md", ""), f"{S}/index.md", 1, "front matter"),
    "empty-registry": Case(write("registry/topics.yaml", ""), "registry/topics.yaml", 1,
                            "registry/topics.yaml is empty"),
    "empty-answers": Case(write(f"{S}/answers.yaml", "")),
    "huge-file": Case(
        write(f"{S}/answers.yaml", "items: []\n" + "# " + "x" * (6 * 1024 * 1024) + "\n"),
        f"{S}/answers.yaml",
        1,
        "bytes, more than",
    ),
    "not-utf8": Case(
        transform(f"{S}/answers.yaml", lambda b: b.replace("hóa".encode(), "hóa".encode("cp1258"))),
        f"{S}/answers.yaml",
        10,
        "not UTF-8",
        build=True,
    ),
    "utf16": Case(  # Notepad's 'Unicode'
        transform(f"{S}/answers.yaml", lambda b: b.decode().encode("utf-16")),
        f"{S}/answers.yaml",
        1,
        "the file is saved as UTF-16 (Notepad's 'Unicode'), not UTF-8: save it again as UTF-8",
    ),
    "nul-byte": Case(
        transform(f"{S}/index.md", lambda b: b.replace(b"Nhi", b"\x00Nhi")), f"{S}/index.md", 14, "NUL"
    ),
    "bom-and-crlf": Case(
        transform(f"{S}/answers.yaml", lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")), build=True
    ),
    "crlf-front-matter": Case(
        transform(f"{S}/index.md", lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"))
    ),
    "cr-only": Case(transform(f"{S}/answers.yaml", lambda b: b.replace(b"\n", b"\r"))),
    "nfd-text": Case(
        transform(f"{S}/index.md", lambda b: unicodedata.normalize("NFD", b.decode()).encode()), build=True
    ),
    # --- images -------------------------------------------------------------------------
    "missing-photo": Case(
        edit(f"{S}/index.md", "summary:", "image:\n  src: quang-canh.jpg\nsummary:"),
        f"{S}/index.md",
        8,
        "not found",
        build=True,
    ),
    "image-path-traversal": Case(
        edit(f"{S}/index.md", "summary:", "image:\n  src: ../../../../etc/passwd.jpg\nsummary:"),
        f"{S}/index.md",
        8,
        "no folders, no '..'",
    ),
    "image-absolute-path": Case(
        edit(f"{S}/index.md", "summary:", "image:\n  src: /etc/hostname.jpg\nsummary:"),
        f"{S}/index.md",
        8,
        "no folders",
        build=True,
    ),
    "image-symlink-outside": Case(symlink_image, f"{S}/index.md", 8, "image.src"),
    "image-not-a-photo": Case(
        edit(f"{S}/index.md", "summary:", "image:\n  src: index.md\nsummary:"), f"{S}/index.md", 8, ".jpg"
    ),
    "body-image-symlink-outside": Case(
        symlink_body_image, f"{S}/index.md", 14, "outside the content folder", build=True),
    "body-image-symlink-loop": Case(
        symlink_loop, f"{S}/index.md", 14, "outside the content folder"),
    "body-image-path-traversal": Case(
        edit(f"{S}/index.md", "Nhiều ý kiến", "![a](../../../../../etc/hostname) Nhiều ý kiến"),
        f"{S}/index.md", 14, "outside the content folder"),
    "body-image-name-too-long": Case(
        edit(f"{S}/index.md", "Nhiều ý kiến", f"![a]({'a' * 300}.jpg) Nhiều ý kiến"),
        f"{S}/index.md", 14, "not found"),
    # --- layout -------------------------------------------------------------------------
    "stray-answers-file": Case(
        write("sessions/2024/answers.yaml", "items: []\n"),
        "sessions/2024/answers.yaml",
        1,
        "sessions/<YYYY>/<session-id>/",
    ),
    "session-folder-without-its-year": Case(
        lambda root: (root / S).rename(root / "sessions" / "2024-06-20-doi-thoai-mau"),
        "sessions/2024-06-20-doi-thoai-mau/index.md", 1,
        "session files belong in sessions/<YYYY>/<session-id>/: move the folder to "
        "sessions/2024/2024-06-20-doi-thoai-mau/"),
    "session-folder-name-too-long": Case(  # it passed, then the build failed on a file name
        rename_session("2024-06-20-" + "a" * 240), f"sessions/2024/2024-06-20-{'a' * 240}/index.md", 1,
        "the session folder name has 251 characters, more than 100", build=True,
    ),
    "session-folder-name-of-100-characters": Case(rename_session("2024-06-20-" + "a" * 89)),
    "session-folder-name-of-101-characters": Case(
        rename_session("2024-06-20-" + "a" * 90), f"sessions/2024/2024-06-20-{'a' * 90}/index.md", 1,
        "the session folder name has 101 characters, more than 100"),
    "session-filed-under-another-year": Case(  # it was published there, the lists linking 2024
        rename_session("2024-06-20-doi-thoai-mau", year="2023"),
        "sessions/2023/2024-06-20-doi-thoai-mau/index.md", 3,
        "the session is filed under sessions/2023/ but held in 2024; move it to sessions/2024/",
        build=True),
    "session-folder-without-write-up": Case(remove(f"{S}/index.md"), f"{S}/index.md", 1, "no index.md"),
    "spreadsheet-in-session-folder": Case(
        write(f"{S}/danh-sach-y-kien.csv", "Nguyễn Văn Hùng,0905123456\n"),
        f"{S}/danh-sach-y-kien.csv", 1, "not part of a session", build=True,
    ),
    "text-file-named-as-a-photo": Case(
        write(f"{S}/gia.png", "Bảng giá đất 2024\n"), f"{S}/gia.png", 1,
        "'gia.png' is not a photo (neither JPEG, PNG nor WebP data", build=True),
    "photo-in-a-subfolder-of-a-session": Case(
        write(f"{S}/anh/quang-canh.jpg", b"\xff\xd8\xff\xd9"), f"{S}/anh/quang-canh.jpg", 1,
        "a session folder has no subfolders"),
    "spreadsheet-at-the-top-of-the-content-folder": Case(
        write("danh-sach-ho-ngheo.xlsx", b"PK\x03\x04 not really a workbook"),
        "danh-sach-ho-ngheo.xlsx", 1, "a '.xlsx' file is no part of a web page", build=True),
    "word-draft-in-a-folder-of-its-own": Case(
        write("tai-lieu/bien-ban-goc.docx", b"PK\x03\x04 not really a document"),
        "tai-lieu/bien-ban-goc.docx", 1, "move it out of the content folder"),
    "contact-list-in-the-registry": Case(
        write("registry/nguoi-dan.csv", "Nguyễn Văn Hùng,0905123456\n"),
        "registry/nguoi-dan.csv", 1, "registry/ holds only agencies.yaml", build=True),
    "misspelt-registry-file": Case(
        write("registry/agency.yaml", "- id: x\n  name: X\n"), "registry/agency.yaml", 1,
        "(did you mean 'agencies.yaml'?)"),
    "note-page-in-year-folder": Case(
        write("sessions/2024/ghi-chu.md", "Ông Nguyễn Văn Hùng, ĐT 0905 123 456\n"),
        "sessions/2024/ghi-chu.md", 1, "not part of a session",
    ),
    # an alias that is the session's own id passed validate, then the build stopped with a
    # traceback; one listed twice made MkDocs warn of a file replaced (review finds)
    # '$' let a last line break through: the id was published with it (a review's find)
    "item-id-ending-in-a-line-break": Case(
        edit(f"{S}/answers.yaml", "  - id: ho-so-gpxd\n", '  - id: "ho-so-gpxd\\n"\n'),
        f"{S}/answers.yaml", 2, "'ho-so-gpxd\\n' is not a valid id"),
    "alias-its-own-id": Case(
        edit(f"{S}/index.md", "summary:", "aliases: [2024-06-20-doi-thoai-mau]\nsummary:"),
        f"{S}/index.md", 7, "alias '2024-06-20-doi-thoai-mau' is this session's own id", build=True),
    "alias-listed-twice": Case(
        edit(f"{S}/index.md", "summary:", "aliases: [2024-06-19-cu, 2024-06-19-cu]\nsummary:"),
        f"{S}/index.md", 7, "alias '2024-06-19-cu' is listed twice: remove one", build=True),
    "alias-listed-twice-in-a-block-list": Case(  # said at its second listing, line 9
        edit(f"{S}/index.md", "summary:", "aliases:\n  - 2024-06-19-cu\n  - 2024-06-19-cu-2\n"
             "  - 2024-06-19-cu\nsummary:"),
        f"{S}/index.md", 10, "alias '2024-06-19-cu' is listed twice: remove one"),
    "alias-already-a-session-id": Case(
        second_session_claiming_the_first_id, "sessions/2024/2024-06-21-phien-khac/index.md", 9,
        "alias '2024-06-20-doi-thoai-mau' is already used by session"),
    # a clerk copying an alias into an earlier session was told at the other session's line,
    # the one that had it first (a press office's helper): both places are now named
    "alias-already-another-sessions-alias": Case(
        two_sessions_sharing_an_alias, "sessions/2024/2024-06-21-phien-khac/index.md", 7,
        "alias '2024-06-19-cu' is already an alias of session 2024-06-20-doi-thoai-mau (its "
        "index.md, line 7); an old id can lead to one session only: keep it in the session whose "
        "id it was, remove it from the other"),
    "front-matter-image-symlink-loop": Case(
        front_matter_image_loop, f"{S}/index.md", 8, "leads nowhere", build=True),
    "blank-item-text": Case(
        edit(f"{S}/answers.yaml", "    text: |\n      Đề nghị đơn giản hóa hồ sơ cấp giấy phép xây dựng, "
             "lệ phí 1.500.000 đồng là cao.\n", "    text: '   '\n"),
        f"{S}/answers.yaml", 9, "the text is empty"),
    "photo-in-session-folder": Case(write(f"{S}/anh-2.webp", b"RIFF0000WEBP"), None),
    "item-type-written-in-vietnamese": Case(
        edit(f"{S}/answers.yaml", "type: proposal", "type: Kiến nghị"), f"{S}/answers.yaml", 3,
        "use one of question, opinion, proposal, complaint (write 'proposal' for 'Kiến nghị': values "
        "are written in English"),
    # 'Ghi nhận' (noted) says no mode: the import asks which, and so does validate, in the YAML's
    # words; it got a bare list of the modes (a review's find)
    "answer-mode-noted": Case(
        edit(f"{S}/answers.yaml", "official: Trưởng phòng\n", "official: Trưởng phòng\n"
             "        mode: Ghi nhận\n"), f"{S}/answers.yaml", 14,
        "'Ghi nhận' is not an allowed mode: use one of on_the_spot, in_writing, referred ('Ghi "
        "nhận' says that the opinion was noted, not how it was answered: write on_the_spot if it "
        "was answered at the session, in_writing if a written answer follows (its number in "
        "document), or, if it is not answered yet, remove this answer: an item without answers is "
        "shown as not answered yet, and a promise made goes in commitments)"),
    "answer-mode-noted-in-other-words": Case(  # read by its words (a diff reader's find)
        edit(f"{S}/answers.yaml", "official: Trưởng phòng\n", "official: Trưởng phòng\n"
             "        mode: Đã tiếp thu ý kiến cử tri\n"), f"{S}/answers.yaml", 14,
        "('Đã tiếp thu ý kiến cử tri' says that the opinion was noted, not how it was answered"),
    # 'Tiếp thu, giải trình' (explained) says that it was answered, not how: the choice is asked
    "answer-mode-explained": Case(
        edit(f"{S}/answers.yaml", "official: Trưởng phòng\n", "official: Trưởng phòng\n"
             "        mode: Tiếp thu, giải trình\n"), f"{S}/answers.yaml", 14,
        "('Tiếp thu, giải trình' says that the opinion was explained, not how: write on_the_spot "
        "if at the session, in_writing if in a written reply or report, its number in document)"),
    "session-kind-written-in-vietnamese": Case(
        edit(f"{S}/index.md", "place: quan-cam-le", "place: quan-cam-le\nkind: tiếp xúc cử tri"),
        f"{S}/index.md", 7, "(write 'voter_meeting' for 'tiếp xúc cử tri'"),
    "commitment-update-with-a-status-only": Case(  # what changed is said by the status
        edit(f"{S}/answers.yaml", "due: 2024-12-31", "due: 2024-12-31\n        status: done\n"
             "        updates:\n          - date: 2024-09-15\n            status: done"), None, build=True),
    "commitment-update-saying-nothing": Case(
        edit(f"{S}/answers.yaml", "due: 2024-12-31", "due: 2024-12-31\n        updates:\n"
             "          - date: 2024-09-15"), f"{S}/answers.yaml", 22,
        "an update says what changed: give it a status, a note, a new due date, or several"),
    # Links in the other pages are checked as the write-ups' are, in validate and the build.
    "home-page-link-to-a-missing-anchor": Case(
        write("index.md", "# Trang chủ\n\nXem [ý kiến](sessions/2024/2024-06-20-doi-thoai-mau/"
              "index.md#ho-so) tại buổi đối thoại.\n"),
        "index.md", 3, "points to #ho-so, which is not an item, answer, commitment or heading", build=True),
    # A file the build reads but never publishes: the link led to a 404 (a review's find).
    "write-up-link-to-a-registry-file": Case(
        edit(f"{S}/index.md", "Nhiều ý kiến", "Xem [danh mục](../../../registry/agencies.yaml). Nhiều"),
        f"{S}/index.md", 14, "points to registry/agencies.yaml, which the build reads and never publishes",
        build=True),
    "home-page-link-to-a-sessions-record": Case(
        write("index.md", "# Trang chủ\n\nXem [biên bản](sessions/2024/2024-06-20-doi-thoai-mau/"
              "answers.yaml).\n"),
        "index.md", 3, "which the build reads and never publishes"),
    # from a page other than the home page, a file link is read from the file's folder, as
    # MkDocs reads it (validate passed it, and the strict build stopped: a review's find)
    "about-page-link-to-a-sessions-record": Case(
        write("gioi-thieu.md", "# Giới thiệu\n\nXem [biên bản](sessions/2024/2024-06-20-doi-thoai-mau/"
              "answers.yaml).\n"),
        "gioi-thieu.md", 3, "which the build reads and never publishes", build=True),
    # from the root, too: the first message asked to write it relative, then refused that
    "guide-page-link-from-the-root-to-a-registry-file": Case(
        write("huong-dan/danh-muc.md", "# Danh mục\n\nXem [lĩnh vực](/registry/topics.yaml).\n"),
        "huong-dan/danh-muc.md", 3, "points to registry/topics.yaml, which the build reads and "
        "never publishes", build=True),
    # the relative form it suggests must not read as a scheme (a review's find: 'javascript:…')
    "guide-page-link-from-the-root-with-a-colon": Case(
        write("huong-dan/index.md", "# Hướng dẫn\n\nXem [mẫu](/huong-dan/mau:1.md).\n"),
        "huong-dan/index.md", 3, "write it relative to this page: './mau:1.md'"),
    "guide-page-link-to-a-missing-page": Case(
        write("huong-dan/nop-ho-so.md", "---\ntitle: Nộp hồ sơ\n---\n\n[Trang chủ](../index.md) "
              "và [câu hỏi](../cau-hoi.md)\n"),
        "huong-dan/nop-ho-so.md", 5, "points to cau-hoi.md, which is not a page", build=True),
    "home-page-link-from-the-root": Case(
        write("huong-dan/index.md", "# Hướng dẫn\n\nXem [phiên mẫu](/sessions/2024/"
              "2024-06-20-doi-thoai-mau/index.md).\n"),
        "huong-dan/index.md", 3, "write it relative to this page: '../sessions/2024/"
        "2024-06-20-doi-thoai-mau/index.md'", build=True),
    "about-page-link-to-a-draft": Case(
        chain(edit(f"{S}/index.md", "place: quan-cam-le", "place: quan-cam-le\ndraft: true"),
              write("gioi-thieu.md", "# Giới thiệu\n\nXem [phiên mẫu](sessions/2024/"
                    "2024-06-20-doi-thoai-mau/index.md).\n")),
        "gioi-thieu.md", 3, "which is a draft (draft: true) and not on the public site", build=True),
    "about-page-address-from-the-root": Case(
        write("gioi-thieu.md", "# Giới thiệu\n\nXem [Phòng Tư pháp](/agencies/phong-tu-phap/).\n"),
        "gioi-thieu.md", 3, "write it relative to this page: '../agencies/phong-tu-phap/'", build=True),
    # a document from the root: the advice was from the page's address ('../tai-lieu/…'), which
    # was then refused as outside the content folder (a diff reader's find)
    "about-page-document-from-the-root": Case(
        chain(write("tai-lieu/quy-che.pdf", "%PDF-1.4\n"),
              write("gioi-thieu.md", "# Giới thiệu\n\nXem [quy chế](/tai-lieu/quy-che.pdf).\n")),
        "gioi-thieu.md", 3, "write it relative to this page: 'tai-lieu/quy-che.pdf'", build=True),
    "address-of-a-missing-topic-page": Case(  # a page's address, not its .md file
        edit(f"{S}/index.md", "Nhiều ý kiến", "Xem [lĩnh vực](../../../topics/giay-phep/). Nhiều ý kiến"),
        f"{S}/index.md", 14, "points to the page of topic 'giay-phep'", build=True),
    "link-to-a-missing-heading-of-the-home-page": Case(
        chain(write("index.md", "# Trang chủ\n\n## Giới thiệu chung\n"),
              edit(f"{S}/index.md", "Nhiều ý kiến",
                   "Xem [trang chủ](../../../index.md#gioi-thieu). Nhiều ý kiến")),
        f"{S}/index.md", 14, "points to #gioi-thieu, which is not a heading of index.md", build=True),
    "home-page-link-to-a-missing-heading-of-its-own": Case(
        write("index.md", "# Trang chủ\n\n## Đường giao thông\n\nXem [mục](#duong-giao).\n"),
        "index.md", 5, "(did you mean 'duong-giao-thong'?)", build=True),
    "link-to-a-heading-with-d-stroke-of-another-page": Case(  # 'Đường' -> 'duong', on every page
        chain(write("gioi-thieu.md", "# Giới thiệu\n\n## Đường giao thông\n\n[Mục này](#duong-giao-thong)\n"),
              edit(f"{S}/index.md", "Nhiều ý kiến",
                   "Xem [giao thông](../../../gioi-thieu.md#duong-giao-thong). Nhiều ý kiến")),
        None, build=True),
    "home-page-front-matter-with-a-yaml-mistake": Case(  # MkDocs would show it as text
        write("index.md", "---\ntitle: [Trang chủ\n---\n\nXin chào.\n"), "index.md", 2,
        "YAML syntax error: the '[' opened here is not closed on its line", build=True),
    "page-title-with-an-unquoted-colon": Case(
        write("gioi-thieu.md", "---\ntitle: Giới thiệu: kho lưu trữ\n---\n\nXin chào.\n"),
        "gioi-thieu.md", 2, "a text containing ': ' must be quoted", build=True),
    "page-front-matter-without-its-closing-line": Case(
        write("gioi-thieu.md", "---\ntitle: Giới thiệu\n\nXin chào.\n"), "gioi-thieu.md", 1,
        "has no closing '---' line"),
    "page-front-matter-in-toml": Case(  # Hugo's '+++': published as text under 'About'
        write("gioi-thieu.md", "+++\ntitle = \"Giới thiệu\"\n+++\n\nXin chào.\n"), "gioi-thieu.md", 1,
        "'+++' starts a TOML front matter, which is not read", build=True),
    "page-front-matter-that-is-a-list": Case(
        write("gioi-thieu.md", "---\n- Giới thiệu\n---\n\nXin chào.\n"), "gioi-thieu.md", 2,
        "the front matter must be 'key: value' lines"),
    "page-title-that-is-a-list": Case(
        write("gioi-thieu.md", "---\ntitle: [Giới thiệu, kho]\n---\n\nXin chào.\n"), "gioi-thieu.md",
        2, "title must be a text"),
    "page-front-matter-valid": Case(
        write("gioi-thieu.md", "---\ntitle: 'Giới thiệu: kho lưu trữ'\nhide: [toc]\n---\n\nXin chào.\n"),
        None, build=True),
    "scaffold-placeholder-left-in-a-public-write-up": Case(
        edit(f"{S}/index.md", "Nhiều ý kiến", "...\n\nNhiều ý kiến"), f"{S}/index.md", 14,
        "the write-up still has the scaffold's placeholder '...'", build=True),
    "scaffold-placeholder-in-a-draft": Case(  # a draft is where it belongs
        chain(edit(f"{S}/index.md", "place: quan-cam-le", "place: quan-cam-le\ndraft: true"),
              edit(f"{S}/index.md", "Nhiều ý kiến", "...\n\nNhiều ý kiến")), None),
    "footnote-in-a-write-up": Case(  # its #fn:1 and #fnref:1 links are the Markdown's own
        edit(f"{S}/index.md", "Nhiều ý kiến",
             "Theo báo cáo[^1].\n\n[^1]: Báo cáo của UBND quận năm 2024.\n\nNhiều ý kiến"), None, build=True),
    "id-with-double-and-trailing-hyphen": Case(  # FORMAT.md's alphabet allows them
        edit(f"{S}/answers.yaml", "- id: ho-so-gpxd", "- id: ho-so--gpxd-"), None, build=True),
    # --- personal data ------------------------------------------------------------------
    "phone-in-answer": Case(
        edit(f"{S}/answers.yaml", "Phòng sẽ rà soát", "Gọi 0905 123 456, phòng sẽ rà soát"),
        f"{S}/answers.yaml",
        15,
        "phone number",
        build=True,
    ),
    "cccd-in-body": Case(
        edit(f"{S}/index.md", "Nhiều ý kiến", "Ông A (CCCD 048090001234) nêu nhiều ý kiến"),
        f"{S}/index.md",
        14,
        "CCCD",
    ),
    "email-in-summary": Case(
        edit(f"{S}/index.md", "summary: Buổi", "summary: Liên hệ a.b@gmail.com. Buổi"),
        f"{S}/index.md",
        7,
        "e-mail",
    ),
    "full-name-without-consent": Case(
        edit(
            f"{S}/answers.yaml",
            "label: Công dân phường Hòa Thọ Đông",
            "label: Ông Nguyễn Văn Hùng, phường Hòa Thọ Đông",
        ),
        f"{S}/answers.yaml",
        5,
        "named_with_consent",
    ),
    "full-name-with-consent": Case(
        edit(
            f"{S}/answers.yaml",
            "label: Công dân phường Hòa Thọ Đông",
            "label: Ông Nguyễn Văn Hùng\n      named_with_consent: true",
        )
    ),
    # --- unsafe links -------------------------------------------------------------------
    "source-javascript-url": Case(
        edit(
            f"{S}/index.md",
            "summary:",
            "sources:\n  - url: javascript:alert(1)\n    title: Bài gốc\nsummary:",
        ),
        f"{S}/index.md",
        8,
        "not a web address",
    ),
    "procedure-data-url": Case(
        edit(
            "registry/procedures.yaml", "topic: xay-dung", "topic: xay-dung\n  url: data:text/html,<b>x</b>"
        ),
        "registry/procedures.yaml",
        4,
        "not a web address",
    ),
    "bad-redaction-regex": Case(
        write("registry/redactions.yaml", "- pattern: '(abc'\n  regex: true\n"),
        "registry/redactions.yaml",
        1,
        "not a valid regular expression",
    ),
}


def validate(content: Path) -> subprocess.CompletedProcess[str]:
    """`dialogue-archive validate` with a time limit and a cap on memory."""
    return forked.run("dialogue-archive", ["validate", content, "--build-date", "2026-11-28"],
                      timeout=TIME_LIMIT, memory=MEMORY_LIMIT)


def make_case(tmp_path: Path, name: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    CASES[name].mutate(content)
    return content


def check_output(case: Case, output: str) -> None:
    assert "Traceback" not in output, output
    if case.file is None:
        return
    located = [m for m in map(LOCATED.match, output.splitlines()) if m]
    assert located, f"no file:line:column message in:\n{output}"
    hits = [
        m
        for m in located
        if m["file"] == case.file
        and case.message in m["message"]
        and (case.line is None or int(m["line"]) == case.line)
    ]
    assert hits, f"expected {case.file}:{case.line}: …{case.message}… in:\n{output}"


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert sum(case.build for case in CASES.values()) >= 10


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_reports_or_accepts(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    result = validate(make_case(tmp_path, name))
    output = result.stdout + result.stderr
    assert result.returncode == (0 if case.file is None else 1), output
    check_output(case, output)


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.build))
def test_build_refuses_or_publishes(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    content = make_case(tmp_path, name)
    site = tmp_path / "site"
    config = write_config(tmp_path, content, site, build_date="2026-11-28")
    result = run_build(config, timeout=TIME_LIMIT * 4)
    output = result.stdout + result.stderr
    check_output(case, output)
    if case.file is None:
        assert result.returncode == 0, output
        page = parse(site / S / "index.html")
        title = page.find("h1").get_text(" ", strip=True)
        assert title == unicodedata.normalize("NFC", title)
        assert "Cẩm Lệ" in title
    else:
        assert result.returncode != 0, output
        assert not site.exists(), "a failed build must publish nothing"


def test_validate_given_the_site_folder_checks_the_content_folder_mkdocs_yml_names(
        tmp_path: Path) -> None:
    """Offices run `validate` where their mkdocs.yml is, or name that file; its docs_dir is the
    content folder."""
    shutil.copytree(BASE, tmp_path / "noidung")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Xã Trường Giang\ndocs_dir: noidung\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    for given in (tmp_path, tmp_path / "mkdocs.yml"):
        result = validate(given)
        assert result.returncode == 0, result.stderr
        assert "names the content folder" in result.stdout and "OK: 1 session, 1 item, " in result.stdout


def test_a_nul_character_is_reported_at_its_column(tmp_path: Path) -> None:
    """It was always reported at column 1, wherever it stood on its line."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    transform(f"{S}/answers.yaml", lambda b: b.replace("hóa".encode(), b"h\x00a", 1))(content)
    result = validate(content)
    assert f"content/{S}/answers.yaml:10:25: the file contains a NUL character" in result.stderr, \
        result.stderr


@pytest.mark.parametrize(("answers", "blank"), [
    ("", "is empty"), ("# biên bản gửi sau\n\n", "is empty"),
    ("items:\n", "has 'items:' with nothing under it"), ("items: []\n", None)])
def test_an_empty_record_of_a_held_session_gets_a_warning(
        tmp_path: Path, answers: str, blank: str | None) -> None:
    """An answers.yaml emptied by mistake passed silently, and the held session's questions,
    answers and commitments vanished from the site; the scaffold's `items: []` (a record to
    follow, as a missing file) still passes without a word."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    write(f"{S}/answers.yaml", answers)(content)
    result = validate(content)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warning = f"content/{S}/answers.yaml:1:1: warning: answers.yaml {blank}, so the session held on " \
              "20/06/2024 is published without questions, answers or commitments"
    assert (warning in output) == (blank is not None), output
    assert ("warning" in output) == (blank is not None), output


def test_a_bad_date_hides_not_the_placeholder_still_in_the_write_up(tmp_path: Path) -> None:
    """'A mistake in one key hides nothing else': the scaffold's '...' left in the write-up of
    a session that is no draft is reported with the date that does not parse, in one run."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    index = content / S / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("date: 2024-06-20", "date: 2024-06-31")
                     + "\n...\n", encoding="utf-8")
    result = validate(content)
    problems = [line.split(": ", 1)[0] for line in result.stderr.splitlines() if LOCATED.match(line)]
    assert f"content/{S}/index.md:3:7" in problems, result.stderr
    placeholder = len(index.read_text(encoding="utf-8").splitlines())
    assert f"content/{S}/index.md:{placeholder}:1" in problems, result.stderr
    index.write_text(index.read_text(encoding="utf-8").replace("title:", "draft: true\ntitle:"),
                     encoding="utf-8")
    draft = validate(content)
    assert [line.split(": ", 1)[0] for line in draft.stderr.splitlines()
            if LOCATED.match(line)] == [f"content/{S}/index.md:4:7"], draft.stderr
    # a draft's front matter that does not parse: whether it is a draft is unknown, and its
    # placeholder was said at the write-up's end as if it were none (a review's find)
    index.write_text(index.read_text(encoding="utf-8").replace("date: 2024-06-31", "date: 2024-06-30")
                     .replace("draft: true", "draft: true\n  subject: sai thụt lề"), encoding="utf-8")
    broken = validate(content)
    located = [line for line in broken.stderr.splitlines() if LOCATED.match(line)]
    assert len(located) == 1 and "YAML syntax error" in located[0], broken.stderr


def test_front_matter_without_its_closing_line_says_so_when_the_text_has_a_rule(
        tmp_path: Path) -> None:
    """Without its closing '---', the front matter runs on to a horizontal rule '---' in the
    write-up, and YAML complains about a sentence: the message also says what is missing."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    index = content / S / "index.md"
    lines = index.read_text(encoding="utf-8").split("\n")
    assert lines[7] == "---"
    index.write_text("\n".join(lines[:7] + lines[8:]) + "\n---\n\nẢnh: Văn phòng.\n",
                     encoding="utf-8")
    result = validate(content)
    assert result.returncode == 1
    closing = len(lines)  # the rule added under the text (one line fewer above, one blank)
    assert (f"content/{S}/index.md:1:1: the front matter that starts here seems to have no "
            f"closing '---': the write-up down to the '---' on line {closing} (from line 9, say) "
            "was read as its YAML") in result.stderr, result.stderr


def test_a_session_still_to_come_has_no_answers_or_commitments_yet(tmp_path: Path) -> None:
    """An answer without a date of its own is given at the session: one of a session dated after
    the build would show it as held, with a commitment's outcome no one has reached."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    future = content / "sessions" / "2026" / "2026-12-10-doi-thoai-mau"
    future.parent.mkdir()
    (content / S).rename(future)
    index = future / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("date: 2024-06-20", "date: 2026-12-10"),
                     encoding="utf-8")
    answers = future / "answers.yaml"
    answers.write_text(answers.read_text(encoding="utf-8").replace("due: 2024-12-31", "due: 2027-03-31"),
                       encoding="utf-8")
    result = validate(content)
    problems = [line for line in result.stderr.splitlines() if LOCATED.match(line)]
    assert result.returncode == 1
    assert [p.split(": ", 1)[0] for p in problems] == [
        "content/sessions/2026/2026-12-10-doi-thoai-mau/answers.yaml:12:9",
        "content/sessions/2026/2026-12-10-doi-thoai-mau/answers.yaml:17:9"], result.stderr
    assert ("an answer of a session dated 2026-12-10, after the day of the build (2026-11-28): the "
            "session has not been held yet") in problems[0]
    assert "a commitment of a session dated 2026-12-10" in problems[1]


@pytest.mark.parametrize(("answer", "said"), [
    ("        mode: on_the_spot\n        date: 2024-06-25\n", "on_the_spot"),
    ("        date: 2024-06-25\n", "on_the_spot (the default: it is not written)"),
    ("        mode: in_writing\n        date: 2024-06-25\n", None),
    ("        mode: on_the_spot\n        date: 2024-06-20\n", None)],
    ids=["on-the-spot", "mode-not-written", "in-writing", "on-the-session-day"])
def test_an_answer_on_the_spot_dated_after_the_session_is_an_error(
        tmp_path: Path, answer: str, said: str | None) -> None:
    """An answer given on the spot is given at the session: one dated five days later passed
    validate and was shown as "Trả lời trực tiếp · 25/6/2024", counted among the session's
    on-the-spot answers. An error at its date, as the same cells are in `import` (it was a
    warning, and a review found it published)."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    edit(f"{S}/answers.yaml", "        official: Trưởng phòng\n",
         f"        official: Trưởng phòng\n{answer}")(content)
    line = 13 + answer.count("\n")
    error = (f"content/{S}/answers.yaml:{line}:15: answer dated 2024-06-25, after the "
             f"session (2024-06-20), but its mode is {said}: an answer given on the spot is given "
             "at the session. For an answer sent after it, write mode: in_writing (with its "
             "document, if any); for one given at the session, remove the date (it is the "
             "session's)")
    result = validate(content)
    output = result.stdout + result.stderr
    assert result.returncode == (0 if said is None else 1), output
    assert (error in output) == (said is not None), output
    assert ": warning:" not in output, output
    if said is None:
        return
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28")
    built = run_build(config, timeout=TIME_LIMIT * 4)
    assert built.returncode == 1 and error.removeprefix("content/") in built.stderr, built.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(("file", "old", "new", "problem"), [
    ("places.yaml", "kind: district", "kind: huyen", "places.yaml:3:9: 'huyen' is not"),
    # its id under a mistyped key (a review's find: one typo was 6 errors, 5 at correct lines
    # and advising a dissolved province instead)
    ("places.yaml", "- id: quan-cam-le", "- idd: quan-cam-le",
     "places.yaml:1:3: unknown key 'idd' (did you mean 'id'?)"),
    ("agencies.yaml", "- id: ubnd-quan-cam-le", "- Id: ubnd-quan-cam-le",
     "agencies.yaml:1:3: unknown key 'Id' (did you mean 'id'?)"),
])
def test_an_invalid_registry_entry_is_reported_once_not_at_every_use(
        tmp_path: Path, file: str, old: str, new: str, problem: str) -> None:
    shutil.copytree(BASE, tmp_path / "content")
    edit(f"registry/{file}", old, new)(tmp_path / "content")
    result = validate(tmp_path / "content")
    located = [m.group(0) for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert len(located) == 1 and located[0].startswith(f"content/registry/{problem}"), located


def test_an_item_that_does_not_validate_still_has_its_registry_ids_checked(tmp_path: Path) -> None:
    """All problems at once: a bad asker place must not hide an unknown topic, procedure or
    agency."""
    shutil.copytree(BASE, tmp_path / "content")
    answers = f"{S}/answers.yaml"
    edit(answers, "place: phuong-hoa-tho-dong", "place: Hòa Thọ Đông")(tmp_path / "content")
    edit(answers, "topics: [xay-dung]", "topics: [xay-dungg]")(tmp_path / "content")
    edit(answers, 'procedures: ["1.009994"]', 'procedures: ["1.00999"]')(tmp_path / "content")
    edit(answers, "- by: phong-quan-ly-do-thi", "- by: phong-qldt")(tmp_path / "content")
    result = validate(tmp_path / "content")
    messages = [(int(m["line"]), m["message"]) for m in map(LOCATED.match, result.stderr.splitlines())
                if m]
    assert [line for line, _ in messages] == [6, 7, 8, 12], messages
    assert "unknown topic 'xay-dungg'" in messages[1][1]
    assert "unknown procedure '1.00999'" in messages[2][1], messages
    assert "unknown agency 'phong-qldt'" in messages[3][1]


def linked_from_a_later_session(tmp_path: Path, links: str) -> Path:
    """The base archive, with a session of the next day whose write-up holds `links` (Markdown)
    into the base session; returns the content folder."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    later = "sessions/2024/2024-06-21-phien-sau"
    shutil.copytree(content / S, content / later)
    (content / later / "answers.yaml").unlink()
    edit(f"{later}/index.md", "date: 2024-06-20", "date: 2024-06-21")(content)
    edit(f"{later}/index.md", "Nhiều ý kiến", f"{links} Nhiều ý kiến")(content)
    return content


@pytest.mark.parametrize("old, new, problem, items", [
    # an optional key wrong: the item is checked without it, and listed (`loader.salvaged`)
    ("due: 2024-12-31", "due: 2024-02-30",
     "21:14: '2024-02-30' is not a day of the calendar; check the day and the month",
     " (its items: ho-so-gpxd)"),
    # a key it needs wrong: the item is left out, but not its anchors
    ("type: proposal", "type: kien-nghi", "4:11: 'kien-nghi' is not an allowed type", ""),
    # its aliases wrong: the item is checked without them, but a link to one is not broken
    ("aliases: [gpxd]", "aliases: [gpxd, Bí danh]", "3:21: 'Bí danh' is not a valid id",
     " (its items: ho-so-gpxd)"),
    # its id in capitals: read as its id (a review's find: two errors and a broken link)
    ("- id: ho-so-gpxd", "- Id: ho-so-gpxd", "2:5: unknown key 'Id' (did you mean 'id'?)",
     " (its items: ho-so-gpxd)"),
])
def test_a_link_to_an_item_that_does_not_validate_is_not_reported_as_broken_too(
        tmp_path: Path, old: str, new: str, problem: str, items: str) -> None:
    """The item's mistake is the one problem: its anchors (id, alias, commitments) still count
    for links from other sessions, and a link to an anchor it never had is still reported."""
    content = linked_from_a_later_session(
        tmp_path, "Xem [ý kiến](../2024-06-20-doi-thoai-mau/index.md#ho-so-gpxd), [bí danh]"
        "(../2024-06-20-doi-thoai-mau/index.md#gpxd), [cam kết]"
        "(../2024-06-20-doi-thoai-mau/index.md#cam-ket-ra-soat-ho-so) và [không có]"
        "(../2024-06-20-doi-thoai-mau/index.md#khong-co).")
    edit(f"{S}/answers.yaml", "  - id: ho-so-gpxd\n", "  - id: ho-so-gpxd\n    aliases: [gpxd]\n")(content)
    edit(f"{S}/answers.yaml", old, new)(content)
    result = validate(content)
    located = [m.group(0) for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert len(located) == 2 and located[0].startswith(f"content/{S}/answers.yaml:{problem}"), located
    assert located[1] == (
        "content/sessions/2024/2024-06-21-phien-sau/index.md:14:202: the link "
        "'../2024-06-20-doi-thoai-mau/index.md#khong-co' points to #khong-co, which is not an item, "
        f"answer, commitment or heading of session 2024-06-20-doi-thoai-mau{items}; fix the anchor or "
        "remove it"), result.stderr


@pytest.mark.parametrize(("mistakes", "problems"), [
    # a key it needs wrong and its id under a mistyped key: the item is left out, not its anchors
    ([("- id: ho-so-gpxd", "- idd: ho-so-gpxd"), ("type: proposal", "type: kien-nghi")],
     ["2:5: unknown key 'idd' (did you mean 'id'?)", "3:11: 'kien-nghi' is not an allowed type"]),
    ([("items:", "itemz:")], ["1:1: unknown key 'itemz' (did you mean 'items'?)"]),
    ([], []),  # none in the record, but its write-up missing: the folder's problem, below
])
def test_one_mistake_in_a_record_makes_no_link_to_it_broken_too(
        tmp_path: Path, mistakes: list[tuple[str, str]], problems: list[str]) -> None:
    """A review's finds: each of these mistakes also reported a correct link to the item from
    another session, with a 'did you mean' naming an unrelated session for the last."""
    content = linked_from_a_later_session(
        tmp_path, "Xem [ý kiến](../2024-06-20-doi-thoai-mau/index.md#ho-so-gpxd).")
    for old, new in mistakes:
        edit(f"{S}/answers.yaml", old, new)(content)
    if not problems:
        (content / S / "index.md").unlink()
        problems = ["1:1: the session folder '2024-06-20-doi-thoai-mau' has no index.md write-up"]
        file = f"{S}/index.md"
    else:
        file = f"{S}/answers.yaml"
    result = validate(content)
    located = [m.group(0) for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert len(located) == len(problems), result.stderr
    for line, problem in zip(located, problems, strict=True):
        assert line.startswith(f"content/{file}:{problem}"), located


def test_a_record_with_a_syntax_error_does_not_make_links_to_it_broken_too(tmp_path: Path) -> None:
    """A YAML syntax error is the one problem: which anchors the page would have is unknown, so
    a link to one of them is not reported (a user would otherwise remove a good link)."""
    content = linked_from_a_later_session(
        tmp_path, "Xem [ý kiến](../2024-06-20-doi-thoai-mau/index.md#ho-so-gpxd).")
    edit(f"{S}/answers.yaml", "    type: proposal", "\ttype: proposal")(content)
    result = validate(content)
    located = [m.group(0) for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert len(located) == 1 and located[0].startswith(f"content/{S}/answers.yaml:"), result.stderr
    assert "tab" in located[0], located


def test_a_registry_entry_with_two_mistakes_reports_both(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    edit("registry/topics.yaml", "id: dat-dai", "id: xay-dung\n  mo_ta: Đất đai")(content)
    result = validate(content)
    located = [m.group(0) for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert len(located) == 2, result.stderr
    assert "duplicate id 'xay-dung' (first used on line 1)" in located[0]
    assert "unknown key 'mo_ta'" in located[1]


UNFIT_TAGS = ['!!bool x', '!!seq x', '!!seq {a: 1}', '!!timestamp x', '!!int ""', '!!int +',
              '!!float ""', '!!int x', '!!int 1.5', '!!float x', '!!map x', '!!null x']
"""Standard YAML tags before values they cannot make: PyYAML's constructors stopped validate
and the build with a traceback, or said Python's words ('invalid literal for int()') at line 1;
`!!null x` lost its x without a word."""
TAGGED_FIELDS = {  # file: (written, position of its value)
    f"{S}/index.md": ("summary: Buổi đối thoại về thủ tục cấp giấy phép xây dựng.", "7:10"),
    f"{S}/answers.yaml": ("        official: Trưởng phòng", "13:19"),
    "registry/topics.yaml": ("  name: Đất đai", "5:9"),
}


@pytest.mark.parametrize("file", sorted(TAGGED_FIELDS))
@pytest.mark.parametrize("value", UNFIT_TAGS)
def test_a_standard_tag_that_does_not_fit_its_value_is_named_at_the_value(
        tmp_path: Path, file: str, value: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    written, position = TAGGED_FIELDS[file]
    edit(file, written, f"{written.partition(': ')[0]}: {value}")(content)
    result = validate(content)
    tag, _, rest = value.partition(" ")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"content/{file}:{position}: '{tag}' is a YAML tag that does not fit the value '{rest}', " \
           "and tags are not used in this archive: write the value plainly" in result.stderr, result.stderr


@pytest.mark.parametrize("value", ["!!bool x", "!!int x"])
def test_a_standard_tag_that_does_not_fit_its_value_in_the_labels_file(tmp_path: Path, value: str) -> None:
    from dialogue_archive.core.label_overrides import use_labels
    path = tmp_path / "nhan.yaml"
    path.write_text(f"nav:\n  sessions: {value}\n", encoding="utf-8")
    problems = use_labels(path)
    assert problems == [f"{path}:2:13: '{value[:-2]}' is a YAML tag that does not fit the value 'x', and "
                        "tags are not used in this archive: write the value plainly, without it (a "
                        "text starting with '!' is written in quotes)"], problems


def test_a_number_yaml_cannot_make_is_named_at_its_place(tmp_path: Path) -> None:
    """`0b_` reads as a binary number to YAML, which then fails to make one: 'YAML value error:
    invalid literal for int() with base 2' at line 1."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    edit(f"{S}/answers.yaml", "official: Trưởng phòng", "official: 0x_")(content)
    result = validate(content)
    assert f"content/{S}/answers.yaml:13:19: YAML reads '0x_' as a number but cannot make one of " \
           "it: if it is a text, write it in quotes (\"0x_\")" in result.stderr, result.stderr


@pytest.mark.parametrize(("file", "written", "position"), [
    (f"{S}/index.md", "thủ tục hành chính\ndate", "2:69"),
    (f"{S}/answers.yaml", "Hòa Thọ Đông\n", "5:42"),
    ("registry/topics.yaml", "Đất đai", "5:16")])
@pytest.mark.parametrize("character", ["\x0b", "\x07", "\x1b", "\x0c", "\x7f"])
def test_a_control_character_in_yaml_is_named_at_its_place(
        tmp_path: Path, file: str, written: str, position: str, character: str) -> None:
    """PyYAML's reader said 'index.md:2:1: YAML error: unacceptable character #x000b: control
    characters are not allowed', then '"<unicode string>", position 265' on a line of its own:
    the front matter's first line, and a byte offset no editor shows."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    at = written.index("\n") if "\n" in written else len(written)
    edit(file, written, written[:at] + character + written[at:])(content)
    result = validate(content)
    why = "Word's line break, Shift+Enter" if character == "\x0b" else "often pasted from Word or a PDF"
    assert result.stderr.splitlines()[0] == (
        f"content/{file}:{position}: the file contains an invisible control character "
        f"(U+{ord(character):04X}, {why}), which YAML does not accept: delete the character here, "
        "or replace it with a space or a new line, and save the file again"), result.stderr
    assert "unicode string" not in result.stderr


@pytest.mark.parametrize(("file", "written", "position"), [
    (f"{S}/index.md", "về thủ tục hành chính", "2:50"),
    (f"{S}/answers.yaml", "lệ phí 1.500.000 đồng là cao.", "10:60")])
@pytest.mark.parametrize(("character", "name"), [
    ("\u2028", "line separator (U+2028)"), ("\u2029", "paragraph separator (U+2029)"),
    ("\u0085", "next-line character (U+0085)")])
def test_a_line_break_editors_do_not_show_is_named_at_its_place(
        tmp_path: Path, file: str, written: str, position: str, character: str, name: str) -> None:
    """YAML counts these as line breaks, editors and grep do not: the file was read in other
    lines than it shows, and every later message in it pointed one line too low."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    edit(file, written, written.replace(" ", character, 1))(content)
    result = validate(content)
    located = [m.group(0) for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert located == [
        f"content/{file}:{position}: the file contains a {name}, as pasted from a web page or a PDF: "
        "editors show no line break there, but YAML reads one and counts every line after it one off; "
        "replace it by a space or a new line"], located


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    (f"{S}/index.md", "summary:", "image: {src: \"data:image/png;base64," + "A" * 200_000 + "\"}\nsummary:",
     f"content/{S}/index.md:7:14: image.src 'data:image/png;base64,{'A' * 38}…' must be the name of "
     "a file next to index.md (no folders, no '..')"),
    (f"{S}/answers.yaml", "due: 2024-12-31", "due: [2024-12-31, 2025-06-30]",
     f"content/{S}/answers.yaml:20:14: a list is not a date: write it as YYYY-MM-DD (e.g. 2024-06-20)")])
def test_a_message_names_a_long_or_listed_value_in_a_few_words(
        tmp_path: Path, file: str, old: str, new: str, message: str) -> None:
    """A 200,000-character image.src (a picture pasted as a data address) was echoed whole, a
    line of 200,122 characters; `due: [a, b]` was "'['a', 'b']' is not a date" and then told
    how to write a period."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    edit(file, old, new)(content)
    result = validate(content)
    located = [m.group(0) for m in map(LOCATED.match, result.stderr.splitlines()) if m]
    assert located == [message], [line[:300] for line in located]


def test_a_stray_rule_among_the_front_matter_keys_gets_a_warning_and_the_build_goes_on(
        tmp_path: Path) -> None:
    """A `---` inserted before `summary:` silently ended the front matter: the keys after it
    were published as the write-up's first paragraph ('summary: Buổi đối thoại…'), and
    validate said OK."""
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    edit(f"{S}/index.md", "summary:", "---\nsummary:")(content)
    warning = (f"content/{S}/index.md:7:1: warning: the '---' on this line ends the front matter, but "
               "the write-up after it starts with front matter keys (summary), which would be "
               "published as its text: remove this '---' if it is stray (the front matter ends at "
               "the '---' after its last key)")
    result = validate(content)
    assert result.returncode == 0 and warning in result.stdout + result.stderr, result.stdout + result.stderr
    config = write_config(tmp_path, content, tmp_path / "site", build_date="2026-11-28")
    built = run_build(config, timeout=TIME_LIMIT * 4)
    assert built.returncode == 0 and warning.removeprefix("content/") in built.stderr, built.stderr
