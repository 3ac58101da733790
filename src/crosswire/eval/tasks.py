"""The evaluation tasks behind ``crosswire eval``: each returns its scores and a printable table.

``plv`` and ``cameo-class`` score the learned coders (or, with ``cv``, cross-validate a fresh
model on the file itself: every item is predicted by a model that never saw it); ``gsr`` codes
each distinct sentence end to end with the full pipeline and matches events to the gold records.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc, Span

from crosswire.coding import Profile
from crosswire.data import igo_codes
from crosswire.errors import EvalError
from crosswire.eval.metrics import Report, f1, score_labels
from crosswire.eval.readers import (
    PENTA,
    Dyad,
    GoldEvent,
    Labelled,
    read_dyads,
    read_gsr,
    read_penta,
    read_roles,
)
from crosswire.events.features import dyad_features, rule_features, sentence_features
from crosswire.events.model import LinearModel, bundled
from crosswire.events.ontology import SIDES, meanings, quad_of, side_of
from crosswire.events.train import Example, cross_predict, fit
from crosswire.records import Mention, fold

FAST = Profile("fast")
DYAD_MODEL = "dyad"
PENTA_MODEL = "penta"


def canonical(label: str) -> str:
    """A gold label in current PLOVER names (YIELD stays, as it stands for two types)."""
    found = meanings(label)
    return next(iter(found)) if len(found) == 1 else label.upper()


def same_type(gold: str, predicted: str) -> bool:
    return bool(meanings(gold) & meanings(predicted))


def _parse(texts: Sequence[str], model: str) -> Iterator[Doc]:
    """Docs through the fast profile's events stage (the linear coders' features)."""
    from crosswire.coding import build_nlp
    from crosswire.resolve.component import COMPONENT

    nlp = build_nlp(model, FAST)
    with nlp.select_pipes(disable=[COMPONENT]):
        yield from nlp.pipe(texts, batch_size=64)


def _span(doc: Doc, chars: tuple[int, int] | None) -> Span | None:
    if chars is None:
        return None
    return doc.char_span(chars[0], chars[1], alignment_mode="expand")


def dyad_examples(dyads: Sequence[Dyad], model: str) -> list[Example]:
    examples = []
    for dyad, doc in zip(dyads, _parse([d.text for d in dyads], model), strict=True):
        source, target = _span(doc, dyad.source), _span(doc, dyad.target)
        feats = dyad_features(doc, source, target)
        feats.update(rule_features(doc._.cw_frames or [], source, target))
        examples.append((feats, dyad.gold))
    return examples


def penta_of_cameo(code: str) -> str:
    root = int(code[:2]) if code[:2].isdigit() else 1
    bounds = ((2, 0), (5, 1), (8, 2), (13, 3), (20, 4))
    return PENTA[next(label for top, label in bounds if root <= top)]


def penta_examples(items: Sequence[Labelled], model: str) -> list[Example]:
    examples = []
    for item, doc in zip(items, _parse([i.text for i in items], model), strict=True):
        feats = sentence_features(doc[:])
        for frame in doc._.cw_frames or []:
            penta = penta_of_cameo(frame.spec.cameo)
            feats[f"rule_penta:{penta}"] = feats.get(f"rule_penta:{penta}", 0.0) + 1.0
            feats[f"rule_any:{frame.spec.event}"] = 1.0
        examples.append((feats, item.gold))
    return examples


def _rule_guess(feats: dict[str, float], prefix: str, default: str) -> str:
    votes = {k[len(prefix) :]: v for k, v in feats.items() if k.startswith(prefix)}
    return max(sorted(votes), key=votes.__getitem__) if votes else default


def predict(
    examples: Sequence[Example],
    *,
    cv: int,
    model: LinearModel | None,
    fallback: tuple[str, str],
    source: str = "the bundled model",
) -> tuple[list[str], str]:
    """Predictions and how they were made: cross-validated, a given model, or the rules alone."""
    if cv > 1:
        return cross_predict(examples, k=cv), f"{cv}-fold cross-validation on this file"
    if model is not None:
        return [model.predict(f)[0] for f, _ in examples], source
    prefix, default = fallback
    return [_rule_guess(f, prefix, default) for f, _ in examples], "the rules alone (no model)"


def _source(model_path: str | Path | None) -> str:
    return f"the model {Path(model_path).name}" if model_path else "the bundled model"


def _load(model_path: str | Path | None, name: str) -> LinearModel | None:
    return LinearModel.load(model_path) if model_path else bundled(name)


def eval_plv(
    path: str | Path,
    *,
    nlp_model: str,
    cv: int = 0,
    model_path: str | Path | None = None,
    profile: Profile = FAST,
    train_with: Sequence[str | Path] = (),
) -> Report:
    _no_model_path(model_path, profile)
    _fast_trains_alone(train_with, profile)
    dyads = read_dyads(path)
    binary = all(d.gold in SIDES for d in dyads)
    if profile.name == "accurate":
        predicted, how = _learned_dyads(
            dyads, nlp_model, cv=cv, profile=profile, train_with=train_with
        )
    else:
        predicted, how = predict(
            dyad_examples(dyads, nlp_model),
            cv=cv,
            model=None if binary and cv > 1 else _load(model_path, DYAD_MODEL),
            source=_source(model_path),
            fallback=("rule:", "NONE"),
        )
    gold = [d.gold for d in dyads]
    if binary and (cv <= 1 or profile.name == "accurate"):
        predicted = [side_of(p) or "none" for p in predicted]
    scores = score_labels(gold, predicted, match=same_type)
    if binary:
        coop = scores.accuracy
        quad = None
    else:
        quads = [(quad_of(g), quad_of(p)) for g, p in zip(gold, predicted, strict=True)]
        quad = sum(g == p for g, p in quads) / len(quads) if quads else 0.0
        sides = [(side_of(g), side_of(p)) for g, p in zip(gold, predicted, strict=True)]
        coop = sum(g == p for g, p in sides) / (len(sides) or 1)
    result = {
        "n": scores.n,
        "accuracy": round(scores.accuracy, 4),
        "macro_f1": round(scores.macro_f1, 4),
        "quad_accuracy": None if quad is None else round(quad, 4),
        "coop_conflict_accuracy": round(coop, 4),
        "profile": profile.name,
        "method": how,
    }
    return Report("plv", result, scores.table())


def _no_model_path(model_path: str | Path | None, profile: Profile) -> None:
    if model_path and profile.name == "accurate":
        raise EvalError(
            "--model scores a linear coder of the fast profile.",
            fix="Add --set events.profile=fast (the accurate profile scores its bundled encoder).",
        )


def _fast_trains_alone(train_with: Sequence[str | Path], profile: Profile) -> None:
    if train_with and profile.name != "accurate":
        raise EvalError(
            "--train-with adds training data to the accurate profile's cross-validation.",
            fix="Drop --train-with, or score the accurate profile (events.profile=accurate).",
        )


def _learned_dyads(
    dyads: Sequence[Dyad],
    nlp_model: str,
    *,
    cv: int,
    profile: Profile,
    train_with: Sequence[str | Path],
) -> tuple[list[str], str]:
    from crosswire.eval import learned

    items = learned.dyad_items(dyads, nlp_model)
    extra = learned.read_training(train_with, nlp_model=nlp_model)
    return learned.scored(
        items, learned.predict_dyads, cv=cv, precision=profile.precision, extra=extra
    )


def eval_penta(
    path: str | Path,
    *,
    nlp_model: str,
    cv: int = 0,
    model_path: str | Path | None = None,
    profile: Profile = FAST,
    train_with: Sequence[str | Path] = (),
) -> Report:
    _no_model_path(model_path, profile)
    _fast_trains_alone(train_with, profile)
    items = read_penta(path)
    if profile.name == "accurate":
        from crosswire.eval import learned

        examples = learned.penta_items(items, nlp_model)
        predicted, how = learned.scored(
            examples,
            learned.predict_penta,
            cv=cv,
            precision=profile.precision,
            extra=learned.read_training(train_with, nlp_model=nlp_model),
        )
    else:
        predicted, how = predict(
            penta_examples(items, nlp_model),
            cv=cv,
            model=_load(model_path, PENTA_MODEL),
            fallback=("rule_penta:", PENTA[0]),
            source=_source(model_path),
        )
    scores = score_labels([i.gold for i in items], predicted)
    result = {
        "n": scores.n,
        "accuracy": round(scores.accuracy, 4),
        "macro_f1": round(scores.macro_f1, 4),
        "profile": profile.name,
        "method": how,
    }
    return Report("cameo-class", result, scores.table())


def eval_roles(
    path: str | Path,
    *,
    nlp_model: str,
    cv: int = 0,
    profile: Profile = FAST,
    train_with: Sequence[str | Path] = (),
) -> Report:
    """Source/target span F1 on a ``cameo_ner`` file (exact spans, BIO tags S, T, R)."""
    from crosswire.eval import learned

    _fast_trains_alone(train_with, profile)
    tagged = read_roles(path)
    gold = [list(t.tags) for t in tagged]
    if profile.name == "accurate":
        items = learned.role_items(tagged)
        predicted, how = learned.scored(
            items,
            learned.predict_roles,
            cv=cv,
            precision=profile.precision,
            extra=learned.read_training(train_with, nlp_model=nlp_model),
        )
    else:
        predicted = [_rule_roles(doc) for doc in _parse_words([t.words for t in tagged], nlp_model)]
        how = "the rule frames (sources S, targets T)"
    result: dict[str, object] = {"n": len(tagged), **learned.span_scores(gold, predicted)}
    result.update(profile=profile.name, method=how)
    return Report("cameo-ner", result, "")


def _parse_words(sentences: Sequence[Sequence[str]], model: str) -> Iterator[Doc]:
    from crosswire.coding import build_nlp
    from crosswire.resolve.component import COMPONENT

    nlp = build_nlp(model, FAST)
    docs = (Doc(nlp.vocab, words=list(words)) for words in sentences)
    with nlp.select_pipes(disable=[COMPONENT]):
        yield from nlp.pipe(docs, batch_size=64)


def _rule_roles(doc: Doc) -> list[str]:
    tags = ["O"] * len(doc)
    for frame in doc._.cw_frames or []:
        for groups, role in ((frame.sources, "S"), (frame.targets, "T")):
            for group in groups:
                start, end = min(group), max(group) + 1
                if all(t == "O" for t in tags[start:end]):
                    tags[start:end] = [f"B-{role}"] + [f"I-{role}"] * (end - start - 1)
    return tags


def train_model(task: str, paths: Sequence[str | Path], *, nlp_model: str) -> LinearModel:
    """Fit the ``dyad`` or ``penta`` coder on every example of the given gold files."""
    examples: list[Example] = []
    for path in paths:
        if task == DYAD_MODEL:
            examples += [e for e in dyad_examples(read_dyads(path), nlp_model) if e[1] not in SIDES]
        else:
            examples += penta_examples(read_penta(path), nlp_model)
    return fit(examples)


def _codes_match(gold: Sequence[str], system: frozenset[str]) -> bool:
    """Every gold code among the system's; gold ``IGO`` accepts any intergovernmental body."""
    igos = igo_codes()
    return all(code in system or (code == "IGO" and bool(system & igos)) for code in gold)


def eval_gsr(
    path: str | Path,
    *,
    nlp_model: str,
    max_chars: int = 200_000,
    profile: Profile = FAST,
    min_confidence: float = 0.45,
) -> Report:
    from crosswire.coding import Limits, code_articles
    from crosswire.records import Article

    gold = read_gsr(path)
    texts = list(dict.fromkeys(g.text for g in gold))
    articles = [
        Article.create(text, outlet="gold", title=f"gsr {n}") for n, text in enumerate(texts)
    ]
    limits = Limits(max_chars=max_chars, min_confidence=min_confidence)
    coded = code_articles(articles, model=nlp_model, limits=limits, profile=profile)  # in order
    events_by_text = {
        text: [m for m in done.mentions if not m.negated]
        for text, done in zip(texts, coded, strict=True)
    }
    n_system = sum(len(v) for v in events_by_text.values())
    matched_system: set[tuple[str, int]] = set()
    hits = 0
    type_gold, type_pred = [], []
    empty_right = empty_n = 0
    for record in gold:
        events = events_by_text[record.text]
        if record.event is None:
            empty_n += 1
            empty_right += not events
            continue
        for n, mention in enumerate(events):
            if (record.text, n) in matched_system:
                continue
            sources = frozenset(a.country or "" for a in mention.actors)
            targets = frozenset(a.country or "" for a in mention.recipients)
            if mention.reciprocal:  # either side may be named as the source
                sources = targets = sources | targets
            if (
                same_type(record.event, mention.event)
                and _codes_match(record.sources, sources)
                and _codes_match(record.targets, targets)
            ):
                hits += 1
                matched_system.add((record.text, n))
                break
        best = max(events, key=lambda m: m.confidence).event if events else "NONE"
        type_gold.append(canonical(record.event))
        type_pred.append(best)
    n_gold = sum(1 for g in gold if g.event is not None)
    actor_scores = _actor_scores(gold, events_by_text)
    precision = len(matched_system) / n_system if n_system else 0.0
    recall = hits / n_gold if n_gold else 0.0
    types = score_labels(type_gold, type_pred, match=same_type)
    result = {
        "n_gold": n_gold,
        "n_system": n_system,
        "event_precision": round(precision, 4),
        "event_recall": round(recall, 4),
        "event_f1": round(f1(precision, recall), 4),
        "type_accuracy": round(types.accuracy, 4),
        "no_event_accuracy": round(empty_right / empty_n, 4) if empty_n else None,
        "profile": profile.name,
        **actor_scores,
    }
    return Report("gsr", result, types.table())


def _actor_scores(
    gold: Sequence[GoldEvent], events_by_text: dict[str, list[Mention]]
) -> dict[str, float | int]:
    """Country and sector of gold actors we found: a system actor whose text overlaps the gold
    actor's text (either contains the other) in a mention of the same sentence; of several,
    the longest."""
    igos = igo_codes()
    found = country_ok = sector_n = sector_ok = total = 0
    seen: set[tuple[str, str]] = set()
    for record in gold:
        for text, code, sector in record.actors:
            if (record.text, text) in seen or code == "NGO":
                continue
            seen.add((record.text, text))
            total += 1
            wanted = fold(text)
            system = [
                a
                for m in events_by_text.get(record.text, [])
                for a in (*m.actors, *m.recipients)
                if a.text and (fold(a.text) in wanted or wanted in fold(a.text))
            ]
            if not system:
                continue
            found += 1
            # the system actor read from most of the gold actor's words, not the first one
            # that shares any ("Algerian" the country inside "Algerian security forces")
            actor = max(system, key=lambda a: len(fold(a.text)))
            country_ok += actor.country == code or (code == "IGO" and actor.country in igos)
            if sector:
                sector_n += 1
                sector_ok += actor.sector == sector
    return {
        "actor_n": total,
        "actor_found": round(found / total, 4) if total else 0.0,
        "actor_country_accuracy": round(country_ok / found, 4) if found else 0.0,
        "actor_sector_accuracy": round(sector_ok / sector_n, 4) if sector_n else 0.0,
    }
