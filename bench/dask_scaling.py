"""The cluster path on a Dask LocalCluster with 1 and then 2 worker processes: seconds per step
and the parallel efficiency (time on 1 worker / (2 x time on 2 workers)).

    .venv/bin/python bench/dask_scaling.py --articles 1000 --workers 1 2

Each run writes a fresh Parquet dataset under a temporary folder from the synthetic corpus
(``bench/corpus.py``). The cluster starts before the clock (worker processes start and load
the model once; that start-up is printed apart). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

from corpus import write  # type: ignore[import-not-found]
from crosswire.config import load_config
from crosswire.scale import ingest_dask

OUT = Path(__file__).resolve().parents[1] / "out"


def run(corpus: Path, workers: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = ingest_dask(
            [str(corpus)], str(Path(tmp) / "ds"), workers=workers, config=load_config()
        )
        total = time.perf_counter() - started
    return {
        "workers": report.workers,
        "partitions": report.partitions,
        "articles": report.articles,
        "events": report.events,
        "seconds": round(total, 1),
        "steps": {k: round(v, 1) for k, v in report.seconds.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    corpus = OUT / f"corpus-{args.articles}.jsonl"
    if not corpus.exists():
        write(corpus, args.articles)
    runs = [run(corpus, n) for n in args.workers]
    # the steps that run on workers (start-up and the driver's steps excluded)
    work = [sum(r["steps"][k] for k in ("code", "tables", "link")) for r in runs]  # type: ignore[index]
    result: dict[str, object] = {"runs": runs}
    if len(runs) >= 2:
        first, last = runs[0], runs[-1]
        ratio = int(last["workers"]) / int(first["workers"])  # type: ignore[call-overload]
        result["efficiency_total"] = round(
            float(first["seconds"]) / (ratio * float(last["seconds"])),
            2,  # type: ignore[arg-type]
        )
        result["efficiency_worker_steps"] = round(work[0] / (ratio * work[-1]), 2)
    result |= {"python": platform.python_version(), "machine": platform.machine()}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
