"""``crosswire eval geo`` (``eval event-location`` is ``eval.eventplace``).

geo: for every gold toponym with coordinates, is the place we resolve the overlapping span to
within 161 km (100 miles) of the gold point? Unrecognised gold toponyms count as wrong.
Recognition recall is over the gold toponyms (with or without coordinates); recognition
precision is the share of our toponyms that overlap some gold toponym. GeoWebNews also marks
spans that are not toponyms by its own taxonomy: location expressions ("the area", "a
building": ``Literal_Expression``, ``Non_Lit_Expression``) and ``Non_Toponym``; the dataset's
authors leave those out of toponym recognition, and so do ``recognition_recall`` and
``recognition_precision``. The same two figures over every annotated span are reported as
``recognition_recall_all_spans`` and ``recognition_precision_all_spans``. ``country_acc`` is the
share of resolved gold toponyms whose country (the nearest populated place to the gold point)
is the country we give.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from crosswire.eval.georeaders import GeoDoc, read_geo_xml
from crosswire.eval.metrics import Report
from crosswire.resolve.geoparse import Toponym, distance_km, find_toponyms
from crosswire.resolve.placeindex import PlaceIndex, place_index

ACC_KM = 161.0

#: GeoWebNews span types that its taxonomy does not count as toponyms.
NOT_TOPONYMS = frozenset({"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"})


def _parse(texts: Sequence[str], model: str) -> Iterator[Doc]:
    from crosswire.nlp import load_base

    yield from load_base(model).pipe(texts, batch_size=16)


def _overlapping(toponyms: Sequence[Toponym], start: int, end: int) -> Toponym | None:
    for toponym in toponyms:
        if toponym.start < end and start < toponym.end:
            return toponym
    return None


def _nearest_country(index: PlaceIndex, lat: float, lon: float) -> str | None:
    """The country of the nearest indexed city, searched in the one-degree cells around."""
    best: tuple[float, str] | None = None
    for row in _city_grid(index).get((round(lat), round(lon)), []):
        d = distance_km(lat, lon, row[0], row[1])
        if best is None or d < best[0]:
            best = (d, row[2])
    return best[1] if best else None


@lru_cache(maxsize=1)
def _city_grid(index: PlaceIndex) -> dict[tuple[int, int], list[tuple[float, float, str]]]:
    """Cities by one-degree cell, each also filed under its eight neighbouring cells."""
    cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for lat, lon, country in index.cities():
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                cell = (round(lat) + dlat, round(lon) + dlon)
                cells.setdefault(cell, []).append((lat, lon, country))
    return cells


def eval_geo(path: str | Path, *, nlp_model: str) -> Report:
    docs: list[GeoDoc] = list(read_geo_xml(path))
    index = place_index()
    n = correct = n_system = 0
    recognised: Counter[bool] = Counter()  # by whether the gold span is a toponym proper
    spans: Counter[bool] = Counter()
    system_hits: Counter[bool] = Counter()
    country_n = country_ok = 0
    errors: list[float] = []
    for gold, doc in zip(docs, _parse([d.text for d in docs], nlp_model), strict=True):
        found = find_toponyms(doc)
        n_system += len(found)
        proper = [g for g in gold.toponyms if g.kind not in NOT_TOPONYMS]
        for among, golds in ((True, proper), (False, gold.toponyms)):
            system_hits[among] += sum(
                1 for t in found if any(g.start < t.end and t.start < g.end for g in golds)
            )
        for toponym in gold.toponyms:
            match = _overlapping(found, toponym.start, toponym.end)
            for among in (True, False) if toponym.kind not in NOT_TOPONYMS else (False,):
                spans[among] += 1
                recognised[among] += match is not None
            if toponym.lat is None or toponym.lon is None:
                continue
            n += 1
            if match is None or match.place is None:
                continue
            km = distance_km(toponym.lat, toponym.lon, match.place.lat, match.place.lon)
            errors.append(km)
            correct += km <= ACC_KM
            truth = _nearest_country(index, toponym.lat, toponym.lon)
            if truth is not None and match.place.country:
                country_n += 1
                country_ok += truth == match.place.country
    scores = {
        "n": n,
        "acc161": round(correct / n, 4) if n else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "recognition_recall": round(recognised[True] / spans[True], 4) if spans[True] else 0.0,
        "recognition_precision": round(system_hits[True] / n_system, 4) if n_system else 0.0,
        "recognition_recall_all_spans": (
            round(recognised[False] / spans[False], 4) if spans[False] else 0.0
        ),
        "recognition_precision_all_spans": (
            round(system_hits[False] / n_system, 4) if n_system else 0.0
        ),
        "resolved_acc161": round(correct / len(errors), 4) if errors else 0.0,
        "country_acc": round(country_ok / country_n, 4) if country_n else 0.0,
        "n_docs": len(docs),
    }
    table = "\n".join(f"{key:<24}{value}" for key, value in scores.items())
    return Report("geo", scores, table)
