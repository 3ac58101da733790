"""The accurate profile's learned coders under evaluation and training.

Gold files become training items (sentences split into words by the pipeline's own tokenizer);
``--cv K`` fine-tunes a fresh model on K-1 folds and predicts the held-out fold through the
shipping path (the ONNX graph built from that fold's delta, the NumPy heads); without it the
bundled model is scored. Training needs torch; scoring the bundled model does not.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from crosswire.eval.readers import PENTA, Dyad, Labelled, Tagged
from crosswire.events.heads import ROLE_LABELS, Heads, bundled_heads
from crosswire.events.learned import dyad_type, penta, role_tags
from crosswire.events.ontology import SIDES
from crosswire.events.tune import Item, Settings, fine_tune, save
from crosswire.nlp.encoder import Encoded, Encoder, shared_encoder

T = TypeVar("T")


@dataclass
class Model:
    """An encoder with its heads: the bundled one, or one fine-tuned for a fold."""

    encoder: Encoder
    heads: Heads


def bundled_model(precision: str = "int8") -> Model:
    return Model(shared_encoder(precision), bundled_heads())


def _tokenizer(nlp_model: str) -> Callable[[str], list[tuple[str, int, int]]]:
    from crosswire.coding import Profile, build_nlp

    tokenizer = build_nlp(nlp_model, Profile("fast")).tokenizer

    def split(text: str) -> list[tuple[str, int, int]]:
        return [(t.text, t.idx, t.idx + len(t.text)) for t in tokenizer(text)]

    return split


def _word_span(
    words: list[tuple[str, int, int]], chars: tuple[int, int] | None
) -> tuple[int, int] | None:
    if chars is None:
        return None
    inside = [n for n, (_, start, end) in enumerate(words) if start < chars[1] and end > chars[0]]
    return (inside[0], inside[-1] + 1) if inside else None


def _tags(n: int, source: tuple[int, int] | None, target: tuple[int, int] | None) -> list[int]:
    tags = [0] * n
    for bounds, side in ((source, "S"), (target, "T")):
        if bounds is None:
            continue
        for k in range(*bounds):
            tags[k] = ROLE_LABELS.index(f"{'B' if k == bounds[0] else 'I'}-{side}")
    return tags


def dyad_items(dyads: Sequence[Dyad], nlp_model: str, *, with_roles: bool = True) -> list[Item]:
    """Items of marked dyads, parsed (the trigger is the word governing both sides)."""
    from crosswire.coding import Profile, build_nlp
    from crosswire.events.learned import act_of
    from crosswire.resolve.component import COMPONENT, EVENTS

    nlp = build_nlp(nlp_model, Profile("fast"))
    items = []
    with nlp.select_pipes(disable=[EVENTS, COMPONENT]):
        docs = nlp.pipe((d.text for d in dyads), batch_size=64)
        for dyad, doc in zip(dyads, docs, strict=True):
            words = [(t.text, t.idx, t.idx + len(t.text)) for t in doc]
            source, target = _word_span(words, dyad.source), _word_span(words, dyad.target)
            # A set labelled only cooperation/conflict marks argument pairs (its "source" may
            # be the one acted on), so its spans never teach the role tagger.
            tagged = with_roles and dyad.gold not in SIDES
            act = None
            if source is not None and target is not None:
                found = act_of(doc, list(range(*source)), list(range(*target)))
                act = found.i if found is not None else None
            items.append(
                Item(
                    [w for w, _, _ in words],
                    roles=_tags(len(words), source, target) if tagged else None,
                    dyad=dyad.gold,
                    source=source,
                    target=target,
                    trigger=act,
                )
            )
    return items


def penta_items(labelled: Sequence[Labelled], nlp_model: str) -> list[Item]:
    split = _tokenizer(nlp_model)
    return [Item([w for w, _, _ in split(i.text)], penta=PENTA.index(i.gold)) for i in labelled]


def role_items(tagged: Sequence[Tagged]) -> list[Item]:
    items = []
    for sentence in tagged:
        known = [tag if tag in ROLE_LABELS else "O" for tag in sentence.tags]
        items.append(Item(list(sentence.words), roles=[ROLE_LABELS.index(t) for t in known]))
    return items


def encode(model: Model, items: Sequence[Item]) -> list[Encoded]:
    return model.encoder.encode([i.words for i in items])


def predict_dyads(model: Model, items: Sequence[Item]) -> list[str]:
    found = []
    for item, encoded in zip(items, encode(model, items), strict=True):
        probs = dyad_type(model.heads, encoded, item.source, item.target, item.trigger)
        found.append(max(probs, key=probs.__getitem__))
    return found


def predict_penta(model: Model, items: Sequence[Item]) -> list[str]:
    return [PENTA[penta(model.heads, e)] for e in encode(model, items)]


def predict_roles(model: Model, items: Sequence[Item]) -> list[list[str]]:
    return [role_tags(model.heads, e) for e in encode(model, items)]


def folds(n: int, k: int) -> list[list[int]]:
    """Item indices of each of ``k`` folds (every k-th item, so folds mix the whole file)."""
    return [list(range(fold, n, k)) for fold in range(k)]


def cross_validate(
    items: Sequence[Item],
    k: int,
    predict: Callable[[Model, Sequence[Item]], list[T]],
    *,
    settings: Settings | None = None,
    precisions: Sequence[str] = ("int8",),
    extra: Sequence[Item] = (),
) -> dict[str, list[T]]:
    """Every item predicted by a model fine-tuned on the other folds only (plus ``extra``,
    items from other files, in every fold's training), once per precision of the graph (the
    same fold models, so precisions compare exactly)."""
    found: dict[str, dict[int, T]] = {p: {} for p in precisions}
    for fold in folds(len(items), k):
        held = set(fold)
        train = [item for n, item in enumerate(items) if n not in held] + list(extra)
        delta, heads = fine_tune(train, settings)
        with tempfile.TemporaryDirectory(prefix="crosswire-fold-") as folder:
            delta_file, _ = save(delta, heads, Path(folder))
            for precision in precisions:
                encoder = Encoder(precision, delta=delta_file, folder=Path(folder) / "graph")
                predicted = predict(Model(encoder, heads), [items[n] for n in fold])
                found[precision].update(zip(fold, predicted, strict=True))
    return {p: [by_item[n] for n in range(len(items))] for p, by_item in found.items()}


def scored(
    items: Sequence[Item],
    predict: Callable[[Model, Sequence[Item]], list[T]],
    *,
    cv: int,
    precision: str,
    extra: Sequence[Item] = (),
) -> tuple[list[T], str]:
    """Predictions for ``items`` and how they were made: by ``cv``-fold cross-validation (the
    encoder fine-tuned per fold, on the other folds plus ``extra``) or by the bundled encoder."""
    if cv > 1:
        found = cross_validate(items, cv, predict, precisions=[precision], extra=extra)[precision]
        also = f", plus {len(extra)} sentences of other files in every fold" if extra else ""
        return found, f"{cv}-fold cross-validation on this file{also} (encoder fine-tuned per fold)"
    return predict(bundled_model(precision), items), f"the bundled encoder ({precision})"


def bio_spans(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    """(role, start, end) of every BIO span; an I- without its B- starts a span."""
    found: set[tuple[str, int, int]] = set()
    start, kind = -1, ""
    for n, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and tag[2:] == kind and start >= 0
        if start >= 0 and not inside:
            found.add((kind, start, n))
            start, kind = -1, ""
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, kind = n, tag[2:]
    return found


def span_scores(
    gold: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]
) -> dict[str, float]:
    """Exact-match span precision, recall and F1, overall and per role."""
    result: dict[str, float] = {}
    totals = {"all": [0, 0, 0]}
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = bio_spans(g), bio_spans(p)
        for role in {s[0] for s in gs | ps} | {"all"}:
            gr = gs if role == "all" else {s for s in gs if s[0] == role}
            pr = ps if role == "all" else {s for s in ps if s[0] == role}
            counts = totals.setdefault(role, [0, 0, 0])
            counts[0] += len(gr & pr)
            counts[1] += len(pr)
            counts[2] += len(gr)
    for role, (hit, n_pred, n_gold) in sorted(totals.items()):
        precision = hit / n_pred if n_pred else 0.0
        recall = hit / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        prefix = "" if role == "all" else f"{role}_"
        result[f"{prefix}span_f1"] = round(f1, 4)
        if role == "all":
            result["span_precision"] = round(precision, 4)
            result["span_recall"] = round(recall, 4)
    return result


def training_items(
    *,
    dyads: Sequence[Dyad] = (),
    penta: Sequence[Labelled] = (),
    roles: Sequence[Tagged] = (),
    nlp_model: str,
) -> list[Item]:
    """One multi-task training set from the gold files given."""
    items = dyad_items(dyads, nlp_model) if dyads else []
    items += penta_items(penta, nlp_model) if penta else []
    items += role_items(roles)
    return items


def _kind(path: Path) -> str:
    """``dyads``, ``penta`` or ``roles``, from the file's first line."""
    with path.open(encoding="utf-8-sig") as handle:
        first = handle.readline()
    if "marked_sentence" in first:
        return "dyads"
    if "\t" in first:
        return "penta"
    return "roles"


def read_training(paths: Sequence[str | Path], *, nlp_model: str) -> list[Item]:
    """One multi-task training set from gold files of any kind (PLV dyad TSVs, with a type or a
    cooperation/conflict label; CAMEO-class TSVs; cameo_ner files), told apart by their first
    line."""
    from crosswire.eval.readers import read_dyads, read_penta, read_roles

    dyads: list[Dyad] = []
    labelled: list[Labelled] = []
    tagged: list[Tagged] = []
    for path in map(Path, paths):
        kind = _kind(path)
        if kind == "dyads":
            dyads += read_dyads(path)
        elif kind == "penta":
            labelled += read_penta(path)
        else:
            tagged += read_roles(path)
    return training_items(dyads=dyads, penta=labelled, roles=tagged, nlp_model=nlp_model)


def train_bundle(
    paths: Sequence[str | Path], output: Path, *, nlp_model: str, settings: Settings | None = None
) -> str:
    """Fine-tune the encoder on every gold file given and write its delta and heads."""
    items = read_training(paths, nlp_model=nlp_model)
    chosen = settings or Settings(log=print)
    delta, heads = fine_tune(items, chosen)
    delta_file, heads_file = save(delta, heads, output)
    n_dyads = sum(i.dyad is not None for i in items)
    n_classed = sum(i.penta is not None for i in items)
    n_tagged = len(items) - n_dyads - n_classed
    return (
        f"Fine-tuned the encoder on {len(items)} sentences ({n_dyads} dyads, "
        f"{n_classed} classed, {n_tagged} role-tagged); wrote {delta_file} "
        f"({delta_file.stat().st_size // 1024} KB) and {heads_file} "
        f"({heads_file.stat().st_size // 1024} KB)."
    )
