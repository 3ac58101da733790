"""The actor knowledge base shipped as package data: political persons with their country and
dated roles (built by ``crosswire kb build``; see resolve/kbbuild.py and docs/actors.md).

Loading reads one compressed file and indexes every name; a person's roles are parsed only when
the person is looked up. Nothing loads until the first lookup.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from crosswire.data import table
from crosswire.errors import KnowledgeBaseError
from crosswire.records import fold

#: The executive offices, most senior first, with their sector and secondary sectors.
OFFICE_SECTORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "HOS": ("GOV", ()),
    "HOG": ("GOV", ()),
    "VP": ("GOV", ()),
    "FM": ("GOV", ()),
    "DM": ("GOV", ("MIL",)),
    "IM": ("GOV", ("COP",)),
    "LEG": ("LEG", ()),
}
OFFICE_TITLES = {
    "HOS": "head of state",
    "HOG": "head of government",
    "VP": "vice-president",
    "FM": "foreign minister",
    "DM": "defence minister",
    "IM": "interior minister",
    "LEG": "legislator",
}
#: The legislators' source stops here: an open term is known to run until this day only.
LEGISLATORS_UNTIL = date(2016, 1, 15)


@dataclass(frozen=True, slots=True)
class Role:
    office: str  # one of OFFICE_SECTORS
    start: date | None
    end: date | None  # None: open (still held when the source was made)
    body: str  # the legislature's name for LEG
    party: str
    source: str
    country: str  # whose office: a state's code, or an intergovernmental body's

    def held_on(self, when: date) -> bool | None:
        """True/False when the source says; None when it cannot know (an open legislative
        term after the legislators' source was made)."""
        if self.start is not None and when < self.start:
            return False
        if self.end is not None:
            return when <= self.end
        if self.office == "LEG" and when > LEGISLATORS_UNTIL:
            return None
        return True

    @property
    def executive(self) -> bool:
        return self.office != "LEG"


@dataclass(frozen=True, slots=True)
class Person:
    kb_id: str
    name: str
    other_names: tuple[str, ...]
    country: str
    wikidata: str
    roles: tuple[Role, ...]

    @property
    def executive(self) -> bool:
        return any(r.executive for r in self.roles)

    @property
    def notable(self) -> bool:
        """Known beyond one legislature's roll: an executive office or a Wikidata item."""
        return self.executive or bool(self.wikidata)


def _day(text: str, *, end: bool = False) -> date | None:
    """ "2005", "2005-11" or "2005-11-22" -> a date (a bare year or month ends on its last day
    when it is an end)."""
    if not text:
        return None
    parts = [int(p) for p in text.split("-")[:3] if p.isdigit()]
    if not parts or not 1000 <= parts[0] <= 2100:
        return None
    year, month, day = [*parts, 0, 0][:3]
    if month == 0:
        return date(year, 12, 31) if end else date(year, 1, 1)
    month = min(max(month, 1), 12)
    if day == 0:
        if not end:
            return date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, 1)


def _role(text: str) -> Role:
    office, start, end, body, party, source, country = text.split("|")
    return Role(office, _day(start), _day(end, end=True), body, party, source, country)


class KnowledgeBase:
    """Name -> persons, with surnames of executives for "Putin" alone."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._names: dict[str, list[int]] = {}
        self._surnames: dict[str, list[int]] = {}
        for n, line in enumerate(lines):
            keys, surnames, _rest = line.split("\t", 2)
            for key in keys.split("|"):
                self._names.setdefault(key, []).append(n)
            if surnames:  # an executive: reachable by surname alone too
                for key in surnames.split("|"):
                    self._surnames.setdefault(key, []).append(n)
        self._parsed: dict[int, Person] = {}
        self._near: dict[tuple[str, int], list[str]] | None = None

    def __len__(self) -> int:
        return len(self._lines)

    def _person(self, n: int) -> Person:
        found = self._parsed.get(n)
        if found is None:
            _keys, _surnames, kb_id, name, others, country, qid, roles = self._lines[n].split("\t")
            found = Person(
                kb_id=kb_id,
                name=name,
                other_names=tuple(others.split("|")) if others else (),
                country=country,
                wikidata=qid,
                roles=tuple(_role(r) for r in roles.split(";") if r),
            )
            self._parsed[n] = found
        return found

    def names(self) -> Iterable[str]:
        """Every folded name and other name of a person."""
        return self._names.keys()

    def named(self, name: str) -> list[Person]:
        """Persons whose name or other name folds to ``name``'s."""
        return [self._person(n) for n in self._names.get(fold(name), ())]

    def by_surname(self, word: str) -> list[Person]:
        """Executives whose last name is ``word``."""
        return [self._person(n) for n in self._surnames.get(fold(word), ())]

    def near_surname(self, word: str) -> list[Person]:
        """Executives whose surname is a misspelling of ``word``: one edit (insertion,
        deletion, substitution or swap of neighbours) away, two for names of six letters or
        more ("Gbago" -> Gbagbo, "Mitterand" -> Mitterrand, "Habyariman" -> Habyarimana)."""
        word = fold(word)
        if len(word) < 5:  # short names are too close to each other to guess
            return []
        if self._near is None:
            self._near = {}
            for key in self._surnames:
                self._near.setdefault((key[:1], len(key)), []).append(key)
        allowed = 2 if len(word) >= 6 else 1
        found: list[Person] = []
        for size in range(len(word) - allowed, len(word) + allowed + 1):
            for key in self._near.get((word[:1], size), ()):
                if key != word and _edits(word, key, allowed) <= allowed:
                    found.extend(self._person(n) for n in self._surnames[key])
        return found


def _edits(a: str, b: str, limit: int) -> int:
    """Edit distance with swaps of neighbours (optimal string alignment), or ``limit`` + 1
    once it is known to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base, loaded on first use."""
    try:
        raw = resources.files("crosswire.data").joinpath("kb_persons.tsv.gz").read_bytes()
    except OSError as exc:
        raise KnowledgeBaseError(
            f"the actor knowledge base cannot be read: {exc}",
            fix="reinstall crosswire or rebuild it with `crosswire kb build`",
        ) from exc
    return load_kb(raw)


def load_kb(raw: bytes) -> KnowledgeBase:
    """A knowledge base from the bytes of a ``kb_persons.tsv.gz`` file."""
    try:
        text = gzip.decompress(raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(
            f"the actor knowledge base is damaged: {exc}",
            fix="reinstall crosswire or rebuild it with `crosswire kb build`",
        ) from exc
    lines = text.splitlines()
    if not lines or not lines[0].startswith("keys\tsurnames\tkb_id\t"):
        raise KnowledgeBaseError(
            "the actor knowledge base has no header line",
            fix="rebuild it with `crosswire kb build`",
        )
    return KnowledgeBase(lines[1:])


@lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    """Folded region name -> the country it lies in ("Chechnya" -> RUS)."""
    return {fold(name): country for name, country in table("kb_regions")}


@lru_cache(maxsize=1)
def parties() -> dict[str, dict[str, int]]:
    """Folded party name -> {country whose legislature it sat in: member-terms}."""
    found: dict[str, dict[str, int]] = {}
    for name, country, n in table("kb_parties"):
        found.setdefault(fold(name), {})[country] = int(n)
    return found


def party_country(name: str, countries: frozenset[str] = frozenset()) -> str | None:
    """The country of the party called ``name``: its only one, the one the document names, or
    one holding nine in ten of the name's member-terms ("CDU" is Germany's); else None."""
    found = parties().get(fold(name))
    if not found:
        return None
    named = [c for c in found if c in countries]
    if len(named) == 1:
        return named[0]
    best = max(found, key=lambda c: found[c])
    return best if found[best] >= 0.9 * sum(found.values()) else None
