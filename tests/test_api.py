"""The package surface: the public API, lazy imports, one error tree."""

from __future__ import annotations

import subprocess
import sys

import crosswire
from crosswire import errors
from tests.conftest import ROOT


def test_import_loads_neither_spacy_nor_duckdb() -> None:
    code = (
        "import sys, crosswire; print(sorted(m for m in ('spacy', 'duckdb') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names_resolve() -> None:
    from crosswire import config, pipeline, records, store

    homes = {
        "ActorRef": records,
        "Article": records,
        "Config": config,
        "CrosswireError": errors,
        "Discrepancy": records,
        "Event": records,
        "EventFilter": store,
        "Mention": records,
        "Place": records,
        "Reject": records,
        "Store": store,
        "code": pipeline,
        "load_config": config,
        "process": pipeline,
        "resolve_actor": pipeline,
    }
    assert set(crosswire.__all__) == {*homes, "ingest_sources", "open"}
    for name, module in homes.items():
        assert getattr(crosswire, name) is getattr(module, name), name
    assert crosswire.ingest_sources is pipeline.ingest


def test_errors_share_one_tree_with_codes() -> None:
    classes = [
        c
        for c in vars(errors).values()
        if isinstance(c, type) and issubclass(c, Exception) and c.__module__ == errors.__name__
    ]
    assert all(issubclass(c, errors.CrosswireError) for c in classes)
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes))
    documented = (ROOT / "docs" / "python-api.md").read_text("utf-8")
    assert [c for c in codes if c not in documented] == []
    err = errors.StoreError("Cannot open x.", fix="Check the path.")
    assert str(err) == "[E300] Cannot open x. Fix: Check the path."
    assert err.to_dict()["error"]["code"] == "E300"
