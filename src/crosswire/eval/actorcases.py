"""``crosswire eval actors``: actor strings coded on their own, against a TSV of expected codes.

The file (tab-separated, header row, ``#`` comments) has the columns ``text``, ``context``,
``date``, ``country``, ``sector`` and optionally ``kind`` (a label used only to break the scores
down: person, organisation, igo, region, partial ...). An empty country or sector means the
analyst expects none. Each row goes through ``crosswire.resolve_actor``, the code path users
call.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from crosswire.config import Config
from crosswire.errors import EvalError
from crosswire.eval.metrics import Report
from crosswire.records import parse_date


@dataclass(frozen=True)
class ActorCase:
    text: str
    context: str
    date: str
    country: str | None
    sector: str | None
    kind: str


def read_actor_cases(path: str | Path) -> list[ActorCase]:
    path = Path(path)
    lines = [
        line
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = {"text", "context", "date", "country", "sector"} - set(reader.fieldnames or ())
    if missing:
        raise EvalError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    cases = []
    for number, row in enumerate(reader, start=2):
        if not (row.get("text") or "").strip():
            raise EvalError(f"{path}: line {number} has no text")
        try:
            parse_date(row["date"] or None)
        except ValueError as exc:
            raise EvalError(f"{path}: line {number}: {exc}") from exc
        cases.append(
            ActorCase(
                text=row["text"].strip(),
                context=(row["context"] or "").strip(),
                date=(row["date"] or "").strip(),
                country=(row["country"] or "").strip().upper() or None,
                sector=(row["sector"] or "").strip().upper() or None,
                kind=(row.get("kind") or "").strip() or "-",
            )
        )
    if not cases:
        raise EvalError(f"{path}: no cases")
    return cases


def eval_actors(path: str | Path, *, config: Config) -> Report:
    """Country, sector and both-right accuracy over every case, and per kind."""
    from crosswire.pipeline import resolve_actor

    cases = read_actor_cases(path)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, country, sector, both
    misses = []
    for case in cases:
        actor = resolve_actor(
            case.text, context=case.context or None, date=case.date or None, config=config
        )
        country = actor.country if actor is not None else None
        sector = actor.sector if actor is not None else None
        right = (country == case.country, sector == case.sector)
        for key in ("all", case.kind):
            totals[key][0] += 1
            totals[key][1] += right[0]
            totals[key][2] += right[1]
            totals[key][3] += all(right)
        if not all(right):
            misses.append(
                f"  {case.text!r}: expected {case.country or '-'}/{case.sector or '-'}, "
                f"got {country or '-'}/{sector or '-'}"
            )
    lines = [f"{'kind':<14}{'n':>5}{'country':>9}{'sector':>9}{'both':>9}"]
    for key in sorted(totals, key=lambda k: (k != "all", k)):
        n, c, s, b = totals[key]
        lines.append(f"{key:<14}{n:>5}{c / n:>9.3f}{s / n:>9.3f}{b / n:>9.3f}")
    n, c, s, b = totals["all"]
    scores = {
        "n": n,
        "country_accuracy": round(c / n, 4),
        "sector_accuracy": round(s / n, 4),
        "both_accuracy": round(b / n, 4),
    }
    return Report("actors", scores, "\n".join([*lines, "misses:", *misses]))
