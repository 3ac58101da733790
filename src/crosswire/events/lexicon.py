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


#: Verbs that take their meaning from the event their object names ("hosted a reception",
#: "held talks", "attended a summit").
_SUPPORT_VERBS = frozenset(
    {"hold", "host", "give", "attend", "stage", "throw", "conduct", "organise", "organize"}
)
#: Gatherings that are events of their own without being triggers ("a reception", "a dinner").
_GATHERINGS = frozenset(
    {"reception", "dinner", "banquet", "luncheon", "lunch", "ceremony", "gala", "parade"}
)


def act_word(lemma: str, objects: list[tuple[str, str]]) -> str:
    """The word naming the act a trigger reports: its own ``lemma``, or for a support verb the
    event its object names (``objects``: the lemma and part of speech of each direct object):
    "hosted a reception" is a reception, "hosted the minister" a hosting."""
    lemma = lemma.lower()
    if lemma in _SUPPORT_VERBS:
        for word, pos in objects:
            word = word.lower()
            if pos == "NOUN" and (word in _GATHERINGS or lookup(word, nominal=True) is not None):
                return word
    return lemma
