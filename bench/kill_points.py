"""kill -9 at random points of a long ingest: the database opens, passes ``crosswire check``,
and the re-run ends with the same events as an uninterrupted run.

    .venv/bin/python bench/kill_points.py --articles 1000 --kills 5

Runs ``crosswire ingest`` on a synthetic corpus (bench/corpus.py) once uninterrupted, then
again into a second database, killing the whole process group at ``--kills`` random moments
(each run resumes what the last one left), checking the database after every kill, and
finishing with a full run. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import crosswire
from corpus import write  # type: ignore[import-not-found]

ENV = {**os.environ, "CROSSWIRE_CONFIG": "", "NO_COLOR": "1"}
STARTUP = 8.0  # seconds before a run stores its first batch (loading the model, the workers)


def ingest(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "crosswire.serve.cli", "ingest", str(corpus), "--db", str(db)]


def events(db: Path) -> list[tuple[str, int, int]]:
    with crosswire.open(db, read_only=True) as store:
        found = store.events(crosswire.EventFilter(include_negated=True))
        return sorted((e.id, e.n_articles, e.n_mentions) for e in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write(Path(tmp) / "corpus.jsonl", args.articles)
        clean = Path(tmp) / "clean.duckdb"
        started = time.perf_counter()
        subprocess.run(ingest(corpus, clean), env=ENV, check=True, capture_output=True)
        clean_seconds = time.perf_counter() - started
        expected = events(clean)
        killed = Path(tmp) / "killed.duckdb"
        points: list[dict[str, object]] = []
        stored = 0
        for _ in range(args.kills):
            # a random moment within what is left of the work (each run resumes the last)
            left = clean_seconds * (1 - stored / args.articles)
            delay = rng.uniform(STARTUP, STARTUP + 0.8 * max(left - STARTUP, 1.0))
            proc = subprocess.Popen(
                ingest(corpus, killed),
                env=ENV,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            time.sleep(delay)  # a random moment: this is what the bench is about
            finished = proc.poll() is not None
            if not finished:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            with crosswire.open(killed, read_only=True) as store:
                problems = store.check()
                stored = store.summary()["articles"]
            points.append(
                {
                    "after_seconds": round(delay, 1),
                    "killed": not finished,
                    "articles_stored": stored,
                    "consistency_problems": problems,
                }
            )
        subprocess.run(ingest(corpus, killed), env=ENV, check=True, capture_output=True)
        with crosswire.open(killed, read_only=True) as store:
            final_problems = store.check()
        got = events(killed)
        print(
            json.dumps(
                {
                    "articles": args.articles,
                    "uninterrupted_seconds": round(clean_seconds, 1),
                    "kills": points,
                    "final_consistency_problems": final_problems,
                    "events_uninterrupted": len(expected),
                    "events_after_kills": len(got),
                    "same_events": got == expected,
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
