"""Fine-tuning the shared encoder as one multi-task model (needs torch; never imported to run).

One encoder pass serves every head: word roles (source/target spans, BIO), the PLOVER type of a
marked dyad, the CAMEO penta-class of a sentence. The pretrained tensors stay frozen; low-rank
adapters on every linear layer of the six transformer blocks learn the task, so what ships is
the adapters (a few hundred KB, ``data/models/encoder-delta.npz``) and the linear heads
(``data/models/heads.npz``), both merged or read by NumPy at load. Install torch with
``pip install torch==2.13.0`` (the local CPU build) or ``pip install crosswire[train]``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from crosswire.errors import ModelError
from crosswire.events.heads import DYAD_INPUTS, ROLE_LABELS, Heads, between
from crosswire.events.ontology import SIDES, side_of
from crosswire.nlp.weights import base_weights, model_dir

RANK = 16
ALPHA = 32.0
ADAPTED = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
MAX_PIECES = 128  # training sentences are cut here (news sentences rarely reach it)


@dataclass
class Item:
    """One training sentence as words, with whichever labels its data set gives."""

    words: list[str]
    roles: list[int] | None = None  # ROLE_LABELS index per word
    dyad: str | None = None  # PLOVER type of the marked pair, or only its side (cooperation...)
    source: tuple[int, int] | None = None  # word span [start, end)
    target: tuple[int, int] | None = None
    trigger: int | None = None  # the word that names the act
    penta: int | None = None


@dataclass
class Settings:
    epochs: int = 10
    batch: int = 16
    lr: float = 1e-3
    seed: int = 0
    rank: int = RANK
    threads: int = 0
    log: Callable[[str], None] | None = None
    tasks: tuple[str, ...] = field(default=("roles", "dyad", "penta"))


def _torch() -> Any:
    try:
        import torch
    except ModuleNotFoundError as exc:
        raise ModelError(
            "Training the encoder needs torch, which crosswire does not need to run.",
            fix="pip install torch==2.13.0 (the CPU build), or pip install 'crosswire[train]'.",
        ) from exc
    return torch


def fine_tune(
    items: Sequence[Item], settings: Settings | None = None
) -> tuple[dict[str, np.ndarray], Heads]:
    """Train adapters and heads on ``items``; returns the delta tensors and the heads."""
    torch = _torch()
    from tokenizers import Tokenizer

    from crosswire.events.bert import TunedBert

    s = settings or Settings()
    random.seed(s.seed)
    torch.manual_seed(s.seed)
    if s.threads:
        torch.set_num_threads(s.threads)
    dyad_labels = dyad_labels_of(items)
    model = TunedBert(base_weights(), rank=s.rank, alpha=ALPHA, adapted=ADAPTED)
    width = model.width
    role_head = torch.nn.Linear(width, len(ROLE_LABELS))
    dyad_head = torch.nn.Linear(DYAD_INPUTS * width, max(len(dyad_labels), 1))
    penta_head = torch.nn.Linear(width, 5)
    heads = torch.nn.ModuleList([role_head, dyad_head, penta_head])
    params = [p for p in model.parameters() if p.requires_grad] + list(heads.parameters())
    optimiser = torch.optim.AdamW(params, lr=s.lr, weight_decay=0.01)
    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    encoded = [_pieces(tokenizer, i.words) for i in items]
    order = sorted(range(len(items)), key=lambda n: len(encoded[n][0]))
    batches = [order[b : b + s.batch] for b in range(0, len(order), s.batch)]
    steps = s.epochs * len(batches)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda step: min(1.0, (step + 1) / max(1, steps // 10)) * max(0.0, 1 - step / steps),
    )
    dyad_allowed = {
        label: torch.tensor(allowed(dyad_labels, label))
        for label in {i.dyad for i in items if i.dyad}
    }
    loss_fn = torch.nn.functional.cross_entropy
    started = time.monotonic()
    for epoch in range(s.epochs):
        random.shuffle(batches)
        model.train()
        total = 0.0
        for batch in batches:
            words, sentence = _forward(
                torch, model, [encoded[n] for n in batch], [len(items[n].words) for n in batch]
            )
            words = torch.nn.functional.dropout(words, 0.1, training=True)
            loss = torch.zeros(())
            role_rows: list[Any] = []
            role_gold: list[int] = []
            dyad_rows, dyad_gold = [], []
            penta_rows, penta_gold = [], []
            for row, n in enumerate(batch):
                item = items[n]
                if item.roles is not None and "roles" in s.tasks:
                    keep = [k for k in range(len(item.roles)) if k < words.shape[1]]
                    role_rows.append(words[row, keep])
                    role_gold.extend(item.roles[k] for k in keep)
                if item.dyad is not None and "dyad" in s.tasks:
                    dyad_rows.append(
                        _pair(
                            torch, words[row], sentence[row], item.source, item.target, item.trigger
                        )
                    )
                    dyad_gold.append(dyad_allowed[item.dyad])
                if item.penta is not None and "penta" in s.tasks:
                    penta_rows.append(sentence[row])
                    penta_gold.append(item.penta)
            if role_rows:
                loss = loss + loss_fn(role_head(torch.cat(role_rows)), torch.tensor(role_gold))
            if dyad_rows:
                logits = dyad_head(torch.stack(dyad_rows))
                admitted = torch.stack(dyad_gold)
                loss = (
                    loss
                    - (
                        torch.logsumexp(logits + admitted, dim=1) - torch.logsumexp(logits, dim=1)
                    ).mean()
                )
            if penta_rows:
                loss = loss + loss_fn(penta_head(torch.stack(penta_rows)), torch.tensor(penta_gold))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            scheduler.step()
            total += float(loss.detach())
        if s.log:
            elapsed = time.monotonic() - started
            s.log(
                f"epoch {epoch + 1}/{s.epochs}: loss {total / len(batches):.3f} ({elapsed:.0f} s)"
            )
    delta = model.delta()
    heads_out = Heads(
        role_w=role_head.weight.detach().numpy().T.copy(),
        role_b=role_head.bias.detach().numpy().copy(),
        dyad_labels=tuple(dyad_labels),
        dyad_w=dyad_head.weight.detach().numpy().T.copy(),
        dyad_b=dyad_head.bias.detach().numpy().copy(),
        penta_w=penta_head.weight.detach().numpy().T.copy(),
        penta_b=penta_head.bias.detach().numpy().copy(),
    )
    return delta, heads_out


def dyad_labels_of(items: Sequence[Item]) -> list[str]:
    """The dyad head's labels: the PLOVER types the items give. Items labelled only with a side
    (a cooperation/conflict set) train the same head through the sum of their side's types;
    with no typed item at all the head learns the two sides themselves."""
    given = {i.dyad for i in items if i.dyad}
    typed = sorted(given - set(SIDES))
    return typed if typed else sorted(given)


def allowed(labels: Sequence[str], label: str) -> list[float]:
    """Log-mask over ``labels`` of what ``label`` admits: itself, or every type of its side
    (the loss of an item is minus the log of the summed probability of what it admits)."""
    members = {label} if label in labels else {t for t in labels if side_of(t) == label}
    if not members:
        raise ModelError(f"No dyad type of the training data falls under the label {label!r}.")
    return [0.0 if t in members else float("-inf") for t in labels]


def _pieces(tokenizer: Any, words: Sequence[str]) -> tuple[list[int], list[int]]:
    encoding = tokenizer.encode(
        [w if w.strip() else "" for w in words], is_pretokenized=True, add_special_tokens=False
    )
    ids = list(encoding.ids)[: MAX_PIECES - 2]
    owners = [w if w is not None else -1 for w in encoding.word_ids][: MAX_PIECES - 2]
    return ids, owners


def _forward(
    torch: Any, model: Any, batch: list[tuple[list[int], list[int]]], n_words: list[int]
) -> tuple[Any, Any]:
    """Word vectors (batch x words x width, mean of pieces) and sentence vectors (mean of all
    pieces with [CLS] and [SEP]): the same pooling as ``nlp.encoder``."""
    longest = max(len(ids) for ids, _ in batch) + 2
    most_words = max(n_words)
    input_ids = torch.zeros((len(batch), longest), dtype=torch.long)
    mask = torch.zeros((len(batch), longest), dtype=torch.float32)
    pool = torch.zeros((len(batch), most_words, longest), dtype=torch.float32)
    for row, (ids, owners) in enumerate(batch):
        input_ids[row, : len(ids) + 2] = torch.tensor([101, *ids, 102])
        mask[row, : len(ids) + 2] = 1.0
        for piece, owner in enumerate(owners):
            if owner >= 0:
                pool[row, owner, piece + 1] = 1.0
    pool = pool / pool.sum(dim=2, keepdim=True).clamp(min=1.0)
    hidden = model(input_ids, mask)
    words = torch.bmm(pool, hidden)
    sentence = (hidden * mask[:, :, None]).sum(dim=1) / mask.sum(dim=1, keepdim=True)
    return words, sentence


def _pair(
    torch: Any,
    words: Any,
    sentence: Any,
    source: tuple[int, int] | None,
    target: tuple[int, int] | None,
    trigger: int | None,
) -> Any:
    """The dyad head's input: sentence, source, target, the words between the two sides and
    the trigger, each a mean of word vectors (zeros when empty): as ``learned.dyad_type``."""
    n = words.shape[0]

    def mean(bounds: tuple[int, int] | None) -> Any:
        if bounds is None or bounds[0] >= min(bounds[1], n):
            return torch.zeros_like(sentence)
        return words[bounds[0] : min(bounds[1], n)].mean(dim=0)

    act = None if trigger is None else (trigger, trigger + 1)
    parts = [sentence, mean(source), mean(target), mean(between(source, target)), mean(act)]
    return torch.cat(parts)


def save(delta: dict[str, np.ndarray], heads: Heads, folder: Path) -> tuple[Path, Path]:
    """Write ``encoder-delta.npz`` (fp16) and ``heads.npz`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    delta_file = folder / "encoder-delta.npz"
    arrays: dict[str, Any] = {k: v.astype(np.float16) for k, v in delta.items()}
    np.savez_compressed(delta_file, **arrays)
    heads_file = folder / "heads.npz"
    heads.save(heads_file)
    return delta_file, heads_file
