"""Ingest throughput on copies of the sample corpus, against spaCy's bare parse of the same texts.

    .venv/bin/python bench/ingest_speed.py --copies 10 [--workers 1]

Prints one JSON object: articles, words, seconds for the bare parse and for the full ingest
(read, parse, code, resolve, link, store), articles and words per second, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

import crosswire
from crosswire.config import load_config
from crosswire.ingest import read
from crosswire.nlp import load_base
from crosswire.records import Article

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "articles"


def make_corpus(folder: Path, copies: int) -> None:
    """Distinct articles: each copy of each sample article gets its own numbered lead line."""
    for n in range(copies):
        for source in sorted(SAMPLE.iterdir()):
            text = source.read_text("utf-8")
            if source.suffix == ".md":
                text = text.replace("\n---\n", f"\n---\nBulletin {n} from the desk.\n", 1)
            else:
                text = text.replace("</body>", f"<p>Bulletin {n}.</p></body>")
                text = text.replace("\n\n", f"\n\nBulletin {n} from the desk. ", 1)
            (folder / f"{n:04d}-{source.name}").write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    config = load_config()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.copies)
        articles = [a for a in read([str(corpus)], config=config) if isinstance(a, Article)]
        words = sum(len(a.text.split()) for a in articles)
        nlp = load_base(str(config.get("nlp.model")))
        started = time.perf_counter()
        for _ in nlp.pipe((a.text for a in articles), batch_size=32):
            pass
        parse = time.perf_counter() - started
        with crosswire.open(Path(tmp) / "bench.duckdb") as db:
            started = time.perf_counter()
            report = crosswire.ingest_sources(
                [str(corpus)], db, config=config, workers=args.workers
            )
            full = time.perf_counter() - started
            events = db.summary()["events"]
    print(
        json.dumps(
            {
                "articles": len(articles),
                "words": words,
                "workers": args.workers,
                "bare_parse_s": round(parse, 2),
                "ingest_s": round(full, 2),
                "articles_per_s": round(report.new / full, 1),
                "words_per_s": round(words / full),
                "ingest_over_parse": round(full / parse, 2),
                "events": events,
                "python": platform.python_version(),
                "machine": platform.machine(),
            }
        )
    )


if __name__ == "__main__":
    main()
