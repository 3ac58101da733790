"""Readers for the public gold formats: PLV dyads (TSV), CAMEO penta-class (TSV), PLOVER GSR (JSON).

Every reader streams plain records and raises ``EvalError`` naming the file and the line when
the file is not in the expected shape.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

from crosswire.errors import EvalError

#: CAMEO penta-class labels of the ``cameo_class`` format, in label order.
PENTA = ("statement", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict")

_MARK = re.compile(r"</?[st]>")

csv.field_size_limit(10_000_000)


@dataclass(frozen=True, slots=True)
class Dyad:
    """A sentence with a marked source and target (character spans into ``text``) and its gold."""

    text: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    gold: str


@dataclass(frozen=True, slots=True)
class Labelled:
    text: str
    gold: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One record of a PLOVER GSR file; ``event`` None marks a sentence without a codable event."""

    text: str
    event: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    actors: tuple[tuple[str, str, str | None], ...] = ()  # (text, country code, sector)


def unmark(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """Strip ``<s>``/``<t>`` marks; the first marked span of each kind is the source/target."""
    pieces: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    opened: dict[str, int] = {}
    length = 0
    last = 0
    for match in _MARK.finditer(marked):
        pieces.append(marked[last : match.start()])
        length += match.start() - last
        last = match.end()
        tag = match.group()
        kind = tag.strip("</>")
        if tag.startswith("</"):
            if kind in opened and kind not in spans:
                spans[kind] = (opened.pop(kind), length)
        elif kind not in spans:
            opened[kind] = length
    pieces.append(marked[last:])
    return "".join(pieces), spans.get("s"), spans.get("t")


def _open_text(path: Path) -> str:
    try:
        return path.read_text("utf-8-sig")
    except OSError as exc:
        raise EvalError(f"Cannot read the gold file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise EvalError(f"The gold file {path} is not UTF-8 text.") from exc


def read_dyads(path: str | Path) -> list[Dyad]:
    """A PLV-style TSV: ``marked_sentence`` and ``gold_root`` (or ``gold_binary``) columns."""
    path = Path(path)
    rows = csv.DictReader(_open_text(path).splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    columns = rows.fieldnames or []
    gold_column = next((c for c in ("gold_root", "gold_binary") if c in columns), None)
    if "marked_sentence" not in columns or gold_column is None:
        raise EvalError(
            f"{path} has no `marked_sentence` and `gold_root`/`gold_binary` columns.",
            fix="Pass a PLV dyad TSV (header: ... marked_sentence ... gold_root).",
        )
    dyads = []
    for number, row in enumerate(rows, start=2):
        marked, gold = row.get("marked_sentence") or "", (row.get(gold_column) or "").strip()
        if not marked.strip() or not gold:
            raise EvalError(f"{path}:{number}: empty sentence or gold label.")
        text, source, target = unmark(marked)
        if gold_column == "gold_binary":
            gold = {"1": "conflict", "0": "cooperation"}.get(gold, gold)
        dyads.append(
            Dyad(text, source, target, gold.upper() if gold_column == "gold_root" else gold)
        )
    return dyads


def read_penta(path: str | Path) -> list[Labelled]:
    """A ``sentence<TAB>label`` file with CAMEO penta-class labels 0-4 (no header)."""
    path = Path(path)
    found = []
    for number, line in enumerate(_open_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        text, sep, label = line.rstrip("\r").rpartition("\t")
        if not sep or label.strip() not in ("0", "1", "2", "3", "4"):
            raise EvalError(f"{path}:{number}: expected `sentence<TAB>label` with a label 0-4.")
        found.append(Labelled(text.strip(), PENTA[int(label)]))
    return found


@dataclass(frozen=True, slots=True)
class Tagged:
    """A sentence as words with one BIO role tag each (``cameo_ner``: S source, T target,
    R a participant on both sides)."""

    words: tuple[str, ...]
    tags: tuple[str, ...]


def read_roles(path: str | Path) -> list[Tagged]:
    """A CoNLL-style file: ``word tag`` per line, a blank line between sentences."""
    path = Path(path)
    found: list[Tagged] = []
    words: list[str] = []
    tags: list[str] = []
    for number, line in enumerate([*_open_text(path).splitlines(), ""], start=1):
        if not line.strip():
            if words:
                found.append(Tagged(tuple(words), tuple(tags)))
            words, tags = [], []
            continue
        word, _, tag = line.rstrip().rpartition(" ")
        if not word or not re.fullmatch(r"O|[BI]-[A-Z]+", tag):
            raise EvalError(f"{path}:{number}: expected `word TAG` with a BIO tag, got {line!r}.")
        words.append(word)
        tags.append(tag)
    return found


def _codes(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(a["code"]).upper() for a in value if isinstance(a, dict) and a.get("code"))


def _sector(value: object) -> str | None:
    """A gold sector code: "***" marks an actor the coder gave no sector; CIV is CAMEO's spelling
    of PLOVER's CVL (civilians); any other code is read as written (its first three letters)."""
    code = str(value or "")[:3].upper()
    return None if code in ("", "***") else "CVL" if code == "CIV" else code


def _actors(*values: object) -> tuple[tuple[str, str, str | None], ...]:
    found = []
    for value in values:
        for a in value if isinstance(value, list) else []:
            if isinstance(a, dict) and a.get("code") and a.get("actorText"):
                sector = _sector(a.get("sector"))
                found.append((str(a["actorText"]), str(a["code"]).upper(), sector))
    return tuple(found)


def read_gsr(path: str | Path) -> list[GoldEvent]:
    """A PLOVER GSR JSON array; documentation records (``event: DOCUMENT``) are skipped."""
    path = Path(path)
    try:
        records = json.loads(_open_text(path))
    except json.JSONDecodeError as exc:
        raise EvalError(f"{path} is not valid JSON: line {exc.lineno}: {exc.msg}.") from exc
    if not isinstance(records, list):
        raise EvalError(f"{path} must hold a JSON array of event records.")
    found = []
    for number, record in enumerate(records):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            if isinstance(record, dict) and record.get("event") == "DOCUMENT":
                continue
            raise EvalError(f"{path}: record {number} has no `text`.")
        event = record.get("event")
        if event == "DOCUMENT":
            continue
        found.append(
            GoldEvent(
                record["text"],
                str(event).upper() if event else None,
                _codes(record.get("source")),
                _codes(record.get("target")),
                _actors(record.get("source"), record.get("target")),
            )
        )
    return found
