"""Training and cross-validating the linear coders (scikit-learn, imported only here)."""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

from crosswire.events.model import LinearModel

Example = tuple[dict[str, float], str]


def fit(
    examples: Sequence[Example], *, c: float = 4.0, min_count: int = 1, balanced: bool = True
) -> LinearModel:
    """Multinomial logistic regression on the examples' features (classes weighted to equal
    totals when ``balanced``; else the probabilities keep the classes' real odds)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for feats, _ in examples:
        for name in feats:
            counts[name] = counts.get(name, 0) + 1
    keep = {name for name, n in counts.items() if n >= min_count}
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(
        [{k: v for k, v in f.items() if k in keep} for f, _ in examples]
    )
    labels = [label for _, label in examples]
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    model.fit(matrix, labels)
    coef = np.asarray(model.coef_, dtype=np.float32)
    intercept = np.asarray(model.intercept_, dtype=np.float32)
    if coef.shape[0] == 1:  # two classes: scikit-learn keeps one row
        coef = (np.vstack([-coef, coef]) / 2).astype(np.float32)
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2], dtype=np.float32)
    names = vectorizer.get_feature_names_out()
    used = np.flatnonzero(np.abs(coef).max(axis=0) > 1e-4)
    return LinearModel(
        tuple(str(c) for c in model.classes_),
        {str(names[j]): n for n, j in enumerate(used)},
        coef[:, used],
        intercept,
    )


def folds(n: int, k: int, *, seed: int = 13) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def cross_predict(examples: Sequence[Example], *, k: int = 5, c: float = 4.0) -> list[str]:
    """Out-of-fold predictions: each example predicted by a model that never saw it."""
    predictions = [""] * len(examples)
    for held in folds(len(examples), k):
        held_set = set(held)
        model = fit([e for i, e in enumerate(examples) if i not in held_set], c=c)
        for i in held:
            predictions[i] = model.predict(examples[i][0])[0]
    return predictions
