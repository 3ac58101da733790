"""Event places, read from the document's toponyms (``resolve.geoparse``: the one geoparser,
scored by ``crosswire eval geo``).

For a visit, the city visited; else the toponym of the sentence that the learned chooser
(``resolve.locate``, scored by ``crosswire eval event-location``) says is where the event
happened (a venue the index does not know stands at the city the article names nearest to it,
``geoparse``); otherwise (in the first sentences) the article's dateline city.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosswire.nlp.dateline import find_dateline
from crosswire.records import Place
from crosswire.resolve.geoparse import Toponym
from crosswire.resolve.locate import event_toponym
from crosswire.resolve.placeindex import CITY, COUNTRY, REGION, PlaceEntry, place_index

_PRECISION = {CITY: "city", REGION: "region", COUNTRY: "country"}


def place_from(entry: PlaceEntry) -> Place:
    """A place record for an index entry (a continent is a region without a country)."""
    return Place(
        entry.name,
        entry.country or None,
        round(entry.lat, 4),
        round(entry.lon, 4),
        _PRECISION.get(entry.kind, "region"),  # type: ignore[arg-type]
    )


def event_place(
    doc: Doc,
    trigger: Token,
    toponyms: list[Toponym],
    *,
    actor_tokens: set[int],
    visit: bool,
    struck: frozenset[int] = frozenset(),
) -> Place | None:
    """The place where the event at ``trigger`` happened, if its sentence says so. ``struck``:
    the tokens of the targets of an act done where its target is (an attack, a raid): a city
    among them is where it happened ("a missile strike on Kyiv")."""
    used = frozenset(actor_tokens)
    visited: list[PlaceEntry] = []
    if visit:  # "visited Pyongyang": the place visited, even when it also stands for its
        # country as the recipient
        for toponym in toponyms:
            if toponym.place is not None and _visited(doc, trigger, toponym):
                visited.append(toponym.place)
        cities = [p for p in visited if p.kind == CITY]
        if cities:
            return place_from(cities[0])
    hit = [  # a city attacked is where the attack was, whatever other place the sentence
        # names ("troops shelled Lisbon, officials in Madrid said")
        t.place
        for t in toponyms
        if t.place is not None
        and t.place.kind == CITY
        and struck.intersection(range(t.token_start, t.token_end))
    ]
    if hit:
        return place_from(hit[0])
    found = event_toponym(doc, trigger.i, toponyms, used)
    if found is not None and found.place is not None:
        return place_from(found.place)
    # a country or region visited and no city named in it: the visit happened there
    wide = [p for p in visited if p.kind in (COUNTRY, REGION)]
    return place_from(wide[0]) if wide else None


def _visited(doc: Doc, trigger: Token, toponym: Toponym) -> bool:
    """The toponym is what the visit at ``trigger`` went to: its object ("visited Hanoi"), or
    the object of its "to"/"in" ("a visit to Hanoi", "arrived in Hanoi")."""
    if toponym.token_start < 0:
        return False
    span = doc[toponym.token_start : toponym.token_end]
    root = span.root
    if root.dep_ == "dobj" and root.head.i == trigger.i:
        return True
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in ("to", "in", "into")
        and root.head.head.i == trigger.i
    )


def dateline_place(text: str) -> Place | None:
    """The city of a dateline such as 'HANOI, March 4 (Reuters) -': the largest of that name."""
    found = find_dateline(text)
    if found is None:
        return None
    index = place_index()
    cities = [e for e in index.lookup(found.city) if e.kind == CITY]
    if found.region:  # "PLEASANTON, Calif.": the Pleasanton of California
        regions = {e.region for e in index.lookup(found.region) if e.kind == REGION}
        cities = [e for e in cities if e.region in regions] or cities
    return place_from(max(cities, key=lambda e: e.population)) if cities else None
