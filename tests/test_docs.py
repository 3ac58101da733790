"""Docs that fail the build when they drift from the code."""

from __future__ import annotations

import re

from crosswire.serve.cli import cli
from crosswire.store.schema import MIGRATIONS
from tests.conftest import ROOT


def test_every_cli_command_and_option_is_documented() -> None:
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for name, command in cli.commands.items():
        assert f"## {name}" in text, f"docs/cli.md has no section for `{name}`"
        for param in command.params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("--") and flag not in ("--db", "--config", "--set"):
                    assert flag in text, f"docs/cli.md does not mention {name} {flag}"


def test_every_table_is_documented() -> None:
    text = (ROOT / "docs" / "schema.md").read_text("utf-8")
    tables = {"schema_migrations"}
    for _, _, sql in MIGRATIONS:
        tables.update(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", sql))
    for table in sorted(tables):
        assert f"`{table}`" in text, f"docs/schema.md does not describe table {table}"


def test_readme_shows_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", text, re.S)
    commands = {
        line.split("#")[0].strip().removeprefix("$ ").strip()
        for block in blocks
        for line in block.splitlines()
    }
    assert {"make demo", "make test"} <= commands
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^demo: install$", makefile, re.M)
    assert re.search(r"^test: install browser$", makefile, re.M)
