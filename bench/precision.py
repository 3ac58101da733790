"""What int8 quantisation costs each learned coder, against fp32, on the same fold models.

    .venv/bin/python bench/precision.py --task cameo-ner
    .venv/bin/python bench/precision.py --task plv --cv 5

Cross-validates the accurate profile's coder on a gold file as ``crosswire eval --cv K`` does
(the encoder fine-tuned on K-1 folds, the held-out fold read through the shipping graphs and
heads), but reads each held-out fold through both graphs, int8 and fp32, of one fold model: so
the difference is quantisation alone, not two trainings. Needs torch (training) and the gold
data (``--evaldata``, default ``../shared/evaldata``). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from crosswire.config import load_config
from crosswire.eval import learned
from crosswire.eval.metrics import score_labels
from crosswire.eval.readers import read_dyads, read_penta, read_roles
from crosswire.eval.tasks import same_type
from crosswire.events.tune import Item

FILES = {
    "plv": "plv_dyads/PLV_train.tsv",
    "cameo-class": "multicoped_cameo/cameo_class/train.tsv",
    "cameo-ner": "multicoped_cameo/cameo_ner/train.txt",
}


def _task(
    task: str, path: Path, nlp_model: str
) -> tuple[list[Item], Callable[..., list[Any]], Callable[[list[Any]], float], str]:
    """Items, the predictor and the headline score of ``task``."""
    if task == "plv":
        dyads = read_dyads(path)
        gold = [d.gold for d in dyads]
        return (
            learned.dyad_items(dyads, nlp_model),
            learned.predict_dyads,
            lambda found: score_labels(gold, found, match=same_type).accuracy,
            "accuracy",
        )
    if task == "cameo-class":
        labelled = read_penta(path)
        classes = [i.gold for i in labelled]
        return (
            learned.penta_items(labelled, nlp_model),
            learned.predict_penta,
            lambda found: score_labels(classes, found).accuracy,
            "accuracy",
        )
    tagged = read_roles(path)
    tags = [list(t.tags) for t in tagged]
    return (
        learned.role_items(tagged),
        learned.predict_roles,
        lambda found: learned.span_scores(tags, found)["span_f1"],
        "span_f1",
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--task", choices=sorted(FILES), required=True)
    parser.add_argument("--cv", type=int, default=5)
    parser.add_argument("--evaldata", type=Path, default=Path("../shared/evaldata"))
    args = parser.parse_args(argv)
    path = args.evaldata / FILES[args.task]
    items, predict, score, metric = _task(args.task, path, str(load_config().get("nlp.model")))
    started = time.monotonic()
    found = learned.cross_validate(items, args.cv, predict, precisions=("int8", "fp32"))
    result = {
        "task": args.task,
        "file": str(path),
        "n": len(items),
        "cv": args.cv,
        "metric": metric,
        "int8": round(score(found["int8"]), 4),
        "fp32": round(score(found["fp32"]), 4),
        "seconds": round(time.monotonic() - started, 1),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
    }
    result["int8_minus_fp32"] = round(result["int8"] - result["fp32"], 4)  # type: ignore[operator]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
