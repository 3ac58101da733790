"""Who a named person is, from the knowledge base: country, sector at a date, and why.

A name is looked up as written, then (one word only) as the surname of an executive, then as
first and last name without the middle ones. Candidates are narrowed by the countries the
document names and by who held office on the date; if they still disagree on the country the
person stays unknown rather than guessed. Legislators known only from one legislature's roll
(no executive office, no Wikidata item) are taken only when the document names their country.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crosswire.records import fold
from crosswire.resolve.kb import OFFICE_SECTORS, OFFICE_TITLES, Person, Role, knowledge_base

_SENIORITY = {office: rank for rank, office in enumerate(OFFICE_SECTORS)}


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """A knowledge-base match: the person, what they were on the date, and the evidence."""

    person: Person
    country: str
    sector: str | None  # GOV/LEG while in office, ELI after it, None when the KB cannot say
    sectors: tuple[str, ...]  # secondary sectors (a defence minister is also MIL)
    role: str | None  # the office held ("head of state"), or held last when former
    evidence: tuple[str, ...]


def _candidates(name: str) -> tuple[list[Person], str]:
    kb = knowledge_base()
    words = fold(name).split()
    if not words:
        return [], ""
    found = kb.named(name)
    if found:
        return found, f"name {name!r}"
    if len(words) == 1:
        return kb.by_surname(words[0]), f"surname {name!r} of an office holder"
    if len(words) > 2:
        short = f"{words[0]} {words[-1]}"
        found = kb.named(short)
        if found:
            return found, f"name {short!r} without middle names"
    return [], ""


def _held(person: Person, when: date) -> list[Role]:
    return [r for r in person.roles if r.held_on(when)]


def _senior(roles: list[Role]) -> Role:
    return min(roles, key=lambda r: (_SENIORITY[r.office], -(r.start or date.min).toordinal()))


def known_person(
    name: str, *, when: date | None = None, countries: frozenset[str] = frozenset()
) -> KnownPerson | None:
    """The knowledge base's answer for ``name`` at ``when`` in a document naming
    ``countries``, or None when it has none or cannot choose."""
    found, how = _candidates(name)
    found = [p for p in found if p.notable or p.country in countries]
    if not found:
        return None
    local = [p for p in found if p.country in countries]
    if local:
        found = local
    if when is not None:
        serving = [p for p in found if _held(p, when)]
        started = [p for p in found if any(r.start is None or r.start <= when for r in p.roles)]
        found = serving or started or found
    if len({p.country for p in found}) != 1:
        return None
    person = max(found, key=lambda p: (p.executive, len(p.roles)))
    evidence = [f"knowledge base {person.kb_id}: {how}"]
    if local:
        evidence.append(f"the document names {person.country}")
    if when is None:
        role = _senior(list(person.roles))
        sector, sectors = OFFICE_SECTORS[role.office]
        evidence.append(f"no date: most senior office {role.office} ({role.source})")
        return KnownPerson(person, person.country, sector, sectors, OFFICE_TITLES[role.office], tuple(evidence))
    held = [r for r in person.roles if r.held_on(when)]
    if held:
        role = _senior(held)
        sector, sectors = OFFICE_SECTORS[role.office]
        evidence.append(f"held {role.office} on {when.isoformat()} ({role.source})")
        return KnownPerson(person, person.country, sector, sectors, OFFICE_TITLES[role.office], tuple(evidence))
    unknown = any(r.held_on(when) is None for r in person.roles)
    ended = [r for r in person.roles if r.end is not None and r.end < when]
    if ended and not unknown:
        role = _senior(ended)
        evidence.append(f"left {role.office} on {role.end} before {when.isoformat()} ({role.source})")
        return KnownPerson(person, person.country, "ELI", (), f"former {OFFICE_TITLES[role.office]}", tuple(evidence))
    evidence.append(f"the source cannot say what office was held on {when.isoformat()}")
    return KnownPerson(person, person.country, None, (), None, tuple(evidence))
