"""The encoder in torch, for fine-tuning only: the same BERT blocks as ``nlp.graph`` builds for
onnxruntime, over frozen pretrained tensors, with trainable low-rank adapters."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from crosswire.nlp.weights import Weights

LAYERS = 6
HEADS = 12
EPS = 1e-12


class Adapted(nn.Module):
    """A frozen linear layer plus ``scale * B @ A``."""

    weight: torch.Tensor
    bias: torch.Tensor

    def __init__(self, weight: np.ndarray, bias: np.ndarray, rank: int, alpha: float) -> None:
        super().__init__()
        self.register_buffer("weight", torch.from_numpy(weight.copy()))
        self.register_buffer("bias", torch.from_numpy(bias.copy()))
        out_features, in_features = weight.shape
        self.lora_a = nn.Parameter(torch.randn(rank, in_features) / math.sqrt(in_features))
        self.lora_b = nn.Parameter(torch.zeros(out_features, rank))
        self.scale = alpha / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (
            F.linear(x, self.weight, self.bias) + (x @ self.lora_a.T) @ self.lora_b.T * self.scale
        )


class TunedBert(nn.Module):
    def __init__(
        self, weights: Weights, *, rank: int, alpha: float, adapted: Sequence[str]
    ) -> None:
        super().__init__()
        self.w = {k: torch.from_numpy(v.copy()) for k, v in weights.items()}
        self.width = int(self.w["embeddings.word_embeddings.weight"].shape[1])
        self.linears = nn.ModuleDict()
        self.names: dict[str, str] = {}
        for n in range(LAYERS):
            for part in adapted:
                name = f"encoder.layer.{n}.{part}"
                key = name.replace(".", "_")
                self.linears[key] = Adapted(
                    weights[f"{name}.weight"], weights[f"{name}.bias"], rank, alpha
                )
                self.names[key] = name

    def _linear(self, name: str, x: torch.Tensor) -> torch.Tensor:
        key = name.replace(".", "_")
        if key in self.linears:
            return self.linears[key](x)  # type: ignore[no-any-return]
        return F.linear(x, self.w[f"{name}.weight"], self.w[f"{name}.bias"])

    def _norm(self, name: str, x: torch.Tensor) -> torch.Tensor:
        return F.layer_norm(x, (self.width,), self.w[f"{name}.weight"], self.w[f"{name}.bias"], EPS)

    def forward(self, input_ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        length = input_ids.shape[1]
        x = (
            F.embedding(input_ids, self.w["embeddings.word_embeddings.weight"])
            + self.w["embeddings.position_embeddings.weight"][:length]
            + self.w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm("embeddings.LayerNorm", x)
        additive = (1.0 - mask)[:, None, None, :] * -10000.0
        size = self.width // HEADS
        batch = input_ids.shape[0]
        for n in range(LAYERS):
            p = f"encoder.layer.{n}"

            def split(t: torch.Tensor) -> torch.Tensor:
                return t.view(batch, length, HEADS, size).transpose(1, 2)

            q = split(self._linear(f"{p}.attention.self.query", x))
            k = split(self._linear(f"{p}.attention.self.key", x))
            v = split(self._linear(f"{p}.attention.self.value", x))
            scores = q @ k.transpose(-1, -2) / math.sqrt(size) + additive
            ctx = (scores.softmax(dim=-1) @ v).transpose(1, 2).reshape(batch, length, self.width)
            x = self._norm(
                f"{p}.attention.output.LayerNorm",
                self._linear(f"{p}.attention.output.dense", ctx) + x,
            )
            inner = F.gelu(self._linear(f"{p}.intermediate.dense", x))
            x = self._norm(f"{p}.output.LayerNorm", self._linear(f"{p}.output.dense", inner) + x)
        return x

    def delta(self) -> dict[str, np.ndarray]:
        """The adapters as ``name.lora_a`` / ``name.lora_b`` (scale folded into B)."""
        out: dict[str, np.ndarray] = {}
        for key, layer in self.linears.items():
            name = self.names[key]
            assert isinstance(layer, Adapted)
            out[f"{name}.weight.lora_a"] = layer.lora_a.detach().numpy().copy()
            out[f"{name}.weight.lora_b"] = (layer.lora_b.detach() * layer.scale).numpy().copy()
        return out
