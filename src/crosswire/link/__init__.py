"""link: mentions of the same real-world event -> one Event, across sentences, articles, outlets.

Linking is incremental: ``store`` re-links only the date segments a new batch touches, and the
result for a segment depends only on the mentions in it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from crosswire.link.cluster import block_key, cluster, reachable, segment_ids, segments
from crosswire.link.evidence import compatible, date_span, dates_compatible, score, span_of
from crosswire.link.merge import ArticleInfo, merge
from crosswire.records import Event, Mention

__all__ = [
    "ArticleInfo",
    "block_key",
    "cluster",
    "compatible",
    "date_span",
    "dates_compatible",
    "link",
    "merge",
    "reachable",
    "score",
    "segment_ids",
    "segments",
    "span_of",
]


def link(
    mentions: Iterable[Mention], articles: Mapping[str, ArticleInfo], *, tolerance: int = 1
) -> list[Event]:
    """Every event reported by ``mentions``, sorted by date then id."""
    blocks: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        blocks[block_key(mention)].append(mention)
    events = [
        merge(group, articles, key)
        for key in sorted(blocks)
        for group in cluster(blocks[key], tolerance=tolerance)
    ]
    return sorted(events, key=lambda e: (e.date.isoformat() if e.date else "", e.id))
