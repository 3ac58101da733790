"""The place index: its file, the time to open it in a fresh process, lookups, and the
geoparser's share of coding time.

    .venv/bin/python bench/place_index.py --articles 150

Open: a fresh process imports crosswire's resolution modules first (not timed), then times
``place_index()`` and one lookup, and reports its resident memory before and after. Lookups:
the mean time of ``lookup`` for names met for the first time (a query of the SQLite file) and
again (the per-name cache). Share: the synthetic corpus (``bench/corpus.py``) parsed once, then
``find_toponyms`` and the whole resolution stage timed on the parsed documents, so the
geoparser's cost is seen against the coding it is part of. Prints one JSON object; no
thresholds (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

from corpus import write  # type: ignore[import-not-found]

OPEN = """
import resource, time
import crosswire.resolve.geoparse  # imports are not the load
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from crosswire.resolve.placeindex import place_index
t = time.perf_counter()
index = place_index()
index.lookup("Pyongyang")
seconds = time.perf_counter() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(seconds, (after - before) / 1024)
"""
NAMES = ["Hanoi", "Springfield", "Texas", "Lagos", "Paris", "Aleppo", "Nowhere Town", "Kyiv"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=150)
    args = parser.parse_args()
    from crosswire.coding import Profile, build_nlp
    from crosswire.config import load_config
    from crosswire.ingest import read
    from crosswire.records import Article
    from crosswire.resolve.component import COMPONENT
    from crosswire.resolve.geoparse import find_toponyms
    from crosswire.resolve.mentions import DocContext, build_mentions
    from crosswire.resolve.placeindex import cache_path, place_index

    opens, memory = [], 0.0
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", OPEN], capture_output=True, text=True)
        seconds, grown = out.stdout.split()
        opens.append(float(seconds))
        memory = float(grown)
    index = place_index()
    names = [f"{n} {k}" if k else n for k in range(200) for n in NAMES]
    start = time.perf_counter()
    for name in names:
        index.lookup(name)
    cold = (time.perf_counter() - start) / len(names) * 1e6
    start = time.perf_counter()
    for _ in range(20):
        for name in names:
            index.lookup(name)
    warm = (time.perf_counter() - start) / (20 * len(names)) * 1e6

    corpus = Path(__file__).resolve().parents[1] / "out" / f"corpus-{args.articles}.jsonl"
    if not corpus.exists():
        write(corpus, args.articles)
    config = load_config()
    articles = [a for a in read([str(corpus)], config=config) if isinstance(a, Article)]
    nlp = build_nlp(str(config.get("nlp.model")), Profile("fast"))
    with nlp.select_pipes(disable=[COMPONENT]):
        docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    start = time.perf_counter()
    for doc in docs:
        find_toponyms(doc)
    geoparse = time.perf_counter() - start
    start = time.perf_counter()
    for doc, article in zip(docs, articles, strict=True):
        build_mentions(doc, doc._.cw_frames or [], article)
    resolve = time.perf_counter() - start
    start = time.perf_counter()
    for doc, article in zip(docs, articles, strict=True):
        DocContext(doc, article)
    context = time.perf_counter() - start
    print(
        json.dumps(
            {
                "file": str(cache_path()),
                "file_mb": round(cache_path().stat().st_size / 2**20, 1),
                "open_s": [round(s, 4) for s in opens],
                "open_rss_growth_mb": round(memory, 1),
                "lookup_new_name_us": round(cold, 1),
                "lookup_cached_us": round(warm, 2),
                "articles": len(articles),
                "geoparse_s": round(geoparse, 3),
                "document_context_s": round(context, 3),
                "resolve_stage_s": round(resolve, 3),
                "python": platform.python_version(),
            }
        )
    )


if __name__ == "__main__":
    main()
