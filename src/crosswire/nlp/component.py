"""The shared encoder as a spaCy component (accurate profile): writes ``doc._.cw_vectors``, the
encoder's vectors of every sentence that the events stage reads (index: the sentence's first
token). Sentences the events stage skips (over ``nlp.max_sentence_tokens`` tokens, past
``nlp.max_sentences``) are not encoded."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

import crosswire.nlp  # noqa: F401  (registers the Doc extensions)
from crosswire.nlp.encoder import shared_encoder

ENCODER = "crosswire_encoder"


@Language.factory(ENCODER, default_config={"precision": "int8"})
def make_encoder(nlp: Language, name: str, precision: str) -> Callable[[Doc], Doc]:
    def encoder_component(doc: Doc) -> Doc:
        return encode_doc(doc, precision)

    return encoder_component


def encode_doc(doc: Doc, precision: str = "int8") -> Doc:
    """Encode the sentences of ``doc`` that the events stage reads."""
    limits = doc._.cw_limits
    sentences = []
    for number, sentence in enumerate(doc.sents):
        if limits is not None and number >= limits.max_sentences:
            break
        if limits is None or len(sentence) <= limits.max_sentence_tokens:
            sentences.append(sentence)
    encoded = shared_encoder(precision).encode([[t.text for t in s] for s in sentences])
    doc._.cw_vectors = {s.start: e for s, e in zip(sentences, encoded, strict=True)}
    return doc
