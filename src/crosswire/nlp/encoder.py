"""The shared encoder at run time: onnxruntime over the built graph, one pass per sentence.

``Encoder.encode(sentences)`` takes sentences as lists of words (spaCy's tokens), runs them in
length-sorted batches and returns, for each, one vector per word (the mean of its word pieces'
last-layer states; zeros for a word with no pieces, such as a line break) and one sentence
vector (the mean over all pieces, as the model was trained to pool). Sentences longer than
``MAX_PIECES`` word pieces are read in full by overlapping windows.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from crosswire.errors import ConfigError, ModelError
from crosswire.nlp.graph import PRECISIONS, build
from crosswire.nlp.weights import model_dir

MAX_PIECES = 256  # the length the model was trained on, [CLS] and [SEP] included
BATCH = 32
#: A batch's padded size in word pieces is capped too, so a run of long sentences is read in
#: smaller batches: activation memory (and a worker's peak) stays that of 32 ordinary sentences.
BATCH_PIECES = BATCH * 64
#: What one more call of the session costs, in padded word pieces: about 0.4 ms of fixed work
#: against 60-70 µs a piece (fitted on batches of one and of 32 sentences, 2026-12-08).
RUN_PIECES = 6
WIDTH = 384
Vectors = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Encoded:
    """One sentence: ``words`` (n_words x WIDTH) and ``sentence`` (WIDTH,)."""

    words: Vectors
    sentence: Vectors


class Encoder:
    """All-MiniLM-L6-v2 with crosswire's fine-tuning, run by onnxruntime on the CPU."""

    def __init__(
        self,
        precision: str = "int8",
        threads: int = 0,
        *,
        delta: Path | None = None,
        folder: Path | None = None,
    ) -> None:
        if precision not in PRECISIONS:
            raise ConfigError(
                f"Unknown encoder precision {precision!r}.", fix=f"Use one of {PRECISIONS}."
            )
        import onnxruntime
        from tokenizers import Tokenizer

        path = build(delta, folder=folder)[precision]
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        # Batches change shape with every call: an arena would keep the largest it has seen for
        # the life of the worker; without it memory goes back after each batch (about 5 % slower).
        options.enable_cpu_mem_arena = False
        try:
            self._session = onnxruntime.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own, unexported exception types
            raise ModelError(
                f"Cannot load the encoder graph {path}: {exc}",
                fix="Rebuild it with `crosswire models build --force`.",
            ) from exc
        self._tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._lock = threading.Lock()
        self.precision = precision

    def _pieces(self, words: Sequence[str]) -> tuple[list[int], list[int]]:
        """Word-piece ids (no specials) and, for each, the index of its word."""
        encoding = self._tokenizer.encode(
            [w if w.strip() else "" for w in words], is_pretokenized=True, add_special_tokens=False
        )
        owners = [w if w is not None else -1 for w in encoding.word_ids]
        return list(encoding.ids), owners

    def encode(self, sentences: Sequence[Sequence[str]]) -> list[Encoded]:
        """Vectors for every sentence, in input order."""
        pieces = [self._pieces(words) for words in sentences]
        windows: list[tuple[int, int, list[int]]] = []  # (sentence, first piece, ids)
        inner = MAX_PIECES - 2
        for number, (ids, _) in enumerate(pieces):
            start = 0
            while True:
                windows.append((number, start, ids[start : start + inner]))
                if start + inner >= len(ids):
                    break
                start += inner // 2
        states: list[list[tuple[int, Vectors]]] = [[] for _ in sentences]
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][2]))
        for chosen in batches([len(windows[i][2]) + 2 for i in order]):
            batch = [windows[order[k]] for k in chosen]
            hidden = self._run([ids for _, _, ids in batch])
            for (number, start, ids), rows in zip(batch, hidden, strict=True):
                states[number].append((start, rows[: len(ids) + 2]))
        return [
            _pool(len(words), owners, states[n])
            for n, (words, (_, owners)) in enumerate(zip(sentences, pieces, strict=True))
        ]

    def _run(self, batch: list[list[int]]) -> Vectors:
        cls, sep = 101, 102
        longest = max(len(ids) for ids in batch) + 2
        input_ids = np.zeros((len(batch), longest), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids) + 2] = [cls, *ids, sep]
            mask[row, : len(ids) + 2] = 1
        with self._lock:
            (hidden,) = self._session.run(
                ["hidden"], {"input_ids": input_ids, "attention_mask": mask}
            )
        return np.asarray(hidden, dtype=np.float32)


def batches(lengths: Sequence[int]) -> list[range]:
    """Consecutive groups of ``lengths`` (ascending, in pieces) that are cheapest to run: each
    batch costs ``RUN_PIECES`` plus its padded size (items x the longest), so sentences of
    near lengths share a batch and a long one does not pad many short ones. A group holds at
    most ``BATCH`` items and at most ``BATCH_PIECES`` padded pieces (an item longer than that
    alone is a batch of one). Exact, by dynamic programming over the split points."""
    n = len(lengths)
    cost = [0.0] + [float("inf")] * n  # cost[end]: the cheapest grouping of lengths[:end]
    begins = [0] * (n + 1)
    for end in range(1, n + 1):
        longest = lengths[end - 1]
        for begin in range(end - 1, max(end - BATCH, 0) - 1, -1):
            size = end - begin
            if size > 1 and size * longest > BATCH_PIECES:
                break
            total = cost[begin] + RUN_PIECES + size * longest
            if total < cost[end]:
                cost[end], begins[end] = total, begin
    found: list[range] = []
    end = n
    while end:
        found.append(range(begins[end], end))
        end = begins[end]
    return found[::-1]


def _pool(n_words: int, owners: list[int], windows: list[tuple[int, Vectors]]) -> Encoded:
    """Word and sentence vectors from the window states (specials sit at each window's ends)."""
    words = np.zeros((n_words, WIDTH), dtype=np.float32)
    counts = np.zeros(n_words, dtype=np.float32)
    total = np.zeros(WIDTH, dtype=np.float32)
    n_total = 0
    for start, rows in sorted(windows, key=lambda w: w[0]):
        body = rows[1:-1]
        total += rows.sum(axis=0)
        n_total += len(rows)
        owner = np.asarray(owners[start : start + len(body)], dtype=np.int64)
        # pieces summed into their words by one product with a word-by-piece indicator
        # (np.add.at does the same one row at a time, several times slower)
        indicator = (owner[None, :] == np.arange(n_words)[:, None]).astype(np.float32)
        words += indicator @ body
        counts += indicator.sum(axis=1)
    words /= np.maximum(counts, 1.0)[:, None]
    return Encoded(words, (total / max(n_total, 1)).astype(np.float32))


_THREADS = [0]  # 0: up to two (one process); worker processes use one each
#: Encoders by (process id, precision). A forked worker makes its own and keeps the parent's
#: referenced: destroying an onnxruntime session whose threads stayed in the parent hangs.
_ENCODERS: dict[tuple[int, str], Encoder] = {}


def use_threads(threads: int) -> None:
    """Threads for encoders made from now on in this process (a worker sets 1)."""
    _THREADS[0] = threads


def shared_encoder(precision: str = "int8") -> Encoder:
    """One encoder per process and precision (loading takes about a second)."""
    key = (os.getpid(), precision)
    if key not in _ENCODERS:
        _ENCODERS[key] = Encoder(precision, _THREADS[0])
    return _ENCODERS[key]
