"""The sample archive read straight from its YAML, independently of the plugin's code path.

Tests compare what the site and the data files show with these plain readings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml
from conftest import CONTENT, SAMPLE_BUILD_DATE


@dataclass
class RawSession:
    id: str
    meta: dict
    items: list[dict]


def _published(meta: dict, build_date: dt.date) -> bool:
    if meta.get("draft"):
        return False
    when = meta.get("published") or meta["date"]
    day = when.date() if isinstance(when, dt.datetime) else when
    return day <= build_date


def raw_sessions(content: Path = CONTENT, build_date: dt.date = SAMPLE_BUILD_DATE) -> list[RawSession]:
    """Published sessions of a content folder, as plain YAML data."""
    sessions = []
    for index in sorted((content / "sessions").glob("*/*/index.md")):
        meta = yaml.safe_load(index.read_text(encoding="utf-8-sig").split("---")[1])
        answers = index.parent / "answers.yaml"
        items = (yaml.safe_load(answers.read_text(encoding="utf-8-sig")) or {}).get("items") or [] \
            if answers.exists() else []
        if _published(meta, build_date):
            sessions.append(RawSession(index.parent.name, meta, items))
    return sessions


def raw_names(registry: str, content: Path = CONTENT) -> dict[str, str]:
    """Id -> name of one registry ('agencies', 'places', 'topics'), as its YAML writes them."""
    records = yaml.safe_load((content / "registry" / f"{registry}.yaml").read_text(encoding="utf-8"))
    return {record["id"]: record["name"] for record in records}


def raw_commitments(content: Path = CONTENT) -> list[tuple[RawSession, dict, dict]]:
    """(session, item, commitment) of every published commitment."""
    return [(s, item, c) for s in raw_sessions(content) for item in s.items
            for c in item.get("commitments") or []]


def raw_overdue(commitment: dict, build_date: dt.date = SAMPLE_BUILD_DATE) -> bool:
    """Open and past its due date: the last one an update moved it to, else the one written."""
    moved = [u["due"] for u in commitment.get("updates") or [] if u.get("due")]
    due = moved[-1] if moved else commitment.get("due")
    return commitment.get("status", "pending") in {"pending", "in_progress"} and due is not None \
        and due < build_date


def raw_done_date(commitment: dict) -> dt.date | None:
    if commitment.get("status") != "done":
        return None
    since = None
    for update in commitment.get("updates") or []:
        if update.get("status") == "done":
            since = since or update["date"]
        elif update.get("status"):
            since = None
    return since
