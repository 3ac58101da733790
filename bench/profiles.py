"""The two event profiles against a bare spaCy parse of the same articles.

    .venv/bin/python bench/profiles.py --articles 300 --rounds 2

In one process, in turn, ``--rounds`` times, fastest of each kept (this VM's speed drifts, so
only runs side by side compare): the bare spaCy pipeline parsing the texts in one process; then
the ``fast`` and the ``accurate`` profile (int8, and fp32) coding them with every core
(worker processes, as ``crosswire ingest`` does: parse, encoder, events, resolve), timed twice:
with the workers started and their models loaded before the clock (the steady state of a long
ingest), and cold (``_cold``: starting the workers and loading spaCy and the encoder session in
each is inside the time). Prints one JSON object: seconds, the ratio of each to the bare parse,
mentions, and the peak resident memory of this process and of its largest worker.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import time
from functools import partial
from pathlib import Path

from corpus import write  # type: ignore[import-not-found]
from crosswire.coding import Coder, Limits, Profile, build_nlp
from crosswire.config import load_config
from crosswire.ingest import read
from crosswire.nlp.dateline import mask_dateline
from crosswire.records import Article
from crosswire.resolve.component import COMPONENT, EVENTS

OUT = Path(__file__).resolve().parents[1] / "out"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=0, help="0 = every core")
    args = parser.parse_args()
    corpus = OUT / f"corpus-{args.articles}.jsonl"
    if not corpus.exists():
        write(corpus, args.articles)
    config = load_config()
    model = str(config.get("nlp.model"))
    limits = Limits.from_config(config)
    articles = [a for a in read([str(corpus)], config=config) if isinstance(a, Article)]
    words = sum(len(a.text.split()) for a in articles)
    workers = args.workers or os.cpu_count() or 1
    fast_nlp = build_nlp(model, Profile("fast"))

    def bare() -> int:
        texts = (mask_dateline(a.text[: limits.max_chars])[0] for a in articles)
        with fast_nlp.select_pipes(disable=[EVENTS, COMPONENT]):
            return sum(1 for _ in fast_nlp.pipe(texts, batch_size=32))

    def coded(profile: Profile, *, warm: bool) -> int:
        """Mentions coded; ``warm``: the workers are started, and have loaded their models
        (spaCy, the encoder session) on one article each, before the clock starts."""
        with Coder(model=model, limits=limits, workers=workers, profile=profile) as coder:
            started = time.perf_counter()
            if warm:
                coder.chunk_size = 1  # one article per worker: every worker starts and loads
                coder.submit(articles[:workers])()
                coder.chunk_size = 16
                started = time.perf_counter()
            found = 0
            for start in range(0, len(articles), 64):
                found += sum(len(c.mentions) for c in coder.submit(articles[start : start + 64])())
            times[profile_key(profile, warm)] = time.perf_counter() - started
            return found

    def profile_key(profile: Profile, warm: bool) -> str:
        name = profile.name if profile.name == "fast" else f"accurate_{profile.precision}"
        return name + ("" if warm else "_cold")

    times: dict[str, float] = {}

    def bare_timed() -> int:
        started = time.perf_counter()
        found = bare()
        times["bare_1_process"] = time.perf_counter() - started
        return found

    runs = {"bare_1_process": bare_timed}
    for profile in (Profile("fast"), Profile("accurate", "int8"), Profile("accurate", "fp32")):
        for warm in (True, False):
            runs[profile_key(profile, warm)] = partial(coded, profile, warm=warm)
    for name in ("fast", "accurate_int8", "accurate_fp32"):
        runs[name]()  # graphs built, pages cached
    best = dict.fromkeys(runs, float("inf"))
    mentions: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, run in runs.items():
            mentions[name] = run()
            best[name] = min(best[name], times[name])
    result: dict[str, object] = {
        "articles": len(articles),
        "words": words,
        "workers": workers,
        **{f"{k}_s": round(v, 2) for k, v in best.items()},
        **{
            f"{k}_over_bare": round(v / best["bare_1_process"], 3)
            for k, v in best.items()
            if k != "bare_1_process"
        },
        "mentions": {k: v for k, v in mentions.items() if k != "bare_1_process"},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_worker_rss_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
        ),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
