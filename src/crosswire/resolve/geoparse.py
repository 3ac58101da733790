"""Toponyms in a parsed document, resolved to places of the offline index.

Recognition: named entities (GPE, LOC, FAC; NORP when it is a country's adjective),
capitalised runs the tagger missed that the index knows as a country, region or sizeable city,
and names the sentence itself marks as places ("in Tulkarm" for a name the index knows, "the
village of Jdeideh", "Zamboanga city") whatever the tagger called them.
Resolution scores every candidate of a name by its population, its kind (country and region
names usually mean the country or region), the countries and regions the document names
elsewhere, and a qualifier right after it ("Paris, Texas"). Two passes: unambiguous names set
the document's context first.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from crosswire.data import table
from crosswire.nlp.dateline import find_dateline
from crosswire.records import fold
from crosswire.resolve.gazetteer import gazetteer
from crosswire.resolve.kb import knowledge_base
from crosswire.resolve.people import TITLE_WORDS
from crosswire.resolve.placeindex import CITY, CONTINENT, COUNTRY, REGION, PlaceEntry, place_index
from crosswire.resolve.timerules import MONTHS, WEEKDAYS

_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
#: Words that name a part of the world only relative to something ("the North"): no stand-in.
_BEARINGS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"the north", "the south", "the east", "the west", "midwest", "mainland", "interior"}
    | {"northern", "southern", "eastern", "western", "central", "gulf", "the gulf"}
)
#: A city named this close (in words) to a place the index lacks is where that place stands.
_NEAR_WORDS = 12
#: Kinds of toponym that may stand at a nearby city when the index lacks them.
_STAND_IN_LABELS = frozenset({"GPE", "LOC", "FAC", "GAZ"})
#: Words of areas wider than any city: such a place never stands at a city named near it.
_WIDE_AREAS = frozenset(
    {"ocean", "sea", "gulf", "bay", "peninsula", "atlantic", "pacific", "mediterranean"}
    | {"caribbean", "arctic", "antarctic", "balkans", "sahel", "desert", "continent"}
    | {"africa", "asia", "america", "americas", "europe", "east", "hemisphere", "world"}
)
#: Words that never name a town in the news, though small towns bear them ("the Atlantic" is
#: no village in Iowa, "the Middle East" none in Maryland).
_NO_TOWN = frozenset(
    {"ocean", "sea", "atlantic", "pacific", "mediterranean", "caribbean", "arctic", "antarctic"}
    | {"balkans", "sahel", "continent", "hemisphere", "world", "middle east"}
)
#: Words after a region's name that say what kind of division it is.
_DIVISIONS = frozenset(
    {"state", "province", "region", "governorate", "oblast", "prefecture", "district", "county"}
)
_KIND_PRIOR = {CONTINENT: 3.0, COUNTRY: 3.5, REGION: 1.0, CITY: 0.0}
#: A national capital is what its name means in the news, before a larger region of that name
#: ("Washington" is the city unless the text says the state).
CAPITAL_PRIOR = 2.5
#: Capitalised words that are places somewhere but rarely in news prose when untagged.
_UNTAGGED_STOP = frozenset(
    {"president", "minister", "police", "news", "union", "university", "government", "court"}
)


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int  # character offsets into the document text
    end: int
    text: str
    place: PlaceEntry | None
    label: str
    token_start: int = -1
    token_end: int = -1
    stand_in: bool = False  # placed at a city the article names: the index lacks the name


def _clean(span: Span) -> Span:
    while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
        span = span[1:]
    while len(span) > 1 and span[-1].tag_ == "POS":
        span = span[:-1]
    return span


def _country_entry(words: list[str], start: int = 0) -> tuple[PlaceEntry, int] | None:
    """A country named, abbreviated or described ("U.S.", "Russian") at ``words[start:]``,
    and the number of words it takes. Capitals are left to the city index."""
    gaz = gazetteer()
    hit = gaz.country_at(words, start)
    if not hit or fold(" ".join(words[start : start + hit[1]])) in gaz.capitals:
        return None
    iso3, size = hit
    if iso3 not in gaz.countries:
        return None
    for entry in place_index().lookup(gaz.countries[iso3].name):
        if entry.kind == COUNTRY and entry.country == iso3:
            return entry, size
    return None


def _whole_country(span: Span) -> PlaceEntry | None:
    if fold(span.text) in _seats():  # the White House stands in Washington
        return None
    found = _country_entry([t.text for t in span])
    return found[0] if found and found[1] == len(span) else None


def _part_named(span: Span, country: PlaceEntry) -> PlaceEntry | None:
    """A name that stands for its country but, as a place, is a part of it: its capital by
    another spelling ("Kiev" for Ukraine's government) or a region ("Wales", "Scotland" for
    the United Kingdom; "English" by ``data/place_names.tsv``). The country's own name
    ("Mexico", also a state of Mexico) stays the country."""
    if fold(span.text) == fold(country.name):
        return None
    capitals = gazetteer().capitals
    parts = [e for e in place_index().lookup(span.text) if e.country == country.country]
    capital = (e for e in parts if e.kind == CITY and capitals.get(fold(e.name)) == e.country)
    return next(capital, None) or next((e for e in parts if e.kind == REGION), None)


@lru_cache(maxsize=1)
def _seats() -> frozenset[str]:
    """Seats of government named for their city in ``data/place_names.tsv``."""
    return frozenset(fold(row[0]) for row in table("place_names") if row[2] == "city")


def _lookup(span: Span) -> list[PlaceEntry]:
    """The index's places of a name; a region's name with its kind of division after it
    ("Borno State", "Helmand Province") is the region."""
    found = place_index().lookup(span.text)
    if not found and len(span) > 1 and span[-1].lower_ in _DIVISIONS:
        found = [e for e in place_index().lookup(span[:-1].text) if e.kind == REGION]
    return found


def _big(entry: PlaceEntry) -> bool:
    return entry.kind != CITY or entry.population >= 100_000


def _place_called_a_person(span: Span) -> bool:
    """A name the tagger calls a person that is a country, a region or a large city by the
    index, no one the knowledge base knows, not after a title ("President Jordan") and not the
    short form of a person's full name in the same text."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in TITLE_WORDS:
        return False
    words = {t.lower_ for t in span}
    if any(  # "Willie Nelson ... Nelson said": a surname, the person named in full before
        e.label_ == "PERSON" and len(e) > len(span) and words <= {t.lower_ for t in e}
        for e in doc.ents
    ):
        return False
    if not any(
        c.kind in (COUNTRY, REGION) or (c.kind == CITY and _big(c))
        for c in place_index().lookup(span.text)
    ):
        return False
    return not knowledge_base().named(span.text)


def _spans(doc: Doc) -> list[tuple[Span, str]]:
    """Candidate toponym spans: place entities, then country names and adjectives anywhere
    (also inside organisation names: "the Russian Foreign Ministry"), then untagged proper-noun
    runs that name a country, region or large city."""
    found: list[tuple[Span, str]] = []
    taken: set[int] = set()
    line = find_dateline(doc.text)  # "PLEASANTON, Calif. --": a dateline the parse kept
    if line is not None:
        city = doc.char_span(*line.city_span, alignment_mode="expand")
        if city is not None and place_index().lookup(city.text):
            found.append((city, "GAZ"))
            taken.update(range(city.start, city.end))
    for ent in doc.ents:
        if taken.intersection(range(ent.start, ent.end)):
            continue
        if ent.label_ in ("DATE", "TIME") and (lead := _place_before_a_time(ent)) is not None:
            found.append((lead, "GAZ"))  # "Kyiv overnight", "Gaza Tuesday" read as one time
            taken.update(range(lead.start, lead.end))
            continue
        span = _clean(ent)
        label = ent.label_
        if _named_venue(span) and label in ("ORG", "PERSON"):
            label = "FAC"  # "Loyola University", "the Ramor Theatre": a building somewhere
        elif label in ("NORP", "ORG") and _whole_country(span) is None:
            # The tagger calls some places groups or bodies ("Aleppo" as NORP): keep the ones
            # the index knows as a continent, country, region or large city.
            if not any(_big(c) for c in place_index().lookup(span.text)):
                if label == "ORG" and (lead := _leading_place(span)) is not None:
                    found.append((lead, "GAZ"))  # "the Dubai Police", "Seattle Fire"
                    taken.update(range(lead.start, lead.end))
                continue
            label = "GAZ"
        elif label == "PERSON" and _place_called_a_person(span):
            label = "GAZ"  # "Tamil Nadu", "Abuja" read as people by the tagger
        elif label not in _LABELS:
            continue
        found.append((span, label))
        taken.update(range(ent.start, ent.end))
    people = {
        i for e in doc.ents if e.label_ == "PERSON" for i in range(e.start, e.end) if i not in taken
    }
    words = [t.text for t in doc]
    capital = [w[:1].isupper() for w in words]
    index = place_index()

    def free(begin: int, end: int) -> bool:
        return not any(k in taken or k in people for k in range(begin, end))

    i = 0
    while i < len(words):
        if i in taken or i in people or not capital[i]:
            i += 1
            continue
        window = next(
            (
                size
                for size in (3, 2)
                if i + size <= len(words)
                and all(capital[i : i + size])
                and free(i, i + size)
                and any(_big(c) for c in index.lookup(doc[i : i + size].text))
            ),
            0,
        )
        if window:
            found.append((doc[i : i + window], "GAZ"))
            taken.update(range(i, i + window))
            i += window
            continue
        hit = _country_entry(words, i)
        if hit is not None and not (set(range(i, i + hit[1])) & taken):
            found.append((doc[i : i + hit[1]], "COUNTRY"))
            taken.update(range(i, i + hit[1]))
            i += hit[1]
            continue
        i += 1
    other_ents = {i for e in doc.ents for i in range(e.start, e.end)}
    run: list[int] = []
    for token in [*doc, None]:
        if (
            token is not None
            and token.pos_ == "PROPN"
            and token.i not in taken
            and token.i not in other_ents
        ):
            run.append(token.i)
            continue
        if run:
            span = doc[run[0] : run[-1] + 1]
            if fold(span.text) not in _UNTAGGED_STOP and any(
                _big(c) for c in index.lookup(span.text)
            ):
                found.append((span, "GAZ"))
            run = []
    found.extend(_placed_names(doc, taken | {i for f, _ in found for i in range(f.start, f.end)}))
    return sorted(found, key=lambda f: f[0].start)


#: Prepositions after which a proper name is most often a place ("in Tulkarm", "near Banki").
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "into", "around", "across"})
#: Prepositions of a route's ends: a large place after them is a place ("to Cirencester").
BOUNDS = frozenset({"to", "from", "toward", "towards", "between"})
#: Nouns that make the name next to them a place ("Zamboanga city", "the town of Fotokol").
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "district", "province", "county", "governorate", "region"}
    | {"state", "island", "neighborhood", "neighbourhood", "suburb", "municipality", "camp"}
    | {"port", "valley", "mountain", "mountains", "area", "countryside", "outskirts"}
)


#: Last words of a venue's name ("the Mansudae Assembly Hall", "Tahrir Square").
VENUE_NOUNS = frozenset(
    {"hall", "palace", "square", "airport", "stadium", "hotel", "embassy", "consulate"}
    | {"building", "centre", "center", "hospital", "mosque", "church", "cathedral", "temple"}
    | {"prison", "station", "bridge", "market", "park", "plaza", "compound", "barracks"}
    | {"base", "checkpoint", "crossing", "terminal", "harbour", "harbor", "arena"}
)


#: Nouns that end the names of buildings and grounds, beyond ``VENUE_NOUNS``.
_BUILDING_NOUNS = frozenset(
    {"university", "college", "school", "club", "castle", "theatre", "theater", "cinema"}
    | {"museum", "campus", "academy", "gallery", "library", "zoo", "courthouse", "street"}
    | {"road", "avenue", "boulevard", "lane"}
)


def _named_venue(span: Span) -> bool:
    """A name of two or more capitalised words ending in a building's or ground's noun."""
    last = span[-1]
    return (
        len(span) > 1
        and (last.lower_ in VENUE_NOUNS or last.lower_ in _BUILDING_NOUNS)
        and all(t.text[:1].isupper() for t in span if t.is_alpha and len(t) > 3)
    )


def _place_before_a_time(ent: Span) -> Span | None:
    """The place a time entity begins with ("Kyiv overnight", "Baghdad Sunday"): capitalised
    words, no month or weekday, that the index knows as a country, region or large city."""
    for size in (3, 2, 1):
        lead = ent[:size]
        if len(ent) <= size or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in lead):
            continue
        if any(t.lower_ in MONTHS or t.lower_ in WEEKDAYS for t in lead):
            continue
        if any(_big(c) for c in place_index().lookup(lead.text)):
            return lead
    return None


def _leading_place(span: Span) -> Span | None:
    """The place an organisation's name begins with ("Dubai Police", "the Washington Post",
    "Colorado State University"): its first one to three capitalised names when the index
    knows them as a country, region or large city and words remain after them (a country's
    adjective, "the Korean Central News Agency", is the organisation's nationality instead)."""
    for size in (3, 2, 1):
        lead = span[:size]
        named = len(span) > size and all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in lead)
        if named and any(_big(c) for c in _lookup(lead)):
            return lead
    return None


def _name_run(doc: Doc, token: Token) -> Span:
    """The proper-noun run ending at ``token`` ("Kafr Saghir")."""
    start = token.i
    while start > token.sent.start and doc[start - 1].pos_ == "PROPN":
        start -= 1
    return doc[start : token.i + 1]


#: Entity labels a name the sentence seems to place can never be a place under.
_NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _placed_names(doc: Doc, taken: set[int]) -> list[tuple[Span, str]]:
    """Proper names the tagger missed or called a person or body that the sentence itself
    marks as places: the object of a locative preposition when the index knows the name or the
    name ends in a venue's noun ("at the Mansudae Assembly Hall": a venue, FAC), and a name next
    to a place noun ("Zamboanga city", "the village of Jdeideh") even when the index does not
    know it."""
    index = place_index()
    found: list[tuple[Span, str]] = []
    for token in doc:
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.i in taken:
            continue
        if token.ent_type_ in _NOT_PLACES:
            continue  # "in May", "on Sunday": a time the tagger knows, not a town called May
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "PROPN":
            continue  # not the last word of its name
        if (
            nxt is not None
            and nxt.lower_ == "of"
            and token.i + 2 < len(doc)
            and doc[token.i + 2].text[:1].isupper()
        ):
            continue  # "the Bank of England", "the Summit of the Americas": a longer name
        span = _name_run(doc, token)
        if set(range(span.start, span.end)) & taken or fold(span.text) in _UNTAGGED_STOP:
            continue
        head = token.head
        noun_after = nxt is not None and nxt.lower_ in PLACE_NOUNS and token.head.i == nxt.i
        noun_of = head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS and token.dep_ == "pobj"
        locative = token.dep_ == "pobj" and head.lower_ in LOCATIVE
        venue = locative and len(span) > 1 and token.lower_ in VENUE_NOUNS
        bound = token.dep_ == "pobj" and head.lower_ in BOUNDS
        entries = index.lookup(span.text) if locative or bound or token.dep_ == "conj" else []
        known = bool(entries)
        # "from Air Balloon roundabout to Cirencester", "between Coggeshall and Marks Tey"
        bound = bound and any(_big(c) for c in entries)
        listed = token.dep_ == "conj" and head.i in taken and known
        if venue or noun_after or noun_of or bound or listed or (locative and known):
            found.append((span, "FAC" if venue else "GAZ"))
            taken.update(range(span.start, span.end))
    return found


def _venue_city(span: Span) -> list[PlaceEntry]:
    """A venue named after its city ("Pyongyang International Airport", "Kabul University"):
    the sizeable cities of its first words, which is where it stands."""
    index = place_index()
    for size in (2, 1):
        if len(span) > size:
            cities = [e for e in index.lookup(span[:size].text) if e.kind == CITY and _big(e)]
            if cities:
                return cities
    return []


def _qualifier(doc: Doc, span: Span) -> str | None:
    """The region or country named right after a comma: "Paris, Texas" -> "Texas"."""
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        nxt = doc[span.end + 1]
        if nxt.pos_ == "PROPN":
            end = span.end + 2
            while end < len(doc) and doc[end].pos_ == "PROPN" and end - span.end < 4:
                end += 1
            return doc[span.end + 1 : end].text
    return None


def _score(
    entry: PlaceEntry,
    name: str,
    countries: Counter[str],
    regions: Counter[str],
    qualifier: tuple[set[str], set[str]],
) -> float:
    score = math.log10(entry.population + 10) + _KIND_PRIOR[entry.kind]
    if entry.country and countries:
        share = countries[entry.country] / max(1, sum(countries.values()))
        score += 1.5 * share + (0.5 if countries[entry.country] else 0.0)
    if entry.region and regions[entry.region]:
        score += 2.0
    q_countries, q_regions = qualifier
    if q_countries or q_regions:
        if entry.country in q_countries or entry.region in q_regions:
            score += 6.0
        else:
            score -= 3.0
    if entry.name == name:
        score += 0.3
    if entry.kind == CITY and gazetteer().capitals.get(fold(entry.name)) == entry.country:
        # by the capital's name or a spelling of it ("Kiev"); a former name ("Salisbury" for
        # Harare) names other towns now
        written = fold(name)
        if written[:1] == fold(entry.name)[:1] or gazetteer().capitals.get(written):
            score += CAPITAL_PRIOR
    return score


def find_toponyms(doc: Doc, *, prefer: frozenset[str] = frozenset()) -> list[Toponym]:
    """Toponyms in ``doc`` with their most likely place (None when the index has no entry)."""
    index = place_index()
    spans = _spans(doc)
    countries: Counter[str] = Counter({c: 2 for c in prefer})
    regions: Counter[str] = Counter()
    options: list[list[PlaceEntry]] = []
    for span, label in spans:
        direct = _whole_country(span)
        if direct is not None:
            direct = _part_named(span, direct) or direct
        candidates = [direct] if direct is not None else _lookup(span)
        if not candidates and label == "FAC":
            lead = _leading_place(span)
            candidates = _venue_city(span) or (
                [
                    c
                    for c in _lookup(lead)
                    # "Colorado State University" is in Colorado; "the Russian Embassy" is
                    # Russia's, abroad
                    if _big(c) and (c.kind != COUNTRY or fold(c.name) == fold(lead.text))
                ]
                if lead is not None
                else []
            )
        folded = fold(span.text)
        if _NO_TOWN & {*folded.split(), folded.removeprefix("the ")}:
            candidates = [c for c in candidates if _big(c)]
        if label == "LOC":  # a feature's name is often a village's too: a small town is
            # meant only when it is the one place so named, or in the document's country
            candidates = [c for c in candidates if _big(c)] or [
                c for c in candidates if c.kind == CITY
            ]
        if folded in _BEARINGS:  # "the West" is no province named West
            candidates = [c for c in candidates if c.kind in (CONTINENT, COUNTRY)]
        options.append(candidates)
        if len(candidates) == 1 or (candidates and candidates[0].kind == COUNTRY and direct):
            only = candidates[0]
            if only.country:
                countries[only.country] += 1
            if only.region:
                regions[only.region] += 1
    out: list[Toponym] = []
    for (span, label), candidates in zip(spans, options, strict=True):
        qualifier_text = _qualifier(doc, span)
        qualifier: tuple[set[str], set[str]] = (set(), set())
        if qualifier_text:
            for entry in index.lookup(qualifier_text):
                if entry.kind == COUNTRY:
                    qualifier[0].add(entry.country)
                elif entry.kind == REGION:
                    qualifier[1].add(entry.region)
        if label == "LOC" and len(candidates) > 1 and not any(_big(c) for c in candidates):
            candidates = [c for c in candidates if countries[c.country] > 0]
        best = (
            max(candidates, key=lambda e: _score(e, span.text, countries, regions, qualifier))
            if candidates
            else None
        )
        out.append(
            Toponym(
                span.start_char,
                span.end_char,
                span.text,
                best,
                label,
                span.start,
                span.end,
            )
        )
    return _stand_ins(_venues_in(doc, _halves(out)))


def _venues_in(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """A venue (or a place the index lacks) followed by the town or region it is in
    ("Washington University in St. Louis", "the Grand Hotel, Brighton") is placed there,
    whatever place its own name suggests."""
    out = list(toponyms)
    for n, (venue, after) in enumerate(itertools.pairwise(toponyms)):
        between = [t.lower_ for t in doc[venue.token_end : after.token_start]]
        if (
            (venue.label == "FAC" or venue.place is None)
            and between in (["in"], [","])
            and after.place is not None
            and after.place.kind in (CITY, REGION)
        ):
            out[n] = replace(venue, place=after.place, stand_in=True)
    return out


def _halves(toponyms: list[Toponym]) -> list[Toponym]:
    """ "The North" in a report that names North Korea is North Korea (and "the South" South
    Sudan beside Sudan): a bearing is the country of the text whose name begins with it, when
    exactly one does."""
    countries: dict[str, set[PlaceEntry]] = {}
    for toponym in toponyms:
        place = toponym.place
        if place is not None and place.kind == COUNTRY and " " in place.name:
            countries.setdefault(fold(place.name).split()[0], set()).add(place)
    out = []
    for toponym in toponyms:
        named = countries.get(fold(toponym.text), set())
        if toponym.place is None and len(named) == 1:
            toponym = replace(toponym, place=next(iter(named)))
        out.append(toponym)
    return out


def _stand_ins(toponyms: list[Toponym]) -> list[Toponym]:
    """A place the index does not know (a venue, a street, a village) stands at the nearest
    city named within a dozen words of it, else at the city the article names most (the
    nearest before it among equals, else after): most such places are in or near the city
    their report is about ("the Mansudae Assembly Hall", then Pyongyang)."""
    cities = [(t.token_start, t.place) for t in toponyms if t.place and t.place.kind == CITY]
    if not cities:
        return toponyms
    counts = Counter(entry for _, entry in cities)
    top = max(counts.values())
    out = []
    for toponym in toponyms:
        if (
            toponym.place is None
            and toponym.label in _STAND_IN_LABELS
            and fold(toponym.text) not in _BEARINGS
            and not _WIDE_AREAS & set(fold(toponym.text).split())
        ):
            before = [entry for at, entry in cities if at < toponym.token_start]
            after = [entry for at, entry in cities if at > toponym.token_start]
            close = [(abs(at - toponym.token_start), e) for at, e in cities]
            close = [pair for pair in close if pair[0] <= _NEAR_WORDS]
            common = [e for e in before[::-1] + after if counts[e] == top]
            nearest = [min(close, key=lambda pair: pair[0])[1]] if close else common[:1]
            if nearest:
                toponym = replace(toponym, place=nearest[0], stand_in=True)
        out.append(toponym)
    return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


#: Nouns of affairs a place name may only label ("its Ukraine war", "the Gaza ceasefire").
_AFFAIRS = frozenset(
    {"war", "conflict", "crisis", "ceasefire", "truce", "talks", "deal", "policy", "issue"}
    | {"question", "invasion", "offensive", "campaign", "dispute", "problem", "file"}
)


def names_an_affair(doc: Doc, toponym: Toponym) -> bool:
    """The toponym only labels an affair ("in its Ukraine war"): no place where it happened."""
    span = doc[toponym.token_start : toponym.token_end]
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() in _AFFAIRS
