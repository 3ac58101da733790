"""Options and helpers shared by the ``crosswire`` commands."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from crosswire.config import Config, load_config
from crosswire.errors import NotFoundError
from crosswire.serve.output import FORMATS

F = TypeVar("F", bound=Callable[..., Any])

#: Options every command shares that say where the data lives and how results are printed;
#: they build the Store and Config the API functions take, and are not keywords themselves.
CONTEXT = frozenset({"db", "config_path", "overrides", "data", "fmt"})


def calls(*functions: str, cli_only: Mapping[str, str] | None = None) -> Callable[[F], F]:
    """Record the API functions (``"module:qualified.name"``) a command calls: each of its
    options is a keyword of one of them (tests/test_cli_api.py checks it), except the
    ``CONTEXT`` options and ``cli_only`` ones, each given with the reason it has no keyword."""

    def mark(func: F) -> F:
        func.__crosswire_api__ = (functions, dict(cli_only or {}))  # type: ignore[attr-defined]
        return func

    return mark


def db_option(func: F) -> F:
    func = click.option(
        "--db",
        "db",
        default=None,
        metavar="PATH",
        help="DuckDB file (default: $CROSSWIRE_DB or ./crosswire.duckdb).",
    )(func)
    return settings_option(func)


def settings_option(func: F) -> F:
    """``--config FILE`` and ``--set KEY=VALUE`` (the Config the API function takes)."""
    func = click.option(
        "--config",
        "config_path",
        default=None,
        metavar="FILE",
        help="TOML settings file (default: $CROSSWIRE_CONFIG).",
    )(func)
    return click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="KEY=VALUE",
        help="Override a setting, e.g. --set ingest.batch_size=50.",
    )(func)


def data_option(func: F) -> F:
    return click.option(
        "--data",
        default=None,
        metavar="PATH",
        help="Read a Parquet dataset (`crosswire ingest --engine dask -o PATH`) instead of "
        "the database; a folder or an fsspec URL.",
    )(func)


def format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


def config_from(config_path: str | None, overrides: tuple[str, ...], db: str | None) -> Config:
    config = load_config(config_path, overrides=overrides)
    if db:
        config.set("store.path", db)
    return config


def open_store(
    config: Config, *, read_only: bool = False, wait: Callable[[str], None] | None = None
) -> Any:
    """The database; ``wait`` is told when another process has it and this one waits."""
    from crosswire.store import Store

    path = str(config.get("store.path"))
    if read_only and not Path(path).exists():
        raise NotFoundError(
            f"No database at {path}.", fix="Run `crosswire ingest SRC` first, or pass --db PATH."
        )
    return Store(path, read_only=read_only, wait=wait or _say_waiting)


def _say_waiting(line: str) -> None:
    click.echo(f"crosswire: {line}", err=True)


def reader_store(config: Config, data: str | None) -> Any:
    """The database, read-only, or a Parquet dataset queried in place."""
    if data:
        from crosswire.store.parquet import parquet_store

        return parquet_store(data)
    return open_store(config, read_only=True)


def parse_date(value: str | None) -> date | None:
    """A date option (YYYY-MM-DD); anything else is one coded error line."""
    from crosswire.records import parse_date as parse

    return parse(value)
