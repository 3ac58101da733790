"""Negation, modality and reported speech of an event trigger, read from the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from crosswire.records import Modality

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "add",
        "claim",
        "confirm",
        "declare",
        "write",
        "note",
        "insist",
        "reveal",
        "accord",
    }
)
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute"})
INTENT_VERBS = frozenset(
    {
        "plan",
        "intend",
        "expect",
        "hope",
        "want",
        "seek",
        "aim",
        "schedule",
        "set",
        "prepare",
        "propose",
        "offer",
        "promise",
        "pledge",
        "vow",
        "agree",
        "decide",
        "invite",
        "arrange",
    }
)
#: Verbs whose complement did not happen: "failed to arrest", "refused to meet".
FAILURE_VERBS = frozenset({"fail", "refuse", "decline", "neglect"})
#: "is willing to withdraw", "ready to contribute": a stated readiness is an intention.
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "eager", "determined", "keen"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
#: "could strike", "must withdraw": the act is possible or required, not reported as done.
HEDGE_AUX = frozenset({"could", "might", "may", "would", "must", "should"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "until"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "parataxis", "pcomp"})


@dataclass(frozen=True, slots=True)
class Reading:
    negated: bool
    modality: Modality
    attribution: str | None


def _clause_heads(token: Token) -> list[Token]:
    """The trigger, then each verb above it up to the sentence root."""
    chain = [token]
    current = token
    while current.head != current and len(chain) < 8:
        if current.dep_ not in _CLAUSE_DEPS and current.pos_ in ("VERB", "AUX"):
            break
        current = current.head
        chain.append(current)
    return chain


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.pos_ == "NOUN" and any(c.lower_ == "no" and c.dep_ == "det" for c in token.children):
        return True
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_.lower() in FAILURE_VERBS:
        return True  # "failed to arrest": no arrest
    # "did not hold talks", "refused to ..." keep the negation on the governing verb
    return bool(
        token.dep_ in ("dobj", "xcomp", "nsubjpass", "nsubj")
        and head != token
        and any(c.dep_ == "neg" for c in head.children)
    )


def _is_future(token: Token) -> bool:
    """Will happen, or is planned: "will visit", "is expected to hold talks", "plans a trip"."""
    holder = token
    if token.dep_ in ("dobj", "attr", "nsubj", "pobj") and token.pos_ in ("NOUN", "PROPN"):
        holder = token.head
        if token.head.lemma_ in INTENT_VERBS:
            return True
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in holder.children):
            return True
        if holder.dep_ == "xcomp" and (
            holder.head.lemma_ in INTENT_VERBS | {"go"} or holder.head.lower_ in INTENT_ADJECTIVES
        ):
            return True
        if holder.dep_ in ("xcomp", "conj") and holder.head != holder:
            holder = holder.head
            continue
        break
    return False


def _reported(verb: Token) -> bool:
    """``verb`` heads the clause a verb of saying reports ("X said it would ...")."""
    return verb.dep_ == "ccomp" and verb.head.lemma_ in SPEECH_VERBS


def _speaker(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return " ".join(t.text for t in child.subtree).strip()
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return " ".join(t.text for t in obj.subtree).strip()
    return None


def read_trigger(token: Token) -> Reading:
    """How the sentence presents the event at ``token``: negated, modality, who said so."""
    negated = _negated(token)
    modality: Modality = "intended" if _is_future(token) else "asserted"
    attribution = None
    for head in _clause_heads(token)[1:]:
        if head.lemma_ in DENIAL_VERBS:
            modality = "denied"
        elif head.lemma_ in SPEECH_VERBS and attribution is None:
            attribution = _speaker(head)
    sentence = token.sent
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in HEDGE_AUX and modality == "asserted":
            # "they said they would meet him": the future of a past statement
            reported = child.lower_ == "would" and _reported(token)
            modality = "intended" if reported else "hypothetical"
    for head in _clause_heads(token):
        if head.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in head.children
        ):
            modality = "hypothetical"
    if attribution is None:
        for tok in sentence:
            if (
                tok.lower_ == "according"
                and tok.i + 1 < len(tok.doc)
                and tok.doc[tok.i + 1].lower_ == "to"
            ):
                attribution = (
                    " ".join(t.text for t in tok.doc[tok.i + 1].subtree if t.i > tok.i + 1).strip()
                    or None
                )
                break
    return Reading(negated=negated, modality=modality, attribution=attribution)
