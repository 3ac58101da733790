"""Read-only commands open the database without the coding stack: a fresh interpreter runs each
one and reports which heavy modules it imported (spaCy, the encoder's onnxruntime, torch, rich)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.webdata import build

HEAVY = ("spacy", "onnxruntime", "torch", "thinc", "sklearn", "rich")
PROBE = """
import json, sys
from crosswire.serve.cli import main
main(sys.argv[1:])
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("reads") / "reads.duckdb")


def _imported(db: Path, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args, "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip(), f"{args} printed nothing"
    return list(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [
        ("events",),
        ("actors",),
        ("articles",),
        ("stories",),
        ("rejects",),
        ("export", "--all", "--format", "plover-jsonl"),
    ],
)
def test_read_commands_import_no_coding_stack(built: Path, args: tuple[str, ...]) -> None:
    assert _imported(built, *args) == []


def test_show_imports_no_coding_stack(built: Path) -> None:
    probe = [sys.executable, "-c", PROBE.format(heavy=())]
    listed = subprocess.run(
        [*probe, "events", "--format", "jsonl", "--db", str(built)],
        capture_output=True,
        text=True,
        check=True,
    )
    event_id = json.loads(listed.stdout.splitlines()[0])["id"]
    assert _imported(built, "show", event_id) == []
