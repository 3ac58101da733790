"""Word forms for comparing event triggers: inflection stripped, near-synonyms made one key.

``normalise_word`` undoes the regular English endings a tagger may leave on a lemma ("checks",
"shooting", "casualties"). ``trigger_key`` then maps words that name the same kind of happening
("quake", "earthquake"; "slay", "murder") to one key, from ``data/event_synonyms.tsv``;
``act_family`` joins keys one report uses for one happening at a finer or coarser grain (a
visit and its talks), from ``data/act_families.tsv``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from crosswire.data import table

_KEEP_S = ("ss", "us", "is", "ous", "news")


def normalise_word(word: str) -> str:
    """Lower-case ``word`` without a regular plural, third-person or -ing ending."""
    word = word.lower()
    if len(word) > 5 and word.endswith("ing"):
        stem = word[:-3]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
            stem = stem[:-1]
        return stem
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


def _grouped(name: str, key: Callable[[str], str]) -> dict[str, str]:
    """A table of groups and their words (``data/NAME.tsv``) as word key -> group; a word in two
    groups belongs to the first."""
    found: dict[str, str] = {}
    for group, words in table(name):
        for word in words.split():
            found.setdefault(key(word), group)
    return found


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    return _grouped("event_synonyms", normalise_word)


def trigger_key(lemma: str) -> str:
    """One key for a trigger lemma and its near-synonyms (the normalised lemma otherwise)."""
    word = normalise_word(lemma)
    return _synonyms().get(word, word)


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    return _grouped("act_families", trigger_key)


def act_family(key: str) -> str:
    """The family of a trigger key: keys one report may use for one happening (the key itself
    when it has none)."""
    return _families().get(key, key)
