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

from crosswire.data import igo_codes
from crosswire.records import fold
from crosswire.resolve.kb import (
    OFFICE_SECTORS,
    OFFICE_TITLES,
    KnowledgeBase,
    Person,
    Role,
    knowledge_base,
)

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


def _candidates(name: str, kb: KnowledgeBase) -> tuple[list[Person], str]:
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
    # a misspelt surname with the right given name ("Laurent Gbago" for Laurent Gbagbo)
    near = [p for p in kb.near_surname(words[-1]) if _same_given_name(words[0], p)]
    if near:
        return near, f"name {name!r} as a spelling of {near[0].name!r}"
    return [], ""


def _same_given_name(given: str, person: Person) -> bool:
    return any(fold(n).split()[0] == given for n in (person.name, *person.other_names) if fold(n))


def known_name(text: str, *, kb: KnowledgeBase | None = None) -> bool:
    """Whether ``text`` is, as written, the name of someone who held an executive office
    (for names the entity recogniser gave another label)."""
    return any(p.executive for p in (kb or knowledge_base()).named(text))


def _held(person: Person, when: date) -> list[Role]:
    return [r for r in person.roles if r.held_on(when)]


def _senior(roles: list[Role], home: str) -> Role:
    """The most senior of ``roles``, the person's own country's before an intergovernmental
    body's; then the latest."""
    return min(
        roles,
        key=lambda r: (
            r.country != home,
            _SENIORITY[r.office],
            -(r.start or date.min).toordinal(),
        ),
    )


def _choose(found: list[Person], when: date | None, countries: frozenset[str]) -> list[Person]:
    """Narrow same-named candidates: those of the document's countries, those in office on the
    date (else those whose careers had begun), and finally the one executive among them."""
    local = [
        p for p in found if p.country in countries or any(r.country in countries for r in p.roles)
    ]
    found = local or found
    if when is not None:
        serving = [p for p in found if _held(p, when)]
        started = [p for p in found if any(r.start is None or r.start <= when for r in p.roles)]
        found = serving or started or found
    if len({p.country for p in found}) > 1:
        # a head of state or minister is who the news means, over a legislator of the same name
        executives = [
            p
            for p in found
            if any(r.executive and (when is None or r.held_on(when)) for r in p.roles)
        ]
        if len({p.country for p in executives}) == 1:
            found = executives
    return found


def known_person(
    name: str,
    *,
    when: date | None = None,
    countries: frozenset[str] = frozenset(),
    kb: KnowledgeBase | None = None,
) -> KnownPerson | None:
    """The knowledge base's answer (the shipped one unless ``kb`` is given) for ``name`` at
    ``when`` in a document naming ``countries``, or None when it has none or cannot choose."""
    found, how = _candidates(name, kb or knowledge_base())
    found = [p for p in found if p.notable or p.country in countries]
    if not found:
        return None
    found = _choose(found, when, countries)
    if len({p.country for p in found}) != 1:
        return None
    person = max(found, key=lambda p: (p.executive, len(p.roles)))
    evidence = [f"knowledge base {person.kb_id}: {how}"]
    if person.country in countries:
        evidence.append(f"the document names {person.country}")
    if when is None:
        role = _senior(list(person.roles), person.country)
        evidence.append(
            f"no date: most senior office {role.office} of {role.country} ({role.source})"
        )
        return _known(person, role, role.office, evidence)
    held = _held(person, when)
    if held:
        role = _senior(held, person.country)
        evidence.append(
            f"held {role.office} of {role.country} on {when.isoformat()} ({role.source})"
        )
        return _known(person, role, role.office, evidence)
    unknown = any(r.held_on(when) is None for r in person.roles)
    ended = [r for r in person.roles if r.end is not None and r.end < when]
    # an open legislative term past the source's end leaves a plain legislator unknown, but
    # not someone whose executive office is known to be over
    if ended and (not unknown or any(r.executive for r in ended)):
        role = _senior(ended, person.country)
        evidence.append(
            f"left {role.office} of {role.country} on {role.end} "
            f"before {when.isoformat()} ({role.source})"
        )
        return _known(person, role, None, evidence)
    evidence.append(f"the source cannot say what office was held on {when.isoformat()}")
    return KnownPerson(person, person.country, None, (), None, tuple(evidence))


def _known(person: Person, role: Role, office: str | None, evidence: list[str]) -> KnownPerson:
    """In ``office`` (the role's), or formerly in ``role`` when ``office`` is None (ELI, of the
    person's own country)."""
    if office is None:
        return KnownPerson(
            person,
            person.country,
            "ELI",
            (),
            f"former {OFFICE_TITLES[role.office]}",
            tuple(evidence),
        )
    sector, sectors = OFFICE_SECTORS[office]
    title = OFFICE_TITLES[office]
    if role.country in igo_codes():  # "head of NATO", not of a state
        title = (
            f"head of {role.country}" if office in ("HOS", "HOG") else f"{title} of {role.country}"
        )
    return KnownPerson(person, role.country, sector, sectors, title, tuple(evidence))
