"""The learned dyad coder checks each rule frame: it sets the frame's confidence, and re-types a
frame when it is sure the trigger lexicon picked the wrong type for this actor pair.

The rule coder knows syntax (who acted on whom, negation, modality); the classifier knows which
type a trained coder gives a sentence like this one. Both agree most of the time; where the
classifier is confident and gives the rule's type almost no weight, its type wins.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from spacy.tokens import Doc, Span

from crosswire.data import table
from crosswire.events.features import dyad_features, rule_features
from crosswire.events.frames import Frame, adjunct_act, negation_kept
from crosswire.events.model import bundled
from crosswire.events.ontology import meanings

#: The classifier must be at least this sure of its type, and give the rule's type at most
#: ``VETO``, before it replaces the rule's type.
OVERRIDE = 0.7
VETO = 0.05


@lru_cache(maxsize=1)
def base_cameo() -> dict[str, str]:
    """The most general CAMEO code of each PLOVER type (its lowest three-digit code)."""
    found: dict[str, str] = {}
    for code, event, *_ in table("cameo"):
        if len(code) == 3 and event not in found:
            found[event] = code
    return found


def _span(doc: Doc, groups: list[list[int]]) -> Span | None:
    tokens = [i for group in groups[:1] for i in group]
    return doc[min(tokens) : max(tokens) + 1] if tokens else None


def _type_probability(probs: dict[str, float], event: str) -> float:
    return sum(p for label, p in probs.items() if event in meanings(label))


def refine(doc: Doc, frames: list[Frame]) -> None:
    """Score (and where warranted re-type) every frame that has both a source and a target."""
    model = bundled("dyad")
    if model is None:
        return
    # the model learned from single sentences: a frame's rule features come from its own sentence
    by_sentence: dict[int, list[Frame]] = {}
    for frame in frames:
        by_sentence.setdefault(doc[frame.trigger].sent.start, []).append(frame)
    for frame in frames:
        if not frame.sources or not frame.targets:
            continue
        source, target = _span(doc, frame.sources), _span(doc, frame.targets)
        feats = dyad_features(doc, source, target)
        feats.update(rule_features(by_sentence[doc[frame.trigger].sent.start], source, target))
        probs = model.predict_proba(feats)
        agreement = _type_probability(probs, frame.spec.event)
        best, best_p = max(probs.items(), key=lambda item: item[1])
        frame.learned = round(agreement, 3)
        if adjunct_act(doc[frame.trigger]):
            continue  # the sentence's type speaks for its clause, not for a phrase inside it
        if best_p >= OVERRIDE and agreement <= VETO and best in base_cameo():
            frame.spec = dataclasses.replace(
                frame.spec, event=best, mode=None, cameo=base_cameo()[best]
            )
            frame.learned = round(best_p, 3)
            frame.negated = negation_kept(frame.negated, best)
