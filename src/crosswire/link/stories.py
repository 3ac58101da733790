"""Stories: articles about the same happening, grouped by what they talk about.

Each text becomes a bag of words weighted without corpus statistics (names count three times,
function words not at all), so an article's vector never changes when others arrive. Two
articles are about the same story when the cosine of their vectors reaches a threshold (and,
when both are dated, they appeared within a window of days); stories are the connected groups
of that relation.
The grouping depends only on the set of articles, never on the order they arrived in, and a new
article only needs comparing with stored articles that share one of its terms.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date

from crosswire.data import stopwords
from crosswire.link.lexical import normalise_word

#: A capitalised word inside a sentence (a name) weighs this much more than a common word.
NAME_WEIGHT = 3.0
#: Terms kept per article (the heaviest ones); bounds memory and comparison cost.
MAX_TERMS = 60

_TOKEN = re.compile(r"[^\W_][\w'’-]*")
_SENTENCE_END = frozenset(".!?\"'“”:")

Vector = dict[str, float]


def story_vector(text: str) -> Vector:
    """The article's unit-length term vector (at most ``MAX_TERMS`` terms)."""
    stop = stopwords()
    weights: defaultdict[str, float] = defaultdict(float)
    for match in _TOKEN.finditer(text):
        word = match.group()
        start = match.start()
        before = text[start - 2 : start].strip()
        sentence_start = not before or before[-1] in _SENTENCE_END
        lower = word.lower().replace("’", "'").removesuffix("'s")
        if lower in stop or len(lower) < 2 or (lower.isdigit() and len(lower) < 3):
            continue
        name = word[0].isupper() and not sentence_start and not word.isupper()
        weights[normalise_word(lower)] += NAME_WEIGHT if name else 1.0
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
    scaled = {term: 1.0 + math.log(weight) for term, weight in top}
    norm = math.sqrt(sum(v * v for v in scaled.values())) or 1.0
    return {term: v / norm for term, v in scaled.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(term, 0.0) for term, v in a.items())


class UnionFind:
    """Disjoint sets with a deterministic representative (the smallest member)."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, item: Hashable) -> Hashable:
        root = self.parent.setdefault(item, item)
        while self.parent[root] != root:
            root = self.parent[root]
        while item != root:  # compress the path walked
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb), key=repr)
            self.parent[high] = low

    def groups(self) -> list[list[Hashable]]:
        found: dict[Hashable, list[Hashable]] = defaultdict(list)
        for item in self.parent:
            found[self.find(item)].append(item)
        return sorted((sorted(g, key=repr) for g in found.values()), key=lambda g: repr(g[0]))


def _close_in_time(a: date | None, b: date | None, window: int | None) -> bool:
    return window is None or a is None or b is None or abs((a - b).days) <= window


def similar_pairs(
    items: Sequence[tuple[str, Vector, date | None]],
    *,
    threshold: float,
    window: int | None = None,
) -> Iterable[tuple[str, str, float]]:
    """Pairs of item ids whose vectors reach ``threshold``; only items sharing a term are compared
    (an inverted index over each vector's terms)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, (_, vector, _) in enumerate(items):
        for term in vector:
            postings[term].append(i)
    for i, (id_a, vec_a, day_a) in enumerate(items):
        candidates: set[int] = set()
        for term in vec_a:
            candidates.update(j for j in postings[term] if j > i)
        for j in sorted(candidates):
            id_b, vec_b, day_b = items[j]
            if not _close_in_time(day_a, day_b, window):
                continue
            score = cosine(vec_a, vec_b)
            if score >= threshold:
                yield id_a, id_b, score


def group_stories(
    items: Sequence[tuple[str, Vector, date | None]],
    *,
    threshold: float,
    window: int | None = None,
    linked: Iterable[tuple[str, str]] = (),
) -> list[list[str]]:
    """Stories over ``items`` (id, vector, date): connected groups of similar articles, plus
    ``linked`` pairs (e.g. articles reporting one event). Sorted, each sorted by id."""
    sets = UnionFind()
    for item_id, _, _ in items:
        sets.find(item_id)
    for a, b, _ in similar_pairs(items, threshold=threshold, window=window):
        sets.union(a, b)
    for a, b in linked:
        sets.union(a, b)
    return [[str(x) for x in group] for group in sets.groups()]
