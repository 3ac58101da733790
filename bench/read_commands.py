"""Wall-clock time of the read-only commands on the sample database, as a user runs them (a
fresh process each time: interpreter start, imports, opening the database, the query, output).

    .venv/bin/python bench/read_commands.py --runs 5

The sample database is the bundled sample corpus (``examples/articles``) ingested once into a
temporary folder (not timed); ``--db`` uses an existing database instead. Each command runs
``--runs`` times; the median and the slowest run are printed as one JSON object, with the
machine and date. No thresholds (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from crosswire.serve.cli import main; main()"]
COMMANDS = [
    ["events"],
    ["events", "--format", "jsonl", "--all"],
    ["actors"],
    ["articles"],
    ["stories"],
    ["rejects"],
    ["export", "--format", "csv"],
]


def _run(args: list[str], db: Path) -> tuple[float, str]:
    env = {**os.environ, "CROSSWIRE_CONFIG": "", "NO_COLOR": "1"}
    started = time.perf_counter()
    done = subprocess.run(
        [*CLI, *args, "--db", str(db)], capture_output=True, text=True, env=env, check=True
    )
    return time.perf_counter() - started, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = options.db or Path(folder) / "sample.duckdb"
        if options.db is None:
            _run(["ingest", str(ROOT / "examples" / "articles")], db)
        listed = _run(["events", "--format", "jsonl", "--limit", "1"], db)[1]
        commands = [*COMMANDS, ["show", json.loads(listed.splitlines()[0])["id"]]]
        results = {}
        for args in commands:
            seconds = [_run(args, db)[0] for _ in range(options.runs)]
            results[" ".join(args)] = {
                "median_s": round(statistics.median(seconds), 3),
                "max_s": round(max(seconds), 3),
            }
    print(
        json.dumps(
            {
                "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                f"Python {platform.python_version()}",
                "date": date.today().isoformat(),
                "runs": options.runs,
                "commands": results,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
