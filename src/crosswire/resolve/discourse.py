"""How the sentences of one report tie its acts together: an act told as one more of its kind
("also met"), an act tied to the day just told and so to its place ("that day"), an act done
to "each other", and "they" after a sentence in which two sides met."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from crosswire.records import Mention, Place
from crosswire.resolve.clauses import governing_verb

#: Adverbs by which a report tells an act as one more of its kind ("Krasnov also met ...").
_ANOTHER = frozenset({"also", "additionally", "separately", "later"})


def one_more(trigger: Token) -> bool:
    """The report tells this act as one more of its kind ("also met", "later held talks")."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    return any(c.dep_ == "advmod" and c.lower_ in _ANOTHER for c in verb.children)


#: Date rules by which the text ties an act to the acts told just before it ("that day").
_SAME_SCENE = frozenset({"anaphoric-day", "inferred:earlier-sentence"})


def in_the_scene(mention: Mention, place: Place) -> Mention:
    """An act the text ties to the day just told ("hosted a reception ... that day"), with no
    place of its own, happened where the acts of that day did, when the place is in a country
    taking part."""
    if mention.date_rule not in _SAME_SCENE or place.country not in mention.countries:
        return mention
    return replace(mention, place=place)


def each_other(trigger: Token) -> bool:
    """The act is done by each side to the other ("agreed to offer each other help")."""
    return any(
        (t.lower_ == "other" and t.i > 0 and t.doc[t.i - 1].lower_ == "each")
        or (t.lower_ == "another" and t.i > 0 and t.doc[t.i - 1].lower_ == "one")
        for t in trigger.subtree
    )


def they_after_a_meeting(doc: Doc, groups: list[list[int]]) -> bool:
    """The frame's only source is "they": after a sentence in which two sides met, the two."""
    return len(groups) == 1 and len(groups[0]) == 1 and doc[groups[0][0]].lower_ == "they"
