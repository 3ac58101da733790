"""The events stage as a spaCy component: writes ``doc._.cw_frames``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import crosswire.nlp  # noqa: F401  (registers the Doc extensions)
from crosswire.events.frames import find_frames
from crosswire.events.refine import refine

COMPONENT = "crosswire_events"


@Language.component(COMPONENT)
def events_component(doc: Doc) -> Doc:
    frames = find_frames(doc)
    refine(doc, frames)
    doc._.cw_frames = frames
    return doc
