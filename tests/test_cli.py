"""The command line, run as a user runs it: a real process, real files, a real database."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import SAMPLE, write

pytestmark = pytest.mark.slow
BODY = (
    "Kenyan police arrested an opposition leader in Nairobi on Friday, hours before a rally "
    "his party had planned, officials said."
)


def run(*args: str, db: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "crosswire.serve.cli", *args]
    if db is not None:
        cmd += ["--db", str(db)]
    env = {**os.environ, "CROSSWIRE_CONFIG": "", "NO_COLOR": "1", "COLUMNS": "160"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    done = run("ingest", str(SAMPLE), db=path)
    assert "24 new articles" in done.stdout and "0 rejected" in done.stdout
    return path


def test_events_show_articles_rejects_actors(db: Path) -> None:
    table = run("events", "--min-sources", "2", db=db).stdout
    assert "SANCTION" in table and "AGREE" not in table
    rows = [
        json.loads(line)
        for line in run(
            "events", "--format", "jsonl", "--country", "POL", db=db
        ).stdout.splitlines()
    ]
    assert rows and all("POL" in {a["country"] for a in r["actor"] + r["recipient"]} for r in rows)
    event_id = rows[0]["id"]
    shown = run("show", event_id, db=db).stdout
    assert event_id in shown and "Baltic Ledger" in shown and "Northline Daily" in shown
    assert json.loads(run("show", event_id, "--format", "jsonl", db=db).stdout)["id"] == event_id
    listed = list(
        csv.DictReader(
            io.StringIO(run("articles", "--format", "csv", "--limit", "100", db=db).stdout)
        )
    )
    assert len(listed) == 24
    assert run("rejects", "--format", "jsonl", db=db).stdout == ""
    actors = [
        json.loads(x)
        for x in run("actors", "--country", "KEN", "--format", "jsonl", db=db).stdout.splitlines()
    ]
    assert {"police"} <= {a["name"] for a in actors}
    since = run(
        "events", "--since", "2025-08-01", "--until", "2025-08-31", "--format", "csv", db=db
    ).stdout
    assert {r["event"] for r in csv.DictReader(io.StringIO(since))} <= {"SANCTION", "ACCUSE"}


def test_exports(db: Path, tmp_path: Path) -> None:
    lines = run("export", "--format", "plover-jsonl", db=db).stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert records
    for field in (
        "id",
        "date",
        "event",
        "actor",
        "recipient",
        "quad_code",
        "event_scale",
        "n_sources",
        "mentions",
        "discrepancies",
        "cameo",
    ):
        assert all(field in r for r in records)
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", db=db).stdout)))
    assert len(rows) == len(records)
    out = tmp_path / "events.parquet"
    done = run("export", "--format", "parquet", "-o", str(out), db=db)
    assert f"Wrote {len(records)} events" in done.stderr
    table = pq.read_table(out)
    assert table.num_rows == len(records) and "n_sources" in table.column_names
    done = run("export", "--format", "parquet", db=db, check=False)
    assert done.returncode == 2 and "needs a file" in done.stderr


def test_bad_input_is_recorded_and_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write(folder / "good.txt", "Outlet: Test Wire\n\n" + BODY)
    write(folder / "empty.txt", "")
    write(folder / "binary.txt", b"\x00\xff" * 50)
    write(folder / "latin.txt", ("Caf\xe9 " * 30).encode("latin-1"))
    write(folder / "rows.jsonl", '{"text": "' + BODY + ' Again."}\n{broken\n')
    db = tmp_path / "mixed.duckdb"
    done = run("ingest", str(folder), db=db)
    assert "2 new articles" in done.stdout and "4 rejected" in done.stdout
    reasons = {
        json.loads(x)["reason"]
        for x in run("rejects", "--format", "jsonl", db=db).stdout.splitlines()
    }
    assert reasons == {"empty", "binary file", "not UTF-8", "malformed JSON line"}
    again = run("ingest", str(folder), db=db)
    assert "0 new articles, 2 unchanged" in again.stdout


def test_failures_are_one_clear_line(tmp_path: Path) -> None:
    only_bad = write(tmp_path / "bad" / "empty.txt", "")
    done = run("ingest", str(only_bad.parent), db=tmp_path / "x.duckdb", check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("crosswire: error: [E000] Nothing")
    not_db = write(tmp_path / "notes.duckdb", "plain text, not a database")
    done = run("ingest", str(SAMPLE), db=not_db, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "[E300]" in done.stderr
    done = run("events", db=tmp_path / "nothing-here.duckdb", check=False)
    assert done.returncode == 2 and "No database" in done.stderr
    done = run("show", "ev_nope", db=not_db, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    done = run("events", "--since", "last tuesday", db=tmp_path / "x.duckdb", check=False)
    assert done.returncode == 2


def test_demo_and_help(tmp_path: Path) -> None:
    done = run("demo", "--fresh", db=tmp_path / "demo.duckdb")
    assert (
        "Top events by independent sources" in done.stdout and "crosswire show ev_" in done.stdout
    )
    assert "Usage" in run("--help").stdout
