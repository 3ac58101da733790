"""PLOVER types, quad classes and scores, read from ``data/plover.tsv`` and ``data/modes.tsv``."""

from __future__ import annotations

from functools import lru_cache

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
