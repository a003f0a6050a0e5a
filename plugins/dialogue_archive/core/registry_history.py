"""Checks that the histories in registry/agencies.yaml and registry/places.yaml can have happened.

A unit is not succeeded by itself nor by one of its own predecessors, its successor does not end
before it does, no unit is inside itself, and a place lies inside a larger kind of place.
A successor that starts some time after its predecessor ended is accepted: between a decision
and the new unit's first day, there can be a gap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .models import PlaceKind
from .problems import ProblemLog
from .residential_groups import read_as_group, reads_as_group
from .yamlio import locate

LEVELS = {PlaceKind.province: 0, PlaceKind.district: 1, PlaceKind.ward: 2, PlaceKind.commune: 2}
"""How large a kind of place is: a parent has a smaller level than the place inside it."""


def check_histories(root: Path, registries: dict[str, dict[str, Any]], raw: dict[str, Any],
                    log: ProblemLog) -> None:
    """`registries`: the valid entries of agencies.yaml and places.yaml by id; `raw`: the files
    as parsed, to point at the lines."""
    for kind, name in (("agency", "agencies"), ("place", "places")):
        units, data = registries[name], raw.get(name)
        if not units:
            continue
        where = _Where(root / "registry" / f"{name}.yaml", data, log)
        cycles = _succession_cycles(units)
        in_cycle = {(c[i], c[(i + 1) % len(c)]) for c in cycles for i in range(len(c))}
        for unit in units.values():
            _check_successors(kind, unit, units, in_cycle, where)
            if unit.succeeded_by and unit.valid_until is None:
                # FORMAT.md makes both optional; a successor's valid_from may be its founding
                # day, years before it took the unit in, so the end is not guessed
                where.add(unit.id, ("succeeded_by",), f"{kind} '{unit.id}' has succeeded_by but no "
                          "valid_until, so the site shows it as existing still, its commitments "
                          "with it: write its last day as valid_until", severity="warning")
        if kind == "place":
            for unit in units.values():
                _check_place_parent(unit, units, where)
        else:
            for unit in units.values():
                if unit.parent == unit.id:
                    where.add(unit.id, ("parent",), f"agency '{unit.id}' is its own parent; write "
                              "the agency it belongs to, or remove parent")
            for cycle in _cycles(units, lambda u: [u.parent] if u.parent else []):
                where.add(cycle[0], ("parent",), f"parent goes round in a circle: "
                          f"{' → '.join([*cycle, cycle[0]])}; an agency cannot belong to one of "
                          "the agencies that belong to it: fix the wrong parent")
        for unit in units.values():
            _check_parent_period(kind, unit, units, where)
        for cycle in cycles:
            first = units[cycle[0]]
            where.add(first.id, ("succeeded_by", first.succeeded_by.index(cycle[1])),
                      f"succeeded_by goes round in a circle: {' → '.join([*cycle, cycle[0]])}; "
                      f"{'an' if kind == 'agency' else 'a'} {kind} cannot be succeeded by one of "
                      "its own predecessors: remove the wrong succeeded_by")


class _Where:
    """Reports a problem at a key of a registry entry."""

    def __init__(self, path: Path, data: Any, log: ProblemLog):
        self.path, self.data, self.log = path, data, log
        self.index = {str(entry.get("id")): i for i, entry in enumerate(data or [])
                      if isinstance(entry, dict)}

    def add(self, unit_id: str, key: tuple[Any, ...], message: str, severity: str = "error") -> None:
        line, col = locate(self.data, (self.index.get(unit_id, 0), *key))
        self.log.add(self.path, line, col, message, severity)


def _check_successors(kind: str, unit: Any, units: dict[str, Any],
                      in_cycle: set[tuple[str, str]], where: _Where) -> None:
    """`in_cycle`: links of a circle, reported as such rather than by their dates."""
    for i, successor_id in enumerate(unit.succeeded_by):
        successor = units.get(successor_id)
        if successor_id in unit.succeeded_by[:i]:  # a split of one unit into the same one, twice
            where.add(unit.id, ("succeeded_by", i), f"succeeded_by names '{successor_id}' twice; "
                      "write each successor once (several successors mean the unit was split)")
        elif successor_id == unit.id:
            where.add(unit.id, ("succeeded_by", i), f"{kind} '{unit.id}' is listed as its own "
                      "successor; succeeded_by names the units that took its place: write those, or "
                      "remove succeeded_by")
        elif successor is not None and (unit.id, successor_id) not in in_cycle and \
                _ends_before(successor.valid_until, unit.valid_until):
            until = f"until {unit.valid_until:%d/%m/%Y}" if unit.valid_until else "still"
            where.add(unit.id, ("succeeded_by", i), f"successor '{successor_id}' ({successor.name}) "
                      f"ended on {successor.valid_until:%d/%m/%Y}, but '{unit.id}' existed {until}: a "
                      "unit is succeeded by one that outlives it; fix valid_until of one of them, "
                      "or name the unit that took its place")


def _check_parent_period(kind: str, unit: Any, units: dict[str, Any], where: _Where) -> None:
    """A unit lies in (belongs to) a unit that exists at some time with it: a ward made on
    1/7/2025 inside a district dissolved on 30/6/2025 put its records on the district's page
    and the district among its predecessors."""
    parent = units.get(unit.parent) if unit.parent and unit.parent != unit.id else None
    if parent is None:
        return
    if parent.valid_until and unit.valid_from and unit.valid_from > parent.valid_until:
        when = (f"begins on {unit.valid_from:%d/%m/%Y}, after its parent '{parent.id}' "
                f"({parent.name}) ended on {parent.valid_until:%d/%m/%Y}")
    elif parent.valid_from and unit.valid_until and unit.valid_until < parent.valid_from:
        when = (f"ended on {unit.valid_until:%d/%m/%Y}, before its parent '{parent.id}' "
                f"({parent.name}) began on {parent.valid_from:%d/%m/%Y}")
    else:
        return
    where.add(unit.id, ("parent",), f"{kind} '{unit.id}' {when}: a parent must exist at the same "
              "time; write the unit it belongs to in its own time (a new ward's province), or fix "
              "valid_from/valid_until")


def _ends_before(end: dt.date | None, other_end: dt.date | None) -> bool:
    """Whether a period ending on `end` ends before one ending on `other_end` (None: open)."""
    return end is not None and (other_end is None or end < other_end)


def _check_place_parent(place: Any, places: dict[str, Any], where: _Where) -> None:
    parent = places.get(place.parent) if place.parent else None
    if place.parent == place.id:
        where.add(place.id, ("parent",), f"place '{place.id}' is its own parent; write the place "
                  "it lies in, or remove parent")
    elif parent is not None and LEVELS[parent.kind] >= LEVELS[place.kind]:
        fix = "fix parent or kind"
        if reads_as_group(place.name, place.id):  # a tổ dân phố in its ward: a dead end otherwise
            ward = parent.id if parent.kind in (PlaceKind.ward, PlaceKind.commune) else None
            advice = read_as_group(f"'{place.name}'", ward, place.name, first="remove this entry, and ")
            fix = f"{advice}; if it is no such group, fix parent or kind"
        where.add(place.id, ("parent",), f"place '{place.id}' is a {place.kind.value} and cannot lie "
                  f"in '{parent.id}' ({parent.name}), a {parent.kind.value}: a parent is a larger kind "
                  f"of place (province, then district, then ward or commune); {fix}")


def _succession_cycles(units: dict[str, Any]) -> list[list[str]]:
    """Each circle of successions, starting at the link that goes back in time (to a unit that
    ended before the one it succeeds): that is the link most likely written by mistake."""
    cycles = []
    for cycle in _cycles(units, lambda u: [s for s in u.succeeded_by if s != u.id]):
        backwards = [k for k in range(len(cycle)) if _ends_before(
            units[cycle[(k + 1) % len(cycle)]].valid_until, units[cycle[k]].valid_until)]
        first = backwards[0] if backwards else 0
        cycles.append(cycle[first:] + cycle[:first])
    return cycles


def _cycles(units: dict[str, Any], following: Any) -> Iterator[list[str]]:
    """Each circle of `following` links once, starting at its first member in registry order
    (a unit linked to itself is left to a message of its own)."""
    order = {unit_id: n for n, unit_id in enumerate(units)}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    found: set[frozenset[str]] = set()
    for start in units:
        if start in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = []
        step: str | None = start
        while step is not None or stack:
            if step is not None:  # go one unit deeper
                state[step] = 1
                path.append(step)
                stack.append((step, iter([n for n in following(units[step])
                                          if n in units and n != step])))
            unit_id, nexts = stack[-1]
            step = next(nexts, None)
            if step is None:
                stack.pop()
                path.pop()
                state[unit_id] = 2
            elif state.get(step) == 1:
                cycle = path[path.index(step):]
                step = None
                if frozenset(cycle) not in found:
                    found.add(frozenset(cycle))
                    first = min(range(len(cycle)), key=lambda k: order[cycle[k]])
                    yield cycle[first:] + cycle[:first]
            elif step in state:
                step = None
