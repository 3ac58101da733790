"""The resolve stage as a spaCy component: writes ``doc._.cw_mentions`` from the frames."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from crosswire.events.component import COMPONENT as EVENTS
from crosswire.resolve.mentions import build_mentions

COMPONENT = "crosswire_resolve"
__all__ = ["COMPONENT", "EVENTS", "resolve_component"]


@Language.component(COMPONENT)
def resolve_component(doc: Doc) -> Doc:
    doc._.cw_mentions = build_mentions(doc, doc._.cw_frames or [], doc._.article)
    return doc
