"""events: event mentions in each sentence: trigger, PLOVER type, participants, modality."""

from __future__ import annotations

from crosswire.events.frames import Frame, find_frames, frames_in
from crosswire.events.lexicon import Trigger, lookup
from crosswire.events.ontology import LEGACY_TYPES, event_types, quad_code, score

__all__ = [
    "LEGACY_TYPES",
    "Frame",
    "Trigger",
    "event_types",
    "find_frames",
    "frames_in",
    "lookup",
    "quad_code",
    "score",
]
