"""A small linear classifier over sparse features, stored as a compressed ``.npz`` file.

Prediction needs only NumPy; training (``events.train``) uses scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from crosswire.errors import ModelError


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression: ``softmax(W x + b)`` over named features."""

    classes: tuple[str, ...]
    features: dict[str, int]
    coef: NDArray[np.float32]  # classes x features
    intercept: NDArray[np.float32]

    def scores(self, feats: dict[str, float]) -> NDArray[np.float64]:
        known = [(self.features[n], v) for n, v in feats.items() if n in self.features]
        logits = self.intercept.astype(np.float64)
        if known:
            columns, values = zip(*known, strict=True)
            logits = logits + self.coef[:, list(columns)] @ np.asarray(values, dtype=np.float32)
        logits -= logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()  # type: ignore[no-any-return]

    def predict_proba(self, feats: dict[str, float]) -> dict[str, float]:
        return dict(zip(self.classes, (float(p) for p in self.scores(feats)), strict=True))

    def predict(self, feats: dict[str, float]) -> tuple[str, float]:
        probs = self.scores(feats)
        best = int(np.argmax(probs))
        return self.classes[best], float(probs[best])

    def save(self, path: str | Path) -> None:
        names = sorted(self.features, key=self.features.__getitem__)
        np.savez_compressed(
            path,
            classes=np.array(self.classes),
            features=np.array(names),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
        )

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                names = [str(n) for n in data["features"]]
                return cls(
                    tuple(str(c) for c in data["classes"]),
                    {name: i for i, name in enumerate(names)},
                    data["coef"].astype(np.float32),
                    data["intercept"].astype(np.float32),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(
                f"Cannot load the classifier {path}: {exc}",
                fix="Rebuild it with `make models` (needs the training data).",
            ) from exc


def bundled_path(name: str) -> Path:
    return Path(str(resources.files("crosswire.data").joinpath("models", f"{name}.npz")))


@lru_cache(maxsize=4)
def bundled(name: str) -> LinearModel | None:
    """A model shipped in ``data/models``, or None when it has not been built."""
    path = bundled_path(name)
    return LinearModel.load(path) if path.exists() else None
