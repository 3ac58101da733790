"""What a named entity in an actor phrase is: a country (or a people of one), a region, a known
organisation, a nation that is only opposed or backing ("anti-Syria", "Israeli-occupied"), or a
place where something happens rather than a side."""

from __future__ import annotations

from spacy.tokens import Span, Token

from crosswire.nlp import ents_from
from crosswire.records import fold
from crosswire.resolve.gazetteer import gazetteer
from crosswire.resolve.kb import regions
from crosswire.resolve.organisations import Organisation, organisation_in


def entity_span(token: Token) -> Span | None:
    """The entity (of any label) ``token`` lies in."""
    if not token.ent_type_:
        return None
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    found = ents_from(token.doc, start, start + 1)
    return found[0] if found and found[0].end > token.i else None


def without_article(entity: Span) -> list[Token]:
    return list(entity)[1:] if entity[0].lower_ == "the" else list(entity)


def country_entity(token: Token) -> str | None:
    """The country whose whole name is the entity (of any label) ``token`` lies in."""
    entity = entity_span(token)
    if entity is None:
        return None
    hit = gazetteer().country_at([t.text for t in entity], 0)
    return hit[0] if hit is not None and hit[1] == len(entity) else None


def in_country_name(token: Token) -> bool:
    return country_entity(token) is not None


def named_organisation(token: Token) -> Organisation | None:
    """The known organisation whose name is the whole entity ``token`` lies in."""
    entity = (
        entity_span(token) if token.ent_type_ in ("ORG", "NORP", "GPE", "PERSON", "FAC") else None
    )
    if entity is None:
        return None
    words = without_article(entity)
    known = organisation_in(words)
    return known[0] if known is not None and len(known[1]) == len(words) else None


def region_of(token: Token) -> tuple[str, str] | None:
    """The region (name, country) whose whole name is the place entity ``token`` lies in."""
    if not token.ent_type_ and token.pos_ == "PROPN":  # a name the recogniser left bare
        country = regions().get(fold(token.text))
        return (token.text, country) if country is not None else None
    entity = entity_span(token) if token.ent_type_ in ("GPE", "LOC") else None
    if entity is None:
        return None
    words = without_article(entity)
    name = token.doc[words[0].i : words[-1].i + 1].text if words else ""
    country = regions().get(fold(name))
    return (name, country) if country is not None else None


#: Prepositions whose object is where something happens, not who takes part.
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "across",
        "around",
        "inside",
        "outside",
        "throughout",
        "into",
        "within",
        "through",
        "towards",
        "toward",
        "from",
        "to",
        "over",
    }
)


def is_where(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE


def all_demonyms(tokens: list[Token]) -> bool:
    """The words are nothing but names of nations ("Bosnian Serbs", "Sierra Leonean"): a
    people, never a person's name."""
    gaz = gazetteer()
    words = [t.text for t in tokens if t.pos_ != "PUNCT"]
    if not words or any(w.isupper() for w in words):
        return False
    start = 0
    while start < len(words):
        hit = gaz.country_at(words, start)
        if hit is None:
            return False
        start += hit[1]
    return True


def entity_of(token: Token) -> list[Token]:
    """The tokens of the entity ``token`` lies in (itself when it lies in none)."""
    entity = entity_span(token)
    return list(entity) if entity is not None else [token]


#: "Israeli-occupied", "Russian-backed": the country is who occupies or backs, not whose.
AGENT_PARTICIPLES = frozenset(
    {"occupied", "backed", "controlled", "held", "sponsored", "supported", "funded", "installed"}
)


def opposed(token: Token) -> bool:
    """A country named as what someone is against ("anti-Syria") or as the one who occupies or
    backs them ("Israeli-occupied", "Russian-backed"), not as theirs."""
    doc = token.doc
    if token.lower_.startswith("anti-") or (
        token.i > 1 and doc[token.i - 1].text in ("-", "‐") and doc[token.i - 2].lower_ == "anti"
    ):
        return True
    return (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text in ("-", "‐")
        and doc[token.i + 2].lower_ in AGENT_PARTICIPLES
    )


#: Those sent to a country: "the Russian ambassador to North Korea" is Russia's.
ENVOYS = frozenset(
    {"ambassador", "envoy", "emissary", "representative", "delegate", "delegation", "consul"}
)


def posted_to(token: Token) -> bool:
    """``token`` begins the country an envoy is sent to ("ambassador to North Korea")."""
    root = token
    while root.head.i != root.i and root.dep_ in ("compound", "amod") and root.head.i > root.i:
        root = root.head
    prep = root.head
    return (
        root.dep_ == "pobj"
        and prep.lower_ == "to"
        and prep.head.i != prep.i
        and prep.head.lemma_.lower() in ENVOYS
    )


def ethnic(token: Token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].lower_ == "ethnic"


def entity_ends(token: Token) -> bool:
    doc = token.doc
    return token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I"


def mistaken_demonym(token: Token) -> bool:
    """A one-word "person" that modifies a common noun is a nationality the recogniser
    misread ("Ugandan opposition candidates"), never a name ("Jordan Peterson" modifies none)."""
    alone = token.ent_iob_ == "B" and entity_ends(token)
    return (
        alone
        and token.dep_ in ("amod", "compound", "nmod")
        and token.head.pos_ == "NOUN"
        and gazetteer().country_at([token.text], 0) is not None
    )
