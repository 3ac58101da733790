"""Options and helpers shared by the ``crosswire`` commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from crosswire.config import Config, load_config
from crosswire.errors import ConfigError, CrosswireError
from crosswire.serve.output import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    func = click.option(
        "--db",
        "db",
        default=None,
        metavar="PATH",
        help="DuckDB file (default: $CROSSWIRE_DB or ./crosswire.duckdb).",
    )(func)
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


def open_store(config: Config, *, read_only: bool = False) -> Any:
    import crosswire

    path = str(config.get("store.path"))
    if read_only and not Path(path).exists():
        raise CrosswireError(
            f"No database at {path}.", fix="Run `crosswire ingest SRC` first, or pass --db PATH."
        )
    return crosswire.open(path, read_only=read_only, config=config)


def reader_store(config: Config, data: str | None) -> Any:
    """The database, read-only, or a Parquet dataset queried in place."""
    if data:
        from crosswire.store.parquet import parquet_store

        return parquet_store(data)
    return open_store(config, read_only=True)


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{value!r} is not a date.", fix="Write dates as YYYY-MM-DD.") from None
