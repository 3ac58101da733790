"""Coding one actor string on its own (``crosswire.resolve_actor``, ``crosswire actor-code``):
the same parse and the same resolution the pipeline applies to an actor phrase, so that actor
strings from other datasets are coded as crosswire codes its own events.

The optional context (a sentence, a headline, a country name) is parsed in front of the text, as
earlier sentences of the same document: it teaches full names ("Krasnov" after "Igor Krasnov"),
the countries in play and, when it names exactly one country, whose office a bare title is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from crosswire.errors import InputError
from crosswire.records import ActorRef, Article, fold
from crosswire.resolve.actors import resolve_actor
from crosswire.resolve.gazetteer import gazetteer
from crosswire.resolve.kb import party_country
from crosswire.resolve.mentions import DocContext
from crosswire.resolve.persons import known_person

#: Sectors of a state's own offices: a bare office in a context about one country is its.
_STATE = frozenset({"GOV", "LEG", "MIL", "JUD", "COP", "SPY"})


def code_actor(
    parse: Callable[[str], Doc],
    text: str,
    *,
    context: str | None = None,
    when: date | None = None,
) -> ActorRef | None:
    """The actor ``text`` names, read after ``context`` on the date ``when``; None when it
    names none. ``parse`` turns text into a parsed Doc (the pipeline's language stages)."""
    text = " ".join(text.split())
    if not text:
        raise InputError("The actor text is empty.", fix="Pass the name or phrase to code.")
    prefix = f"{' '.join(context.split())}\n\n" if context and context.strip() else ""
    doc = parse(prefix + text)
    ctx = DocContext(doc, Article.create(prefix + text, outlet="actor-code", published=when))
    indices = [t.i for t in doc if t.idx >= len(prefix) and not t.is_space]
    words = [t for t in (doc[i] for i in indices) if not t.is_punct]
    actor = resolve_actor(doc, indices, ctx.memory) if words else None
    evidence = list(actor.evidence) if actor is not None else []
    if (
        (actor is None or actor.kind == "country")
        and words
        and all(t.pos_ == "PROPN" or t.is_title for t in words)
    ):  # a bare name the recogniser did not take for a person
        found = known_person(text, when=when, countries=ctx.memory.countries)
        if found is not None:
            return ActorRef(
                name=found.person.name,
                kind="person",
                country=found.country,
                sector=found.sector,
                sectors=found.sectors,
                role=found.role,
                text=text,
                kb_id=found.person.kb_id,
                evidence=found.evidence,
            ).with_id()
    if actor is None:
        party = party_country(text.removeprefix("the "), ctx.memory.countries)
        if party is None:
            return None
        return ActorRef(
            name=text,
            kind="organisation",
            country=party,
            sector="PTY",
            text=text,
            evidence=(f"a party seated in the legislature of {party} (EveryPolitician)",),
        ).with_id()
    if not evidence:
        evidence.append("read from the phrase: its names, nationality and role words")
    countries = ctx.memory.countries
    named = gazetteer().country_names.get(fold(context or ""))
    if named is not None:  # a context that is just a country's name
        countries = countries | {named}
    if actor.country is None and prefix and len(countries) == 1 and actor.sector in _STATE:
        (country,) = countries
        actor = replace(actor, country=country).with_id()
        evidence.append(f"an office with no country, in a context about {country}")
    return replace(actor, text=text, evidence=tuple(evidence))
