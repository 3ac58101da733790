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


def score(event: str, mode: str | None = None) -> float:
    """The PLOVER conflict-cooperation score of a type, or of a type-mode pair when known."""
    if mode and (event, mode) in _modes():
        return _modes()[(event, mode)]
    return _types()[event][1]
