"""What coding costs on top of spaCy's parse: the same texts through the bare model and through
the model with crosswire's events (rules + learned dyad coder) and resolve components.

    .venv/bin/python bench/coding_speed.py --copies 10

Both runs are warm (model, gazetteer and coder loaded before timing) and single-process; each
is repeated ``--repeats`` times and the fastest is kept. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from crosswire.config import load_config
from crosswire.ingest import read
from crosswire.pipeline import build_nlp, code_articles
from crosswire.records import Article
from crosswire.resolve.component import COMPONENT, EVENTS
from crosswire.resolve.gazetteer import gazetteer
from ingest_speed import make_corpus  # type: ignore[import-not-found]


def fastest(run: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    config = load_config()
    model = str(config.get("nlp.model"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        make_corpus(corpus, args.copies)
        articles = [a for a in read([str(corpus)], config=config) if isinstance(a, Article)]
    texts = [a.text for a in articles]
    nlp = build_nlp(model)  # the cached base model with crosswire's components added
    gazetteer()
    list(code_articles(articles[:5], model=model, max_chars=100_000))  # warm every cache

    def bare() -> None:
        with nlp.select_pipes(disable=[EVENTS, COMPONENT]):
            list(nlp.pipe(texts, batch_size=32))

    parse = fastest(bare, args.repeats)
    coded = fastest(
        lambda: list(code_articles(articles, model=model, max_chars=100_000)), args.repeats
    )
    print(
        json.dumps(
            {
                "articles": len(texts),
                "words": sum(len(t.split()) for t in texts),
                "parse_s": round(parse, 3),
                "parse_and_code_s": round(coded, 3),
                "coding_overhead": round(coded / parse - 1, 3),
                "python": platform.python_version(),
                "machine": platform.machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
