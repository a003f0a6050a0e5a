"""What a commitment's state means on a given build date."""

from __future__ import annotations

import datetime as dt

from .models import Commitment, CommitmentStatus

OPEN_STATUSES = frozenset({CommitmentStatus.pending, CommitmentStatus.in_progress})
"""Statuses in which the responsible agency still owes the work."""


def is_overdue(commitment: Commitment, build_date: dt.date) -> bool:
    """Overdue = still open and its due date has passed (the due day itself is not late)."""
    return (commitment.status in OPEN_STATUSES and commitment.due is not None
            and commitment.due < build_date)
