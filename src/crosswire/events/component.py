"""The events stage as a spaCy component: writes ``doc._.cw_frames``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

import crosswire.nlp  # noqa: F401  (registers the Doc extensions)
from crosswire.events.decide import decide
from crosswire.events.frames import find_frames
from crosswire.events.refine import refine

COMPONENT = "crosswire_events"


@Language.component(COMPONENT)
def events_component(doc: Doc) -> Doc:
    limits = doc._.cw_limits  # set by crosswire.coding; None when called on a bare Doc
    cap = limits.max_sentences if limits is not None else None
    longest = limits.max_sentence_tokens if limits is not None else None
    frames = find_frames(doc, cap, longest)
    if limits is not None:
        lengths = [len(s) for s in doc.sents]
        if len(lengths) > limits.max_sentences:
            doc._.cw_notes.append(("events", f"coded the first {cap} of {len(lengths)} sentences"))
        if skipped := sum(n > limits.max_sentence_tokens for n in lengths[: limits.max_sentences]):
            doc._.cw_notes.append(("events", f"skipped {skipped} sentences over {longest} tokens"))
    vectors = doc._.cw_vectors  # the shared encoder's, in the accurate profile
    if vectors is not None:
        frames = decide(doc, frames, vectors)
    else:
        refine(doc, frames)
    doc._.cw_frames = frames
    return doc
