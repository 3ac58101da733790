"""Which mentions report the same real-world event.

Mentions are blocked by event type, modality and the set of countries involved, then clustered
within a block: a mention joins a cluster only if its date is compatible with every member's
(respecting each date's precision) and no named person contradicts. The result depends only on
the set of mentions, never on the order they arrived in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from crosswire.records import Mention, similar_names
from crosswire.resolve.dates import interval

#: A date inferred from the publication date could be this many days before it.
INFERRED_WINDOW = 7


def block_key(mention: Mention) -> str:
    """The blocking key: only mentions with the same key are ever compared."""
    state = "neg" if mention.negated else mention.modality
    return f"{mention.event}|{state}"


def countries_compatible(a: Mention, b: Mention) -> bool:
    """The same countries take part, or one report names a subset of the other's."""
    ca, cb = a.countries, b.countries
    if not ca or not cb:
        return False
    return ca <= cb or cb <= ca


def date_span(mention: Mention) -> tuple[date, date] | None:
    if mention.date is None:
        return None
    if mention.date_rule and mention.date_rule.startswith("inferred"):
        return mention.date - timedelta(days=INFERRED_WINDOW), mention.date
    return interval(mention.date, mention.date_precision, mention.enddate)


def dates_compatible(a: Mention, b: Mention, tolerance: int) -> bool:
    span_a, span_b = date_span(a), date_span(b)
    if span_a is None or span_b is None:
        return True
    slack = timedelta(days=tolerance)
    return span_a[0] <= span_b[1] + slack and span_b[0] <= span_a[1] + slack


def _people(mention: Mention) -> dict[str | None, list[str]]:
    """Named people by country: reports naming wholly different people are different events."""
    found: dict[str | None, list[str]] = {}
    for actor in (*mention.actors, *mention.recipients):
        if actor.kind == "person" and actor.role != actor.name:
            found.setdefault(actor.country, []).append(actor.name)
    return found


def people_compatible(a: Mention, b: Mention) -> bool:
    people_a, people_b = _people(a), _people(b)
    return all(
        any(similar_names(x, y) for x in people_a[c] for y in people_b[c])
        for c in people_a.keys() & people_b.keys()
    )


def _sort_key(mention: Mention) -> tuple[int, str]:
    span = date_span(mention)
    return (span[0].toordinal() if span else 0, mention.id)


def cluster(mentions: Iterable[Mention], *, tolerance: int = 1) -> list[list[Mention]]:
    """Group one block's mentions into events (deterministic for a given set of mentions)."""
    clusters: list[list[Mention]] = []
    explicit = sorted(
        (m for m in mentions),
        key=lambda m: (bool(m.date_rule and m.date_rule.startswith("inferred")), *_sort_key(m)),
    )
    for mention in explicit:
        for group in clusters:
            if all(
                countries_compatible(mention, other)
                and dates_compatible(mention, other, tolerance)
                and people_compatible(mention, other)
                for other in group
            ):
                group.append(mention)
                break
        else:
            clusters.append([mention])
    return clusters
