"""Where a word stands in its sentence: the verb governing it, whether it is what the sentence
reports, how far it hangs below another word."""

from __future__ import annotations

from spacy.tokens import Token

from crosswire.events.modality import SPEECH_VERBS


def governing_verb(token: Token) -> Token:
    """The nearest verb at or above ``token`` (the sentence root if there is none)."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head != current:
        current = current.head
    return current


def main_clause(trigger: Token) -> bool:
    """The trigger is what the sentence reports, not a clause inside it ("after X did Y")."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else governing_verb(trigger)
    if verb.dep_ == "ROOT":
        return True
    return (
        verb.dep_ in ("ccomp", "conj")
        and verb.head.dep_ == "ROOT"
        and (verb.dep_ == "conj" or verb.head.lemma_ in SPEECH_VERBS)
    )


def steps_up(token: Token, ancestor: Token) -> int:
    """How many heads up from ``token`` to ``ancestor`` (or to the root, if it is none)."""
    steps = 0
    while token.i != ancestor.i and token.head.i != token.i:
        token, steps = token.head, steps + 1
    return steps
