"""The HTTP API against its own OpenAPI schema: schemathesis generates requests from the schema
(valid and invalid ones) for every operation and checks every answer: no server error,
documented status codes, content types and bodies that match the schema.

schemathesis's pytest plugin does not run under pytest 9 (it reads a removed ``_nodeid``), so
each operation's strategy is driven with hypothesis directly.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

import crosswire
from crosswire.config import load_config
from crosswire.serve.app import create_app
from tests.webdata import build


@pytest.mark.slow
def test_every_operation_conforms_to_the_schema(tmp_path: Path) -> None:
    path = build(tmp_path / "web.duckdb")
    failures: dict[str, str] = {}
    with crosswire.open(path, read_only=True) as store:
        app = create_app(store, read_only=True, token="t0k", config=load_config(environ={}))
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 12
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=25,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def check(case: schemathesis.Case) -> None:
                case.call_and_validate()

            try:
                check()
            except Exception as exc:  # noqa: BLE001  (collect every operation's failure)
                failures[operation.label] = f"{type(exc).__name__}: {exc}"[:2000]
    if failures:
        pytest.fail("\n\n".join(f"{label}\n{text}" for label, text in failures.items()))
