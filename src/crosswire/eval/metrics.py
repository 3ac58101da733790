"""Classification scores: accuracy, per-class precision/recall/F1 and macro-F1, as a table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Match = Callable[[str, str], bool]


@dataclass
class Report:
    """What an evaluation prints: a table, then one JSON object of scores."""

    task: str
    scores: dict[str, Any]
    table: str = ""


def _exact(gold: str, predicted: str) -> bool:
    return gold == predicted


@dataclass
class ClassScores:
    """Scores of a labelling task; ``match`` lets one gold label accept several predictions."""

    n: int = 0
    correct: int = 0
    per_class: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def macro_f1(self) -> float:
        supported = [f1 for _, _, f1, support in self.per_class.values() if support]
        return sum(supported) / len(supported) if supported else 0.0

    def table(self) -> str:
        lines = [f"{'class':<18}{'prec':>8}{'recall':>8}{'f1':>8}{'n':>7}"]
        for label, (p, r, f1, support) in sorted(self.per_class.items()):
            lines.append(f"{label:<18}{p:>8.3f}{r:>8.3f}{f1:>8.3f}{support:>7}")
        lines.append(f"{'accuracy':<18}{'':>16}{self.accuracy:>8.3f}{self.n:>7}")
        lines.append(f"{'macro avg':<18}{'':>16}{self.macro_f1:>8.3f}{self.n:>7}")
        return "\n".join(lines)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_labels(
    gold: Sequence[str], predicted: Sequence[str], *, match: Match = _exact
) -> ClassScores:
    """Accuracy and per-gold-class scores; a prediction that ``match``es its gold counts as it."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    # Count a matched prediction under its gold label, so that one gold label with several
    # acceptable answers (YIELD: CONCEDE or RETREAT) is scored as one class.
    seen = [g if match(g, p) else p for g, p in zip(gold, predicted, strict=True)]
    support = Counter(gold)
    predicted_n = Counter(seen)
    hits = Counter(g for g, s in zip(gold, seen, strict=True) if g == s)
    scores = ClassScores(n=len(gold), correct=sum(hits.values()))
    for label in sorted(set(gold) | set(seen)):
        precision = hits[label] / predicted_n[label] if predicted_n[label] else 0.0
        recall = hits[label] / support[label] if support[label] else 0.0
        scores.per_class[label] = (precision, recall, f1(precision, recall), support[label])
    return scores
