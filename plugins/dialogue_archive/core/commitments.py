"""What a commitment's state means on a given build date, and how each agency keeps them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import urls
from .archive import Archive, Session
from .models import Agency, Commitment, CommitmentStatus, Item
from .registry_match import Match, keyed
from .vietnamese import fold, normalise

OPEN_STATUSES = frozenset({CommitmentStatus.pending, CommitmentStatus.in_progress})
"""Statuses in which the responsible agency still owes the work."""
UNFINISHED = OPEN_STATUSES | {CommitmentStatus.escalated}
"""Not kept nor dropped: someone still has to act (an escalated one waits on a higher level)."""
HANDOVER_WORDS = ("bàn giao", "chuyển", "giao cho", "tiếp nhận", "tiếp quản", "đảm nhận", "phụ trách",
                  "tiếp tục thực hiện", "thực hiện tiếp")
"""Words of an update's note that hand a commitment's file over to the agency the note names
('bàn giao hồ sơ cho', 'đã chuyển', 'đã tiếp nhận'), where merely naming one ('đã trình UBND
thành phố phê duyệt') does not. With their accents: 'chuyên viên' hands nothing over."""
HANDOVER = re.compile(r"\b(?:" + "|".join(HANDOVER_WORDS) + r")\b")
HANDED_TO = re.compile(r"\b(?P<verb>ban giao|giao|chuyen giao|chuyen)\b[^.;,:]{0,60}?\b(?:cho|sang|ve)\s+$")
"""A note's words right before the agency that now has the file ('bàn giao hồ sơ cho X',
'chuyển sang X'), accents folded; 'đã chuyển Sở Tài chính thẩm định' sends a paper, no file."""
TAKEN_BY = re.compile(r"^\s*(?:da\s+|se\s+)?(?:tiep nhan|tiep quan|dam nhan|phu trach|tiep tuc thuc hien"
                      r"|nhan ban giao(?:\s+(?:ho so|nhiem vu|cong viec|viec|toan bo)\b|\s*$))\b")
"""The words right after the agency that took the file ('X đã tiếp nhận', 'X đã nhận bàn
giao hồ sơ', not '… mặt bằng', a building site); 'đã tiếp nhận văn
bản của X' is a letter received from X."""
PLAIN_HANDOVER = re.compile(r"\b(?:" + "|".join(map(fold, HANDOVER_WORDS)) + r")\b")
"""The same words in a note written without accents."""
DENIAL = (r"(?<!hang )\b(?:chua|khong|chang|tu choi)(?:\s*[,\u2013\u2014-])?"
          r"(?:\s+(?:duoc|co|the|dong y|kip|nhan|quyet dinh|chuyen{})){{0,3}}\s+$")
NEGATION = re.compile(DENIAL.format(""))
"""The words right before a handing-over verb, accents folded, that deny it ('chưa bàn giao',
'không được chuyển', 'chưa thể tiếp nhận', 'chưa đồng ý nhận bàn giao', 'từ chối tiếp nhận',
'chưa có quyết định bàn giao'; 'chưa chuyển giao cho', whose 'giao cho' follows a denied
'chuyển'; 'Chưa, bàn giao', 'không — chuyển': a comma or a dash after the denial, where a ';'
ends its clause), but not the 'không' of 'hàng không' (an airport's authority): then nothing
is handed over. For a note as `keyed` makes it, without its punctuation."""
WORK_NEGATION = re.compile(DENIAL.format("|thuc hien|hoan thanh|tien hanh"))
"""NEGATION, and 'chưa thực hiện bàn giao', read in a note as written: there 'Chưa thực hiện;
bàn giao hồ sơ cho X' (the work not done; its file handed over) is told apart by its ';'."""


def negated(before: str, denial: re.Pattern[str] = NEGATION) -> bool:
    """Whether the words that end `before` (the text up to a verb) deny the verb."""
    return bool(denial.search(fold(before[-40:]).lower()))


def hands_over_to(keyed_note: str, mention: re.Match[str]) -> bool:
    """Whether the note (as `registry_match.keyed` makes it) hands the file over to the agency
    written at `mention`, in so many words: what names a carrier that the registry does not.
    A denied verb ('chưa bàn giao hồ sơ cho X') gives X nothing; a later one may."""
    return not all(_denials(keyed_note[:mention.start()])) \
        or bool(TAKEN_BY.match(keyed_note[mention.end():]))


def denied_to(keyed_note: str, mention: re.Match[str]) -> bool:
    """Whether the note names the agency at `mention` as the one NOT given the file: every
    handing-over verb leading to it is denied ('chưa bàn giao cho X, nay đã bàn giao hồ sơ cho
    Y' names X so)."""
    denials = list(_denials(keyed_note[:mention.start()]))
    return bool(denials) and all(denials)


def _denials(before: str) -> Iterator[bool]:
    """For each handing-over verb whose words lead to the end of `before` ('bàn giao hồ sơ cho
    '), whether a negation denies it."""
    start = 0
    while handed := HANDED_TO.search(before, start):
        yield negated(before[:handed.start()])
        start = handed.end("verb")


def hands_over(note: str) -> bool:
    """Whether an update's note says the file was handed over (see HANDOVER_WORDS), with a
    handing-over word that no negation denies ('chưa tiếp nhận' hands nothing over)."""
    text = normalise(note).lower()
    return any(not negated(text[:found.start()], WORK_NEGATION)
               for found in (PLAIN_HANDOVER if text.isascii() else HANDOVER).finditer(text))


class Carriers:
    """Who carries each unfinished commitment today, when the agency that made it is gone:
    the registry's successor, or the agency an update hands the file over to. One per
    archive, shared by the pages, the search records and the open data: finding agencies in
    the updates' notes needs every agency's names, gathered once."""

    def __init__(self, archive: Archive):
        self.archive = archive

    def now_responsible_ids(self, commitment: Commitment) -> tuple[str, ...]:
        """Who carries an unfinished commitment today, when the agency that made it is gone
        (merged or dissolved): the citizen asks them now. Only when the registry names one unit
        and no update says otherwise: a district's work went to several wards, and the last
        update that hands the file over to another agency ("bàn giao hồ sơ cho UBND phường Hòa
        Xuân", "đã chuyển Sở Xây dựng", "UBND phường Bắc Giang đã tiếp nhận") names who has it;
        an agency named otherwise ("đã trình UBND thành phố phê duyệt") hands nothing over.
        Without such an update, one made after the agency ended leaves it unsaid: nobody is
        named."""
        agency = self.archive.agencies.get(commitment.by)
        if commitment.status not in UNFINISHED or agency is None or not self.archive.ended(agency):
            return ()
        assert agency.valid_until is not None
        today = self.archive.successors(self.archive.agencies, agency.id)
        handed = self.handed_to(commitment, agency)
        if handed is not None:
            if len(today) == 1 and any(today[0] in entries for entries in handed):
                return (today[0].id,)
            taker = self._taken_by(commitment, agency)
            if taker is None:
                return ()
            later = self.archive.successors(self.archive.agencies, taker.id) \
                if self.archive.ended(taker) else [taker]
            return (later[0].id,) if len(later) == 1 else ()
        if len(today) != 1:
            return ()
        if any(update.date > agency.valid_until for update in commitment.updates):
            return ()
        return (today[0].id,)

    def _handovers(self, commitment: Commitment, agency: Agency
                   ) -> Iterator[tuple[str, list[tuple[re.Match[str], list[Any]]]]]:
        """Each update that hands the file over, newest first: its note, and the other
        agencies it names (where, and the entries the words may stand for). One written while
        the agency still existed does so only in so many words ('bàn giao hồ sơ cho X'): then
        'đã có văn bản chuyển kiến nghị đến Công an thành phố' is the escalation itself."""
        assert agency.valid_until is not None
        for update in reversed(commitment.updates):
            note = update.note or ""
            if not hands_over(note):
                continue
            written = keyed(note)
            named = [(found, entries) for found, entries in self._agency_names.mentions(note)
                     if agency not in entries and not denied_to(written, found)]
            if update.date <= agency.valid_until and not any(
                    hands_over_to(written, found) for found, _ in named):
                continue
            yield note, named

    def handed_to(self, commitment: Commitment, agency: Agency) -> list[list[Any]] | None:
        """The agencies the last update that hands the file over names (each as the entries its
        words may stand for), or None when no update does."""
        return next(([entries for _, entries in named]
                     for _, named in self._handovers(commitment, agency) if named), None)

    def _taken_by(self, commitment: Commitment, agency: Agency) -> Agency | None:
        """The agency the last handing-over update gives the file to in so many words ('bàn
        giao hồ sơ cho X', 'X đã tiếp nhận'), the one it names: it carries the commitment
        whether or not the registry names it the successor; None when the words leave it open."""
        note, named = next(self._handovers(commitment, agency), ("", []))
        if len(named) != 1 or len(named[0][1]) != 1 or not hands_over_to(keyed(note), named[0][0]):
            return None  # none or several agencies named, or not as the one given the file
        return named[0][1][0]

    @cached_property
    def _agency_names(self) -> Match:
        """The agencies' ids, names, short names and aliases, to find them in free texts."""
        return Match.build("agency", self.archive.agencies.values())

DEADLINE_OUTCOMES = ("on_time", "late", "done_undated", "overdue", "not_yet_due", "escalated",
                     "dropped", "no_due")
"""Where a commitment stands against its due date; every commitment has exactly one."""


def is_overdue(commitment: Commitment, build_date: dt.date) -> bool:
    """Overdue = still open and its due date, as last moved (`current_due`), has passed (the
    due day itself is not late)."""
    due = commitment.current_due
    return commitment.status in OPEN_STATUSES and due is not None and due < build_date


def done_date(commitment: Commitment) -> dt.date | None:
    """The day of the update that set the status to done (the last such run of updates).

    None when the commitment is not done, or when no dated update records the done status:
    the archive then knows that it was done, not when, and says so instead of guessing.
    """
    if commitment.status is not CommitmentStatus.done:
        return None
    since: dt.date | None = None
    for update in commitment.updates:
        if update.status is CommitmentStatus.done:
            since = since or update.date
        elif update.status is not None:
            since = None
    return since


def deadline_outcome(commitment: Commitment, build_date: dt.date) -> str:
    """One of DEADLINE_OUTCOMES: kept on time, done late, overdue, not yet due, and so on.
    Done on time is done by the date promised (the first one given): a promise kept only
    within an extension is late, though it was never overdue."""
    status = commitment.status
    if status is CommitmentStatus.escalated or status is CommitmentStatus.dropped:
        return status.value
    promised = commitment.due or next((u.due for u in commitment.updates if u.due), None)
    if promised is None:
        return "no_due"
    if status is CommitmentStatus.done:
        finished = done_date(commitment)
        if finished is None:
            return "done_undated"
        return "on_time" if finished <= promised else "late"
    return "overdue" if is_overdue(commitment, build_date) else "not_yet_due"


@dataclass(frozen=True)
class CommitmentRecord:
    """A commitment with the session and item it was made at."""

    session: Session
    item: Item
    commitment: Commitment

    @property
    def anchor(self) -> str:
        return urls.commitment_anchor(self.commitment.id)

    def days_to_done(self) -> int | None:
        finished = done_date(self.commitment)
        return (finished - self.session.date).days if finished else None


def commitment_records(archive: Archive) -> Iterator[CommitmentRecord]:
    """Every commitment of the published sessions, newest session first, in item order."""
    for session in archive.published:
        for item in session.items:
            for commitment in item.commitments:
                yield CommitmentRecord(session, item, commitment)


@dataclass(frozen=True)
class Scorecard:
    """How one agency keeps its commitments, as of the build date."""

    build_date: dt.date
    total: int
    open: int
    overdue: int
    done: int
    escalated: int
    dropped: int
    done_dated: int
    """Done commitments whose done date is known: the base of the average."""
    average_days_to_done: int | None
    """Whole days, halves rounded up."""


def scorecard(records: Iterable[CommitmentRecord], build_date: dt.date) -> Scorecard:
    records = list(records)
    statuses = [r.commitment.status for r in records]
    days = [d for d in (r.days_to_done() for r in records) if d is not None]
    return Scorecard(
        build_date=build_date,
        total=len(records),
        open=sum(s in OPEN_STATUSES for s in statuses),
        overdue=sum(is_overdue(r.commitment, build_date) for r in records),
        done=statuses.count(CommitmentStatus.done),
        escalated=statuses.count(CommitmentStatus.escalated),
        dropped=statuses.count(CommitmentStatus.dropped),
        done_dated=len(days),
        average_days_to_done=(2 * sum(days) + len(days)) // (2 * len(days)) if days else None)


def scorecards(archive: Archive) -> dict[str, Scorecard]:
    """One scorecard per responsible agency that has at least one commitment."""
    by_agency: dict[str, list[CommitmentRecord]] = {}
    for record in commitment_records(archive):
        by_agency.setdefault(record.commitment.by, []).append(record)
    return {agency: scorecard(records, archive.build_date) for agency, records in by_agency.items()}
