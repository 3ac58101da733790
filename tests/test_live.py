"""Live ingest, with real processes: a running server sees a CLI ingest's events without a
restart and answers every request meanwhile; two ingests into one file both complete."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

import crosswire
from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow
ENV = {**os.environ, "CROSSWIRE_CONFIG": "", "NO_COLOR": "1"}


def copies(folder: Path, count: int, *, tag: str = "") -> int:
    """``count`` numbered copies of every sample article (distinct texts, so distinct ids)."""
    folder.mkdir(parents=True)
    sources = sorted(SAMPLE.glob("*.md"))
    for n in range(count):
        for source in sources:
            text = source.read_text("utf-8").replace("\n---\n", f"\n---\nBulletin {tag}{n}: ", 1)
            (folder / f"{n:03d}-{source.name}").write_text(text, "utf-8")
    return count * len(sources)


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "crosswire.serve.cli", *args]


def start_ingest(folder: Path, db: Path, *, batch_size: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cli("ingest", str(folder), "--db", str(db), "--batch-size", str(batch_size)),
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, dict[str, object]]:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, json.loads(response.read())


def test_server_sees_a_cli_ingest_while_it_runs(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    total = copies(tmp_path / "news", 8)
    assert total >= 150
    port = free_port()
    server = subprocess.Popen(
        cli("serve", "--db", str(db), "--port", str(port)),
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        assert server.stderr.readline().startswith("crosswire: http://")
        base = f"http://127.0.0.1:{port}/api"
        deadline = time.monotonic() + 60
        while True:  # the banner comes just before uvicorn binds: wait for the socket
            try:
                status, body = get(f"{base}/summary")
                break
            except OSError:
                assert time.monotonic() < deadline, "the server never answered"
        assert status == 200 and body["events"] == 0
        ingest = start_ingest(tmp_path / "news", db, batch_size=16)
        answers: list[tuple[int, int]] = []
        failures: list[str] = []

        def poll() -> None:
            while ingest.poll() is None:
                try:
                    status, body = get(f"{base}/summary")
                    answers.append((status, int(str(body["articles"]))))
                except OSError as exc:
                    failures.append(repr(exc))
                time.sleep(1.0)  # once a second, as an analyst's dashboard would

        poller = threading.Thread(target=poll)
        poller.start()
        _, err = ingest.communicate(timeout=900)
        poller.join()
        assert ingest.returncode == 0, err
        assert failures == [] and answers and all(status == 200 for status, _ in answers)
        seen = [n for _, n in answers]
        assert seen == sorted(seen), "a reader saw articles disappear"
        assert all(n % 16 == 0 or n == total for n in seen), seen  # only whole batches
        status, body = get(f"{base}/summary")
        assert status == 200 and body["articles"] == total and int(str(body["events"])) > 0
        listed = subprocess.run(
            cli("events", "--all", "--db", str(db), "--format", "jsonl", "--limit", "1000"),
            env=ENV,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert listed.returncode == 0, listed.stderr
        assert len(listed.stdout.splitlines()) == body["events"]
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


def test_two_ingests_into_one_file_both_complete(tmp_path: Path) -> None:
    db = tmp_path / "two.duckdb"
    first_total = copies(tmp_path / "a", 3, tag="a")
    second_total = copies(tmp_path / "b", 2, tag="b")
    first = start_ingest(tmp_path / "a", db, batch_size=8)
    assert first.stderr is not None
    line = first.stderr.readline()  # the first batch is stored: the first ingest is writing
    assert line.startswith("progress:"), line
    second = subprocess.run(
        cli("ingest", str(tmp_path / "b"), "--db", str(db)),
        env=ENV,
        capture_output=True,
        text=True,
        timeout=900,
    )
    _, err = first.communicate(timeout=900)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert f"waiting for another ingest into {db} to finish" in second.stderr
    with crosswire.open(db, read_only=True) as store:
        assert store.summary()["articles"] == first_total + second_total
        assert store.check() == []
