"""JSONL and CSV exports with fields ``id, url, outlet, title, published, text`` (or ``html``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from crosswire.config import Config
from crosswire.ingest.meta import article_items, decode
from crosswire.ingest.registry import Defaults, Item, register
from crosswire.records import Reject


def _suffix_in(*suffixes: str) -> Any:
    return lambda s: Path(s).suffix.lower() in suffixes and Path(s).is_file()


def record_items(
    source: str, record: dict[str, Any], *, config: Config, defaults: Defaults
) -> Iterator[Item]:
    """One row of an export: plain text, or HTML that is extracted first."""
    text = record.get("text")
    if (text is None or not str(text).strip()) and record.get("html"):
        from crosswire.ingest.html import extract_html

        extracted = extract_html(str(record["html"]), source, url=record.get("url"))
        if isinstance(extracted, Reject):
            yield extracted
            return
        text, found = extracted
        record = {**found, **{k: v for k, v in record.items() if v not in (None, "")}}
    yield from article_items(source, text, record, config=config, defaults=defaults)


def read_records(
    records: Iterable[object], *, source: str, config: Config, defaults: Defaults | None = None
) -> Iterator[Item]:
    """Articles from objects already in memory (an HTTP request's JSON body, say), each with
    the fields of a JSONL export; anything that is not an object is rejected with its place."""
    defaults = defaults or Defaults()
    for number, record in enumerate(records, start=1):
        given = record.get("id") if isinstance(record, dict) else None
        where = f"{source}:{given if given not in (None, '') else number}"
        if not isinstance(record, dict):
            yield Reject(where, "ingest", "malformed record", "not an object")
            continue
        yield from record_items(where, record, config=config, defaults=defaults)


def _open_text(source: str, config: Config) -> str | Reject:
    try:
        with open(source, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return Reject(source, "ingest", "unreadable", exc.strerror or str(exc))
    return decode(data, source)


@register("jsonl", accepts=_suffix_in(".jsonl", ".ndjson"), priority=20)
def read_jsonl(source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    """One article per line, streamed: the file is never read whole."""
    try:
        handle = open(source, "rb")  # noqa: SIM115 - closed below, after the generator ends
    except OSError as exc:
        yield Reject(source, "ingest", "unreadable", exc.strerror or str(exc))
        return
    with handle:
        yield from jsonl_items(handle, source, config=config, defaults=defaults)


def jsonl_items(
    lines: Iterable[bytes],
    source: str,
    *,
    config: Config,
    defaults: Defaults,
    first: int = 1,
) -> Iterator[Item]:
    """Articles from JSON lines; ``first`` is the number of the first line (for a block cut
    from the middle of a file), so each item names its line in the whole file."""
    for number, raw in enumerate(lines, start=first):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw)
        except (ValueError, RecursionError) as exc:  # bad JSON, bad UTF-8, 5,000-digit numbers
            yield Reject(where, "ingest", "malformed JSON line", _json_problem(exc))
            continue
        if not isinstance(record, dict):
            yield Reject(where, "ingest", "malformed JSON line", "not an object")
            continue
        yield from record_items(where, record, config=config, defaults=defaults)


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return (str(exc).splitlines() or ["not JSON"])[0][:200]


@register("csv", accepts=_suffix_in(".csv", ".tsv"), priority=20)
def read_csv(source: str, *, config: Config, defaults: Defaults) -> Iterator[Item]:
    text = _open_text(source, config)
    if isinstance(text, Reject):
        yield text
        return
    delimiter = "\t" if source.lower().endswith(".tsv") else ","
    csv.field_size_limit(int(config.get("ingest.max_bytes")) + 1)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames or not ({"text", "html"} & {f.strip() for f in reader.fieldnames}):
        yield Reject(source, "ingest", "malformed CSV", "no 'text' or 'html' column in the header")
        return
    number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Reject(f"{source}:{reader.line_num}", "ingest", "malformed CSV line", str(exc))
            continue
        number += 1
        where = f"{source}:{reader.line_num}"
        if None in row:
            yield Reject(where, "ingest", "malformed CSV line", "more fields than the header")
            continue
        clean = {k.strip(): v for k, v in row.items() if k is not None}
        yield from record_items(where, clean, config=config, defaults=defaults)
