"""The learned heads over the shared encoder's vectors (NumPy only at run time).

- roles: per word, BIO tags of a source (S), target (T) or reciprocal (R) participant;
- dyad: the PLOVER type of a sentence, its source and target spans, the words between them
  and the trigger;
- penta: the CAMEO penta-class of a sentence (statement, verbal/material cooperation/conflict).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from crosswire.errors import ModelError

ROLE_LABELS = ("O", "B-S", "I-S", "B-T", "I-T", "B-R", "I-R")  # R: both sides (reciprocal)
HEADS = "heads"
DYAD_INPUTS = 5  # sentence, source, target, the words between them, the trigger
Array = NDArray[np.float32]


def softmax(logits: Array) -> Array:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Heads:
    role_w: Array
    role_b: Array
    dyad_labels: tuple[str, ...]
    dyad_w: Array
    dyad_b: Array
    penta_w: Array
    penta_b: Array

    def roles(self, words: Array) -> Array:
        """Per-word probabilities over ``ROLE_LABELS`` (words x labels)."""
        return softmax(words @ self.role_w + self.role_b)

    def dyad(self, parts: list[Array]) -> dict[str, float]:
        """Type probabilities from the ``DYAD_INPUTS`` vectors (see ``learned.dyad_type``)."""
        features = np.concatenate(parts)
        probs = softmax(features @ self.dyad_w + self.dyad_b)
        return dict(zip(self.dyad_labels, (float(p) for p in probs), strict=True))

    def penta(self, sentence: Array) -> Array:
        return softmax(sentence @ self.penta_w + self.penta_b)

    def save(self, path: str | Path) -> None:
        np.savez_compressed(
            path,
            role_w=self.role_w.astype(np.float16),
            role_b=self.role_b,
            dyad_labels=np.array(self.dyad_labels),
            dyad_w=self.dyad_w.astype(np.float16),
            dyad_b=self.dyad_b,
            penta_w=self.penta_w.astype(np.float16),
            penta_b=self.penta_b,
        )

    @classmethod
    def load(cls, path: str | Path) -> Heads:
        try:
            with np.load(path, allow_pickle=False) as data:
                heads = cls(
                    role_w=data["role_w"].astype(np.float32),
                    role_b=data["role_b"].astype(np.float32),
                    dyad_labels=tuple(str(x) for x in data["dyad_labels"]),
                    dyad_w=data["dyad_w"].astype(np.float32),
                    dyad_b=data["dyad_b"].astype(np.float32),
                    penta_w=data["penta_w"].astype(np.float32),
                    penta_b=data["penta_b"].astype(np.float32),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(
                f"Cannot load the encoder heads {path}: {exc}",
                fix="Rebuild them with `make models` (needs torch and the training data).",
            ) from exc
        width = heads.role_w.shape[0]
        if heads.dyad_w.shape[0] != DYAD_INPUTS * width or heads.penta_w.shape[0] != width:
            raise ModelError(
                f"The encoder heads {path} were built for another version of crosswire "
                f"(dyad input {heads.dyad_w.shape[0]}, expected {DYAD_INPUTS * width}).",
                fix="Rebuild them with `make models` (needs torch and the training data).",
            )
        return heads


def between(
    source: tuple[int, int] | None, target: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The words strictly between two spans, or None when one is missing or they touch."""
    if source is None or target is None:
        return None
    start, end = min(source[1], target[1]), max(source[0], target[0])
    return (start, end) if start < end else None


def heads_path() -> Path:
    return Path(str(resources.files("crosswire.data").joinpath("models", f"{HEADS}.npz")))


@lru_cache(maxsize=1)
def bundled_heads() -> Heads:
    path = heads_path()
    if not path.is_file():
        raise ModelError(
            "The accurate profile's heads are not built (data/models/heads.npz is missing).",
            fix="Run `make models`, or use --set events.profile=fast.",
        )
    return Heads.load(path)


def _transitions() -> Array:
    """Log-scores of tag pairs: an I- tag may only follow a B- or I- tag of its own role."""
    allowed = np.zeros((len(ROLE_LABELS), len(ROLE_LABELS)), dtype=np.float32)
    for after, tag in enumerate(ROLE_LABELS):
        if tag.startswith("I-"):
            for before, prior in enumerate(ROLE_LABELS):
                if prior[2:] != tag[2:]:
                    allowed[before, after] = -np.inf
    return allowed


_TRANSITIONS = _transitions()
_CANNOT_START = np.array([-np.inf if t.startswith("I-") else 0.0 for t in ROLE_LABELS])
#: (tag before, tag) pairs a sequence may not hold; "O" (0) before the first word
_BROKEN = np.isinf(_TRANSITIONS)


def decode(probs: Array) -> list[int]:
    """The most probable well-formed BIO sequence (Viterbi over the per-word probabilities):
    a span is read as a whole rather than word by word, so a doubtful first word does not cut
    it in two."""
    if len(probs) == 0:
        return []
    greedy = probs.argmax(axis=1)
    follows = np.concatenate(([0], greedy[:-1]))
    if not _BROKEN[follows, greedy].any():  # the best tag of each word is already well-formed:
        return [int(t) for t in greedy]  # no sequence can score higher
    return viterbi(probs)


def viterbi(probs: Array) -> list[int]:
    """``decode`` the long way, for any ``probs`` (non-empty)."""
    logp = np.log(np.clip(probs, 1e-9, 1.0))
    score = logp[0] + _CANNOT_START
    back = []
    for row in logp[1:]:
        candidates = score[:, None] + _TRANSITIONS
        back.append(candidates.argmax(axis=0))
        score = candidates.max(axis=0) + row
    best = [int(score.argmax())]
    for pointers in reversed(back):
        best.append(int(pointers[best[-1]]))
    return best[::-1]


def spans(probs: Array, best: list[int], label: str) -> list[tuple[int, int, float]]:
    """Word spans [start, end) tagged ``label`` (S, T or R) in ``best`` (the sequence
    ``decode`` read from ``probs``), with their mean probability; spans of one role that touch
    are one span ("the/B-T Philippines/B-T" is one target)."""
    begin, inside = ROLE_LABELS.index(f"B-{label}"), ROLE_LABELS.index(f"I-{label}")
    found: list[tuple[int, int, float]] = []
    start: int | None = None
    for n, tag in enumerate([*best, 0]):
        if start is not None and tag != inside:
            found.append((start, n, float(probs[start:n, [begin, inside]].sum(axis=1).mean())))
            start = None
        if tag == begin or (tag == inside and start is None):
            start = n
    merged: list[tuple[int, int, float]] = []
    for span in found:
        if merged and merged[-1][1] == span[0]:
            first = merged.pop()
            width = span[1] - first[0]
            mean = (first[2] * (first[1] - first[0]) + span[2] * (span[1] - span[0])) / width
            span = (first[0], span[1], mean)
        merged.append(span)
    return merged
