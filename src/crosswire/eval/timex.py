"""``crosswire eval timex``: TimeML gold files scored the TempEval-3 way.

A ``.tml`` file has a document creation time (``<DCT><TIMEX3 value=...>``) and a ``<TEXT>``
whose ``<TIMEX3>`` elements are the gold time expressions. We strip the markup, keep character
offsets, run ``find_timexes`` on the plain text anchored on the creation time, and count:

- strict: system and gold extents identical;
- relaxed: extents overlap (each gold and each system expression used once);
- value: a relaxed match whose normalised value is identical.

Precision divides by the system's expressions, recall by the gold ones; F1 is their harmonic mean.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import unescape

from crosswire.errors import EvalError
from crosswire.eval.metrics import Report, f1
from crosswire.resolve.timex import Timex, find_timexes

_ENTITIES = {"&quot;": '"', "&apos;": "'"}
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeDoc:
    name: str
    text: str
    dct: date | None
    timexes: tuple[GoldTimex, ...]


def _dct(raw: str) -> date | None:
    match = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(\d{4})-?(\d\d)-?(\d\d)', raw)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def parse_timeml(raw: str, name: str = "") -> TimeDoc:
    """One TimeML document: plain text of ``<TEXT>``, its gold TIMEX3s and the creation date."""
    begin, end = raw.find("<TEXT>"), raw.rfind("</TEXT>")
    if begin < 0 or end < begin:
        raise EvalError(f"{name}: no <TEXT> element; is this a TimeML .tml file?")
    body = raw[begin + len("<TEXT>") : end]
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[GoldTimex] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = unescape(body[position : tag.start()], _ENTITIES)
        parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, element = tag[1] == "/", tag[2]
        if element != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(tag[3])))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    parts.append(unescape(body[position:], _ENTITIES))
    return TimeDoc(name, "".join(parts), _dct(raw), tuple(gold))


def read_timeml(path: str | Path) -> Iterator[TimeDoc]:
    """Every ``.tml`` file at ``path`` (a file, or a folder searched recursively), sorted."""
    root = Path(path)
    if not root.exists():
        raise EvalError(f"{root}: no such file or folder")
    files = [root] if root.is_file() else sorted(root.rglob("*.tml"))
    if not files:
        raise EvalError(f"{root}: no .tml files found")
    for file in files:
        yield parse_timeml(file.read_text(encoding="utf-8", errors="replace"), str(file))


@dataclass
class TimexCounts:
    n_gold: int = 0
    n_system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, gold: Sequence[GoldTimex], system: Sequence[Timex]) -> None:
        self.n_gold += len(gold)
        self.n_system += len(system)
        used: set[int] = set()
        for g in gold:
            best = None
            for n, s in enumerate(system):
                if n in used or s.end <= g.start or g.end <= s.start:
                    continue
                exact = (s.start, s.end) == (g.start, g.end)
                if best is None or exact:
                    best = n
                if exact:
                    break
            if best is None:
                continue
            used.add(best)
            s = system[best]
            self.relaxed += 1
            self.strict += (s.start, s.end) == (g.start, g.end)
            self.value += s.value.upper() == g.value.upper()
            self.type += s.type == g.type

    def f1(self, hits: int) -> float:
        precision = hits / self.n_system if self.n_system else 0.0
        recall = hits / self.n_gold if self.n_gold else 0.0
        return f1(precision, recall)

    def scores(self) -> dict[str, float | int]:
        return {
            "n_gold": self.n_gold,
            "n_system": self.n_system,
            "strict_f1": round(self.f1(self.strict), 4),
            "relaxed_f1": round(self.f1(self.relaxed), 4),
            "value_f1": round(self.f1(self.value), 4),
            "type_f1": round(self.f1(self.type), 4),
            "strict_precision": round(self.strict / self.n_system if self.n_system else 0.0, 4),
            "strict_recall": round(self.strict / self.n_gold if self.n_gold else 0.0, 4),
        }


def eval_timex(path: str | Path) -> Report:
    counts = TimexCounts()
    n_docs = 0
    for doc in read_timeml(path):
        n_docs += 1
        counts.add(doc.timexes, find_timexes(doc.text, doc.dct))
    scores: dict[str, float | int] = {"n_docs": n_docs, **counts.scores()}
    table = "\n".join(f"{key:<18}{value}" for key, value in scores.items())
    return Report("timex", dict(scores), table)
