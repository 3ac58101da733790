"""Reprints and syndicated copies: a stated original outlet, or near-duplicate text.

Near-duplicates are found with MinHash signatures over word shingles, bucketed by LSH bands, so a
new article is compared only with the few stored articles that share a band.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from crosswire.records import normalise_text

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
