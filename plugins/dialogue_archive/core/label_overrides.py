"""A site's own words: a YAML file with labels of `labels.VI` that replace the archive's.

For another kind of archive (a People's Council publishing its voter meetings says "Buổi tiếp
xúc cử tri" where the sample says "Phiên đối thoại") or another language. Every module reads
`labels.VI`, so the file's words are put in it, in place; the archive's own are put back first,
so that a preview that rebuilds after the file changed starts from them.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

from .labels import REMOVED, VI, is_counted
from .problems import ProblemLog, did_you_mean
from .text_files import read_text
from .yamlio import YamlError, load_yaml

ARCHIVE_WORDS = copy.deepcopy(VI)
"""The archive's own words, as labels.py has them."""
SPACES = {"locale.thousands"}
"""Labels that may be a space, or nothing ('1 234', '1234')."""
PLACEHOLDER = re.compile(r"\{(\w+)\}")
"""'{year}' in 'Phiên đối thoại năm {year}': a label's own must stay, in any order."""


DATE_FORMS = {"locale.date", "locale.short_date"}
"""Date forms: each may write the month by its name, {month_name} (the `month` labels)."""
MONTH_NAME = "month_name"
SINGULAR = "_one"
"""'commitments_count_one': a counted label's form for 1 (labels.COUNTED)."""
MOVED = {"commitments.inherited": ("overdue", "commitments.inherited_overdue")}
"""A label's {…} that became a label of its own: an older labels file writing it is refused,
and told where it went (deleting it alone would leave that sentence in the archive's words)."""


def use_labels(path: Path | None) -> list[str]:
    """Put the archive's words back in VI, then the file's; every problem with the file as
    `file:line:column: message` (and then none of its words is used), the file named as the
    content's are (ProblemLog.display): from the folder the command runs in when below it."""
    _drop_added(VI, ARCHIVE_WORDS)
    _put(VI, ARCHIVE_WORDS)
    if path is None:
        return []
    log = ProblemLog()
    shown = log.display(path)
    if not path.is_file():
        why = "not a file" if path.exists() else "no such file"
        return [f"{shown}:1:1: the labels file cannot be read ({why}); check the plugin's `labels` "
                "option in mkdocs.yml (a path from the folder of mkdocs.yml)"]
    text = read_text(path, log)  # as the content's files are: UTF-8, no NUL, not too large
    if text is None:  # a file saved in another encoding stopped the build with a traceback
        return [f"{p.path}:{p.line}:{p.column}: {p.message}" for p in log.problems]
    try:
        data, issues = load_yaml(text)
    except YamlError as error:
        return [f"{shown}:{error.issue.line}:{error.issue.column}: {error.issue.message}"]
    problems = [f"{shown}:{issue.line}:{issue.column}: {issue.message}" for issue in issues]
    if data is None:
        return problems
    if not isinstance(data, dict):
        return [*problems, f"{shown}:1:1: a labels file maps label names to texts, as core/labels.py "
                           "does (nav:, then sessions: Buổi tiếp xúc cử tri, indented)"]
    problems += _check(data, VI, (), shown)
    if not problems:
        _put(VI, data)
    return problems


def _check(data: dict[Any, Any], archive: dict[str, Any], where: tuple[str, ...], shown: str) -> list[str]:
    problems = []
    for key, value in data.items():
        line, column = getattr(data, "key_pos", {}).get(key, (1, 1))
        name = ".".join((*where, str(key)))
        at = f"{shown}:{line}:{column}: "
        own = archive.get(key) if isinstance(key, str) else None
        if own is None and isinstance(key, str) and key.endswith(SINGULAR) \
                and isinstance(archive.get(base := key.removesuffix(SINGULAR)), str) \
                and is_counted(".".join((*where, base))):
            own = archive[base]  # a counted label's singular holds what the label holds
        if own is None and name in REMOVED:
            problems.append(f"{at}'{name}' is no longer used by the archive (it changed nothing a "
                            "reader sees): delete this line")
        elif own is None and (elsewhere := [group for group in _groups_holding(str(key), ARCHIVE_WORDS)
                                            if group != where]):
            problems.append(f"{at}'{key}' is under {_group_name(elsewhere[0])}, not "
                            f"{_group_name(where)}; move it there, indented under it")
        elif own is None:
            singular = (" (a singular '…_one' is for a label said with a count: labels.COUNTED "
                        "names them)" if str(key).endswith(SINGULAR) else "")
            problems.append(f"{at}'{name}' is no label{did_you_mean(str(key), list(archive))}; "
                            f"the labels and their places are those of core/labels.py{singular}")
        elif isinstance(own, dict):
            if isinstance(value, dict):
                problems += _check(value, own, (*where, key), shown)
            else:
                problems.append(f"{at}'{name}' holds labels ({', '.join(list(own)[:4])}, …): write "
                                "the ones to replace under it, indented")
        elif isinstance(own, list):
            if not (isinstance(value, list) and len(value) == len(own)
                    and all(isinstance(v, str) and v.strip() for v in value)):
                problems.append(f"{at}'{name}' is a list of {len(own)} texts")
        elif not isinstance(value, str) or not (value.strip() or name in SPACES):
            problems.append(f"{at}'{name}' is a text: write it after the ':'")
        elif (broken := _stray_braces(value)) is not None:
            problems.append(f"{at}'{name}' has {broken}: a label writes '{{' and '}}' only around a "
                            "place for a value, as {name} (as the archive's label); write the text's "
                            "own without them (in parentheses, say)")
        elif (kept := set(PLACEHOLDER.findall(own))) != _placeholders(name, value):
            problems.append(f"{at}'{name}' must hold {_braced(sorted(kept))}"
                            " and no other {…}: the site puts its value there"
                            + (" ({month_name} may stand for {month})" if name in DATE_FORMS else "")
                            + _moved(name, value)
                            if kept else
                            f"{at}'{name}' takes no {{…}}, the site has nothing to put there: "
                            f"remove {_braced(PLACEHOLDER.findall(value))}")
    return problems


def _braced(names: list[str]) -> str:
    """'{x}, {y}': the {…} a text holds, each once, as it writes them."""
    return ", ".join("{" + field + "}" for field in dict.fromkeys(names))


def _moved(name: str, value: str) -> str:
    """Where a {…} the label `name` held once went, when `value` still writes it ('' if not)."""
    field, label = MOVED.get(name.removesuffix(SINGULAR), ("", ""))
    return (f"; {{{field}}} is now said by a label of its own, '{label}': move that part of the "
            "text there") if field and field in PLACEHOLDER.findall(value) else ""


def _groups_holding(key: str, words: dict[str, Any], where: tuple[str, ...] = ()
                    ) -> list[tuple[str, ...]]:
    """Every group of `words` (as a path of keys) holding a label `key`: a label written in
    the wrong group was given a "did you mean" of that group's closest, wrong, label."""
    found = [where] if key in words else []
    for name, value in words.items():
        if isinstance(value, dict):
            found += _groups_holding(key, value, (*where, name))
    return found


def _group_name(where: tuple[str, ...]) -> str:
    return f"{'.'.join(where)}:" if where else "the top level"


def _placeholders(name: str, value: str) -> set[str]:
    """The {…} of a label, a date form's {month_name} counted as the {month} it replaces."""
    held = set(PLACEHOLDER.findall(value))
    if name in DATE_FORMS and MONTH_NAME in held:
        held = (held - {MONTH_NAME}) | {"month"}
    return held


def _stray_braces(value: str) -> str | None:
    """What brace of a label is not around a place for a value ('{}', a lone '{', '{{'), or
    None. Templates show most labels as written, and only some go through Python's format(),
    so an escaped '{{' would be shown doubled on some pages and single on others."""
    if "{{" in value or "}}" in value:
        return "a doubled brace ('{{' or '}}')"
    rest = PLACEHOLDER.sub("", value)
    if "{}" in rest:
        return "an empty {}"
    if stray := [c for c in rest if c in "{}"]:
        return f"a '{stray[0]}' that is not around a place for a value"
    return None


def _drop_added(target: dict[str, Any], archive: dict[str, Any]) -> None:
    """Take out of `target` the labels an earlier file added (singulars): a preview that
    rebuilds after one was deleted from the file would still use it."""
    for key in [key for key in target if key not in archive]:
        del target[key]
    for key, value in archive.items():
        if isinstance(value, dict):
            _drop_added(target[key], value)


def _put(target: dict[str, Any], words: dict[str, Any]) -> None:
    """`words` into `target`, dictionaries merged, texts and lists replaced."""
    for key, value in words.items():
        if isinstance(value, dict):
            _put(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def untranslated(words: dict[str, Any] = VI, archive: dict[str, Any] = ARCHIVE_WORDS,
                 where: str = "") -> list[str]:
    """The names of the labels still the archive's Vietnamese words under a labels file of
    another language (`locale.lang`): a partial English file built pages of lang="en" that were
    mostly Vietnamese, without a word (a helper's find). Words that are the same in any
    language (numbers' forms, symbols, names) are those without a Vietnamese letter."""
    if not where and words["locale"]["lang"] == archive["locale"]["lang"]:
        return []
    names = []
    for key, value in archive.items():
        name = f"{where}{key}"
        if isinstance(value, dict):
            names += untranslated(words[key], value, f"{name}.")
        elif isinstance(value, str) and words[key] == value and VIETNAMESE_LETTER.search(value):
            names.append(name)
    return names


VIETNAMESE_LETTER = re.compile("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
                               re.IGNORECASE)
"""A letter only Vietnamese of the languages a site's interface is in."""
