"""Which of the first block's feed-forward products the int8 graph keeps in fp32: speed and
quality of each choice.

    .venv/bin/python bench/quantised.py --speed
    .venv/bin/python bench/quantised.py --task cameo-ner --cv 5

The shipped int8 graph keeps the first transformer block's two feed-forward products in fp32
(``nlp.graph.FP32_NODES``). This quantises the fp32 graph four ways (both kept, only the first,
only the second, none) with the quantiser ``crosswire models build`` uses. ``--speed`` times
each on one thread over the sentences of the synthetic speed corpus (``bench/corpus.py``,
150 articles; length-sorted, cut by ``nlp.encoder.batches``, best of three rounds).
``--task`` cross-validates the accurate coder on a gold file (the encoder fine-tuned per fold,
as ``crosswire eval --cv`` does) and reads every held-out fold through each variant and through
fp32: the same fold models, so the differences are the quantisation alone (needs torch and
``--evaldata``). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from crosswire.config import load_config
from crosswire.nlp.encoder import Encoder
from crosswire.nlp.graph import build, quantise

ROOT = Path(__file__).resolve().parents[1]
VARIANTS: dict[str, tuple[str, ...]] = {
    "both_fp32": ("l0.i.mm", "l0.o.mm"),  # as shipped
    "first_fp32": ("l0.i.mm",),
    "second_fp32": ("l0.o.mm",),
    "none_fp32": (),
}


def variant(fp32: Path, folder: Path, keep: tuple[str, ...]) -> Path:
    """A graph folder holding ``fp32`` and its int8 copy with ``keep`` left in fp32."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(fp32, folder / "encoder-fp32.onnx")
    quantise(fp32, folder / "encoder-int8.onnx", keep)
    return folder


def sample_sentences(articles: int = 150) -> list[list[str]]:
    """The sentences of the synthetic speed corpus (``bench/corpus.py``), as words."""
    from corpus import write  # type: ignore[import-not-found]

    path = ROOT / "out" / f"corpus-{articles}.jsonl"
    if not path.exists():
        write(path, articles)
    words = []
    for line in path.read_text("utf-8").splitlines():
        for sentence in re.split(r"(?<=[.!?])\s+", json.loads(line)["text"]):
            if len(sentence.split()) > 3:
                words.append(sentence.split())
    return words


def speed(folders: dict[str, Path]) -> dict[str, Any]:
    from crosswire.nlp.encoder import use_threads

    use_threads(1)
    sentences = sample_sentences()
    encoders = {name: Encoder("int8", 1, folder=folder) for name, folder in folders.items()}
    best = dict.fromkeys(encoders, float("inf"))
    for _ in range(3):
        for name, encoder in encoders.items():
            started = time.perf_counter()
            encoder.encode(sentences)
            best[name] = min(best[name], time.perf_counter() - started)
    return {
        "sentences": len(sentences),
        "sentences_per_s": {k: round(len(sentences) / v, 1) for k, v in best.items()},
    }


def quality(task: str, cv: int, evaldata: Path, folders_of: Any) -> dict[str, Any]:
    from crosswire.eval import learned
    from crosswire.events.tune import fine_tune, save
    from precision import FILES, _task  # type: ignore[import-not-found]

    items, predict, score, metric = _task(
        task, evaldata / FILES[task], str(load_config().get("nlp.model"))
    )
    found: dict[str, dict[int, Any]] = {name: {} for name in [*VARIANTS, "fp32"]}
    for fold in learned.folds(len(items), cv):
        held = set(fold)
        delta, heads = fine_tune([item for n, item in enumerate(items) if n not in held])
        with tempfile.TemporaryDirectory(prefix="crosswire-quantised-") as tmp:
            delta_file, _ = save(delta, heads, Path(tmp))
            fp32 = build(delta_file, folder=Path(tmp) / "graph")["fp32"]
            chosen = [items[n] for n in fold]
            for name, folder in folders_of(fp32, Path(tmp)).items():
                model = learned.Model(Encoder("int8", delta=delta_file, folder=folder), heads)
                found[name].update(zip(fold, predict(model, chosen), strict=True))
            model = learned.Model(Encoder("fp32", delta=delta_file, folder=fp32.parent), heads)
            found["fp32"].update(zip(fold, predict(model, chosen), strict=True))
    return {
        "task": task,
        "cv": cv,
        "metric": metric,
        **{name: round(score([f[n] for n in range(len(items))]), 4) for name, f in found.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--task", choices=("plv", "cameo-class", "cameo-ner"))
    parser.add_argument("--cv", type=int, default=5)
    parser.add_argument("--evaldata", type=Path, default=Path("../shared/evaldata"))
    args = parser.parse_args()

    def folders_of(fp32: Path, under: Path) -> dict[str, Path]:
        return {name: variant(fp32, under / name, keep) for name, keep in VARIANTS.items()}

    result: dict[str, Any] = {}
    if args.speed:
        with tempfile.TemporaryDirectory(prefix="crosswire-quantised-") as tmp:
            result.update(speed(folders_of(build()["fp32"], Path(tmp))))
    if args.task:
        result.update(quality(args.task, args.cv, args.evaldata, folders_of))
    result.update(
        machine=f"{platform.machine()}, {platform.python_version()}", date=time.strftime("%F")
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
