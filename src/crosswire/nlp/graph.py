"""The encoder as an ONNX graph, written from its architecture (a 6-layer BERT, 384 wide,
12 heads) with the fine-tuned tensors as initializers, then quantised to int8.

Nothing here needs torch: the graph is built with ``onnx.helper`` and the quantised copy with
onnxruntime's own quantiser. Both files are built once into the cache folder (``crosswire models
build``, run by ``make install``, or on first use) under a key naming the base weights and the
delta, so a new delta never meets an old graph.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from crosswire.config import cache_dir
from crosswire.errors import ModelError
from crosswire.nlp.weights import Weights, model_dir, tuned_weights

GRAPH_VERSION = 2
#: Matrix products left in fp32 by the int8 graph: the first block's feed-forward layers, whose
#: activations carry the outliers that per-tensor 8-bit ranges cannot hold (quantising them cost
#: the role tagger about two points of span F1; see docs/encoder.md).
FP32_NODES = ("l0.i.mm", "l0.o.mm")
PRECISIONS = ("int8", "fp32")
OPSET = 17


def _architecture() -> tuple[int, int, int, float]:
    config = json.loads((model_dir() / "config.json").read_text("utf-8"))
    return (
        int(config["num_hidden_layers"]),
        int(config["hidden_size"]),
        int(config["num_attention_heads"]),
        float(config["layer_norm_eps"]),
    )


def build_graph(weights: Weights) -> bytes:
    """The serialised ONNX model: ``input_ids``, ``attention_mask`` (batch x length, int64) ->
    ``hidden`` (batch x length x width), the last layer's token states."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    layers, width, heads, eps = _architecture()
    size = width // heads
    nodes: list[onnx.NodeProto] = []
    inits: list[onnx.TensorProto] = []

    def init(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(op: str, inputs: list[str], output: str, **attrs: Any) -> str:
        nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def linear(x: str, prefix: str, out: str) -> str:
        w = init(f"{prefix}.weight.T", weights[f"{prefix}.weight"].T)
        b = init(f"{prefix}.bias", weights[f"{prefix}.bias"])
        return node("Add", [node("MatMul", [x, w], f"{out}.mm"), b], out)

    def norm(x: str, prefix: str, out: str) -> str:
        scale = init(f"{prefix}.weight", weights[f"{prefix}.weight"])
        shift = init(f"{prefix}.bias", weights[f"{prefix}.bias"])
        return node("LayerNormalization", [x, scale, shift], out, axis=-1, epsilon=eps)

    # embeddings: words + positions (+ the one token type, folded into the position table)
    words = init("word_embeddings", weights["embeddings.word_embeddings.weight"])
    positions = init(
        "positions",
        weights["embeddings.position_embeddings.weight"]
        + weights["embeddings.token_type_embeddings.weight"][0],
    )
    zero = init("zero", np.array([0], dtype=np.int64))
    one = init("one", np.array([1], dtype=np.int64))
    length = node(
        "Slice",
        [
            node("Shape", ["input_ids"], "ids_shape"),
            one,
            init("two", np.array([2], dtype=np.int64)),
        ],
        "length",
    )
    pos = node("Slice", [positions, zero, length, zero], "pos")
    x = node("Add", [node("Gather", [words, "input_ids"], "tok"), pos], "emb_sum")
    x = norm(x, "embeddings.LayerNorm", "emb")
    # additive attention mask: 0 where a token is real, -10000 where it is padding
    mask = node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    mask = node("Sub", [init("one_f", np.array(1.0, dtype=np.float32)), mask], "mask_inv")
    mask = node("Mul", [mask, init("neg", np.array(-10000.0, dtype=np.float32))], "mask_add")
    mask = node("Unsqueeze", [mask, init("axes12", np.array([1, 2], dtype=np.int64))], "mask4")
    split = init("split_shape", np.array([0, 0, heads, size], dtype=np.int64))
    merge = init("merge_shape", np.array([0, 0, width], dtype=np.int64))
    scale = init("attn_scale", np.array(1.0 / np.sqrt(size), dtype=np.float32))
    half = init("half", np.array(0.5, dtype=np.float32))
    root2 = init("root2", np.array(np.sqrt(2.0), dtype=np.float32))
    one_f = "one_f"
    for n in range(layers):
        p = f"encoder.layer.{n}"
        q = node("Reshape", [linear(x, f"{p}.attention.self.query", f"l{n}.q"), split], f"l{n}.qh")
        k = node("Reshape", [linear(x, f"{p}.attention.self.key", f"l{n}.k"), split], f"l{n}.kh")
        v = node("Reshape", [linear(x, f"{p}.attention.self.value", f"l{n}.v"), split], f"l{n}.vh")
        q = node("Transpose", [q], f"l{n}.qt", perm=[0, 2, 1, 3])
        k = node("Transpose", [k], f"l{n}.kt", perm=[0, 2, 3, 1])
        v = node("Transpose", [v], f"l{n}.vt", perm=[0, 2, 1, 3])
        scores = node("Mul", [node("MatMul", [q, k], f"l{n}.qk"), scale], f"l{n}.scaled")
        probs = node("Softmax", [node("Add", [scores, mask], f"l{n}.masked")], f"l{n}.p", axis=-1)
        ctx = node(
            "Transpose", [node("MatMul", [probs, v], f"l{n}.ctx")], f"l{n}.ctxt", perm=[0, 2, 1, 3]
        )
        ctx = node("Reshape", [ctx, merge], f"l{n}.ctxm")
        attn = linear(ctx, f"{p}.attention.output.dense", f"l{n}.ao")
        x = norm(
            node("Add", [attn, x], f"l{n}.res1"), f"{p}.attention.output.LayerNorm", f"l{n}.h1"
        )
        inner = linear(x, f"{p}.intermediate.dense", f"l{n}.i")
        erf = node("Erf", [node("Div", [inner, root2], f"l{n}.ir")], f"l{n}.erf")
        gelu = node(
            "Mul",
            [node("Mul", [inner, half], f"l{n}.ih"), node("Add", [erf, one_f], f"l{n}.e1")],
            f"l{n}.gelu",
        )
        out = linear(gelu, f"{p}.output.dense", f"l{n}.o")
        x = norm(node("Add", [out, x], f"l{n}.res2"), f"{p}.output.LayerNorm", f"l{n}.h2")
    nodes.append(helper.make_node("Identity", [x], ["hidden"], name="hidden"))
    graph = helper.make_graph(
        nodes,
        "crosswire-encoder",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "length"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "length"]),
        ],
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", "length", width])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return bytes(model.SerializeToString())


def graph_dir(key: str) -> Path:
    return cache_dir() / f"encoder-v{GRAPH_VERSION}-{key}"


def build(
    delta: Path | None = None, *, folder: Path | None = None, force: bool = False
) -> dict[str, Path]:
    """Build (or find) the fp32 and int8 graphs of the tuned encoder (the bundled delta, or
    ``delta``) in the cache, or in ``folder``; returns their paths."""
    weights, key = tuned_weights(delta)
    folder = folder or graph_dir(key)
    paths = {p: folder / f"encoder-{p}.onnx" for p in PRECISIONS}
    if not force and all(p.is_file() for p in paths.values()):
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    staged = {p: path.with_name(f"{path.name}.{os.getpid()}.tmp") for p, path in paths.items()}
    try:
        staged["fp32"].write_bytes(build_graph(weights))
        quantise(staged["fp32"], staged["int8"])
        for precision, temporary in staged.items():
            temporary.replace(paths[precision])
    except OSError as exc:
        raise ModelError(
            f"Could not write the encoder graph under {folder}: {exc}",
            fix="Set $CROSSWIRE_CACHE to a writable folder.",
        ) from exc
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
    return paths


def quantise(source: Path, target: Path, keep: Sequence[str] = FP32_NODES) -> None:
    """Dynamic int8 quantisation (onnxruntime's quantiser) of every weight matrix product but
    those named in ``keep``, with one scale per output channel."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs advice meant for image models
    try:
        quantize_dynamic(
            str(source),
            str(target),
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul"],
            per_channel=True,
            nodes_to_exclude=list(keep),
        )
    finally:
        root.setLevel(level)
