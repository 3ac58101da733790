"""Shared fixtures. Tests marked ``slow`` load the spaCy model; the rest run in milliseconds."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from crosswire.config import Config, load_config

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "articles"
EVALDATA = ROOT.parent / "shared" / "evaldata"


def gold(relative: str = "") -> Path:
    """A path under ../shared/evaldata. Missing, it fails the test in CI (where the data is
    always laid out) and skips it elsewhere (a checkout without the shared folder)."""
    path = EVALDATA / relative
    if not path.exists():
        message = f"the gold data {path} is missing"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must have it: quality floors cannot be skipped)")
        pytest.skip(message)
    return path


@pytest.fixture
def config() -> Config:
    return load_config(environ={})


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    return json.loads((ROOT / "examples" / "expected.json").read_text("utf-8"))


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path
