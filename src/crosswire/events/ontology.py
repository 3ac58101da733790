"""PLOVER types, quad classes and scores, read from ``data/plover.tsv`` and ``data/modes.tsv``."""

from __future__ import annotations

from functools import cache, lru_cache

from crosswire.data import table

#: Older type names in gold data and what they mean now (YIELD may be either).
LEGACY_TYPES = {
    "DEMAND": ("REQUEST",),
    "DISAPPROVE": ("ACCUSE",),
    "FIGHT": ("ASSAULT",),
    "INVESTIGATE": ("ACCUSE",),
    "YIELD": ("CONCEDE", "RETREAT"),
}


def meanings(label: str) -> frozenset[str]:
    """The current PLOVER types a (possibly older) label stands for."""
    label = label.upper()
    return frozenset(LEGACY_TYPES.get(label, (label,)))


@lru_cache(maxsize=1)
def _types() -> dict[str, tuple[int, float]]:
    return {row[0]: (int(row[1]), float(row[2])) for row in table("plover")}


@lru_cache(maxsize=1)
def _modes() -> dict[tuple[str, str], float]:
    return {(row[0], row[1]): float(row[2]) for row in table("modes")}


def event_types() -> list[str]:
    return list(_types())


def quad_code(event: str) -> int:
    return _types()[event][0]


def quad_of(label: str) -> int | None:
    """The quad class of a (possibly older) type label; None for a label that is no type."""
    known = [quad_code(t) for t in meanings(label) if t in _types()]
    return known[0] if known else None


#: The two sides of the quad classes (verbal and material), as binary gold sets label them.
COOPERATION, CONFLICT = "cooperation", "conflict"
SIDES = (COOPERATION, CONFLICT)


def side_of(label: str) -> str | None:
    """``cooperation`` or ``conflict`` for a type label (or for a side itself); None otherwise."""
    if label in SIDES:
        return label
    quad = quad_of(label)
    return None if quad is None else (COOPERATION if quad <= 2 else CONFLICT)


def score(event: str, mode: str | None = None) -> float:
    """The PLOVER conflict-cooperation score of a type, or of a type-mode pair when known."""
    if mode and (event, mode) in _modes():
        return _modes()[(event, mode)]
    return _types()[event][1]


@lru_cache(maxsize=1)
def _interchangeable() -> frozenset[frozenset[str]]:
    return frozenset(frozenset(row[:2]) for row in table("type_families"))


def interchangeable(a: str, b: str) -> bool:
    """Whether one real event may be reported as type ``a`` by one outlet and ``b`` by another
    (``data/type_families.tsv``; a type always goes with itself)."""
    return a == b or frozenset((a, b)) in _interchangeable()


@cache
def type_family(event: str) -> str:
    """The types ``event`` is connected to through interchangeable pairs, named by the first in
    alphabetical order: the unit linking compares mentions within."""
    family, frontier = {event}, [event]
    while frontier:
        current = frontier.pop()
        for pair in _interchangeable():
            if current in pair:
                for other in pair - family:
                    family.add(other)
                    frontier.append(other)
    return min(family)
