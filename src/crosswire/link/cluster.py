"""Which mentions of one block report the same real-world event.

A block's mentions are cut into segments that linking can never join: two mentions meet only
when they share a country and their date spans (widened by the tolerance) overlap, so a segment
is a connected run of such meetings. Each segment is a pure function of its mentions and the
unit of work: a new mention re-clusters only the segment it falls in, so on a dense archive
(events every day) the work per batch stays with the countries and days it touches instead of
the whole block. Inside a segment, candidate pairs come from a sweep over the spans per country
(never all pairs); pairs a hard limit forbids are dropped, the rest are merged best evidence
first, and two groups merge only when no pair across them is forbidden (so a chain of "close
enough" never joins incompatible reports). Everything is sorted before use: the events depend
on the set of mentions, never on the order they arrived in.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from crosswire.events.ontology import type_family
from crosswire.link.evidence import clues, compatible, date_span, score
from crosswire.link.stories import UnionFind
from crosswire.records import Mention

#: Evidence below this never links two mentions on its own.
MIN_SCORE = 0.0
#: Candidate pairs read back at a time, best first.
_SLICE = 65_536


def block_key(mention: Mention) -> str:
    """The blocking key: only mentions with the same key are ever compared. Types that outlets
    use for one event (``ontology.type_family``) share a key; whether two of them may link is
    ``compatible``'s to say."""
    state = "neg" if mention.negated else mention.modality
    return f"{type_family(mention.event)}|{state}"


Span = tuple[date, date] | None


def segment_ids(
    items: Iterable[tuple[str, Span, Iterable[str]]], *, tolerance: int = 1
) -> list[list[str]]:
    """Ids (with their date spans and countries) cut into segments linking can never join.

    Per country, dated mentions sorted by span chain while the next starts within the reach of
    the run so far (plus ``tolerance`` days); undated ones chain with the undated of their
    countries (they never meet dated ones); a mention with no country is alone. Segments are the
    connected groups of these chains, each sorted, in order of their smallest id.
    """
    sets = UnionFind()
    runs: dict[tuple[str, bool], list[tuple[date, date, str]]] = defaultdict(list)
    for key, span, countries in items:
        sets.find(key)
        for country in countries:
            if span is None:
                runs[(country, False)].append((date.min, date.min, key))
            else:
                runs[(country, True)].append((span[0], span[1], key))
    slack = timedelta(days=tolerance)
    for (_, dated), members in sorted(runs.items()):
        members.sort()
        reach, previous = date.min, ""
        for start, end, key in members:
            if previous and (not dated or start <= reach + slack):
                sets.union(previous, key)
                reach = max(reach, end)
            else:
                reach = end
            previous = key
    return [[str(k) for k in group] for group in sets.groups()]


def reachable(
    fresh: Iterable[tuple[Span, set[str]]],
    stored: Iterable[tuple[str, Span, set[str]]],
    tolerance: int,
) -> set[str]:
    """Ids of the ``stored`` mentions (id, span, countries) that linking could join with one of
    ``fresh`` (span, countries): a shared country, and both undated or spans within the
    tolerance. What an incremental re-link must re-cluster besides the new mentions."""
    fresh = list(fresh)
    slack = timedelta(days=tolerance)
    found: set[str] = set()
    for key, span, countries in stored:
        for other, others in fresh:
            if not countries & others or (span is None) != (other is None):
                continue
            if (
                span is None
                or other is None
                or (span[0] <= other[1] + slack and other[0] <= span[1] + slack)
            ):
                found.add(key)
                break
    return found


def segments(mentions: Iterable[Mention], *, tolerance: int = 1) -> list[list[Mention]]:
    """A block's mentions in segments linking can never join (see ``segment_ids``)."""
    by_id = {m.id: m for m in mentions}
    items = [(m.id, date_span(m), m.countries) for m in by_id.values()]
    return [[by_id[i] for i in group] for group in segment_ids(items, tolerance=tolerance)]


def _candidates(group: Sequence[Mention], tolerance: int) -> Iterable[tuple[int, int]]:
    """Index pairs that share a country and whose spans come within the tolerance: one sweep
    over time per country, never all pairs. Undated mentions pair with every mention of their
    countries (they only meet other undated ones: segments keep dated ones apart)."""
    spans = [date_span(m) for m in group]
    countries = [m.countries for m in group]
    by_country: dict[str, list[int]] = {}
    for i, mention in enumerate(group):
        for country in mention.countries:
            by_country.setdefault(country, []).append(i)
    slack = timedelta(days=tolerance)
    for country in sorted(by_country):
        order = sorted(by_country[country], key=lambda i: (spans[i] or (date.min, date.min), i))
        active: list[int] = []
        for i in order:
            span = spans[i]
            if span is not None:
                active = [j for j in active if (spans[j] or span)[1] + slack >= span[0]]
            for j in active:
                # a pair sharing several countries is met once, under the first of them (no
                # set of pairs seen: a dense segment has millions)
                if country == min(countries[i] & countries[j]):
                    yield (j, i) if j < i else (i, j)
            active.append(i)


def cluster(mentions: Iterable[Mention], *, tolerance: int = 1) -> list[list[Mention]]:
    """Group one block's mentions into events (deterministic for a given set of mentions)."""
    clusters: list[list[Mention]] = []
    for group in segments(mentions, tolerance=tolerance):
        clusters.extend(_cluster_segment(group, tolerance))
    return clusters


def _cluster_segment(group: list[Mention], tolerance: int) -> list[list[Mention]]:
    import numpy as np  # on first use: reads never link

    # sorted by id, so an edge's indices order it as its ids would (i < j for every pair)
    group = sorted(group, key=lambda m: m.id)
    # a dense segment holds millions of candidate pairs: kept as packed arrays, 16 bytes each
    weights, firsts, seconds = array("d"), array("i"), array("i")
    found = [clues(m) for m in group]
    for i, j in _candidates(group, tolerance):
        a, b = group[i], group[j]
        if not compatible(a, b, tolerance, found[i], found[j]):
            continue
        evidence = score(a, b, found[i], found[j])
        if evidence >= MIN_SCORE:
            weights.append(-evidence)
            firsts.append(i)
            seconds.append(j)
    lefts, rights = np.frombuffer(firsts, dtype=np.intc), np.frombuffer(seconds, dtype=np.intc)
    order = np.lexsort((rights, lefts, np.frombuffer(weights, dtype=np.float64)))
    del weights
    owner = list(range(len(group)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(group))}

    def allowed(x: int, y: int) -> bool:  # asked again, not stored: memory stays with the edges
        return compatible(group[x], group[y], tolerance, found[x], found[y])

    def best_first() -> Iterable[tuple[int, int]]:  # in slices: no list of every pair at once
        for start in range(0, len(order), _SLICE):
            picked = order[start : start + _SLICE]
            yield from zip(lefts[picked].tolist(), rights[picked].tolist(), strict=True)

    for i, j in best_first():
        ri, rj = owner[i], owner[j]
        if ri == rj or not all(allowed(x, y) for x in members[ri] for y in members[rj]):
            continue  # every pair across the two groups must be allowed (complete link)
        keep, gone = min(ri, rj), max(ri, rj)
        for x in members[gone]:
            owner[x] = keep
        members[keep].extend(members.pop(gone))
    return [[group[i] for i in sorted(found)] for _, found in sorted(members.items())]
