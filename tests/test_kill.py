"""A killed ingest (kill -9) leaves a database that opens, and re-running completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import crosswire
from tests.conftest import SAMPLE

pytestmark = pytest.mark.slow


def _corpus(folder: Path, copies: int) -> None:
    """Many distinct articles made from the sample ones (each copy numbered, so ids differ)."""
    folder.mkdir()
    sources = sorted(SAMPLE.glob("*.md"))
    for n in range(copies):
        for source in sources:
            text = source.read_text("utf-8").replace("---\n\n", f"---\n\nCopy {n}. ", 1)
            text = text.replace("\n---\n", f"\n---\nBulletin {n}: ", 1)
            (folder / f"{n:03d}-{source.name}").write_text(text, "utf-8")


def test_kill_during_ingest_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _corpus(corpus, 16)
    total = len(list(corpus.iterdir()))
    db = tmp_path / "killed.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "crosswire.serve.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        "4",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()  # printed once the first batch has committed
    assert first.startswith("progress:"), first
    os.killpg(proc.pid, signal.SIGKILL)  # now: 15 of 16 batches are still to come
    proc.wait()
    with crosswire.open(db) as store:
        stored = store.summary()["articles"]
        assert 0 < stored < total, "the kill should land mid-run"
        assert store.check() == []
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    with crosswire.open(db) as store:
        summary = store.summary()
        assert summary["articles"] == total and store.check() == []
        killed_events = sorted((e.id, e.n_articles) for e in store.events())
    clean = tmp_path / "clean.duckdb"
    subprocess.run([*cmd[:-4], "--db", str(clean)], check=True, capture_output=True, timeout=600)
    with crosswire.open(clean) as store:
        assert sorted((e.id, e.n_articles) for e in store.events()) == killed_events
