"""Rendering rows for the terminal: a text table, JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import IO, Any

from crosswire.records import Event, printable

FORMATS = ("table", "jsonl", "csv")
_NO_WRAP = frozenset({"id", "date", "type", "sources", "articles", "mentions", "published"})


def _text(value: Any) -> str:
    """A cell for the terminal or CSV: lists and records as JSON, booleans as true/false, never
    a Python repr and never a control character (no terminal escapes)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)):
        return printable(json.dumps(value, ensure_ascii=False, default=_text))
    return printable(str(value))


def render(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    out: IO[str] | None = None,
) -> int:
    """Print ``rows`` in ``fmt``; returns how many were printed."""
    out = out or sys.stdout
    rows = list(rows) if fmt == "table" else rows
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=_text) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer: csv.DictWriter[str] | None = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(
                    out, fieldnames=list(columns or row.keys()), extrasaction="ignore"
                )
                writer.writeheader()
            writer.writerow({k: _text(v) for k, v in row.items()})
            count += 1
        return count
    listed = list(rows)
    if not listed:
        out.write("Nothing to show.\n")
        return 0
    names = list(columns or listed[0].keys())
    from crosswire.serve.table import table

    numeric = frozenset(
        n
        for n in names
        if all(
            isinstance(r.get(n), (int, float)) and not isinstance(r.get(n), bool)
            for r in listed
            if r.get(n) is not None
        )
        and any(r.get(n) is not None for r in listed)
    )
    if title:
        out.write(f"{printable(title)}\n\n")
    cells = [[_text(row.get(name)) for name in names] for row in listed]
    out.write(table(names, cells, unfolded=_NO_WRAP & frozenset(names), numeric=numeric))
    return len(listed)


def actor_label(event: Event, side: str) -> str:
    actors = event.actors if side == "actor" else event.recipients
    return "; ".join(
        f"{a.name} ({a.country})" if a.country and a.kind != "country" else a.name for a in actors
    )


def event_row(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "date": event.date,
        "type": event.event,
        "actor": actor_label(event, "actor"),
        "recipient": actor_label(event, "recipient"),
        "place": event.event_loc.name if event.event_loc else None,
        "sources": event.n_sources,
        "articles": event.n_articles,
        "mentions": event.n_mentions,
        "flags": "disputed" if event.discrepancies else "",
    }
