"""Whether two event mentions may report one event (hard limits), and how strongly they agree.

Hard limits are vetoes: types no outlet would use for one event (``ontology.interchangeable``),
two different types read off one sentence, two different acts told by one article (its
triggers name different kinds of happening: "arrived", "greeted", "hosted a reception"; in
ECB+ two event mentions of one document corefer 83 % of the time when their trigger keys agree
and 4 % when they differ, ``bench/ecb_within_doc.py``; event data keeps a visit and its talks
as one record, so keys of one ``act_family`` agree), different countries taking part,
day-precision dates further apart than the tolerance (each date read with its precision),
different named people of one country, cities in different countries. Within those limits a
score adds the evidence for one event: the same actors (by identity, so aliases and spelling
variants count), the same day, place and mode, the same type and trigger word (near-synonyms
included) and shared words in the two sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from crosswire.events.ontology import interchangeable
from crosswire.link.lexical import act_family, normalise_word, trigger_key
from crosswire.records import Mention, Place, similar_names

#: A date inferred from the publication date could be this many days before it.
INFERRED_WINDOW = 7

_WORD_MIN = 4


def span_of(
    value: date | None, precision: str | None, rule: str | None, until: date | None
) -> tuple[date, date] | None:
    """The days a mention's date may stand for (None when it has no date)."""
    from crosswire.resolve.dates import interval  # on first use: reads never need the dates

    if value is None:
        return None
    if rule and rule.startswith("inferred"):
        return value - timedelta(days=INFERRED_WINDOW), value
    return interval(value, precision, until)


def date_span(mention: Mention) -> tuple[date, date] | None:
    return span_of(mention.date, mention.date_precision, mention.date_rule, mention.enddate)


def explicit_date(mention: Mention) -> bool:
    """The mention's date was read from the text, not inferred from the publication."""
    return mention.date is not None and not (mention.date_rule or "").startswith(
        ("inferred", "unresolved")
    )


def dates_compatible(a: Mention, b: Mention, tolerance: int) -> bool:
    """The days the two dates stand for overlap; two single days may also differ by the
    ``tolerance`` (time zones, late reports), a week or a month is taken at its word ("last
    week" in a Monday report is not that Monday)."""
    span_a, span_b = date_span(a), date_span(b)
    if span_a is None or span_b is None:
        return True
    days = a.date_precision == b.date_precision == "day"
    slack = timedelta(days=tolerance if days else 0)
    return span_a[0] <= span_b[1] + slack and span_b[0] <= span_a[1] + slack


def _types_agree(a: Mention, b: Mention) -> bool:
    """The same type, or two types outlets use for one event, each from its own sentence (one
    sentence coded twice with different types names two different happenings)."""
    if a.event == b.event:
        return True
    same_sentence = a.article_id == b.article_id and a.sent_start == b.sent_start
    return not same_sentence and interchangeable(a.event, b.event)


#: Types of a stance taken in words, which one report restates in several words ("accused",
#: "lodged a protest", "blamed"; "agreed to ..., and also agreed to ..."): the same type twice
#: in one article is one stance.
_STANCES = frozenset({"ACCUSE", "AGREE", "REQUEST", "REJECT", "THREATEN"})


def _acts_agree(a: Mention, b: Mention, ca: Clues, cb: Clues) -> bool:
    """Whether two mentions of one article may tell one happening: a stance taken in words
    (``_STANCES``) however often restated; an act only when the triggers name the same kind of
    happening or one happening at another grain (``lexical.act_family``: a visit and its talks)
    and the report does not tell one of them as one more of its kind ("also met"). So a report
    tells the arrival, the airport greeting and the reception as events of their own; across
    articles words differ more freely."""
    if a.article_id != b.article_id or not ca.trigger or not cb.trigger:
        return True
    if a.event == b.event and a.event in _STANCES:
        return True  # "accused ... lodged a protest over it": one stance told in several words
    if a.another or b.another:
        return False  # "Krasnov also met ...": one more meeting, not the one told before
    return act_family(ca.trigger) == act_family(cb.trigger)


def _countries_agree(ca: frozenset[str], cb: frozenset[str]) -> bool:
    """The same countries take part, or one report names a subset of the other's."""
    return bool(ca and cb) and (ca <= cb or cb <= ca)


def _people(mention: Mention) -> dict[str | None, list[str]]:
    """Named people by country: reports naming wholly different people are different events."""
    found: dict[str | None, list[str]] = {}
    for actor in (*mention.actors, *mention.recipients):
        if actor.kind == "person" and actor.role != actor.name:
            found.setdefault(actor.country, []).append(actor.name)
    return found


def _people_agree(
    people_a: dict[str | None, list[str]], people_b: dict[str | None, list[str]]
) -> bool:
    return all(
        any(similar_names(x, y) for x in people_a[c] for y in people_b[c])
        for c in people_a.keys() & people_b.keys()
    )


def places_compatible(a: Mention, b: Mention) -> bool:
    """Two city-level places in different countries cannot be one event's place."""
    pa, pb = a.place, b.place
    if pa is None or pb is None or pa.precision != "city" or pb.precision != "city":
        return True
    return pa.country is None or pb.country is None or pa.country == pb.country


def _place_score(a: Place, b: Place) -> float:
    """The same place is evidence; a country and a place in it say nothing either way (one
    report says where in the country); two places apart are evidence against."""
    if a.name == b.name:
        return 0.75
    if a.country is not None and a.country == b.country and "country" in (a.precision, b.precision):
        return 0.0
    return -0.5


def compatible(
    a: Mention, b: Mention, tolerance: int, ca: Clues | None = None, cb: Clues | None = None
) -> bool:
    """No hard limit forbids ``a`` and ``b`` from reporting one event (pass their ``clues``
    when comparing many pairs: they hold what is costly to recompute)."""
    ca, cb = ca or clues(a), cb or clues(b)
    return (
        _types_agree(a, b)
        and _acts_agree(a, b, ca, cb)
        and _countries_agree(ca.countries, cb.countries)
        and dates_compatible(a, b, tolerance)
        and _people_agree(ca.people, cb.people)
        and places_compatible(a, b)
    )


@dataclass(frozen=True, slots=True)
class Clues:
    """What ``compatible`` and ``score`` compare, computed once per mention."""

    sources: frozenset[str]
    targets: frozenset[str]
    trigger: str
    words: frozenset[str]
    countries: frozenset[str]
    people: dict[str | None, list[str]]


def clues(mention: Mention) -> Clues:
    words = (w.strip(".,;:!?\"'()“”‘’") for w in mention.sentence.split())
    return Clues(
        sources=frozenset(x.actor_id for x in mention.actors),
        targets=frozenset(x.actor_id for x in mention.recipients),
        trigger=_trigger(mention),
        words=frozenset(normalise_word(w) for w in words if len(w) >= _WORD_MIN),
        countries=mention.countries,
        people=_people(mention),
    )


def _trigger(mention: Mention) -> str:
    """The trigger's key: from its lemma, else (mentions stored before lemmas were) its last
    word."""
    word = mention.lemma or (mention.trigger.split() or [""])[-1]
    return trigger_key(word) if word else ""


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def score(a: Mention, b: Mention, ca: Clues | None = None, cb: Clues | None = None) -> float:
    """Evidence that two compatible mentions report one event, from about -1 to 5 (pass
    precomputed ``clues`` when scoring one mention against many)."""
    ca, cb = ca or clues(a), cb or clues(b)
    total = 1.5 * _jaccard(ca.sources | ca.targets, cb.sources | cb.targets)
    if ca.sources & cb.sources or ca.targets & cb.targets:
        total += 0.5  # the same side of the event, not only the same participants
    if explicit_date(a) and explicit_date(b) and a.date_precision == b.date_precision == "day":
        total += 1.0 if a.date == b.date else 0.0  # a day both reports name, not guessed
    if a.place and b.place:
        total += _place_score(a.place, b.place)
    if a.mode and b.mode:
        total += 0.25 if a.mode == b.mode else -0.5
    if a.event != b.event:
        total -= 0.5  # interchangeable types: a weaker clue than the same type
    if ca.trigger and ca.trigger == cb.trigger:
        total += 0.5
    total += _jaccard(ca.words, cb.words)
    return total
