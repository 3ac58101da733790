"""Well-known parties and movements (``data/organisations.tsv``): who they are and where they
act, so that "Hamas" or "the UNITA militarist wing" is an actor with a country and a sector."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from crosswire.data import table
from crosswire.records import fold


@dataclass(frozen=True)
class Organisation:
    name: str
    country: str
    sector: str


@dataclass(frozen=True)
class _Index:
    folded: dict[str, Organisation]  # names matched on folded text, with a capital first
    exact: dict[str, Organisation]  # abbreviations ("PKK"), matched as written
    longest: int


@lru_cache(maxsize=1)
def _index() -> _Index:
    folded: dict[str, Organisation] = {}
    exact: dict[str, Organisation] = {}
    longest = 1
    for name, country, sector, *others in table("organisations"):
        org = Organisation(name, country, sector)
        aliases = [name] + [a.strip() for a in (others[0] if others else "").split(",")]
        for alias in (a for a in aliases if a):
            # a name's words, hyphens and apostrophes are tokens of their own
            longest = max(longest, 2 * len(fold(alias).split()) + 1)
            if alias.replace("-", "").isupper():
                exact[alias] = org
            else:
                folded[fold(alias)] = org
    return _Index(folded, exact, longest)


def organisation_names() -> tuple[frozenset[str], frozenset[str]]:
    """Every known organisation's names: folded ones ("hamas", "lord's resistance army") and
    abbreviations as written ("PKK", "UNITA")."""
    index = _index()
    return frozenset(index.folded), frozenset(index.exact)


def organisation_in(tokens: list[Token]) -> tuple[Organisation, set[int]] | None:
    """The first known organisation named in ``tokens`` (longest name at each place) and the
    positions within ``tokens`` its name takes."""
    index = _index()
    words = [t.text for t in tokens]
    for start in range(len(words)):
        if not (words[start][:1].isupper() or words[start] == "al"):  # every name starts so
            continue
        for size in range(min(index.longest, len(words) - start), 0, -1):
            # "Lord 's Resistance Army": the possessive is one word with its noun in names
            raw = " ".join(words[start : start + size]).replace(" 's", "'s").replace(" ’s", "’s")
            org = index.exact.get(raw.replace(" - ", "-"))
            if org is None:
                org = index.folded.get(fold(raw))
            if org is not None:
                return org, set(range(start, start + size))
    return None
