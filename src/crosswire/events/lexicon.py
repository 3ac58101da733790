"""Trigger words: lemma and part of speech -> PLOVER type, mode, CAMEO code, recipient preps."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from crosswire.data import table


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    nominal: bool
    event: str
    mode: str | None
    cameo: str
    recipient_preps: frozenset[str]


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, bool], Trigger]:
    found: dict[tuple[str, bool], Trigger] = {}
    for row in table("triggers"):
        lemma, pos, event, mode, cameo = row[:5]
        preps = row[5] if len(row) > 5 else ""
        nominal = pos == "N"
        found[(lemma, nominal)] = Trigger(
            lemma,
            nominal,
            event,
            mode or None,
            cameo,
            frozenset(p for p in preps.split(",") if p),
        )
    return found


def lookup(lemma: str, *, nominal: bool) -> Trigger | None:
    return triggers().get((lemma.lower(), nominal))


@lru_cache(maxsize=1)
def contexts() -> dict[str, str]:
    """Lemma -> PLOVER context."""
    found: dict[str, str] = {}
    for context, lemmas in table("contexts"):
        for lemma in lemmas.split(","):
            found.setdefault(lemma.strip(), context)
    return found
