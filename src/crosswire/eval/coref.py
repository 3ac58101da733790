"""Coreference metrics over clusterings of mentions: MUC, B-cubed, CEAF-e, LEA and CoNLL.

A clustering is any iterable of clusters (iterables of hashable mention ids). ``key`` is the
gold clustering, ``response`` the system's. Mentions the response leaves out count as its
singletons when recall is computed, and the other way round for precision, as in the
CoNLL-2012 reference scorer. Singletons are kept (the usual ECB+ setting).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = list[frozenset[Hashable]]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 0.0 if total == 0 else 2 * self.precision * self.recall / total


def _clusters(clustering: Iterable[Iterable[Hashable]]) -> Clusters:
    found = [frozenset(c) for c in clustering]
    return [c for c in found if c]


def _owner(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _muc_recall(key: Clusters, response: Clusters) -> float:
    owner = _owner(response)
    num = den = 0
    for cluster in key:
        parts = {owner.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return _ratio(num, den)


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """Links: how many of each cluster's links survive in the other clustering."""
    k, r = _clusters(key), _clusters(response)
    return PRF(_muc_recall(r, k), _muc_recall(k, r))


def _b3_recall(key: Clusters, response: Clusters) -> float:
    owner = _owner(response)
    num = 0.0
    den = 0
    for cluster in key:
        overlap: dict[object, int] = {}
        for m in cluster:
            part = owner.get(m, ("alone", m))
            overlap[part] = overlap.get(part, 0) + 1
        num += sum(n * n for n in overlap.values()) / len(cluster)
        den += len(cluster)
    return _ratio(num, den)


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """Per mention: the share of its cluster that the other clustering also puts with it."""
    k, r = _clusters(key), _clusters(response)
    return PRF(_b3_recall(r, k), _b3_recall(k, r))


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """Entity-based CEAF: the best one-to-one alignment of clusters by Dice similarity."""
    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return PRF(0.0, 0.0)
    owner = _owner(r)
    sim = np.zeros((len(k), len(r)))
    for i, cluster in enumerate(k):
        for m in cluster:
            j = owner.get(m)
            if j is not None:
                sim[i, j] += 1
    sizes_k = np.array([len(c) for c in k], dtype=float)[:, None]
    sizes_r = np.array([len(c) for c in r], dtype=float)[None, :]
    sim = 2 * sim / (sizes_k + sizes_r)
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = float(sim[rows, cols].sum())
    return PRF(total / len(r), total / len(k))


def _lea_recall(key: Clusters, response: Clusters) -> float:
    owner = _owner(response)
    num = 0.0
    den = 0
    for cluster in key:
        size = len(cluster)
        if size == 1:
            (m,) = cluster
            j = owner.get(m)
            resolved = 1.0 if j is not None and len(response[j]) == 1 else 0.0
        else:
            counts: dict[int, int] = {}
            for m in cluster:
                j = owner.get(m)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            common = sum(n * (n - 1) / 2 for n in counts.values())
            resolved = common / (size * (size - 1) / 2)
        num += size * resolved
        den += size
    return _ratio(num, den)


def lea(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """Link-based entity-aware: each cluster weighted by its size, scored by links it keeps."""
    k, r = _clusters(key), _clusters(response)
    return PRF(_lea_recall(r, k), _lea_recall(k, r))


def coref_scores(
    key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]
) -> dict[str, float]:
    """Every metric's F1 (and precision/recall), plus ``conll_f1`` = mean of MUC, B3, CEAF-e."""
    k, r = _clusters(key), _clusters(response)
    scores: dict[str, float] = {}
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e), ("lea", lea)):
        prf = metric(k, r)
        scores[f"{name}_p"] = round(prf.precision, 4)
        scores[f"{name}_r"] = round(prf.recall, 4)
        scores[f"{name}_f1"] = round(prf.f1, 4)
    conll = (muc(k, r).f1 + b_cubed(k, r).f1 + ceaf_e(k, r).f1) / 3
    scores["conll_f1"] = round(conll, 4)
    return scores
