"""Decisions read from the shared encoder's vectors: participant roles and dyad types.

The pipeline (``events.component`` in the accurate profile) and ``crosswire eval`` both call
these functions, so what is scored is what ships.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token

from crosswire.events.heads import ROLE_LABELS, Array, Heads, between, decode, spans
from crosswire.nlp.encoder import Encoded


@dataclass(frozen=True, slots=True)
class Roles:
    """Word spans [start, end) tagged as sources, targets and two-sided participants."""

    sources: list[tuple[int, int, float]]
    targets: list[tuple[int, int, float]]
    both: list[tuple[int, int, float]]


def span_vector(encoded: Encoded, bounds: tuple[int, int] | None) -> Array:
    """The mean word vector of a span (zeros for no span, as in training)."""
    if bounds is None:
        return np.zeros_like(encoded.sentence)
    start, end = max(bounds[0], 0), min(bounds[1], len(encoded.words))
    if start >= end:
        return np.zeros_like(encoded.sentence)
    return encoded.words[start:end].mean(axis=0)  # type: ignore[no-any-return]


def dyad_type(
    heads: Heads,
    encoded: Encoded,
    source: tuple[int, int] | None,
    target: tuple[int, int] | None,
    trigger: int | None = None,
) -> dict[str, float]:
    """Probabilities of each PLOVER type for the act ``trigger`` of ``source`` on ``target``
    (word indices into the sentence)."""
    return heads.dyad(
        [
            encoded.sentence,
            span_vector(encoded, source),
            span_vector(encoded, target),
            span_vector(encoded, between(source, target)),
            span_vector(encoded, None if trigger is None else (trigger, trigger + 1)),
        ]
    )


def act_of(doc: Doc, source: list[int], target: list[int]) -> Token | None:
    """The word naming the act of ``source`` on ``target`` (token indices): the lowest verb or
    noun governing both, outside both; None when there is none. The training data mark only the
    two sides, so the dyad typer learns on this word as the trigger, and the pipeline's new
    frames take it as theirs."""
    chain = set()
    token: Token = doc[source[0]]
    while True:
        chain.add(token.i)
        if token.head.i == token.i:
            break
        token = token.head
    token = doc[target[0]]
    while token.i not in chain and token.head.i != token.i:
        token = token.head
    if token.i not in chain:
        return None
    while token.pos_ not in ("VERB", "NOUN") and token.head.i != token.i:
        token = token.head
    if token.i in source or token.i in target or token.pos_ not in ("VERB", "NOUN"):
        return None
    return token


def roles(heads: Heads, encoded: Encoded) -> Roles:
    probs = heads.roles(encoded.words)
    best = decode(probs)
    return Roles(spans(probs, best, "S"), spans(probs, best, "T"), spans(probs, best, "R"))


def role_tags(heads: Heads, encoded: Encoded) -> list[str]:
    """The BIO tag of every word (the best well-formed sequence, ``heads.decode``)."""
    return [ROLE_LABELS[i] for i in decode(heads.roles(encoded.words))]


def penta(heads: Heads, encoded: Encoded) -> int:
    return int(heads.penta(encoded.sentence).argmax())
