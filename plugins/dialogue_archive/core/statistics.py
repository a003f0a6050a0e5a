"""The archive's numbers: what was raised, how it was answered, whether promises were kept.

Counts are labelled rows (`charts.Row`) ready for a chart and its table. An item's outcome
is its best answer: on the spot, else in writing, else referred, else not answered, so
every item is counted exactly once in the outcome figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from . import urls
from .archive import Archive, Session
from .charts import BarChart, Row, bar_chart
from .commitments import DEADLINE_OUTCOMES, commitment_records, deadline_outcome
from .labels import VI
from .models import AnswerMode, CommitmentStatus, Item, ItemType
from .vietnamese import sort_key

OUTCOMES = ("on_the_spot", "in_writing", "referred", "not_answered")
AWAITING = "awaiting_session"
"""The outcome of a question sent in before a session not held yet (`Archive.announced`): it
awaits the session, not an answer overdue, so no figure counts it (`OUTCOMES` are what the
figures of held sessions count); the open data and the search's filter say it so."""


def answering(item: Item) -> list[str]:
    """The agencies that answered an item: a referral forwards it, and answers nothing."""
    return list(dict.fromkeys(a.by for a in item.answers if a.mode is not AnswerMode.referred))


def answers_given(item: Item) -> int:
    """How many answers an item got: a referral forwards it, and answers nothing (the home
    page's count and the statistics page's, one figure)."""
    return sum(a.mode is not AnswerMode.referred for a in item.answers)


def forwarded_to(item: Item) -> list[str]:
    """Every agency an item was referred to (on an agency's list: "được chuyển đến")."""
    return list(dict.fromkeys(a.referred_to for a in item.answers
                              if a.mode is AnswerMode.referred and a.referred_to))


def referring(item: Item) -> list[str]:
    """Every agency that referred an item elsewhere (its own list says "Cơ quan này đã chuyển
    đến …"); that answers nothing (`answering`)."""
    return list(dict.fromkeys(a.by for a in item.answers if a.mode is AnswerMode.referred))


def referred_by(item: Item, agency: str) -> list[str]:
    """The agencies `agency` referred an item to."""
    return list(dict.fromkeys(a.referred_to for a in item.answers if a.mode is AnswerMode.referred
                              and a.by == agency and a.referred_to))


def referred_to(item: Item) -> list[str]:
    """The agencies an item was referred to whose answer is awaited: not those that answered
    it since, nor those that referred it on."""
    done = {a.by for a in item.answers}
    return [agency for agency in forwarded_to(item) if agency not in done]


def item_outcome(item: Item, held: bool = True) -> str:
    """One of OUTCOMES: the best way the item was answered; AWAITING in a session not `held`."""
    if not held:
        return AWAITING
    modes = {answer.mode for answer in item.answers}
    for mode in (AnswerMode.on_the_spot, AnswerMode.in_writing, AnswerMode.referred):
        if mode in modes:
            return mode.value
    return "not_answered"


def _topic_rows(archive: Archive, items: Iterable[Item]) -> list[Row]:
    """Items per topic, most first; an item with two topics counts for both."""
    counts = Counter(topic for item in items for topic in item.topics)
    names = {t: archive.topics[t].name if t in archive.topics else t for t in counts}
    return [Row(names[t], counts[t], urls.topic(t), named=True) for t in _most_first(counts, names)]


def _most_first(counts: Counter[str], names: dict[str, str]) -> list[str]:
    """Keys by count, highest first; ties in Vietnamese alphabetical order of their names."""
    return sorted(counts, key=lambda key: (-counts[key], sort_key(names[key])))


def _enum_rows(counts: Counter[str], keys: Iterable[str], labels: dict[str, str]) -> list[Row]:
    return [Row(labels[key], counts[key]) for key in keys]


def session_statistics(session: Session, archive: Archive) -> dict[str, BarChart]:
    """The small figures block of one session page (drawn as tables there)."""
    items = session.items
    text = VI["statistics"]
    scope = Counter(item.in_scope for item in items)
    rows = {
        "by_type": (text["type"], _enum_rows(Counter(i.type.value for i in items),
                                             [t.value for t in ItemType], VI["item_type"])),
        "by_topic": (text["topic"], _topic_rows(archive, items)),
        "scope": (text["category"], [Row(text["in_scope"], scope[True]),
                                     Row(text["out_of_scope"], scope[False])]),
        "outcome": (text["category"], _enum_rows(Counter(item_outcome(i) for i in items), OUTCOMES,
                                                 VI["outcome"])),
    }
    if not session.meta.subject and not scope[False]:  # "100% on the subject" of none
        del rows["scope"]
    if archive.announced(session):  # "100% not answered" of questions awaiting the session
        del rows["outcome"]
    kind = VI["session_kind_in_sentence"][session.meta.kind.value]  # "buổi tiếp xúc cử tri"
    return {key: bar_chart(f"tk-{key.replace('_', '-')}", text[key].format(kind=kind), values,
                           heading, text["item_count"], shares=key != "by_topic")
            for key, (heading, values) in rows.items()}


def archive_statistics(archive: Archive, agency_name: Callable[[str], str]) -> dict[str, Any]:
    """Every figure of the statistics page, for the published sessions that took place;
    `agency_name`: how an agency is named (the pages tell apart agencies of one name)."""
    sessions = archive.held
    items = [item for session in sessions for item in session.items]
    held = {s.year for s in sessions}
    # Every year between the first and the last, a year without sessions at 0: a gap in a
    # series of bars reads as no gap.
    years = list(range(min(held), max(held) + 1)) if held else []
    sessions_per_year = Counter(s.year for s in sessions)
    items_per_year = Counter(s.year for s in sessions for _ in s.items)
    per_agency = Counter(agency for item in items for agency in answering(item))
    agency_names = {a: agency_name(a) for a in per_agency}
    records = list(commitment_records(archive))
    statuses = Counter(r.commitment.status.value for r in records)
    deadlines = Counter(deadline_outcome(r.commitment, archive.build_date) for r in records)
    outcomes = Counter(item_outcome(item) for item in items)
    decided = deadlines["on_time"] + deadlines["late"] + deadlines["overdue"]
    return {
        "sessions": len(sessions),
        "items": len(items),
        "answers": sum(answers_given(item) for item in items),
        "commitments": len(records),
        "on_the_spot": outcomes["on_the_spot"],
        "kept_on_time": deadlines["on_time"],
        "deadline_decided": decided,
        "done_undated": deadlines["done_undated"],  # left out of the rate, which says how many
        "sessions_per_year": [Row(str(y), sessions_per_year[y], urls.year(y) if y in held else "")
                              for y in years],
        "items_per_year": [Row(str(y), items_per_year[y], urls.year(y) if y in held else "")
                           for y in years],
        "items_per_topic": _topic_rows(archive, items),
        "items_per_agency": [Row(agency_names[a], per_agency[a], urls.agency(a), named=True)
                             for a in _most_first(per_agency, agency_names)],
        "outcomes": _enum_rows(outcomes, OUTCOMES, VI["outcome"]),
        "commitment_status": _enum_rows(statuses, [s.value for s in CommitmentStatus],
                                        VI["commitment_status"]),
        "commitment_deadlines": _enum_rows(deadlines, DEADLINE_OUTCOMES, VI["deadline_outcome"]),
    }
