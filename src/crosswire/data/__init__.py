"""Tables shipped with crosswire: ontology, lexicons and gazetteer extras (tab-separated)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=32)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of ``data/NAME.tsv``, skipping comments and blank lines; fields are stripped."""
    text = resources.files("crosswire.data").joinpath(f"{name}.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(field.strip() for field in line.split("\t")))
    return tuple(rows)


@lru_cache(maxsize=1)
def igo_codes() -> frozenset[str]:
    """Codes of the intergovernmental organisations in ``data/igos.tsv``."""
    return frozenset(row[0] for row in table("igos"))


@lru_cache(maxsize=1)
def igo_sectors() -> dict[str, str]:
    """Intergovernmental bodies with a function of their own: code -> PLOVER sector (NATO MIL)."""
    return {row[0]: row[3] for row in table("igos") if len(row) > 3 and row[3]}


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English function words and very common verbs (``data/stopwords.txt``)."""
    text = resources.files("crosswire.data").joinpath("stopwords.txt").read_text("utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )
