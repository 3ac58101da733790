"""events: event mentions in each sentence: trigger, PLOVER type, participants, modality.

Names load on first use (``crosswire.lazy``): linking and the read commands use the ontology
without importing spaCy."""

from __future__ import annotations

from crosswire.lazy import lazy_exports

_OWNERS = {
    "Frame": "frames",
    "find_frames": "frames",
    "frames_in": "frames",
    "Trigger": "lexicon",
    "lookup": "lexicon",
    "LEGACY_TYPES": "ontology",
    "event_types": "ontology",
    "quad_code": "ontology",
    "score": "ontology",
}
__all__ = sorted(_OWNERS)
__getattr__ = lazy_exports(__name__, _OWNERS)
