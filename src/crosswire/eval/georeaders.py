"""Readers for geoparsing gold sets: GeoWebNews (``GWN.xml``), LGL / TR-News style XML, and the
event-location JSONL (Prodigy spans VERB / LOCATION, optionally zipped).

Both XML schemas become ``GeoDoc`` records: the text, and toponyms with character offsets and,
when the annotators resolved them, coordinates.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.errors import EvalError


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    kind: str = ""


@dataclass(frozen=True, slots=True)
class GeoDoc:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _child(element: ET.Element, *names: str) -> str:
    for name in names:
        found = element.find(name)
        if found is not None and found.text is not None:
            return found.text
    return ""


def _gwn_toponym(node: ET.Element) -> GoldToponym | None:
    start, end = _child(node, "start"), _child(node, "end")
    if not start.isdigit() or not end.isdigit():
        return None
    if _child(node, "nonLocational").strip().lower() == "yes":
        return None
    return GoldToponym(
        int(start),
        int(end),
        _child(node, "extractedName", "phrase"),
        _float(_child(node, "latitude")),
        _float(_child(node, "longitude")),
        _child(node, "type"),
    )


def _lgl_toponym(node: ET.Element) -> GoldToponym | None:
    start, end = _child(node, "start"), _child(node, "end")
    if not start.isdigit() or not end.isdigit():
        return None
    gaztag = node.find("gaztag")
    lat = _float(_child(gaztag, "lat")) if gaztag is not None else None
    lon = _float(_child(gaztag, "lon")) if gaztag is not None else None
    return GoldToponym(int(start), int(end), _child(node, "phrase"), lat, lon)


def read_geo_xml(path: str | Path) -> Iterator[GeoDoc]:
    """Articles of a GeoWebNews or LGL/TR-News XML file, whichever schema it uses."""
    file = Path(path)
    if not file.is_file():
        raise EvalError(f"{file}: no such file")
    try:
        root = ET.parse(file).getroot()
    except ET.ParseError as exc:
        raise EvalError(f"{file}: not well-formed XML ({exc})") from exc
    articles = root.findall("article")
    if root.tag != "articles" or not articles:
        raise EvalError(f"{file}: expected <articles><article>...; is this GWN or LGL XML?")
    for number, article in enumerate(articles):
        text = _child(article, "text")
        doc_id = article.get("docid") or article.get("file") or str(number)
        nodes = article.findall("toponyms/toponym")
        reader = _lgl_toponym if any(n.find("phrase") is not None for n in nodes) else _gwn_toponym
        found = [t for t in (reader(n) for n in nodes) if t is not None]
        yield GeoDoc(doc_id, text, tuple(sorted(found, key=lambda t: t.start)))


@dataclass(frozen=True, slots=True)
class LocatedEvent:
    """One sentence with an event verb and the spans naming where it happened."""

    id: str
    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]  # empty: the sentence does not say where


def _jsonl_lines(path: Path) -> Iterator[str]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                hidden = name.startswith("__MACOSX/") or Path(name).name.startswith("._")
                if name.endswith((".jsonl", ".json")) and not hidden:
                    with archive.open(name) as handle:
                        for raw in handle:
                            yield raw.decode("utf-8")
        return
    with path.open(encoding="utf-8") as handle:
        yield from handle


def _records(file: Path) -> Iterator[dict[str, object]]:
    """JSON objects of a JSONL file, or of a file holding one JSON array, zipped or not."""
    for number, line in enumerate(_jsonl_lines(file), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{file}:{number}: not JSON ({exc.msg})") from exc
        for record in value if isinstance(value, list) else [value]:
            if not isinstance(record, dict):
                raise EvalError(f"{file}:{number}: expected JSON objects with text and spans")
            yield record


def _offsets(span: dict[str, Any], text: str, tokens: list[Any]) -> tuple[int, int] | None:
    """A span's character offsets, checked against the words it says it covers.

    Some records of the published set carry token numbers or stale values in ``start`` and
    ``end`` (an empty span, or one over other words) while ``text``, ``token_start`` and
    ``token_end`` are right. Such a span is read from its tokens, else from the nearest place
    its text occurs; None when it cannot be placed."""
    start, end, said = span.get("start"), span.get("end"), span.get("text")
    if (
        isinstance(start, int)
        and isinstance(end, int)
        and start < end
        and (not isinstance(said, str) or text[start:end] == said)
    ):
        return start, end
    if not isinstance(said, str) or not said.strip():
        return None
    first, last = span.get("token_start"), span.get("token_end")
    if isinstance(first, int) and isinstance(last, int) and 0 <= first <= last < len(tokens):
        begin, stop = int(tokens[first]["start"]), int(tokens[last]["end"])
        if text[begin:stop].strip(_EDGE) == said.strip(_EDGE):
            return begin, stop
    near = int(tokens[first]["start"]) if isinstance(first, int) and first < len(tokens) else 0
    found = [m.start() for m in re.finditer(re.escape(said), text)]
    if not found:
        return None
    begin = min(found, key=lambda at: abs(at - near))
    return begin, begin + len(said)


_EDGE = " ,.;:"


def read_event_locations(path: str | Path) -> Iterator[LocatedEvent]:
    """Sentences of the event-location set with exactly one annotated event verb (records
    whose spans cannot be placed in their text are left out)."""
    file = Path(path)
    if not file.is_file():
        raise EvalError(f"{file}: no such file")
    for number, record in enumerate(_records(file)):
        spans = record.get("spans") or []
        text = record.get("text")
        if not isinstance(spans, list) or not isinstance(text, str):
            raise EvalError(f"{file}: record {number} has no text or spans")
        tokens = record.get("tokens")
        words = tokens if isinstance(tokens, list) else []
        verbs = [_offsets(s, text, words) for s in spans if s.get("label") == "VERB"]
        places = [_offsets(s, text, words) for s in spans if s.get("label") == "LOCATION"]
        if len(verbs) != 1 or verbs[0] is None or None in places:
            continue
        yield LocatedEvent(
            str(record.get("_id", number)),
            text,
            verbs[0],
            tuple(p for p in places if p is not None),
        )
