"""Reprints and syndicated copies: a stated original outlet, or near-duplicate text.

Near-duplicates are found with MinHash signatures over word shingles, bucketed by LSH bands, so a
new article is compared only with the few stored articles that share a band.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from crosswire.records import Article, fold, normalise_text

N_HASHES = 32
BAND_ROWS = 4
SHINGLE = 5
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20240722)
_A = _rng.integers(1, _PRIME, size=N_HASHES, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, size=N_HASHES, dtype=np.uint64)

_OUTLET = r"[A-Z][\w&'.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w&'.-]*){0,5}"
_STATED = re.compile(
    r"(?i:(?:originally|first)\s+(?:published|appeared)\s+(?:by|in|on|at)\s+(?:the\s+)?)"
    rf"(?P<a>{_OUTLET})"
    r"|(?i:reprinted\s+(?:with\s+permission\s+)?from\s+(?:the\s+)?)"
    rf"(?P<b>{_OUTLET})"
)
_WORD = re.compile(r"\w+")


def stated_original(text: str) -> str | None:
    """The outlet named by an 'originally published by X' style line, if any."""
    match = _STATED.search(text)
    if not match:
        return None
    name = (match.group("a") or match.group("b") or "").strip(" .")
    return name or None


def signature(text: str) -> tuple[int, ...]:
    """MinHash signature of the text's word shingles (empty for texts with no words)."""
    words = _WORD.findall(normalise_text(text))
    if not words:
        return ()
    width = min(SHINGLE, len(words))
    shingles = {" ".join(words[i : i + width]) for i in range(len(words) - width + 1)}
    hashes = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") >> 4
            for s in shingles
        ),
        dtype=np.uint64,
        count=len(shingles),
    )
    # (a*h + b) mod p computed in Python ints would be slow; uint64 wrap-around is a fine hash too.
    mixed = (hashes[:, None] * _A[None, :] + _B[None, :]) % np.uint64(_PRIME)
    return tuple(int(v) for v in mixed.min(axis=0))


def bands(sig: tuple[int, ...]) -> list[str]:
    """LSH band keys: two signatures sharing any key are candidate near-duplicates."""
    keys = []
    for start in range(0, len(sig), BAND_ROWS):
        chunk = ",".join(str(v) for v in sig[start : start + BAND_ROWS])
        keys.append(
            f"{start // BAND_ROWS}:" + hashlib.blake2b(chunk.encode(), digest_size=8).hexdigest()
        )
    return keys


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


class SourceLookup(Protocol):
    """Where earlier articles' bands and source keys are kept (a ``Store``)."""

    def band_matches(self, bands: Sequence[str]) -> dict[str, list[tuple[str, str]]]: ...

    def source_key_of(self, article_id: str) -> tuple[str, str | None] | None: ...


class Prefetched:
    """A lookup whose band matches for a whole batch were fetched in one query."""

    def __init__(self, lookup: SourceLookup, bands: Sequence[str]) -> None:
        self.lookup = lookup
        self.matches = lookup.band_matches(bands)

    def band_matches(self, bands: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        return {b: self.matches[b] for b in bands if b in self.matches}

    def source_key_of(self, article_id: str) -> tuple[str, str | None] | None:
        return self.lookup.source_key_of(article_id)


@dataclass(frozen=True)
class Marked:
    """An article after reprint marking: the independent source it counts for, and its bands
    and signature for later lookups."""

    article: Article
    key: str
    bands: list[str]
    signature: str


class ReprintIndex:
    """Marks reprints: a stated original outlet, or near-duplicate text of an earlier article.

    Earlier articles are looked up in memory and in ``lookup``; once a batch is stored, ``forget``
    its ids so the index holds only what is in flight and memory stays flat over a long run.
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._bands: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        self._keys: dict[str, tuple[str, str | None, list[str]]] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def mark(
        self,
        article: Article,
        *,
        lookup: SourceLookup | None,
        sig: tuple[int, ...] | None = None,
        stated: str | None = None,
    ) -> Marked:
        """``sig`` and ``stated`` may be given when computed elsewhere (a cluster worker)."""
        stated = stated_original(article.text) if sig is None else stated
        if stated and fold(stated) != fold(article.outlet or ""):
            article = replace(article, original_outlet=stated)
        sig = signature(article.text) if sig is None else sig
        keys = bands(sig)
        best: tuple[float, str] | None = None
        candidates = [c for k in keys for c in self._bands.get(k, [])]
        if lookup is not None:
            stored = {pair for found in lookup.band_matches(keys).values() for pair in found}
            candidates += [
                (aid, tuple(int(v) for v in s.split(",") if v)) for aid, s in sorted(stored)
            ]
        for other_id, other_sig in candidates:
            if other_id == article.id:
                continue
            score = similarity(sig, other_sig)
            if score >= self.threshold and (best is None or (score, other_id) > best):
                best = (score, other_id)
        key = fold(article.original_outlet or article.outlet or article.url or article.id)
        if best is not None:
            known = self._keys.get(best[1])
            other = known[:2] if known else (lookup.source_key_of(best[1]) if lookup else None)
            if other is not None:
                key = other[0]
                original = article.original_outlet
                if original is None and other[1] and fold(other[1]) != fold(article.outlet or ""):
                    original = other[1]
                article = replace(article, reprint_of=best[1], original_outlet=original)
        for band in keys:
            self._bands.setdefault(band, []).append((article.id, sig))
        self._keys[article.id] = (key, article.outlet, keys)
        return Marked(article, key, keys, ",".join(str(v) for v in sig))

    def forget(self, ids: Iterable[str]) -> None:
        """Drop articles that are now stored (``lookup`` finds them from here on)."""
        for article_id in ids:
            entry = self._keys.pop(article_id, None)
            for band in entry[2] if entry else ():
                kept = [c for c in self._bands.get(band, []) if c[0] != article_id]
                if kept:
                    self._bands[band] = kept
                else:
                    self._bands.pop(band, None)
