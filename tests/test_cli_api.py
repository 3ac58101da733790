"""The CLI is a thin layer over the Python API: every option of every command is a keyword of
an API function the command calls (or says why not), so the two cannot drift apart."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import click
import pytest

from crosswire.serve.cli import cli
from crosswire.serve.options import CONTEXT


def commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def resolve(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    found: Any = importlib.import_module(module)
    for part in name.split("."):
        found = getattr(found, part)
    return found  # type: ignore[no-any-return]


def keywords(function: Callable[..., Any]) -> set[str]:
    if dataclasses.is_dataclass(function):
        return {f.name for f in dataclasses.fields(function)}
    return set(inspect.signature(function).parameters)


ALL = sorted(commands(cli))


@pytest.mark.parametrize(("name", "command"), ALL, ids=[n for n, _ in ALL])
def test_every_option_is_a_keyword_of_the_api(name: str, command: click.Command) -> None:
    params = {p.name for p in command.params if p.name} - CONTEXT
    if not params:
        return
    declared = getattr(command.callback, "__crosswire_api__", None)
    assert declared is not None, f"`crosswire {name}` does not say which API functions it calls"
    targets, cli_only = declared
    accepted = set().union(*(keywords(resolve(t)) for t in targets))
    assert all(reason.strip() for reason in cli_only.values())
    assert params - accepted - set(cli_only) == set(), f"`crosswire {name}`: not in the API"
    assert set(cli_only) <= params and not set(cli_only) & accepted


def test_commands_that_read_or_write_data_take_the_context_options() -> None:
    for name, command in ALL:
        given = {p.name for p in command.params}
        if "db" in given:
            assert {"config_path", "overrides"} <= given, name
