"""``crosswire eval event-location`` and ``crosswire train place``: where events happened.

Each sentence of the set has one annotated event verb and zero or more spans naming where it
happened. ``resolve.locate.event_toponym`` (the function the pipeline calls) picks a toponym of
the sentence for the verb, or none; it is right when it overlaps a gold location span, or when
both say there is none. The chooser is trained on this set, so its own score is reported by
cross-validation (``--cv K``: folds of distinct sentences, each scored by a model fitted on the
others); without ``--cv`` the bundled model is scored, a training-data score on this file.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from crosswire.eval.georeaders import LocatedEvent, read_event_locations
from crosswire.eval.metrics import Report
from crosswire.events.model import LinearModel
from crosswire.events.train import Example, fit, folds
from crosswire.resolve.geoparse import Toponym, find_toponyms
from crosswire.resolve.locate import THRESHOLD, best, candidates, event_toponym, features

#: Operating points tried when a model is fitted (the one that scores best on held-out folds of
#: the training sentences is built into the model's intercept).
_POINTS = tuple(round(0.2 + 0.025 * n, 3) for n in range(17))
_INNER_FOLDS = 3


@dataclass
class Sentence:
    record: LocatedEvent
    doc: Doc
    trigger: int
    toponyms: list[Toponym]

    def options(self) -> list[Toponym]:
        return candidates(self.doc, self.trigger, self.toponyms, frozenset())

    def right(self, chosen: Toponym | None) -> bool:
        if chosen is None:
            return not self.record.locations
        return any(chosen.start < e and s < chosen.end for s, e in self.record.locations)


def read_sentences(path: str | Path, *, nlp_model: str) -> list[Sentence]:
    """The set's sentences, parsed, with their trigger token and toponyms."""
    from crosswire.nlp import load_base

    records = list(read_event_locations(path))
    docs = load_base(nlp_model).pipe([r.text for r in records], batch_size=32)
    out = []
    for record, doc in zip(records, docs, strict=True):
        verb = doc.char_span(*record.verb, alignment_mode="expand")
        if verb is not None:
            out.append(Sentence(record, doc, verb.root.i, find_toponyms(doc)))
    return out


def _examples(sentences: Sequence[Sentence]) -> list[Example]:
    examples: list[Example] = []
    for sentence in sentences:
        options = sentence.options()
        for toponym in options:
            label = "place" if sentence.right(toponym) else "other"
            examples.append((features(sentence.doc, sentence.trigger, toponym, options), label))
    return examples


def _text_folds(sentences: Sequence[Sentence], k: int) -> list[list[int]]:
    """Folds that keep every copy of one sentence together (the set annotates some twice)."""
    texts = list(dict.fromkeys(s.record.text for s in sentences))
    fold_of = {}
    for number, members in enumerate(folds(len(texts), k)):
        fold_of.update({texts[i]: number for i in members})
    grouped: list[list[int]] = [[] for _ in range(k)]
    for i, sentence in enumerate(sentences):
        grouped[fold_of[sentence.record.text]].append(i)
    return grouped


def _best(sentence: Sentence, model: LinearModel) -> tuple[Toponym | None, float]:
    found = best(sentence.doc, sentence.trigger, sentence.options(), model)
    return found if found is not None else (None, 0.0)


def fit_place(sentences: Sequence[Sentence]) -> LinearModel:
    """The chooser fitted on ``sentences``, its intercept moved so that ``THRESHOLD`` sits at
    the operating point that was most accurate on held-out folds of these sentences."""
    held: list[tuple[Sentence, Toponym | None, float]] = []
    for members in _text_folds(sentences, _INNER_FOLDS):
        chosen = set(members)
        rest = [s for i, s in enumerate(sentences) if i not in chosen]
        model = fit(_examples(rest), c=1.0, balanced=False)
        held += [(sentences[i], *_best(sentences[i], model)) for i in members]

    def accuracy(point: float) -> int:
        return sum(s.right(top if top is not None and p >= point else None) for s, top, p in held)

    point = max(_POINTS, key=lambda p: (accuracy(p), -abs(p - THRESHOLD)))
    model = fit(_examples(sentences), c=1.0, balanced=False)
    shift = math.log(point / (1 - point)) - math.log(THRESHOLD / (1 - THRESHOLD))
    place = model.classes.index("place")
    intercept = model.intercept.copy()
    intercept[place] -= shift / 2
    intercept[1 - place] += shift / 2
    return LinearModel(model.classes, model.features, model.coef, intercept)


def train_place(paths: Sequence[str | Path], *, nlp_model: str) -> LinearModel:
    """The bundled chooser, fitted on every sentence of the given event_location files."""
    return fit_place([s for path in paths for s in read_sentences(path, nlp_model=nlp_model)])


def eval_event_location(
    path: str | Path, *, nlp_model: str, cv: int = 0, model_path: str | None = None
) -> Report:
    sentences = read_sentences(path, nlp_model=nlp_model)
    chosen: list[Toponym | None] = [None] * len(sentences)
    if cv > 1:
        for members in _text_folds(sentences, cv):
            held = set(members)
            model = fit_place([s for i, s in enumerate(sentences) if i not in held])
            for i in members:
                s = sentences[i]
                chosen[i] = event_toponym(s.doc, s.trigger, s.toponyms, model=model)
    else:
        bundle = LinearModel.load(model_path) if model_path else None
        chosen = [event_toponym(s.doc, s.trigger, s.toponyms, model=bundle) for s in sentences]
    n = len(sentences)
    correct = sum(s.right(c) for s, c in zip(sentences, chosen, strict=True))
    said = sum(c is not None for c in chosen)
    with_place = sum(bool(s.record.locations) for s in sentences)
    placed_right = sum(c is not None and s.right(c) for s, c in zip(sentences, chosen, strict=True))
    scores: dict[str, float | int | str] = {
        "n": n,
        "accuracy": round(correct / n, 4) if n else 0.0,
        "location_precision": round(placed_right / said, 4) if said else 0.0,
        "location_recall": round(placed_right / with_place, 4) if with_place else 0.0,
        "n_with_location": with_place,
        "scored": f"{cv}-fold cross-validation" if cv > 1 else "the bundled model",
    }
    table = "\n".join(f"{key:<22}{value}" for key, value in scores.items())
    return Report("event-location", scores, table)
