"""Places: toponyms in a sentence resolved against the offline gazetteer, and the event's place.

The event place is the location attached to the trigger's clause ("in Hanoi", "at ... in
Tbilisi"); a place named as the object of a visit; otherwise the article's dateline city.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from crosswire.nlp import doc_ents, span_ents
from crosswire.nlp.dateline import find_dateline
from crosswire.records import Place, fold
from crosswire.resolve.gazetteer import gazetteer

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across"})


def place_of(span: Span, *, prefer: frozenset[str] = frozenset()) -> Place | None:
    """The gazetteer entry for a toponym span: a city, else a country."""
    gaz = gazetteer()
    hit = gaz.country_at([t.text for t in span], 0)
    if hit and hit[1] == len(span) and fold(span.text) not in gaz.capitals:
        iso3 = hit[0]
        name = gaz.countries[iso3].name if iso3 in gaz.countries else span.text
        return Place(name, iso3, None, None, "country")
    city = gaz.city(span.text, prefer=prefer)
    if city is not None:
        return Place(city.name, city.country, round(city.lat, 4), round(city.lon, 4), "city")
    return None


def _toponym(token: Token) -> Span | None:
    for ent in doc_ents(token.doc):
        if ent.start <= token.i < ent.end and ent.label_ in ("GPE", "LOC", "FAC"):
            return ent
    return None


def event_place(
    doc: Doc, trigger: Token, *, actor_tokens: set[int], prefer: frozenset[str], visit: bool
) -> Place | None:
    """The place where the event at ``trigger`` happened, if the sentence says so."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    clause = [trigger, *objects, *list(trigger.ancestors)[:2]]
    venue_seen = False
    for holder in clause:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or obj.i in actor_tokens:
                    continue
                found = _place_in(obj, prefer)
                if found is not None:
                    return found
                venue_seen = venue_seen or _toponym(obj) is not None
    if visit:
        for child in trigger.children:
            if child.dep_ in ("dobj", "prep"):
                for tok in [child, *child.children]:
                    span = _toponym(tok)
                    if span is not None:
                        found = place_of(span, prefer=prefer)
                        if found is not None and found.precision == "city":
                            return found
    if venue_seen:
        for ent in span_ents(trigger.sent):
            if ent.label_ == "GPE" and not (set(range(ent.start, ent.end)) & actor_tokens):
                found = place_of(ent, prefer=prefer)
                if found is not None and found.precision == "city":
                    return found
    return None


def _place_in(obj: Token, prefer: frozenset[str]) -> Place | None:
    """A place from a prepositional object, looking through venues ("a hall in Hanoi")."""
    for token in obj.subtree:
        span = _toponym(token)
        if span is not None and span.label_ in ("GPE", "LOC"):
            found = place_of(span, prefer=prefer)
            if found is not None:
                return found
    return None


def dateline_place(text: str) -> Place | None:
    """The city of a dateline such as 'HANOI, March 4 (Reuters) -'."""
    found = find_dateline(text)
    if found is None:
        return None
    city = gazetteer().city(found.city)
    if city is None:
        return None
    return Place(city.name, city.country, round(city.lat, 4), round(city.lon, 4), "city")
