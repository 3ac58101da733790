"""Exports: PLOVER JSONL (the full event record), flat CSV, typed Parquet and GDELT 2.0 TSV,
streamed from a store, oldest events first."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from crosswire.errors import ConfigError
from crosswire.records import Event, parse_date, printable
from crosswire.store import EventFilter, Store

FORMATS = ("plover-jsonl", "csv", "parquet", "gdelt")
FLAT_COLUMNS = (
    "id",
    "date",
    "date_precision",
    "enddate",
    "event",
    "mode",
    "context",
    "cameo",
    "quad_code",
    "event_scale",
    "actor_names",
    "actor_countries",
    "actor_sectors",
    "recipient_names",
    "recipient_countries",
    "recipient_sectors",
    "location",
    "location_country",
    "lat",
    "lon",
    "negated",
    "modality",
    "confidence",
    "n_mentions",
    "n_articles",
    "n_sources",
    "first_reported",
    "discrepancies",
    "urls",
)


def flat_row(event: Event) -> dict[str, Any]:
    """One event as a flat row: lists joined with ';', nested values as JSON."""
    record = event.to_plover()

    def join(values: Iterable[object]) -> str:
        return ";".join("" if v is None else str(v) for v in values)

    loc = record["event_loc"] or {}
    return {
        "id": record["id"],
        "date": record["date"],
        "date_precision": record["date_precision"],
        "enddate": record["enddate"],
        "event": join(record["event"]),
        "mode": join(record["mode"]),
        "context": join(record["context"]),
        "cameo": record["cameo"],
        "quad_code": record["quad_code"],
        "event_scale": record["event_scale"],
        "actor_names": join(a["name"] for a in record["actor"]),
        "actor_countries": join(a["country"] for a in record["actor"]),
        "actor_sectors": join(a["sector"] for a in record["actor"]),
        "recipient_names": join(a["name"] for a in record["recipient"]),
        "recipient_countries": join(a["country"] for a in record["recipient"]),
        "recipient_sectors": join(a["sector"] for a in record["recipient"]),
        "location": loc.get("name"),
        "location_country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "negated": record["negated"],
        "modality": record["modality"],
        "confidence": record["confidence"],
        "n_mentions": record["n_mentions"],
        "n_articles": record["n_articles"],
        "n_sources": record["n_sources"],
        "first_reported": record["first_reported"],
        "discrepancies": json.dumps(record["discrepancies"], ensure_ascii=False),
        "urls": join(sorted({m["url"] for m in record["mentions"] if m.get("url")})),
    }


def _events(store: Store, where: EventFilter | None) -> Iterator[Event]:
    """The events of an export, oldest first (undated last); with a limit, ``where.sort``
    chooses which."""
    return store.iter_events(where or EventFilter(), with_mentions=True, listed="oldest")


def export(
    store: Store, fmt: str, output: IO[str] | str | Path, *, where: EventFilter | None = None
) -> int:
    """Write events in ``fmt`` to a text stream or a path; returns the number written."""
    if fmt == "parquet":
        if not isinstance(output, (str, Path)):
            raise ConfigError(
                "Parquet is a binary format and needs a file.", fix="Pass -o FILE.parquet."
            )
        return _parquet(_events(store, where), Path(output))
    if isinstance(output, (str, Path)):
        with Path(output).open("w", encoding="utf-8", newline="") as handle:
            return export(store, fmt, handle, where=where)
    count = 0
    for text, n in _chunks(store, fmt, where):
        output.write(text)
        count += n
    return count


def export_text(store: Store, fmt: str, *, where: EventFilter | None = None) -> Iterator[str]:
    """A text format (not Parquet) as a stream of pieces, one event at a time: for a web
    response, or any writer that should not hold the whole export."""
    _check(fmt)
    if fmt == "parquet":
        raise ConfigError("Parquet is a binary format and needs a file.", fix="Use csv.")
    return (text for text, _ in _chunks(store, fmt, where))


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown export format {fmt!r}.", fix=f"Use one of {FORMATS}.")


def _chunks(store: Store, fmt: str, where: EventFilter | None) -> Iterator[tuple[str, int]]:
    """(text, events in it) pieces of a text export; a CSV header comes with the first piece."""
    _check(fmt)
    if fmt == "plover-jsonl":
        for event in _events(store, where):
            yield json.dumps(event.to_plover(), ensure_ascii=False) + "\n", 1
        return
    buffer = io.StringIO()
    if fmt == "gdelt":  # GDELT files are tab-separated with no header row
        from crosswire.gdelt import GDELT_COLUMNS, gdelt_row

        writer = csv.DictWriter(
            buffer,
            fieldnames=GDELT_COLUMNS,
            delimiter="\t",
            lineterminator="\n",
            quoting=csv.QUOTE_NONE,
            escapechar="\\",
        )
        rows = (gdelt_row(e) for e in _events(store, where))
    else:
        writer = csv.DictWriter(buffer, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        rows = (flat_row(e) for e in _events(store, where))
    count = 0
    for row in rows:
        writer.writerow({k: printable(v) if isinstance(v, str) else v for k, v in row.items()})
        count += 1
        yield buffer.getvalue(), 1
        buffer.seek(0)
        buffer.truncate()
    if not count and buffer.getvalue():
        yield buffer.getvalue(), 0


def _parquet_schema() -> Any:
    """The Parquet export's columns with their types: numbers, booleans and dates as such;
    actors, recipients, discrepancies and mentions as lists of structs."""
    import pyarrow as pa

    text, day = pa.string(), pa.date32()
    actor = pa.struct(
        [(k, text) for k in ("actor_id", "name", "kind", "country", "sector", "role")]
    )
    value = pa.struct([("value", text), ("article_ids", pa.list_(text))])
    mention = pa.struct(
        [
            ("mention_id", text),
            ("article_id", text),
            ("outlet", text),
            ("url", text),
            ("published", day),
            ("text", text),
            ("trigger", text),
            ("date_text", text),
        ]
    )
    return pa.schema(
        [
            ("id", text),
            ("date", day),
            ("date_precision", text),
            ("enddate", day),
            ("event", text),
            ("mode", text),
            ("context", pa.list_(text)),
            ("cameo", text),
            ("quad_code", pa.int8()),
            ("event_scale", pa.float64()),
            ("actors", pa.list_(actor)),
            ("recipients", pa.list_(actor)),
            ("location", text),
            ("location_country", text),
            ("location_precision", text),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("negated", pa.bool_()),
            ("modality", text),
            ("confidence", pa.float64()),
            ("n_mentions", pa.int32()),
            ("n_articles", pa.int32()),
            ("n_sources", pa.int32()),
            ("first_reported", day),
            ("discrepancies", pa.list_(pa.struct([("field", text), ("values", pa.list_(value))]))),
            ("mentions", pa.list_(mention)),
            ("urls", pa.list_(text)),
        ]
    )


def typed_row(event: Event) -> dict[str, Any]:
    """One event with the Parquet export's columns and Python values of their types."""
    place = event.event_loc

    def people(actors: Iterable[Any]) -> list[dict[str, Any]]:
        fields = ("actor_id", "name", "kind", "country", "sector", "role")
        return [{k: getattr(a, k) for k in fields} for a in actors]

    return {
        "id": event.id,
        "date": event.date,
        "date_precision": event.date_precision,
        "enddate": event.enddate,
        "event": event.event,
        "mode": event.mode,
        "context": list(event.context),
        "cameo": event.cameo,
        "quad_code": event.quad_code,
        "event_scale": event.event_scale,
        "actors": people(event.actors),
        "recipients": people(event.recipients),
        "location": place.name if place else None,
        "location_country": place.country if place else None,
        "location_precision": place.precision if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "negated": event.negated,
        "modality": event.modality,
        "confidence": round(event.confidence, 3),
        "n_mentions": event.n_mentions,
        "n_articles": event.n_articles,
        "n_sources": event.n_sources,
        "first_reported": event.first_reported,
        "discrepancies": [
            {
                "field": d.field,
                "values": [{"value": v, "article_ids": ids} for v, ids in d.values.items()],
            }
            for d in event.discrepancies
        ],
        "mentions": [
            {
                "mention_id": m["mention_id"],
                "article_id": m["article_id"],
                "outlet": m.get("outlet"),
                "url": m.get("url"),
                "published": parse_date(m.get("published")),
                "text": m.get("text"),
                "trigger": m.get("trigger"),
                "date_text": m.get("date_text"),
            }
            for m in event.mentions
        ],
        "urls": sorted({str(m["url"]) for m in event.mentions if m.get("url")}),
    }


def _parquet(events: Iterator[Event], path: Path, chunk: int = 2000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        rows: list[dict[str, Any]] = []
        for event in events:
            rows.append(typed_row(event))
            if len(rows) >= chunk:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows = []
        if rows or count == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
