"""Property-based tests: whatever bytes or YAML a file holds, the loader reports located
problems (or accepts the archive) and never raises, in bounded time."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from dialogue_archive.core.loader import load_archive
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_bad_input import BASE, S

FUZZ = settings(max_examples=120, deadline=2000, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(),
    st.sampled_from(
        [
            "ho-so-gpxd",
            "xay-dung",
            "proposal",
            "ubnd-quan-cam-le",
            "0905 123 456",
            "2024-02-30",
            "1.009994",
            "<script>alert(1)</script>",
            "Ông Nguyễn Văn Hùng",
        ]
    ),
)
keys = st.sampled_from(
    [
        "items",
        "id",
        "type",
        "asker",
        "label",
        "topics",
        "text",
        "answers",
        "by",
        "commitments",
        "due",
        "status",
        "updates",
        "date",
        "note",
        "mode",
        "named_with_consent",
        "procedures",
        "x",
    ]
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5)),
    max_leaves=25,
)


@contextmanager
def archive_with(relative: str, content: bytes) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        shutil.copytree(BASE, root)
        (root / relative).write_bytes(content)
        yield root


def check_loads(root: Path) -> None:
    _, log = load_archive(root)
    for problem in log.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
        assert not Path(problem.path).is_absolute()


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_as_answers(content: bytes) -> None:
    with archive_with(f"{S}/answers.yaml", content) as root:
        check_loads(root)


@FUZZ
@given(documents)
def test_random_yaml_documents_as_answers(document: object) -> None:
    text = yaml.safe_dump(
        {"items": [document]} if isinstance(document, dict) else document, allow_unicode=True
    )
    with archive_with(f"{S}/answers.yaml", text.encode()) as root:
        check_loads(root)


@FUZZ
@given(documents, st.text(max_size=300))
def test_random_front_matter_and_body(document: object, body: str) -> None:
    text = "---\n" + yaml.safe_dump(document, allow_unicode=True) + "---\n" + body
    with archive_with(f"{S}/index.md", text.encode()) as root:
        check_loads(root)


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#%@` \t\n?,abc01ờ")), max_size=200))
def test_random_yaml_punctuation_in_registry(text: str) -> None:
    with archive_with("registry/topics.yaml", text.encode()) as root:
        check_loads(root)
