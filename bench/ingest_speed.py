"""Ingest throughput and peak memory on a synthetic corpus (``bench/corpus.py``), against spaCy's
bare parse of the same texts.

    .venv/bin/python bench/ingest_speed.py --articles 1000 --mode bare
    .venv/bin/python bench/ingest_speed.py --articles 1000 --mode code
    .venv/bin/python bench/ingest_speed.py --articles 1000 --mode ingest --workers 1
    .venv/bin/python bench/ingest_speed.py --articles 10000 --mode ingest --workers 0
    .venv/bin/python bench/ingest_speed.py --articles 300 --mode ratio --rounds 3

Modes: ``bare`` parses the texts with the bare spaCy pipeline; ``code`` parses and codes them
(crosswire's events and resolve components); ``ingest`` runs the whole ``crosswire ingest``
path (read the JSONL, mark reprints, parse, code, resolve, link, store in a fresh DuckDB file).
All single-process modes time a warm model (loaded before the clock starts). Run each mode in
its own process: the peak resident memory printed is this process's and its worker processes'
largest, and ``rss_by_tenth_of_run`` the largest of each in every tenth of the run (sampled
every 2 s from /proc), which shows whether memory grows with the corpus. ``ratio`` runs bare,
code and a one-process ingest in turn, ``--rounds`` times in one process, and keeps the fastest
of each: on a shared virtual machine whose speed drifts by tens of percent over minutes, only
runs side by side compare.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import tempfile
import threading
import time
from pathlib import Path

import crosswire
from corpus import write  # type: ignore[import-not-found]
from crosswire.coding import Limits, Profile, build_nlp, code_articles
from crosswire.config import load_config
from crosswire.ingest import read
from crosswire.nlp.dateline import mask_dateline
from crosswire.pipeline import resolve_workers
from crosswire.records import Article
from crosswire.resolve.component import COMPONENT, EVENTS

OUT = Path(__file__).resolve().parents[1] / "out"


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:  # the process ended between listing and reading
        return 0.0
    return 0.0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


class Sampler(threading.Thread):
    """The resident size of this process and of each worker, every ``every`` seconds (Linux
    /proc), so a run's memory is seen over its whole length and not only at its peak."""

    def __init__(self, every: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.every, self.samples = every, []  # (seconds, main MB, largest worker MB)
        self.done = threading.Event()
        self.started = time.perf_counter()

    def run(self) -> None:
        own = os.getpid()
        while not self.done.wait(self.every):
            workers = [_rss_mb(c) for c in _children(own)]
            elapsed = time.perf_counter() - self.started
            self.samples.append((elapsed, _rss_mb(own), max(workers, default=0.0)))

    def by_tenth(self) -> list[dict[str, float]]:
        """The largest main and worker resident size in each tenth of the run."""
        if not self.samples:
            return []
        end = self.samples[-1][0]
        tenths: list[dict[str, float]] = []
        for n in range(10):
            inside = [s for s in self.samples if n * end / 10 <= s[0] <= (n + 1) * end / 10]
            if inside:
                tenths.append(
                    {
                        "tenth": n + 1,
                        "main_mb": round(max(s[1] for s in inside)),
                        "worker_mb": round(max(s[2] for s in inside)),
                    }
                )
        return tenths


def peak_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_worker_rss_mb": round(workers, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--mode", choices=("bare", "code", "ingest", "ratio"), default="ingest")
    parser.add_argument("--rounds", type=int, default=3, help="ratio mode")
    parser.add_argument("--workers", type=int, default=1, help="ingest mode; 0 = every core")
    args = parser.parse_args()
    corpus = OUT / f"corpus-{args.articles}.jsonl"
    if not corpus.exists():
        write(corpus, args.articles)
    config = load_config()
    model = str(config.get("nlp.model"))
    limits = Limits.from_config(config)
    max_chars = limits.max_chars
    nlp = build_nlp(model, Profile("fast"))  # the bare parse: spaCy's own pipes only
    list(
        code_articles(
            [Article.create("Warm-up: Norway's minister visited Hanoi.")],
            model=model,
            limits=limits,
        )
    )
    words = sum(
        len(json.loads(line)["text"].split()) for line in corpus.open("r", encoding="utf-8")
    )
    workers = resolve_workers(args.workers) if args.mode == "ingest" else 1
    result: dict[str, object] = {
        "mode": args.mode,
        "articles": args.articles,
        "words": words,
        "workers": workers,
    }
    # read here only for the in-memory modes: ``ingest`` streams the file itself, and its peak
    # memory must not include a copy of the corpus
    articles = (
        []
        if args.mode == "ingest"
        else [a for a in read([str(corpus)], config=config) if isinstance(a, Article)]
    )

    def bare() -> None:
        texts = (mask_dateline(a.text[:max_chars])[0] for a in articles)
        with nlp.select_pipes(disable=[EVENTS, COMPONENT]):
            for _ in nlp.pipe(texts, batch_size=32):
                pass

    def code() -> int:
        coded = code_articles(articles, model=model, limits=limits)
        return sum(len(done.mentions) for done in coded)

    def ingest(n_workers: int) -> dict[str, object]:
        with tempfile.TemporaryDirectory() as tmp, crosswire.open(Path(tmp) / "b.duckdb") as db:
            report = crosswire.ingest_sources([str(corpus)], db, config=config, workers=n_workers)
            return {
                "new": report.new,
                "mentions": report.mentions,
                "events": db.summary()["events"],
            }

    if args.mode == "ratio":
        best = {"bare": float("inf"), "code": float("inf"), "ingest": float("inf")}
        for _ in range(args.rounds):
            for name, run in (("bare", bare), ("code", code), ("ingest", lambda: ingest(1))):
                started = time.perf_counter()
                run()
                best[name] = min(best[name], time.perf_counter() - started)
        result |= {f"{k}_s": round(v, 2) for k, v in best.items()}
        result |= {
            "code_over_bare": round(best["code"] / best["bare"], 3),
            "ingest_over_bare": round(best["ingest"] / best["bare"], 3),
            "python": platform.python_version(),
            "machine": platform.machine(),
        }
        print(json.dumps(result))
        return
    sampler = Sampler()
    sampler.start()
    started = time.perf_counter()
    if args.mode == "ingest":
        result |= ingest(workers)
    elif args.mode == "bare":
        bare()
    else:
        result["mentions"] = code()
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    result |= {
        "seconds": round(seconds, 2),
        "articles_per_s": round(args.articles / seconds, 2),
        "words_per_s": round(words / seconds),
        **peak_mb(),
        "rss_by_tenth_of_run": sampler.by_tenth(),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
