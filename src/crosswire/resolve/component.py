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
    frames = doc._.cw_frames or []
    limits = doc._.cw_limits  # set by crosswire.coding; None when called on a bare Doc
    if limits is not None and len(frames) > limits.max_mentions:
        doc._.cw_notes.append(
            ("resolve", f"resolved the first {limits.max_mentions} of {len(frames)} event frames")
        )
        frames = frames[: limits.max_mentions]
    mentions = build_mentions(doc, frames, doc._.article)
    if limits is not None:
        mentions = [m for m in mentions if m.confidence >= limits.min_confidence]
    doc._.cw_mentions = mentions
    return doc
