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


def test_parquet_export_is_typed_and_exports_run_oldest_first(db: Path, tmp_path: Path) -> None:
    """Parquet keeps numbers, booleans, dates and nested records as such (read back by pyarrow
    and by DuckDB); every export lists events by date ascending, undated last; CSV cells hold
    text, never Python reprs."""
    import duckdb
    import pyarrow as pa

    out = tmp_path / "typed.parquet"
    run("export", "--format", "parquet", "-o", str(out), db=db)
    schema = pq.read_schema(out)
    assert schema.field("date").type == pa.date32()
    assert schema.field("first_reported").type == pa.date32()
    assert schema.field("lat").type == pa.float64()
    assert schema.field("confidence").type == pa.float64()
    assert schema.field("negated").type == pa.bool_()
    assert schema.field("n_sources").type == pa.int32()
    assert schema.field("quad_code").type == pa.int8()
    assert pa.types.is_list(schema.field("actors").type)
    assert pa.types.is_struct(schema.field("actors").type.value_type)
    assert pa.types.is_struct(schema.field("mentions").type.value_type)
    records = [
        json.loads(line)
        for line in run("export", "--format", "plover-jsonl", db=db).stdout.splitlines()
    ]
    table = pq.read_table(out).to_pylist()
    assert [r["id"] for r in table] == [r["id"] for r in records]
    first = next(r for r in records if r["event_loc"])
    typed = next(r for r in table if r["id"] == first["id"])
    assert typed["lat"] == first["event_loc"]["lat"] and typed["negated"] is first["negated"]
    assert typed["date"].isoformat() == first["date"]
    assert [a["name"] for a in typed["actors"]] == [a["name"] for a in first["actor"]]
    assert len(typed["mentions"]) == len(first["mentions"])
    with duckdb.connect() as con:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}')").fetchall()
        kinds = {row[0]: row[1] for row in described}
        assert kinds["date"] == "DATE" and kinds["negated"] == "BOOLEAN"
        assert kinds["n_sources"] == "INTEGER" and kinds["lat"] == "DOUBLE"
        located = con.execute(
            f"SELECT count(*) FROM read_parquet('{out}') WHERE lat IS NOT NULL AND lat > -90"
        ).fetchone()
        assert located is not None and located[0] == sum(1 for r in records if r["event_loc"])
    dates = [r["date"] for r in records]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dated[0] < dated[-1]
    assert dates[: len(dated)] == dated  # the undated come last
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", db=db).stdout)))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    listed = run("events", "--format", "csv", "--limit", "100", db=db).stdout
    for row in csv.DictReader(io.StringIO(listed)):
        assert all(not v.startswith(("[(", "('", "{'")) for v in row.values())
        assert row["negated"] in ("true", "false")


def test_bad_input_is_recorded_and_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    write(folder / "good.txt", "Outlet: Test Wire\n\n" + BODY)
    write(folder / "empty.txt", "")
    write(folder / "binary.txt", b"\x00\xff" * 50)
    write(folder / "latin.txt", ("Caf\xe9 " * 30).encode("latin-1"))
    write(folder / "rows.jsonl", '{"text": "' + BODY + ' Again."}\n{broken\n')
    db = tmp_path / "mixed.duckdb"
    done = run("ingest", str(folder), db=db, check=False)
    assert done.returncode == 3  # stored, with rejects: the exit code says so
    assert "2 new articles" in done.stdout and "4 rejected" in done.stdout
    reasons = {
        json.loads(x)["reason"]
        for x in run("rejects", "--format", "jsonl", db=db).stdout.splitlines()
    }
    assert reasons == {"empty", "binary file", "not UTF-8", "malformed JSON line"}
    again = run("ingest", str(folder), db=db, check=False)
    assert "0 new articles, 2 unchanged" in again.stdout


def test_failures_are_one_clear_line(tmp_path: Path) -> None:
    only_bad = write(tmp_path / "bad" / "empty.txt", "")
    done = run("ingest", str(only_bad.parent), db=tmp_path / "x.duckdb", check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("crosswire: error: [E200] Nothing")
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


def test_bad_values_get_one_coded_line(tmp_path: Path, db: Path) -> None:
    cases = [
        (("events", "--limit", "-1"), "[E600] limit must be a whole number"),
        (("articles", "--limit", "-5"), "[E600] limit must be"),
        (("actors", "--limit", "-5"), "[E600] limit must be"),
        (("stories", "--limit", "-5"), "[E600] limit must be"),
        (("events", "--type", "MEET"), "[E600] 'MEET' is not a PLOVER event type"),
        (("events", "--country", "North Korea"), "[E600] 'North Korea' is not an ISO-3166"),
        (("export", "--type", "MEET"), "[E600] 'MEET' is not a PLOVER event type"),
    ]
    for args, start in cases:
        done = run(*args, db=db, check=False)
        assert done.returncode == 2, args
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"crosswire: error: {start}"), args
        assert done.stdout == ""
    assert run("events", "--type", "sanction", "--country", "pol", db=db).stdout.strip()


def test_missing_inputs_create_no_database(tmp_path: Path) -> None:
    target = tmp_path / "never.duckdb"
    done = run("ingest", "/no/such/folder", db=target, check=False)
    assert done.returncode == 2 and not target.exists()
    assert done.stderr.strip() == (
        "crosswire: error: [E200] Not found: /no/such/folder. "
        "Fix: Check the paths (folders, files) or give http(s) URLs."
    )
    done = run("ingest", "--reader", "nonsense", str(SAMPLE), db=target, check=False)
    assert done.returncode == 2 and "[E201] No reader named 'nonsense'" in done.stderr
    assert not target.exists()
    jsonl = write(tmp_path / "some.jsonl", '{"text": "x"}\n')
    for args in (("events",), ("ingest", str(SAMPLE))):
        done = run(*args, db=jsonl, check=False)
        assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
        assert "some.jsonl is not a DuckDB database" in done.stderr
    assert jsonl.read_text() == '{"text": "x"}\n'


def test_forced_reader_and_missing_metadata_warning(tmp_path: Path) -> None:
    plain = write(tmp_path / "report.data", BODY + " The rally was called off.")
    other = write(tmp_path / "other.data", BODY.replace("Friday", "Monday") + " Police said.")
    db = tmp_path / "r.duckdb"
    done = run("ingest", "--reader", "text", str(plain), str(other), db=db)
    assert "2 new articles" in done.stdout
    warnings = [line for line in done.stderr.splitlines() if line.startswith("Warning:")]
    assert warnings == [
        "Warning: 2 without a publication date and 2 without an outlet of 2 new articles: "
        "their events are undated or count as one unnamed source. Pass --published/--outlet "
        "(published=, outlet=) or give the metadata in the files."
    ]
    done = run("ingest", "--published", "2025-02-30", str(plain), db=db, check=False)
    assert done.returncode == 2 and "[E204]" in done.stderr


def test_terminal_output_has_no_control_characters(tmp_path: Path) -> None:
    hostile = "Title: Evil\x1b[2J\x1b]0;owned\x07 title\nOutlet: Bad\x1b[31mOutlet\n\n" + BODY
    write(tmp_path / "in" / "a.txt", hostile)
    db = tmp_path / "c.duckdb"
    run("ingest", str(tmp_path / "in"), "--published", "2025-03-01", db=db)
    for fmt in ("table", "csv", "jsonl"):
        out = run("articles", "--format", fmt, db=db).stdout
        assert "\x1b" not in out and "\x07" not in out and "Evil[2J]0;owned title" in out
    exported = run("export", "--format", "csv", db=db).stdout
    assert "\x1b" not in exported and exported.count("\n") == 2
    records = [json.loads(line) for line in run("export", db=db).stdout.splitlines()]
    assert [m["outlet"] for r in records for m in r["mentions"]] == ["Bad[31mOutlet"]
